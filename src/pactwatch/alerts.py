"""What changed in the merged agreements, as alerts a person can subscribe to.

An ingest changes the merged records; comparing a snapshot of them taken before with one taken
after says what a reader would want to hear about: a new agreement, a ratification, entry into
force, an end, a changed status, sources that now disagree. ``notice_due`` looks at the calendar
instead: an agreement's notice deadline (the last day to give notice before it renews) coming
within some days.

An alert is a plain JSON-able dict (see ``new_alert``) whose id hashes its kind, record, field and new
value, so the same change is the same alert however often it is detected: the store keeps each id
once (``pactwatch.store.watch``) and a re-ingest alerts no one. Record ids hash the record's shown
identity and change when an article adds a title or a signing year, so ``detect`` pairs a vanished
id with the new record sharing most of its articles before calling anything new.

>>> before = {}
>>> after = {"agr-1": {"id": "agr-1", "title": "Caspian Shield Agreement", "parties": ["AZE", "GEO"],
...          "domain": "security", "status": "signed", "signed": "2020-03-01", "documents": ["a1"]}}
>>> [(a["kind"], a["summary"]) for a in detect(before, after, now="2026-11-02T08:00:00Z")]
[('new_agreement', 'New agreement: Caspian Shield Agreement (Azerbaijan, Georgia), signed 2020-03-01')]
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Connection, column, select, table

from pactwatch.calendar_days import check_day, date_bounds
from pactwatch.gazetteer import actor_name
from pactwatch.merge import lifecycle_of, refines

ALERT_KINDS = ("new_agreement", "status_changed", "ratified", "in_force", "terminated", "notice_due", "conflict")
ENDED_STATUSES = ("terminated", "expired")
LIFECYCLE_KEYS = ("signed", "ratified", "in_force", "duration_years", "renewal", "termination_notice_months",
                  "status", "ended")
Alert = dict[str, Any]
Snapshot = dict[str, dict[str, Any]]
Moment = datetime | str | None

_MERGED = table("merged_agreements", column("record", JSON))  # the one column a snapshot reads


# --- snapshots -------------------------------------------------------------------------------------

def snapshot(conn: Connection) -> Snapshot:
    """The merged agreements as ``detect`` compares them, by record id: one query over the merged
    table (the store's ``merged_agreements.record``), nothing per record."""
    return snapshot_of(conn.execute(select(_MERGED.c.record)).scalars())


def snapshot_of(records: Iterable[Mapping[str, Any]]) -> Snapshot:
    """``snapshot`` over records already read (the merge's ``to_json`` shape)."""
    return {record["id"]: entry(record) for record in records}


def entry(record: Mapping[str, Any]) -> dict[str, Any]:
    """What a snapshot keeps of one record: the shown values, the lifecycle inputs, the articles,
    the provisions and obligation kinds (what a rule's ``kind`` filter reads), and per field its
    values with their first evidence sentence and whether they conflict."""
    out = {key: record.get(key) for key in ("id", "title", "domain", *LIFECYCLE_KEYS)}
    out["parties"] = list(record.get("parties") or [])
    out["ratified"] = dict(record.get("ratified") or {})
    out["documents"] = sorted(record.get("documents") or [])
    kinds = {o.get("kind") for o in record.get("obligations") or [] if o.get("kind")}
    out["provisions"] = sorted(set(record.get("provisions") or []) | kinds)
    out["fields"] = {name: {"shown": f.get("shown"), "conflict": bool(f.get("conflict")),
                            "values": [{"value": v.get("value"), "evidence": _first_sentence(v)}
                                       for v in f.get("values") or []]}
                     for name, f in (record.get("fields") or {}).items()}
    return out


def _first_sentence(value: Mapping[str, Any]) -> dict[str, Any] | None:
    for ev in value.get("evidence") or []:
        if ev.get("quote"):
            return {"quote": ev["quote"], "article_id": ev.get("article_id"), "source": None}
    return None


# --- detecting changes -----------------------------------------------------------------------------

def detect(before: Snapshot, after: Snapshot, *, now: Moment = None) -> list[Alert]:
    """The alerts that turn ``before`` into ``after``, in record order. A record matching no earlier
    one gives one ``new_agreement`` (its status, ratifications and dates are in it); a record seen
    before gives ``status_changed``, ``ratified`` (one per party), ``in_force``, ``terminated`` and
    ``conflict`` for what appeared since."""
    at = stamp(now)
    earlier = pair_records(before, after)
    alerts: list[Alert] = []
    for record_id in sorted(after):
        new, old_id = after[record_id], earlier.get(record_id)
        if old_id is None:
            alerts.append(_new_agreement(new, at))
        else:
            alerts += changes_of(before[old_id], new, at)
    return alerts


def pair_records(before: Snapshot, after: Snapshot) -> dict[str, str]:
    """Each record of ``after`` and the record of ``before`` it continues: the same id, else a
    vanished id sharing articles with it (most shared first, one to one)."""
    pairs = {rid: rid for rid in after if rid in before}
    vanished = {rid: set(before[rid].get("documents") or []) for rid in before if rid not in after}
    candidates = sorted(((len(docs & set(after[rid].get("documents") or [])), rid, old)
                         for rid in after if rid not in before for old, docs in vanished.items()),
                        key=lambda c: (-c[0], c[1], c[2]))
    taken: set[str] = set()
    for shared, rid, old in candidates:
        if shared and rid not in pairs and old not in taken:
            pairs[rid] = old
            taken.add(old)
    return pairs


def changes_of(old: Mapping[str, Any], new: Mapping[str, Any], at: str) -> list[Alert]:
    """The alerts between two states of one record."""
    out: list[Alert] = []
    if old.get("status") != new.get("status") and new.get("status"):
        out.append(_status_changed(old, new, at))
    for party in sorted(set(new.get("ratified") or {}) - set(old.get("ratified") or {})):
        out.append(_ratified(new, party, at))
    if _entered_into_force(old, new):
        out.append(_in_force(new, at))
    if _ended(old, new):
        out.append(_terminated(new, at))
    out += _conflicts(old, new, at)
    return out


def _entered_into_force(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    was = old.get("in_force") or old.get("status") == "in_force"
    return not was and bool(new.get("in_force") or new.get("status") == "in_force")


def _ended(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    was = old.get("ended") or old.get("status") in ENDED_STATUSES
    return not was and bool(new.get("ended") or new.get("status") in ENDED_STATUSES)


def _conflicts(old: Mapping[str, Any], new: Mapping[str, Any], at: str) -> list[Alert]:
    """One alert per value a field gained that contradicts a value the field had before (a more
    precise date or a longer title refines, it does not contradict)."""
    out = []
    for name, merged in sorted((new.get("fields") or {}).items()):
        before = (old.get("fields") or {}).get(name)
        if not merged["conflict"] or not before or not before["values"]:
            continue
        known = [v["value"] for v in before["values"]]
        for value in merged["values"]:
            fresh = value["value"] not in known
            if fresh and any(not (refines(k, value["value"]) or refines(value["value"], k)) for k in known):
                out.append(_conflict(new, name, before["shown"], value, at))
    return out


# --- the alerts ------------------------------------------------------------------------------------

def new_alert(kind: str, record: Mapping[str, Any], *, at: str, day: str | None, summary: str,
              field: str | None = None, old: Any = None, new: Any = None, party: str | None = None,
              evidence: Mapping[str, Any] | None = None) -> Alert:
    """An alert in the shape every consumer reads (the log, webhooks, the API, the Atom feed)."""
    if kind not in ALERT_KINDS:
        raise ValueError(f"unknown alert kind {kind!r}: choose one of {', '.join(ALERT_KINDS)}")
    return {"id": alert_id(kind, record["id"], field, new), "kind": kind, "at": at, "day": day or at[:10],
            "record_id": record["id"], "record_kind": "agreement", "title": display_title(record),
            "parties": list(record.get("parties") or []), "domain": record.get("domain"), "field": field,
            "old": old, "new": new, "party": party, "summary": summary,
            "evidence": dict(evidence) if evidence else None, "provisions": list(record.get("provisions") or []),
            "url": f"/agreements/{record['id']}"}


def alert_id(kind: str, record_id: str, field: str | None, new: Any) -> str:
    """``chg-`` and 16 hex digits of the change's identity: the same change, the same id."""
    key = json.dumps([kind, record_id, field, new], sort_keys=True, default=str)
    return f"chg-{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def _new_agreement(record: Mapping[str, Any], at: str) -> Alert:
    status, signed = record.get("status"), record.get("signed")
    said = f", {_words(status)}" if status else ""
    said += f" {signed}" if signed and status == "signed" else (f" (signed {signed})" if signed else "")
    summary = f"New agreement: {display_title(record)} ({_names(record)}){said}"
    evidence = _evidence(record, "title") or _evidence(record, "parties") or _evidence(record, "signed")
    return new_alert("new_agreement", record, at=at, day=_day(signed), summary=summary, new=status,
                     evidence=evidence)


def _status_changed(old: Mapping[str, Any], new: Mapping[str, Any], at: str) -> Alert:
    status = new["status"]
    summary = f"{display_title(new)}: status {_words(old.get('status') or 'unknown')} -> {_words(status)}"
    return new_alert("status_changed", new, at=at, day=_status_day(new), summary=summary, field="status",
                     old=old.get("status"), new=status, evidence=_evidence(new, "status", status))


def _ratified(record: Mapping[str, Any], party: str, at: str) -> Alert:
    when = (record.get("ratified") or {}).get(party)
    parties = record.get("parties") or []
    last = len(parties) > 1 and set(parties) <= set(record.get("ratified") or {})
    summary = f"{actor_name(party)} ratified {_the(display_title(record))}" + (f" ({when})" if when else "")
    if last:
        summary += f"; every party ({len(parties)}) has now ratified it"
    return new_alert("ratified", record, at=at, day=_day(when), summary=summary, field=f"ratified.{party}",
                     new=when, party=party, evidence=_evidence(record, f"ratified.{party}", when))


def _in_force(record: Mapping[str, Any], at: str) -> Alert:
    when = record.get("in_force")
    if when:
        summary = f"{display_title(record)} entered into force ({when})"
        return new_alert("in_force", record, at=at, day=_day(when), summary=summary, field="in_force", new=when,
                         evidence=_evidence(record, "in_force", when))
    summary = f"{display_title(record)} is reported in force (no date given)"
    return new_alert("in_force", record, at=at, day=None, summary=summary, field="status", new="in_force",
                     evidence=_evidence(record, "status", "in_force"))


def _terminated(record: Mapping[str, Any], at: str) -> Alert:
    when, status = record.get("ended"), record.get("status")
    how = status if status in ENDED_STATUSES else "ended"
    if when:
        summary = f"{display_title(record)} {how} ({when})"
        return new_alert("terminated", record, at=at, day=_day(when), summary=summary, field="ended", new=when,
                         evidence=_evidence(record, "ended", when))
    summary = f"{display_title(record)} is reported {how}"
    return new_alert("terminated", record, at=at, day=None, summary=summary, field="status", new=status,
                     evidence=_evidence(record, "status", status))


def _conflict(record: Mapping[str, Any], name: str, shown: Any, value: Mapping[str, Any], at: str) -> Alert:
    summary = (f"{display_title(record)}: sources disagree on {name} "
               f"({_plain(shown)} or {_plain(value['value'])})")
    return new_alert("conflict", record, at=at, day=None, summary=summary, field=name, old=shown,
                     new=value["value"], evidence=value.get("evidence"))


# --- notice deadlines ------------------------------------------------------------------------------

def notice_due(records: Iterable[Mapping[str, Any]], today: date | str, within_days: int, *,
               now: Moment = None) -> list[Alert]:
    """``notice_due`` alerts for the records whose notice deadline (the last day to give notice
    before the current term ends and renews, ``pactwatch.lifecycle``) falls in [today, today +
    within_days]. The deadline is in the alert's id, so each deadline alerts once."""
    first = date.fromisoformat(check_day("today", today) or "")
    if isinstance(within_days, bool) or not isinstance(within_days, int) or within_days < 0:
        raise ValueError(f"within_days must be a whole number of days, 0 or more, not {within_days!r}")
    last = (first + timedelta(days=within_days)).isoformat()
    at = stamp(now)
    out = []
    for record in sorted(records, key=lambda r: r["id"]):
        life = lifecycle_of(dict(record), first)
        deadline = life.notice_deadline
        if deadline and first.isoformat() <= deadline <= last:
            out.append(_notice(record, deadline, life.next_renewal, at))
    return out


def _notice(record: Mapping[str, Any], deadline: str, renewal: str | None, at: str) -> Alert:
    months = record.get("termination_notice_months")
    notice = f"give {months:g} months' notice" if isinstance(months, int | float) else "give notice"
    summary = f"{display_title(record)}: last day to {notice} is {deadline}"
    if renewal:
        summary += f" (renews automatically {renewal})"
    evidence = _evidence(record, "termination_notice_months") or _evidence(record, "renewal")
    return new_alert("notice_due", record, at=at, day=deadline, summary=summary, field="notice_deadline",
                     new=deadline, evidence=evidence)


# --- filtering (an [[alert]] rule) -----------------------------------------------------------------

def matches(alert: Mapping[str, Any], *, when: Sequence[str] | str | None = None,
            party: Sequence[str] | str | None = None, domain: Sequence[str] | str | None = None,
            kind: Sequence[str] | str | None = None) -> bool:
    """Whether an alert passes a rule's filters (an empty filter passes everything): ``when`` its
    alert kind, ``party`` any of the record's parties, ``domain`` the record's domain, ``kind`` any of
    the record's provisions or obligation kinds (carried on the alert as ``provisions``)."""
    if when and alert.get("kind") not in _listed(when):
        return False
    if party and not {p.upper() for p in alert.get("parties") or []} & {p.strip().upper() for p in _listed(party)}:
        return False
    if domain and alert.get("domain") not in _listed(domain):
        return False
    return not kind or bool(set(alert.get("provisions") or []) & set(_listed(kind)))


def check_kinds(kinds: Iterable[str], name: str = "when") -> list[str]:
    """The alert kinds given, or ValueError naming the wrong one and the allowed ones."""
    out = list(_listed(kinds))
    for kind in out:
        if kind not in ALERT_KINDS:
            raise ValueError(f"unknown alert kind {kind!r} in {name}: choose from {', '.join(ALERT_KINDS)}")
    return out


def _listed(value: Sequence[str] | str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


# --- small helpers ---------------------------------------------------------------------------------

def stamp(now: Moment = None) -> str:
    """``now`` (default: the clock) as ``YYYY-MM-DDTHH:MM:SSZ`` in UTC; a naive time counts as UTC."""
    if now is None:
        now = datetime.now(UTC)
    elif isinstance(now, str):
        now = parse_moment("now", now)
    now = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_moment(name: str, value: str) -> datetime:
    """An ISO day or time (``2026-11-01``, ``2026-11-01T08:00:00Z``, with any offset); ValueError
    naming ``name`` otherwise."""
    try:
        return datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{name} must be an ISO day or time like 2026-11-01 or 2026-11-01T08:00:00Z, "
                         f"not {value!r}") from None


def check_since(since: date | datetime | str | None) -> str | None:
    """A ``since`` filter as the stored ``at`` form (UTC, ``...Z``), so comparing strings compares times."""
    if since is None or since == "":
        return None
    if isinstance(since, date) and not isinstance(since, datetime):
        since = since.isoformat()
    return stamp(since if isinstance(since, datetime) else parse_moment("since", since))


def display_title(record: Mapping[str, Any]) -> str:
    """The record's title, else what it is: "AZE–GEO security agreement"."""
    title = record.get("title")
    if title:
        return str(title)
    return f"{'–'.join(record.get('parties') or [])} {_words(record.get('domain') or '')} agreement".replace("  ", " ")


def _names(record: Mapping[str, Any]) -> str:
    return ", ".join(actor_name(code) for code in record.get("parties") or [])


def _words(code: str) -> str:
    """A status code as words: "in_force" -> "in force"."""
    return code.replace("_", " ")


def _the(title: str) -> str:
    return title if title.lower().startswith("the ") else f"the {title}"


def _plain(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


def _day(value: Any) -> str | None:
    """A full ISO day, else None (the alert then concerns the day it was detected)."""
    bounds = date_bounds(value) if isinstance(value, str) else None
    return value if bounds is not None and bounds[0] == bounds[1] and len(value) == 10 else None


def _status_day(record: Mapping[str, Any]) -> str | None:
    """The day the new status was reached, where the record says it."""
    status = record.get("status")
    if status == "signed":
        return _day(record.get("signed"))
    if status == "ratified":
        days = [d for d in (record.get("ratified") or {}).values() if _day(d)]
        return max(days) if days else None
    if status == "in_force":
        return _day(record.get("in_force"))
    return _day(record.get("ended")) if status in ENDED_STATUSES else None


def _evidence(record: Mapping[str, Any], name: str, value: Any = None) -> dict[str, Any] | None:
    """The first sentence behind ``value`` of field ``name`` (any value's when ``value`` is None)."""
    merged = (record.get("fields") or {}).get(name)
    for v in (merged or {}).get("values") or []:
        if (value is None or v.get("value") == value) and v.get("evidence"):
            found = v["evidence"]  # a snapshot's one sentence, or a full record's list of them
            return dict(found) if isinstance(found, Mapping) else _first_sentence(v)
    return None
