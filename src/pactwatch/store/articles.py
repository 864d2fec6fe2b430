"""Reading articles, actors, duplicate clusters and refusals back as the KB API's plain dicts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, select

from pactwatch.store import models as m
from pactwatch.store.queries import agreement_summary, contains_code, event_summary
from pactwatch.store.search import text_match
from pactwatch.store.sources import shown, shown_reason, shown_source

ACTOR_LIST_CAP = 200  # an actor page lists at most this many agreements and events; totals say how many


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
    """Articles in id order; ``q`` is a word search over titles and texts (see ``text_match``)."""
    a = m.Article.__table__
    query = _with_search(_summary_query(), q).order_by(a.c.id)
    return [shown(_summary(r)) for r in conn.execute(paged(query, limit, offset))]


def count_articles(conn: Connection, q: str | None = None) -> int:
    a = m.Article.__table__
    query = _with_search(select(a.c.id), q)
    return int(conn.execute(select(func.count()).select_from(query.subquery())).scalar_one())


def _with_search(query: Any, q: str | None) -> Any:
    condition = text_match("articles", q)
    return query if condition is None else query.where(condition)


def paged(query: Any, limit: int | None, offset: int) -> Any:
    """``query`` from ``offset`` (negative counts as 0), at most ``limit`` rows (None: all)."""
    query = query.offset(max(0, int(offset)))
    return query if limit is None else query.limit(max(0, int(limit)))


def window(items: list[Any], limit: int | None, offset: int) -> list[Any]:
    """The same page of a list computed in Python."""
    first = max(0, int(offset))
    return items[first:] if limit is None else items[first:first + max(0, int(limit))]


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
    return shown(out)


def _multi_clusters() -> Any:
    a = m.Article.__table__
    return select(a.c.cluster_id).group_by(a.c.cluster_id).having(func.count() > 1)


def duplicates(conn: Connection, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Clusters of more than one article (exact, near or reworded copies), by cluster id; a page
    counts clusters, each with all its articles."""
    a = m.Article.__table__
    page = conn.execute(paged(_multi_clusters().order_by(a.c.cluster_id), limit, offset)).scalars().all()
    if not page:
        return []
    rows = conn.execute(select(a.c.id, a.c.title, a.c.cluster_id, a.c.cluster_kind)
                        .where(a.c.cluster_id.in_(page)).order_by(a.c.cluster_id, a.c.id)).all()
    clusters: dict[str, dict[str, Any]] = {}
    for r in rows:
        cluster = clusters.setdefault(r.cluster_id, {"cluster_id": r.cluster_id, "articles": [],
                                                     "kind": r.cluster_kind or "exact"})
        cluster["articles"].append({"id": r.id, "title": r.title})
    return list(clusters.values())


def count_duplicates(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(_multi_clusters().subquery())).scalar_one())


def refused(conn: Connection, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Recorded refusals, newest first."""
    t = m.Refusal.__table__
    query = select(t.c.source, t.c.line, t.c.reason, t.c.at).order_by(t.c.at.desc(), t.c.source, t.c.line, t.c.id)
    return [{"source": shown_source(r.source), "line": r.line, "reason": shown_reason(r.reason), "at": iso_utc(r.at)}
            for r in conn.execute(paged(query, limit, offset))]


def count_refused(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(m.Refusal.__table__)).scalar_one())


def iso_utc(moment: datetime) -> str:
    """Seconds-precision ISO time in UTC, the same on SQLite (naive) and PostgreSQL (aware)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds")


def _actor_counts(conn: Connection) -> tuple[dict[str, int], dict[str, int]]:
    """How many merged agreements and events name each code."""
    n_agreements: dict[str, int] = {}
    n_events: dict[str, int] = {}
    for parties in conn.execute(select(m.MergedAgreement.__table__.c.parties)).scalars():
        for code in filter(None, parties.split(",")):
            n_agreements[code] = n_agreements.get(code, 0) + 1
    for participants in conn.execute(select(m.MergedEvent.__table__.c.participants)).scalars():
        for code in filter(None, participants.split(",")):
            n_events[code] = n_events.get(code, 0) + 1
    return n_agreements, n_events


def actors(conn: Connection, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Actors that are a party or participant, by code, with how many agreements and events name them."""
    from pactwatch.gazetteer import actor_name

    n_agreements, n_events = _actor_counts(conn)
    codes = window(sorted(set(n_agreements) | set(n_events)), limit, offset)
    return [{"code": c, "name": actor_name(c), "n_agreements": n_agreements.get(c, 0), "n_events": n_events.get(c, 0)}
            for c in codes]


def count_actors(conn: Connection) -> int:
    n_agreements, n_events = _actor_counts(conn)
    return len(set(n_agreements) | set(n_events))


def actor(conn: Connection, code: str, cap: int = ACTOR_LIST_CAP) -> dict[str, Any] | None:
    """An actor's agreements and events (the first ``cap`` of each, with their totals) and partners;
    None when no record names exactly this code (``%``, ``_`` and NUL are plain characters)."""
    from pactwatch.gazetteer import actor_kind, actor_name

    code = code.strip().upper()
    ta, te = m.MergedAgreement.__table__, m.MergedEvent.__table__
    agreements_total = _count_where(conn, ta, contains_code(ta.c.parties, code))
    events_total = _count_where(conn, te, contains_code(te.c.participants, code))
    if not agreements_total and not events_total:
        return None
    agreement_records = conn.execute(select(ta.c.record).where(contains_code(ta.c.parties, code))
                                     .order_by(ta.c.signed.is_(None), ta.c.signed, ta.c.id).limit(cap)).scalars().all()
    event_records = conn.execute(select(te.c.record).where(contains_code(te.c.participants, code))
                                 .order_by(te.c.date.is_(None), te.c.date, te.c.id).limit(cap)).scalars().all()
    return {"code": code, "name": actor_name(code), "kind": actor_kind(code),
            "agreements": [agreement_summary(r) for r in agreement_records], "agreements_total": agreements_total,
            "events": [event_summary(r) for r in event_records], "events_total": events_total,
            "partners": _partners(conn, code)}


def _count_where(conn: Connection, table: Any, condition: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(table).where(condition)).scalar_one())


def _partners(conn: Connection, code: str) -> list[dict[str, Any]]:
    """Every code that shares an agreement with ``code``, most agreements first (over all of them,
    not only the capped list)."""
    from pactwatch.gazetteer import actor_name

    ta = m.MergedAgreement.__table__
    partners: dict[str, int] = {}
    for parties in conn.execute(select(ta.c.parties).where(contains_code(ta.c.parties, code))).scalars():
        for other in filter(None, parties.split(",")):
            if other != code:
                partners[other] = partners.get(other, 0) + 1
    return [{"code": p, "name": actor_name(p), "n_agreements": n}
            for p, n in sorted(partners.items(), key=lambda kv: (-kv[1], kv[0]))]
