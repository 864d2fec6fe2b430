"""Reading articles, actors, duplicate clusters and refusals back as the KB API's plain dicts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, select

from pactwatch.store import models as m
from pactwatch.store.queries import agreement_summary, contains_code, contains_text, event_summary


def _summary_query() -> Any:
    a = m.Article.__table__
    fa, fe = m.FactAgreement.__table__, m.FactEvent.__table__
    n_agreements = select(func.count()).where(fa.c.article_id == a.c.id).scalar_subquery()
    n_events = select(func.count()).where(fe.c.article_id == a.c.id).scalar_subquery()
    return select(a.c.id, a.c.title, a.c.url, a.c.published, a.c.source, a.c.cluster_id,
                  n_agreements.label("n_agreements"), n_events.label("n_events"))


def _summary(row: Any) -> dict[str, Any]:
    return {"id": row.id, "title": row.title, "url": row.url, "published": row.published, "source": row.source,
            "cluster_id": row.cluster_id or row.id, "n_agreements": int(row.n_agreements),
            "n_events": int(row.n_events)}


def articles(conn: Connection, limit: int | None = 50, offset: int = 0, q: str | None = None) -> list[dict[str, Any]]:
    """Articles in id order; ``q`` looks in titles and texts (case-insensitive)."""
    a = m.Article.__table__
    query = _summary_query().order_by(a.c.id).offset(max(0, int(offset)))
    if q and q.strip():
        needle = q.strip()
        query = query.where(contains_text(func.lower(a.c.title), needle) | contains_text(func.lower(a.c.text), needle))
    if limit is not None:
        query = query.limit(max(0, int(limit)))
    return [_summary(r) for r in conn.execute(query)]


def article(conn: Connection, article_id: str) -> dict[str, Any] | None:
    """One article with its cleaned text, its cluster's members and its facts (the spans a page
    marks are found by ``pactwatch.highlights``, which uses the extractor's matchers)."""
    a = m.Article.__table__
    row = conn.execute(_summary_query().where(a.c.id == article_id)).first()
    if row is None:
        return None
    out = _summary(row)
    text = conn.execute(select(a.c.text).where(a.c.id == article_id)).scalar_one()
    members = conn.execute(select(a.c.id).where(a.c.cluster_id == out["cluster_id"]).order_by(a.c.id)).scalars()
    facts_table = m.ArticleFacts.__table__
    facts = conn.execute(select(facts_table.c.facts).where(facts_table.c.article_id == article_id)).scalar_one_or_none()
    out.update(text=text, duplicates=list(members) or [article_id], facts=facts)
    return out


def duplicates(conn: Connection) -> list[dict[str, Any]]:
    """Clusters of more than one article (exact, near or reworded copies)."""
    a = m.Article.__table__
    multi = select(a.c.cluster_id).group_by(a.c.cluster_id).having(func.count() > 1)
    rows = conn.execute(select(a.c.id, a.c.title, a.c.cluster_id, a.c.cluster_kind)
                        .where(a.c.cluster_id.in_(multi)).order_by(a.c.cluster_id, a.c.id)).all()
    clusters: dict[str, dict[str, Any]] = {}
    for r in rows:
        cluster = clusters.setdefault(r.cluster_id, {"cluster_id": r.cluster_id, "articles": [],
                                                     "kind": r.cluster_kind or "exact"})
        cluster["articles"].append({"id": r.id, "title": r.title})
    return list(clusters.values())


def refused(conn: Connection, limit: int | None = 100) -> list[dict[str, Any]]:
    """Recorded refusals, newest first."""
    t = m.Refusal.__table__
    query = select(t.c.source, t.c.line, t.c.reason, t.c.at).order_by(t.c.at.desc(), t.c.source, t.c.line)
    if limit is not None:
        query = query.limit(max(0, int(limit)))
    return [{"source": r.source, "line": r.line, "reason": r.reason, "at": iso_utc(r.at)} for r in conn.execute(query)]


def iso_utc(moment: datetime) -> str:
    """Seconds-precision ISO time in UTC, the same on SQLite (naive) and PostgreSQL (aware)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds")


def actors(conn: Connection) -> list[dict[str, Any]]:
    """Every actor that is a party or participant, with how many agreements and events name it."""
    from pactwatch.gazetteer import actor_name

    n_agreements: dict[str, int] = {}
    n_events: dict[str, int] = {}
    for parties in conn.execute(select(m.MergedAgreement.__table__.c.parties)).scalars():
        for code in filter(None, parties.split(",")):
            n_agreements[code] = n_agreements.get(code, 0) + 1
    for participants in conn.execute(select(m.MergedEvent.__table__.c.participants)).scalars():
        for code in filter(None, participants.split(",")):
            n_events[code] = n_events.get(code, 0) + 1
    return [{"code": c, "name": actor_name(c), "n_agreements": n_agreements.get(c, 0), "n_events": n_events.get(c, 0)}
            for c in sorted(set(n_agreements) | set(n_events))]


def actor(conn: Connection, code: str) -> dict[str, Any] | None:
    """An actor's agreements, events and partners; None when no record names it."""
    from pactwatch.gazetteer import actor_kind, actor_name

    code = code.strip().upper()
    ta, te = m.MergedAgreement.__table__, m.MergedEvent.__table__
    agreement_records = conn.execute(select(ta.c.record).where(contains_code(ta.c.parties, code))
                                     .order_by(ta.c.signed.is_(None), ta.c.signed, ta.c.id)).scalars().all()
    event_records = conn.execute(select(te.c.record).where(contains_code(te.c.participants, code))
                                 .order_by(te.c.date.is_(None), te.c.date, te.c.id)).scalars().all()
    if not agreement_records and not event_records:
        return None
    partners: dict[str, int] = {}
    for record in agreement_records:
        for other in record["parties"]:
            if other != code:
                partners[other] = partners.get(other, 0) + 1
    return {"code": code, "name": actor_name(code), "kind": actor_kind(code),
            "agreements": [agreement_summary(r) for r in agreement_records],
            "events": [event_summary(r) for r in event_records],
            "partners": [{"code": p, "name": actor_name(p), "n_agreements": n}
                         for p, n in sorted(partners.items(), key=lambda kv: (-kv[1], kv[0]))]}
