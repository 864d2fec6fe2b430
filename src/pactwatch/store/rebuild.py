"""Rebuilding what the collection says from what each article says: duplicate clusters, then the
merged agreements and events with their links to articles.

Run inside the same write transaction as the batch that changed the articles, so a committed
database is never stale: the merged tables always follow from the stored facts and clusters.
Simple and correct first: everything is re-clustered (from stored fingerprints, texts read only
for candidate pairs) and re-merged, which takes seconds for thousands of articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Connection, delete, insert, select, union, update

from pactwatch.facts import Agreement, Event
from pactwatch.store import models as m
from pactwatch.store.search import replace_merged_index
from pactwatch.store.write import code_list


@dataclass(frozen=True)
class RebuildCounts:
    agreements: int
    events: int


def rebuild(conn: Connection, new_ids: list[str] | None = None) -> RebuildCounts:
    """Re-cluster (every article, or with ``new_ids`` only what the new articles join), then
    re-merge every agreement and event."""
    recluster(conn, new_ids)
    return remerge(conn)


def recluster(conn: Connection, new_ids: list[str] | None = None) -> dict[str, str]:
    """Store each article's duplicate cluster id and kind; returns article id -> cluster id.

    With ``new_ids`` (an ingest batch), the other articles' stored clusters are kept and only pairs
    with a new article are confirmed (``extend_clusters``): the cost of a batch then follows the
    batch, not the collection."""
    from pactwatch.dedup import cluster_fingerprints, extend_clusters, fingerprints, salient_fingerprints

    table = m.Article.__table__
    rows = conn.execute(select(table.c.id, table.c.fingerprint, table.c.salient_fingerprint, table.c.cluster_id,
                               table.c.cluster_kind).order_by(table.c.id)).all()
    if not rows:
        return {}
    texts: dict[str, str] = {}

    def text_of(article_id: str) -> str:
        if article_id not in texts:
            texts[article_id] = conn.execute(select(table.c.text).where(table.c.id == article_id)).scalar_one()
        return texts[article_id]

    ids = [r.id for r in rows]
    fps = _stacked([r.fingerprint for r in rows], ids, lambda chunk: fingerprints(chunk), text_of)
    salient = _stacked([r.salient_fingerprint for r in rows], ids, lambda chunk: salient_fingerprints(chunk), text_of)
    if new_ids is None:
        result = cluster_fingerprints(ids, fps, text_of, salient_fps=salient)
    else:
        fresh = set(new_ids)
        stored = {r.id: (r.cluster_id or r.id, r.cluster_kind or "single") for r in rows if r.id not in fresh}
        result = extend_clusters(ids, fps, salient, text_of, stored)
    for r in rows:
        cluster = result.cluster_of.get(r.id, r.id)
        kind = result.kind.get(cluster, "single")
        if (r.cluster_id, r.cluster_kind) != (cluster, kind):
            conn.execute(update(table).where(table.c.id == r.id).values(cluster_id=cluster, cluster_kind=kind))
    return dict(result.cluster_of)


def _stacked(blobs: list[bytes | None], ids: list[str], compute: Any, text_of: Any) -> np.ndarray:
    """The stored fingerprints as one array. Where any is missing or widths differ (only after the
    fingerprint settings changed), all are recomputed from the texts."""
    widths = {len(b) for b in blobs if b}
    if len(widths) != 1 or not all(blobs):
        return compute([text_of(i) for i in ids])
    return np.frombuffer(b"".join(b for b in blobs if b), dtype="<u8").reshape(len(blobs), -1).astype(np.uint64)


def remerge(conn: Connection) -> RebuildCounts:
    """Replace the merged tables with a merge of every stored article's facts, reviewers' decisions
    applied (``pactwatch.store.reviews``)."""
    from pactwatch.merge import SourcedAgreement, SourcedEvent, merge_agreements, merge_events
    from pactwatch.store import reviews as review

    articles = m.Article.__table__
    facts = m.ArticleFacts.__table__
    with_facts = union(select(m.FactAgreement.__table__.c.article_id),
                       select(m.FactEvent.__table__.c.article_id)).subquery()
    # only the few articles that report something: most of a year of news reports nothing
    rows = conn.execute(select(articles.c.id, articles.c.cluster_id, articles.c.published, facts.c.facts)
                        .join(facts, facts.c.article_id == articles.c.id)
                        .where(articles.c.id.in_(select(with_facts.c.article_id)))
                        .order_by(articles.c.id)).all()
    sourced_agreements, sourced_events = [], []
    for r in rows:
        cluster = r.cluster_id or r.id
        for obj in r.facts.get("agreements") or []:
            sourced_agreements.append(SourcedAgreement(r.id, cluster, r.published, Agreement.from_json(obj)))
        for obj in r.facts.get("events") or []:
            sourced_events.append(SourcedEvent(r.id, cluster, r.published, Event.from_json(obj)))
    decisions = review.load_decisions(conn)
    agreements = [a.to_json() for a in merge_agreements(sourced_agreements, review.regrouper(decisions, "agreement"))]
    events = [e.to_json() for e in merge_events(sourced_events, review.regrouper(decisions, "event"))]
    review.apply_decisions(agreements, "agreement", decisions)  # reviewed values win, and last
    review.apply_decisions(events, "event", decisions)
    _replace_agreements(conn, agreements)
    _replace_events(conn, events)
    return RebuildCounts(len(agreements), len(events))


def _replace_agreements(conn: Connection, records: list[dict[str, Any]]) -> None:
    conn.execute(delete(m.AgreementArticle.__table__))
    conn.execute(delete(m.MergedAgreement.__table__))
    rows = [{"id": r["id"], "title": r["title"], "parties": code_list(r["parties"]), "domain": r["domain"],
             "status": r["status"], "provisions": code_list(r["provisions"] or []), "signed": r["signed"],
             "in_force": r["in_force"], "independent_sources": r["independent_sources"],
             "search_text": search_text(r), "record": r} for r in records]
    replace_merged_index(conn, "merged_agreements", rows)
    if not records:
        return
    conn.execute(insert(m.MergedAgreement.__table__), rows)
    conn.execute(insert(m.AgreementArticle.__table__),
                 [{"agreement_id": r["id"], "article_id": a} for r in records for a in r["documents"]])


def _replace_events(conn: Connection, records: list[dict[str, Any]]) -> None:
    conn.execute(delete(m.EventArticle.__table__))
    conn.execute(delete(m.MergedEvent.__table__))
    rows = [{"id": r["id"], "type": r["type"], "participants": code_list(r["participants"]), "date": r["date"],
             "independent_sources": r["independent_sources"], "search_text": search_text(r), "record": r}
            for r in records]
    replace_merged_index(conn, "merged_events", rows)
    if not records:
        return
    conn.execute(insert(m.MergedEvent.__table__), rows)
    conn.execute(insert(m.EventArticle.__table__),
                 [{"event_id": r["id"], "article_id": a} for r in records for a in r["documents"]])


def search_text(record: dict[str, Any]) -> str:
    """What free-text search (``q``) looks in: the title or item and every evidence quote, lower-cased
    (``pactwatch.store.search`` indexes it)."""
    words = [record.get("title") or "", record.get("item") or ""]
    words += [e.get("quote") or "" for e in record.get("evidence") or []]
    return "\n".join(w for w in words if w).lower()
