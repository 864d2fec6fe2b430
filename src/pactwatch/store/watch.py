"""What keeping watch stores: items seen per source, each source's last answer, the alerts, and
the state the alerts were last detected against.

Three tables (migration ``0006_watch``): ``watch_items`` makes every feed entry or file read once
(a restart, even after ``kill -9``, finds what was already ingested), ``watch_sources`` keeps what a
conditional GET needs next time (ETag, Last-Modified) and the last problem, and ``changes`` holds
each alert once, by its id, so detecting the same change again records nothing. A fourth
(``0007_compared``), ``compared_agreements``, is the baseline ``catch_up`` compares the merged
agreements with: recording the alerts and moving the baseline happen in one transaction, so an
ingest killed after storing its articles leaves the baseline behind and the next ``catch_up``
reports what it missed. A fifth (``0008_delivery_cursor``), ``watch_cursors``, says how far each
watch file has delivered ``changes`` (by ``seq``), so a round delivers what was recorded since,
whoever recorded it. Writers run inside
``pactwatch.store.engine.with_retries`` (the caller's transaction); times are ISO UTC strings.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from pactwatch.alerts import ALERT_KINDS, Moment, Snapshot, check_since, detect, snapshot, stamp
from pactwatch.store import models as m

OUTCOMES = ("ingested", "refused", "failed")
FILLED = ""  # the compared_agreements row saying the baseline was filled: no record has an empty id
CHUNK = 500


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


# --- the compared baseline ------------------------------------------------------------------------

def baseline_filled(conn: Connection) -> bool:
    """Whether ``compared_agreements`` holds a baseline (an empty knowledge base's is just the mark)."""
    t = m.ComparedAgreement.__table__
    return conn.execute(select(t.c.record_id).where(t.c.record_id == FILLED)).first() is not None


def fill_baseline(conn: Connection, *, now: Moment = None) -> bool:
    """Make the merged agreements as they stand the baseline, unless there is one; True when filled.

    A database from before ``0007_compared`` (or one whose alerts were never compared) has
    agreements but no baseline: comparing with nothing would call every one of them new."""
    if baseline_filled(conn):
        return False
    rows = [{"record_id": FILLED, "state": json.dumps({"filled_at": stamp(now)})}]
    rows += [{"record_id": rid, "state": state_text(e)} for rid, e in snapshot(conn).items()]
    _insert_states(conn, rows)
    return True


def compared(conn: Connection) -> dict[str, str]:
    """Record id -> the stored JSON of its entry, for every record of the baseline (not the mark)."""
    t = m.ComparedAgreement.__table__
    rows = conn.execute(select(t.c.record_id, t.c.state).where(t.c.record_id != FILLED))
    return {row.record_id: row.state for row in rows}


def catch_up(conn: Connection, *, now: Moment = None) -> list[dict[str, Any]]:
    """Detect the alerts between the baseline and the merged agreements now, record them and move
    the baseline to now, all in the caller's transaction; returns the alerts never recorded before.

    Run after every ingest, so it also reports what an earlier ingest stored and was killed before
    recording. Without a baseline it fills one and reports nothing (``fill_baseline``)."""
    if fill_baseline(conn, now=now):
        return []
    stored = compared(conn)
    after = snapshot(conn)
    found = detect({rid: json.loads(state) for rid, state in stored.items()}, after, now=now)
    new = record_changes(conn, with_sources(conn, found)) if found else []
    move_baseline(conn, stored, after)
    return new


def move_baseline(conn: Connection, stored: Mapping[str, str], after: Snapshot) -> int:
    """Write only what differs between the stored baseline and ``after``: insert the new records,
    update the changed ones, delete the vanished ones. Returns the rows written."""
    t = m.ComparedAgreement.__table__
    states = {rid: state_text(e) for rid, e in after.items()}
    added = [{"record_id": rid, "state": s} for rid, s in states.items() if rid not in stored]
    changed = [{"rid": rid, "new_state": s} for rid, s in states.items() if rid in stored and stored[rid] != s]
    gone = [rid for rid in stored if rid not in states]
    _insert_states(conn, added)
    if changed:
        conn.execute(update(t).where(t.c.record_id == bindparam("rid")).values(state=bindparam("new_state")),
                     changed)
    for start in range(0, len(gone), CHUNK):
        conn.execute(delete(t).where(t.c.record_id.in_(gone[start:start + CHUNK])))
    return len(added) + len(changed) + len(gone)


def state_text(entry: Mapping[str, Any]) -> str:
    """A snapshot entry as stored: JSON with sorted keys, so an unchanged record has the same text."""
    return json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _insert_states(conn: Connection, rows: list[dict[str, str]]) -> None:
    t = m.ComparedAgreement.__table__
    for start in range(0, len(rows), CHUNK):
        conn.execute(insert(t), rows[start:start + CHUNK])


# --- delivery cursors ----------------------------------------------------------------------------
# Every write transaction holds the database's write lock (``pactwatch.store.engine``), so changes
# are committed in ``seq`` order: a reader that saw seq N will never later find a new row below N.
# Nothing deletes from ``changes``, so no seq is ever used twice.

def changes_after(conn: Connection, seq: int, limit: int | None = None) -> list[tuple[int, dict[str, Any]]]:
    """(seq, alert) of the changes recorded after ``seq``, in the order recorded (oldest first)."""
    t = m.Change.__table__
    query = select(t.c.seq, t.c.alert).where(t.c.seq > int(seq)).order_by(t.c.seq)
    if limit is not None:
        query = query.limit(max(0, int(limit)))
    return [(row.seq, dict(row.alert)) for row in conn.execute(query)]


def last_seq(conn: Connection) -> int:
    """The seq of the newest recorded change; 0 when none was ever recorded."""
    t = m.Change.__table__
    return int(conn.execute(select(func.max(t.c.seq))).scalar_one() or 0)


def cursor(conn: Connection, name: str) -> int | None:
    """The last seq delivered by the watch ``name``; None for a watch that never delivered."""
    t = m.WatchCursor.__table__
    return conn.execute(select(t.c.seq).where(t.c.name_key == digest_key(name))).scalar_one_or_none()


def start_cursor(conn: Connection, name: str, at: str) -> int:
    """The cursor of ``name``, created at the newest change if it has none yet: a new watch on an
    old database announces what happens from now on, not the database's whole history."""
    existing = cursor(conn, name)
    if existing is not None:
        return existing
    seq = last_seq(conn)
    conn.execute(insert(m.WatchCursor.__table__).values(name_key=digest_key(name), name=name, seq=seq, moved_at=at))
    return seq


def move_cursor(conn: Connection, name: str, seq: int, at: str) -> int:
    """Move the cursor of ``name`` to ``seq`` (creating it if need be) and return where it stands.

    It only moves forward: two processes running the same watch file cannot make it go back and
    deliver again what one of them delivered."""
    t = m.WatchCursor.__table__
    key = digest_key(name)
    existing = cursor(conn, name)
    if existing is None:
        conn.execute(insert(t).values(name_key=key, name=name, seq=int(seq), moved_at=at))
        return int(seq)
    if seq > existing:
        conn.execute(update(t).where(t.c.name_key == key).values(seq=int(seq), moved_at=at))
        return int(seq)
    return existing


# --- reading alerts --------------------------------------------------------------------------------

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
