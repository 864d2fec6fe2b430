"""What keeping watch stores: items seen per source, each source's last answer, and the alerts.

Three tables (migration ``0006_watch``): ``watch_items`` makes every feed entry or file read once
(a restart, even after ``kill -9``, finds what was already ingested), ``watch_sources`` keeps what a
conditional GET needs next time (ETag, Last-Modified) and the last problem, and ``changes`` holds
each alert once, by its id, so detecting the same change again records nothing. Writers run inside
``pactwatch.store.engine.with_retries`` (the caller's transaction); times are ISO UTC strings.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from pactwatch.alerts import ALERT_KINDS, check_since
from pactwatch.store import models as m

OUTCOMES = ("ingested", "refused", "failed")


def digest_key(text: str) -> str:
    """The SHA-256 that keys a source or an item (URLs and paths may be of any length)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# --- items and sources -----------------------------------------------------------------------------

def seen_items(conn: Connection, source: str) -> dict[str, str | None]:
    """Item key -> digest of what was ingested, for every item seen from ``source``."""
    t = m.WatchItem.__table__
    rows = conn.execute(select(t.c.key, t.c.digest).where(t.c.source_key == digest_key(source)))
    return {row.key: row.digest for row in rows}


def mark_seen(conn: Connection, source: str, key: str, *, digest: str | None, article_id: str | None,
              outcome: str, fetched_at: str) -> None:
    """Record (or update) one item of ``source``; ``outcome`` is one of ``OUTCOMES``."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}: choose one of {', '.join(OUTCOMES)}")
    t = m.WatchItem.__table__
    where = (t.c.source_key == digest_key(source)) & (t.c.item_key == digest_key(key))
    values = {"digest": digest, "article_id": article_id, "outcome": outcome, "fetched_at": fetched_at}
    if conn.execute(select(t.c.item_key).where(where)).first() is None:
        conn.execute(insert(t).values(source_key=digest_key(source), item_key=digest_key(key), source=source,
                                      key=key, **values))
    else:
        conn.execute(update(t).where(where).values(**values))


def source_state(conn: Connection, source: str) -> dict[str, Any] | None:
    """``{"etag", "last_modified", "checked_at", "problem"}`` of ``source``'s last check; None before the first."""
    t = m.WatchSource.__table__
    row = conn.execute(select(t.c.etag, t.c.last_modified, t.c.checked_at, t.c.problem)
                       .where(t.c.source_key == digest_key(source))).first()
    return None if row is None else dict(row._mapping)


def save_source_state(conn: Connection, source: str, *, etag: str | None, last_modified: str | None,
                      checked_at: str, problem: str | None) -> None:
    t = m.WatchSource.__table__
    key = digest_key(source)
    values = {"etag": etag, "last_modified": last_modified, "checked_at": checked_at, "problem": problem}
    if conn.execute(select(t.c.source_key).where(t.c.source_key == key)).first() is None:
        conn.execute(insert(t).values(source_key=key, source=source, **values))
    else:
        conn.execute(update(t).where(t.c.source_key == key).values(**values))


# --- alerts ----------------------------------------------------------------------------------------

def record_changes(conn: Connection, alerts: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Store the alerts never stored before (by id) and return those, in the order given."""
    t = m.Change.__table__
    fresh: dict[str, dict[str, Any]] = {}
    for alert in alerts:
        fresh.setdefault(alert["id"], alert)
    if not fresh:
        return []
    known = set()
    ids = list(fresh)
    for start in range(0, len(ids), 500):
        known |= set(conn.execute(select(t.c.id).where(t.c.id.in_(ids[start:start + 500]))).scalars())
    new = [alert for alert_id, alert in fresh.items() if alert_id not in known]
    if new:
        conn.execute(insert(t), [{"id": a["id"], "kind": a["kind"], "at": a["at"], "day": a.get("day"),
                                  "record_id": a["record_id"], "alert": a} for a in new])
    return new


def changes(conn: Connection, since: Any = None, kind: str | None = None, limit: int | None = 50,
            offset: int = 0) -> list[dict[str, Any]]:
    """Recorded alerts detected at or after ``since`` (an ISO day or time), newest first."""
    t = m.Change.__table__
    query = _filtered(select(t.c.alert), since, kind).order_by(t.c.at.desc(), t.c.seq.desc())
    query = query.offset(max(0, int(offset)))
    if limit is not None:
        query = query.limit(max(0, int(limit)))
    return [dict(alert) for alert in conn.execute(query).scalars()]


def count_changes(conn: Connection, since: Any = None, kind: str | None = None) -> int:
    t = m.Change.__table__
    return int(conn.execute(_filtered(select(func.count()).select_from(t), since, kind)).scalar_one())


def _filtered(query: Any, since: Any, kind: str | None) -> Any:
    if kind is not None and kind not in ALERT_KINDS:
        raise ValueError(f"unknown kind {kind!r}: choose one of {', '.join(ALERT_KINDS)}")
    t = m.Change.__table__
    start = check_since(since)
    if start is not None:
        query = query.where(t.c.at >= start)
    if kind is not None:
        query = query.where(t.c.kind == kind)
    return query


def with_sources(conn: Connection, alerts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The alerts with each evidence sentence's source filled in: the article's URL, else its
    stored source (file path or upload label), in one query."""
    ids = sorted({a["evidence"]["article_id"] for a in alerts if a.get("evidence") and a["evidence"].get("article_id")})
    if not ids:
        return alerts
    t = m.Article.__table__
    sources = {row.id: row.url or row.source for row in conn.execute(select(t.c.id, t.c.url, t.c.source)
                                                                     .where(t.c.id.in_(ids)))}
    for alert in alerts:
        evidence = alert.get("evidence")
        if evidence and evidence.get("article_id") in sources:
            evidence["source"] = sources[evidence["article_id"]]
    return alerts
