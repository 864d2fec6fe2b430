"""Writing one batch: articles with their facts, refusals and runs, inside one write transaction.

Every statement here is safe to run twice: an article already stored (same id, same text) is
skipped, a refusal already recorded only gets its time updated. That is what makes a retried
transaction, a re-run after a crash and two concurrent ingests all end in the same rows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sqlalchemy import Connection, Table, delete, insert, select, update

from pactwatch.article import Article, Refusal
from pactwatch.facts import ArticleFacts
from pactwatch.store import models as m
from pactwatch.store.sources import shown_source


def utc_now() -> datetime:
    return datetime.now(UTC)


def content_hash(text: str) -> str:
    """SHA-256 of the cleaned text: with the id, what makes an article 'the same article'."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def code_list(codes: list[str]) -> str:
    """``["AZE", "TUR"]`` -> ``",AZE,TUR,"``: the substring ",AZE," finds a party exactly."""
    return "," + ",".join(sorted(set(codes))) + "," if codes else ""


@dataclass
class Extracted:
    """An article ready to store: its facts and its two fingerprints (computed outside the lock)."""

    article: Article
    facts: ArticleFacts
    fingerprint: np.ndarray
    salient_fingerprint: np.ndarray


@dataclass
class BatchOutcome:
    new: int = 0
    duplicates: int = 0
    refused: list[Refusal] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)


def insert_ignoring_conflicts(conn: Connection, table: Table, rows: list[dict[str, Any]], keys: list[str]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING on either backend."""
    if not rows:
        return
    stmt = _dialect_insert(conn, table).on_conflict_do_nothing(index_elements=keys)
    conn.execute(stmt, rows)


def _dialect_insert(conn: Connection, table: Table) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def stored_hashes(conn: Connection, ids: list[str]) -> dict[str, tuple[str, str]]:
    """id -> (content hash, source) for the ids already stored."""
    out: dict[str, tuple[str, str]] = {}
    table = m.Article.__table__
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = conn.execute(select(table.c.id, table.c.content_hash, table.c.source).where(table.c.id.in_(chunk)))
        out.update({r.id: (r.content_hash, r.source) for r in rows})
    return out


def store_batch(conn: Connection, run_id: int | None, items: list[Extracted], refusals: list[Refusal],
                extractor_version: str) -> BatchOutcome:
    """Store new articles with their facts and record refusals; duplicates add nothing."""
    outcome = BatchOutcome()
    known = stored_hashes(conn, [it.article.id for it in items])
    now = utc_now()
    for it in items:
        a = it.article
        digest = content_hash(a.text)
        if a.id in known:
            stored_hash, stored_source = known[a.id]
            if stored_hash == digest:
                outcome.duplicates += 1
            else:
                outcome.refused.append(Refusal(a.source, f"id {a.id!r} is already stored with a different text "
                                                         f"(read from {shown_source(stored_source)}); "
                                                         "rename one of them"))
            continue
        _insert_article(conn, it, digest, run_id, extractor_version, now)
        write_facts(conn, a.id, it.facts, extractor_version, now)
        known[a.id] = (digest, a.source)
        outcome.new += 1
        outcome.new_ids.append(a.id)
    record_refusals(conn, run_id, [*refusals, *outcome.refused], now)
    return outcome


def _insert_article(conn: Connection, it: Extracted, digest: str, run_id: int | None, version: str,
                    now: datetime) -> None:
    a = it.article
    row = {"id": a.id, "source": a.source, "url": a.url, "title": a.title, "published": a.published,
           "text": a.text, "content_hash": digest, "extractor_version": version, "cluster_id": a.id,
           "cluster_kind": "single", "fingerprint": it.fingerprint.astype("<u8").tobytes(),
           "salient_fingerprint": it.salient_fingerprint.astype("<u8").tobytes(), "run_id": run_id,
           "ingested_at": now}
    insert_ignoring_conflicts(conn, m.Article.__table__, [row], ["id"])


def write_facts(conn: Connection, article_id: str, facts: ArticleFacts, version: str, now: datetime) -> None:
    """Replace one article's facts: the JSON as extracted plus its per-agreement, per-event and
    per-evidence rows."""
    for model in (m.FactEvidence, m.FactAgreement, m.FactEvent, m.ArticleFacts):
        table = model.__table__
        conn.execute(delete(table).where(table.c.article_id == article_id))
    conn.execute(insert(m.ArticleFacts.__table__), [{"article_id": article_id, "facts": facts.to_json(),
                                                     "extractor_version": version, "extracted_at": now}])
    agreements, events, evidence = [], [], []
    for idx, a in enumerate(facts.agreements):
        obj = a.to_json()
        agreements.append({"article_id": article_id, "idx": idx, "parties": code_list(obj["parties"]),
                           "title": obj["title"], "domain": obj["domain"], "status": obj["status"],
                           "signed": obj["signed"], "agreement": obj})
        evidence += [{"article_id": article_id, "item_kind": "agreement", "item_idx": idx, "field": e.field,
                      "quote": e.quote, "start": e.start, "end": e.end} for e in a.evidence]
    for idx, e in enumerate(facts.events):
        obj = e.to_json()
        events.append({"article_id": article_id, "idx": idx, "type": obj["type"],
                       "participants": code_list(obj["participants"]), "date": obj["date"], "event": obj})
        if e.evidence is not None:
            evidence.append({"article_id": article_id, "item_kind": "event", "item_idx": idx, "field": "event",
                             "quote": e.evidence.quote, "start": e.evidence.start, "end": e.evidence.end})
    for model, rows in ((m.FactAgreement, agreements), (m.FactEvent, events), (m.FactEvidence, evidence)):
        if rows:
            conn.execute(insert(model.__table__), rows)


def record_refusals(conn: Connection, run_id: int | None, refusals: list[Refusal], now: datetime) -> None:
    """One row per distinct (source, line, reason); seeing it again updates its time and run."""
    if not refusals:
        return
    rows = {}
    for r in refusals:
        key = hashlib.sha256(f"{r.source}\0{r.line}\0{r.reason}".encode("utf-8", "surrogatepass")).hexdigest()
        rows[key] = {"key": key, "source": printable(r.source), "line": r.line, "reason": printable(r.reason),
                     "at": now, "run_id": run_id}
    stmt = _dialect_insert(conn, m.Refusal.__table__)
    stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={"at": stmt.excluded.at,
                                                                    "run_id": stmt.excluded.run_id})
    conn.execute(stmt, list(rows.values()))


def printable(value: str) -> str:
    """A string any backend stores: lone surrogates (undecodable file names) and NULs replaced."""
    return value.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")


def start_run(conn: Connection, command: str, paths: list[str]) -> int:
    result = conn.execute(insert(m.IngestRun.__table__).values(
        command=command, paths=paths, started_at=utc_now(), articles_read=0, articles_new=0, refused=0))
    return int(result.inserted_primary_key[0])


def finish_run(conn: Connection, run_id: int, read: int, new: int, refused: int) -> None:
    table = m.IngestRun.__table__
    conn.execute(update(table).where(table.c.id == run_id).values(
        finished_at=utc_now(), articles_read=read, articles_new=new, refused=refused))
