"""Reviewers in the loop: decisions on merged values, kept forever and re-applied after every re-merge.

A decision is one row of the ``reviews`` table: who, when, which record and field (and party, for
``parties``/``participants``/``ratified``), the action (``accept``, ``reject``, ``set``, ``merge``,
``split``), the old and new values and a note. Merged record ids hash a record's shown identity and
may change when articles arrive, so each decision also keeps the record's ``documents`` when it was
made; after a re-merge it applies to the record of its kind with that id if that record still shares
an article with it, else to the one sharing the most articles (none: the articles are gone, and so is
the decision's effect, though not its log entry).

How a decision shows on the merged record (``record["fields"][name]``):

- ``accept``: the accepted value is shown from then on, whatever new articles say;
- ``reject``: the rejected value is never shown again; the next best supported one is (or none);
- ``set``: the reviewer's value is shown;
- each of them adds ``"reviewed": {"by", "at", "action", "value"}`` (for ``reject``, ``value`` is
  the value rejected). When an article that arrived after the decision gives the field a value
  that disagrees with the reviewed one (neither refines the other), or repeats a rejected one, the
  field gets
  ``"needs_review": true`` and ``record["needs_review"]`` lists it: flagged, never overwritten.
- ``merge`` shows two records' mentions as one record; ``split`` takes an article's mentions out of
  a record into a record of their own. Both act on the groups before they are merged, so the merged
  record's values, sources and evidence are exact.

Confidence (``confidence`` on every value and on each field, for the shown value): a value stated
by a sentence cited for that very field counts each independent source (duplicate cluster) as
``DIRECT`` = 0.7 likely right; one with no sentence cited for it (a weaker path: a default such as
domain or status, or the sentence naming the agreement standing in for another field) as
``INDIRECT`` = 0.45. With ``s`` independent
sources behind the value and ``d`` behind values that disagree with it:
``confidence = (1 - (1 - q) ** s) * s / (s + d)``, rounded to 2 decimals. One direct source gives
0.7, two 0.91, three 0.97; one direct source against one other gives 0.35. A reviewed value
(accepted or set) has confidence 1.0, or 0.5 once new evidence disagrees with it.

The review queue lists unreviewed values (and reviewed ones new evidence disagrees with) that have a
reason for a human to look: re-review first, then lowest priority score first, where the score is
the confidence less 0.25 for an agreement whose notice deadline falls within a year (a lifecycle
consequence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, insert, select, table, update
from sqlalchemy import column as sql_column

from pactwatch.facts import DOMAINS, EVENT_TYPES, PROVISIONS, STATUSES
from pactwatch.merge import AGREEMENT_FIELDS, EVENT_FIELDS, refines
from pactwatch.store import models as m

ACTIONS = ("accept", "reject", "set")
KINDS = ("agreement", "event")
FIELDS = {"agreement": ("parties", *AGREEMENT_FIELDS, "ratified", "provisions"),
          "event": ("type", "participants", *EVENT_FIELDS)}
PARTY_FIELDS = ("parties", "participants", "ratified")
DATE_FIELDS = ("signed", "in_force", "ended", "date", "ratified")
NUMBER_FIELDS = ("duration_years", "termination_notice_months", "value_usd")
TEXT_FIELDS = ("title", "location", "item")
LIFECYCLE_FIELDS = ("status", "signed", "in_force", "duration_years", "renewal", "termination_notice_months",
                    "ended", "ratified")
DIRECT, INDIRECT = 0.7, 0.45
DEADLINE_WEIGHT = 0.25
FLAGGED = 0.5  # a reviewed value new evidence disagrees with
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# --- checking a decision ---------------------------------------------------------------------------

def check_value(kind: str, field: str, value: Any) -> Any:
    """``value`` when it fits ``field`` (JSON types: dates "YYYY", "YYYY-MM" or "YYYY-MM-DD"; lists
    of actor codes for parties; numbers for durations, notice and amounts ...), else ValueError."""
    def wrong(expected: str) -> ValueError:
        return ValueError(f"{field}: {value!r} is not {expected}")

    if field in ("parties", "participants"):
        if not isinstance(value, list) or not value or not all(isinstance(c, str) for c in value):
            raise wrong("a non-empty list of actor codes, e.g. [\"AZE\", \"TUR\"]")
        for code in value:
            check_party(code)
        return sorted(set(value))
    if value is None:
        if field in ("type", "domain", "status", "secret"):
            raise wrong(f"a {field}")
        return None
    if field in DATE_FIELDS:
        return check_date(field, value)
    if field in NUMBER_FIELDS:
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise wrong("a number (0 or more)")
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if field in TEXT_FIELDS:
        if not isinstance(value, str) or not value.strip():
            raise wrong("a non-empty text")
        return value.strip()
    choices = {"domain": DOMAINS, "status": STATUSES, "type": EVENT_TYPES}.get(field)
    if choices is not None:
        if value not in choices:
            raise wrong(f"one of {', '.join(choices)}")
        return value
    if field == "secret":
        if not isinstance(value, bool):
            raise wrong("true or false")
        return value
    if field == "provisions":
        if not isinstance(value, list) or not all(isinstance(p, str) and p in PROVISIONS for p in value):
            raise wrong(f"a list of provision codes ({', '.join(PROVISIONS)})")
        return sorted(set(value))
    if field == "renewal":
        period = value.get("period_years") if isinstance(value, dict) else None
        if (not isinstance(value, dict) or set(value) - {"automatic", "period_years"}
                or not isinstance(value.get("automatic"), bool)
                or (period is not None and (isinstance(period, bool) or not isinstance(period, int | float)))):
            raise wrong('{"automatic": true|false, "period_years": number|null}')
        return {"automatic": value["automatic"], "period_years": period}
    if field == "value":
        if not isinstance(value, dict):
            raise wrong("a JSON object")
        return value
    raise ValueError(f"unknown field {field!r}")


def check_date(field: str, value: Any) -> str:
    found = _ISO.match(value) if isinstance(value, str) else None
    if found is None:
        raise ValueError(f"{field}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = found.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"{field}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return value


def check_party(code: Any) -> str:
    from pactwatch.gazetteer import gazetteer

    found = gazetteer()
    known = set(found.names) | {c for c, _ in found.aliases.values()}
    if not isinstance(code, str) or code not in known:
        raise ValueError(f"{code!r} is not an actor code the gazetteer knows (e.g. AZE, TUR, NATO)")
    return code


def field_key(field: str, party: str | None) -> str:
    return f"ratified.{party}" if field == "ratified" else field


def field_of(key: str) -> tuple[str, str | None]:
    return ("ratified", key.split(".", 1)[1]) if key.startswith("ratified.") else (key, None)


# --- reading and writing records -------------------------------------------------------------------

def _tables(kind: str) -> tuple[Any, Any]:
    return (m.MergedAgreement.__table__, "merged_agreements") if kind == "agreement" else \
        (m.MergedEvent.__table__, "merged_events")


def find_record(conn: Connection, record_id: Any) -> tuple[str, dict[str, Any]]:
    """(kind, stored record JSON) of a merged agreement or event; ValueError when there is none."""
    if isinstance(record_id, str) and record_id:
        for kind in KINDS:
            t, _ = _tables(kind)
            record = conn.execute(select(t.c.record).where(t.c.id == record_id)).scalar_one_or_none()
            if record is not None:
                return kind, dict(record)
    raise ValueError(f"no agreement or event {record_id!r}")


def write_record(conn: Connection, kind: str, record: dict[str, Any]) -> None:
    """Store one changed record (its JSON and the columns filters and search use)."""
    from pactwatch.store.rebuild import code_list, search_text
    from pactwatch.store.search import SEARCHED

    t, name = _tables(kind)
    text = search_text(record)
    if kind == "agreement":
        values = {"title": record["title"], "parties": code_list(record["parties"]), "domain": record["domain"],
                  "status": record["status"], "provisions": code_list(record["provisions"] or []),
                  "signed": record["signed"], "in_force": record["in_force"]}
    else:
        values = {"type": record["type"], "participants": code_list(record["participants"]), "date": record["date"]}
    conn.execute(update(t).where(t.c.id == record["id"]).values(search_text=text, record=record, **values))
    if conn.dialect.name == "sqlite":
        fts = table(SEARCHED[name][0], sql_column("id"), sql_column("search_text"))
        conn.execute(delete(fts).where(fts.c.id == record["id"]))
        conn.execute(insert(fts).values(id=record["id"], search_text=text))


def shown_value(record: dict[str, Any], key: str) -> Any:
    f = (record.get("fields") or {}).get(key)
    if f is not None:
        return f.get("shown")
    if key.startswith("ratified."):
        return (record.get("ratified") or {}).get(key.split(".", 1)[1])
    return record.get(key)


# --- deciding ----------------------------------------------------------------------------------------

def decide(conn: Connection, action: str, record_id: str, field: str, *, reviewer: str, value: Any = None,
           party: str | None = None, note: str | None = None) -> dict[str, Any]:
    """Check, store and apply one accept/reject/set decision; returns its log entry. Any bad input
    raises ValueError before anything is written."""
    reviewer = check_reviewer(reviewer)
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r} (allowed: {', '.join(ACTIONS)})")
    kind, record = find_record(conn, record_id)
    if field not in FIELDS[kind]:
        raise ValueError(f"unknown field {field!r} for an {kind} (allowed: {', '.join(FIELDS[kind])})")
    if party is not None:
        check_party(party)
        if field not in PARTY_FIELDS:
            raise ValueError(f"--party applies to {', '.join(PARTY_FIELDS)}, not to {field}")
    if field == "ratified" and party is None:
        raise ValueError("ratified needs a party (the party whose ratification is decided)")
    if action != "set" and value is not None:
        raise ValueError(f"{action} takes no value (set gives one)")
    key = field_key(field, party)
    shown = shown_value(record, key)
    if field in ("parties", "participants") and party is not None:
        if action == "set":
            raise ValueError(f"set gives the whole {field} list (VALUE like [\"AZE\", \"TUR\"]), without --party")
        if party not in (shown or []):
            raise ValueError(f"{party} is not among the {field} of {record_id} ({', '.join(shown or [])})")
        old = list(shown)
        new = old if action == "accept" else [p for p in old if p != party]
    elif action == "set":
        if value is None and field in ("parties", "participants", "type", "domain", "status", "secret"):
            raise ValueError(f"set needs a value for {field}")
        old, new = shown, check_value(kind, field, value)
    else:
        if shown is None or (field == "provisions" and not shown):
            again = _reasserted(record, key) if action == "reject" else None
            if again is None:
                raise ValueError(f"{record_id} shows no {key} to {action}")
            shown = again  # rejecting again a rejected value new articles repeat
        old, new = shown, (shown if action == "accept" else None)
    note = check_note(note)
    row = {"reviewer": reviewer, "at": datetime.now(UTC), "record_id": record["id"], "record_kind": kind,
           "field": field, "party": party, "action": action, "old": old, "new": new, "note": note,
           "documents": list(record.get("documents") or [])}
    row["id"] = conn.execute(insert(m.Review.__table__).values(**row)).inserted_primary_key[0]
    record.setdefault("needs_review", [])
    apply_field_decision(record, row)
    annotate_confidence(record)
    write_record(conn, kind, record)
    return log_entry(row)


def _reasserted(record: dict[str, Any], key: str) -> Any:
    """The rejected value that new articles repeat, when the field is flagged for it."""
    f = (record.get("fields") or {}).get(key) or {}
    if not f.get("needs_review"):
        return None
    rejected = f.get("rejected") or []
    for v in f.get("values") or []:
        if v["value"] in rejected:
            return [v["value"]] if key == "provisions" else v["value"]
    return None


def decide_regroup(conn: Connection, action: str, record_id: str, other: str, *, reviewer: str,
                   note: str | None = None) -> dict[str, Any]:
    """Store a ``merge`` (``other``: another record of the same kind) or ``split`` (``other``: an
    article of the record) decision and re-merge everything with it."""
    from pactwatch.store.rebuild import remerge

    reviewer = check_reviewer(reviewer)
    kind, record = find_record(conn, record_id)
    documents = list(record.get("documents") or [])
    if action == "merge":
        other_kind, other_record = find_record(conn, other)
        if other_kind != kind:
            raise ValueError(f"{record_id} is an {kind} and {other} an {other_kind}: only records of one kind merge")
        if other == record_id:
            raise ValueError("a record cannot be merged with itself")
        old, new = None, {"record": other, "documents": list(other_record.get("documents") or [])}
    elif action == "split":
        if other not in documents:
            raise ValueError(f"article {other!r} is not among the documents of {record_id}")
        if len(documents) < 2:
            raise ValueError(f"{record_id} has only article {other}: nothing to split")
        old, new = None, {"article_id": other}
    else:
        raise ValueError(f"unknown action {action!r} (allowed: merge, split)")
    note = check_note(note)
    row = {"reviewer": reviewer, "at": datetime.now(UTC), "record_id": record_id, "record_kind": kind,
           "field": None, "party": None, "action": action, "old": old, "new": new, "note": note,
           "documents": documents}
    row["id"] = conn.execute(insert(m.Review.__table__).values(**row)).inserted_primary_key[0]
    remerge(conn)
    return log_entry(row)


def check_reviewer(reviewer: Any) -> str:
    if not isinstance(reviewer, str) or not reviewer.strip():
        raise ValueError("a decision needs the reviewer's name (--reviewer NAME)")
    if len(reviewer.strip()) > 200:
        raise ValueError("the reviewer's name is longer than 200 characters")
    return reviewer.strip()


def check_note(note: Any) -> str | None:
    if note is None or note == "":
        return None
    if not isinstance(note, str) or len(note) > 10_000:
        raise ValueError("a note is a text of at most 10,000 characters")
    return note


# --- applying decisions after a re-merge -----------------------------------------------------------

def load_decisions(conn: Connection) -> list[dict[str, Any]]:
    t = m.Review.__table__
    return [dict(r._mapping) for r in conn.execute(select(t).order_by(t.c.id))]


def regrouper(decisions: list[dict[str, Any]], kind: str) -> Any:
    """The ``regroup`` callable of ``merge_agreements``/``merge_events`` for the merge and split
    decisions of ``kind``, in the order they were made (None when there are none)."""
    mine = [d for d in decisions if d["record_kind"] == kind and d["action"] in ("merge", "split")]
    if not mine:
        return None

    def regroup(groups: list[list[Any]]) -> list[list[Any]]:
        groups = [list(g) for g in groups]
        for d in mine:
            here = _best_group(groups, d["documents"])
            if here is None:
                continue
            if d["action"] == "merge":
                there = _best_group([g for g in groups if g is not here], (d["new"] or {}).get("documents") or [])
                if there is not None:
                    here.extend(there)
                    groups = [g for g in groups if g is not there]
            else:
                article = (d["new"] or {}).get("article_id")
                out = [it for it in here if it.article_id == article]
                if out and len(out) < len(here):
                    here[:] = [it for it in here if it.article_id != article]
                    groups.append(out)
        return groups

    return regroup


def _best_group(groups: list[list[Any]], documents: Iterable[str]) -> list[Any] | None:
    wanted = set(documents)
    best, score = None, (0, 0)
    for g in groups:
        shared = len({it.article_id for it in g} & wanted)
        if shared and (shared, -len(g)) > score:
            best, score = g, (shared, -len(g))
    return best


def apply_decisions(records: list[dict[str, Any]], kind: str, decisions: list[dict[str, Any]]) -> None:
    """Apply the field decisions of ``kind`` to freshly merged records (in place), then add every
    value's confidence."""
    by_id = {r["id"]: r for r in records}
    by_article: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        for a in r.get("documents") or []:
            by_article.setdefault(a, []).append(r)
    for d in decisions:
        if d["record_kind"] != kind or d["action"] not in ACTIONS:
            continue
        record = match_record(d, by_id, by_article)
        if record is not None:
            apply_field_decision(record, d)
    for r in records:
        r.setdefault("needs_review", [])
        annotate_confidence(r)


def match_record(d: dict[str, Any], by_id: dict[str, dict[str, Any]],
                 by_article: dict[str, list[dict[str, Any]]]) -> dict[str, Any] | None:
    """The record a decision is about now: same id sharing an article, else the most articles shared."""
    documents = set(d["documents"] or [])
    same = by_id.get(d["record_id"])
    if same is not None and documents & set(same.get("documents") or []):
        return same
    shared: dict[str, int] = {}
    for a in documents:
        for r in by_article.get(a, []):
            shared[r["id"]] = shared.get(r["id"], 0) + 1
    if not shared:
        return None
    best = max(shared, key=lambda i: (shared[i], -len(by_id[i].get("documents") or []), i))
    return by_id[best]


def apply_field_decision(record: dict[str, Any], d: dict[str, Any]) -> None:
    """Show the decided value on ``record`` (in place), marked reviewed; flag disagreeing new evidence."""
    field, party, action = d["field"], d["party"], d["action"]
    key = field_key(field, party)
    fields = record.setdefault("fields", {})
    f = fields.get(key)
    if f is None:
        f = fields[key] = {"shown": shown_value(record, key), "values": [], "conflict": False}
    at = iso_time(d["at"])
    reviewed = {"by": d["reviewer"], "at": at, "action": action, "value": d["new"] if action != "reject" else d["old"]}
    if field in ("parties", "participants") and party is not None:
        members = list(f.get("shown") or [])
        if action == "reject":
            members = [p for p in members if p != party]
            f.setdefault("rejected", [])
            if party not in f["rejected"]:
                f["rejected"].append(party)
        f["shown"] = members
        reviewed["value"] = party
        f.setdefault("reviewed_parties", {})[party] = reviewed
        f["reviewed"] = reviewed
    elif action == "reject":
        rejected = f.setdefault("rejected", [])
        for gone in (d["old"] if key == "provisions" else [d["old"]]):  # provisions: each code shown
            if gone not in rejected:
                rejected.append(gone)
        f["shown"] = _next_best(key, f)
        f["reviewed"] = reviewed
        _clear_flag(record, key, f)
        known = set(d["documents"] or [])
        for v in f.get("values") or []:  # a new article repeating a rejected value disagrees with the reviewer
            if v["value"] in rejected and set(v.get("articles") or []) - known:
                _flag(record, key, f, set(v.get("articles") or []) - known)
    else:
        f["shown"] = d["new"]
        f["reviewed"] = reviewed
        _clear_flag(record, key, f)  # a new decision is the re-review
        _flag_new_disagreement(record, key, f, d)
    _set_top(record, key, f["shown"])
    if not f.get("needs_review"):
        f["conflict"] = False
        record["conflicts"] = [c for c in record.get("conflicts") or [] if c.get("field") != key]


def _next_best(key: str, f: dict[str, Any]) -> Any:
    left = [v["value"] for v in f.get("values") or [] if v["value"] not in f.get("rejected", [])]
    if key == "status":
        stages = [v for v in left if v in STATUSES]
        return max(stages, key=STATUSES.index) if stages else (left[0] if left else None)
    if key == "secret":
        return any(v is True for v in left)
    if key == "provisions":
        return left
    return left[0] if left else None


def _flag_new_disagreement(record: dict[str, Any], key: str, f: dict[str, Any], d: dict[str, Any]) -> None:
    known = set(d["documents"] or [])
    reviewed = f["shown"]
    for v in f.get("values") or []:
        new_articles = set(v.get("articles") or []) - known
        if new_articles and not _agree(key, v["value"], reviewed):
            _flag(record, key, f, new_articles)


def _flag(record: dict[str, Any], key: str, f: dict[str, Any], articles: set[str]) -> None:
    f["needs_review"] = True
    f["needs_review_articles"] = sorted(set(f.get("needs_review_articles") or []) | articles)
    flagged = record.setdefault("needs_review", [])
    if key not in flagged:
        flagged.append(key)


def _clear_flag(record: dict[str, Any], key: str, f: dict[str, Any]) -> None:
    f.pop("needs_review", None)
    f.pop("needs_review_articles", None)
    record["needs_review"] = [k for k in record.get("needs_review") or [] if k != key]


def _agree(key: str, a: Any, b: Any) -> bool:
    if key == "provisions" or key == "status":
        return a == b or (key == "provisions" and isinstance(b, list) and a in b)
    words = key in ("title", "item")
    return refines(a, b, words) or refines(b, a, words)


def _set_top(record: dict[str, Any], key: str, shown: Any) -> None:
    if key.startswith("ratified."):
        record.setdefault("ratified", {})[key.split(".", 1)[1]] = shown
    elif key == "secret":
        record[key] = bool(shown)
    elif key in ("provisions", "parties", "participants"):
        record[key] = shown or []
    else:
        record[key] = shown


# --- confidence ------------------------------------------------------------------------------------

def annotate_confidence(record: dict[str, Any]) -> None:
    """Add ``confidence`` to every value of every field, and to each field (its shown value's)."""
    for key, f in (record.get("fields") or {}).items():
        values = f.get("values") or []
        for v in values:
            v["confidence"] = value_confidence(key, v, values)
        reviewed = f.get("reviewed")
        if f.get("needs_review"):
            f["confidence"] = FLAGGED
            continue
        if reviewed and reviewed["action"] != "reject":
            f["confidence"] = 1.0
            continue
        shown = [v for v in values if v["value"] == f.get("shown")]
        f["confidence"] = shown[0]["confidence"] if shown else (0.0 if not reviewed else 1.0)
        if key == "provisions" and values:
            f["confidence"] = min(v["confidence"] for v in values)


def value_confidence(key: str, value: dict[str, Any], values: list[dict[str, Any]]) -> float:
    """See the module doc: per-source reliability by extraction path, times agreement."""
    base = field_of(key)[0]
    evidence = value.get("evidence") or []
    direct = any(e.get("field") in (base, "event") for e in evidence)
    q = DIRECT if direct else INDIRECT
    mine = set(value.get("clusters") or [])
    s = len(mine) or 1
    against: set[str] = set()
    if key != "provisions":
        for other in values:
            if other is not value and not _agree(key, other["value"], value["value"]):
                against |= set(other.get("clusters") or []) - mine
    return round((1 - (1 - q) ** s) * s / (s + len(against)), 2)


def is_direct(key: str, value: dict[str, Any] | None) -> bool:
    base = field_of(key)[0]
    return bool(value) and any(e.get("field") in (base, "event") for e in value.get("evidence") or [])


# --- the queue -------------------------------------------------------------------------------------

def queue(conn: Connection, today: date | None = None) -> list[dict[str, Any]]:
    """Every value a human should look at, most needed first (see the module doc)."""
    from pactwatch.merge import with_lifecycle

    today = today or date.today()
    items: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for kind in KINDS:
        t, _ = _tables(kind)
        for (record,) in conn.execute(select(t.c.record).order_by(t.c.id)):
            deadline = None
            if kind == "agreement":
                day = with_lifecycle(record, today).get("notice_deadline")
                if day and today.isoformat() <= day <= (today + timedelta(days=365)).isoformat():
                    deadline = day
            title = record.get("title") if kind == "agreement" else \
                f"{record.get('type')} {'/'.join(record.get('participants') or [])} {record.get('date') or ''}".strip()
            for key, f in sorted((record.get("fields") or {}).items()):
                item = _queue_item(kind, record, title, key, f, deadline)
                if item is not None:
                    items.append(item)
    items.sort(key=lambda pair: pair[0])
    return [item for _, item in items]


def _queue_item(kind: str, record: dict[str, Any], title: str | None, key: str, f: dict[str, Any],
                deadline: str | None) -> tuple[tuple[Any, ...], dict[str, Any]] | None:
    values = f.get("values") or []
    shown = f.get("shown")
    flagged = bool(f.get("needs_review"))
    if not flagged and (f.get("reviewed") or not values or shown is None or shown == [] or
                        (key == "secret" and shown is False)):
        return None
    current = next((v for v in values if v["value"] == shown), None)
    confidence = f.get("confidence")
    if confidence is None:
        confidence = value_confidence(key, current, values) if current else 0.0
    reasons = []
    base, party = field_of(key)
    if flagged:
        new_articles = set(f.get("needs_review_articles") or [])
        evidence = [_evidence(e) for v in values for e in v.get("evidence") or [] if e["article_id"] in new_articles]
        item = {"record_id": record["id"], "record_kind": kind, "title": title, "field": base, "party": party,
                "value": shown, "confidence": confidence, "reasons": ["new evidence disagrees with the reviewed value"],
                "evidence": evidence}
        return (False, confidence, record["id"], key), item
    sources = len(current.get("clusters") or []) if current else 0
    if sources <= 1:
        reasons.append("single source")
    if f.get("conflict"):
        reasons.append("conflicting values")
    if current is not None and not is_direct(key, current):
        reasons.append("weak extraction path (no sentence cited for this field)")
    has_deadline = deadline is not None and base in LIFECYCLE_FIELDS
    if has_deadline:
        reasons.append(f"notice deadline {deadline} within a year")
    if not reasons and confidence >= 0.9:
        return None
    if not reasons:
        reasons.append("low confidence")
    evidence = [_evidence(e) for e in (current or {}).get("evidence") or []]
    item = {"record_id": record["id"], "record_kind": kind, "title": title, "field": base, "party": party,
            "value": shown, "confidence": confidence, "reasons": reasons, "evidence": evidence}
    order = (not flagged, round(confidence - (DEADLINE_WEIGHT if has_deadline else 0.0), 4), record["id"], key)
    return order, item


def _evidence(e: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": e["article_id"], "quote": e["quote"], "start": e["start"], "end": e["end"]}


# --- the log and the statistics -------------------------------------------------------------------

def iso_time(at: Any) -> Any:
    """A stored time as ISO text in UTC (SQLite gives it back without its zone)."""
    if isinstance(at, datetime):
        return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC).isoformat(timespec="seconds")
    return at


def log_entry(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "reviewer": row["reviewer"], "at": iso_time(row["at"]), "record": row["record_id"],
            "record_kind": row["record_kind"], "field": row["field"], "party": row["party"],
            "action": row["action"], "old": row["old"], "new": row["new"], "note": row["note"]}


def log(conn: Connection, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Every decision in the order made: who, when, which record and field, old and new value, note."""
    t = m.Review.__table__
    query = select(t).order_by(t.c.id).offset(max(0, int(offset)))
    if limit is not None:
        query = query.limit(max(0, int(limit)))
    return [log_entry(dict(r._mapping)) for r in conn.execute(query)]


def count_log(conn: Connection) -> int:
    from sqlalchemy import func

    return conn.execute(select(func.count()).select_from(m.Review.__table__)).scalar_one()


def stats(conn: Connection) -> dict[str, Any]:
    """Per field: extracted values reviewers accepted, rejected or changed (the latest decision per
    record, field and party counts), ``added`` (a value set where none was extracted, which says
    nothing of precision) and precision = accepted / (accepted + rejected + changed)."""
    latest: dict[tuple[Any, ...], dict[str, Any]] = {}
    for d in load_decisions(conn):
        if d["action"] in ACTIONS:
            latest[(d["record_kind"], d["record_id"], d["field"], d["party"])] = d
    fields: dict[str, dict[str, Any]] = {}
    for (_, _, field, _), d in sorted(latest.items(), key=lambda kv: kv[1]["id"]):
        counts = fields.setdefault(field, {"accepted": 0, "rejected": 0, "changed": 0, "added": 0})
        if d["action"] == "accept":
            counts["accepted"] += 1
        elif d["action"] == "reject":
            counts["rejected"] += 1
        elif d["old"] is None or d["old"] == []:
            counts["added"] += 1
        elif d["old"] == d["new"]:
            counts["accepted"] += 1  # set to the value shown: an acceptance
        else:
            counts["changed"] += 1
    total = {"accepted": 0, "rejected": 0, "changed": 0, "added": 0}
    for counts in fields.values():
        for k in total:
            total[k] += counts[k]
        counts["precision"] = _precision(counts)
    total["precision"] = _precision(total)
    return {"fields": dict(sorted(fields.items())), "total": total}


def _precision(counts: dict[str, Any]) -> float | None:
    judged = counts["accepted"] + counts["rejected"] + counts["changed"]
    return round(counts["accepted"] / judged, 4) if judged else None


def reviewed_records(conn: Connection) -> list[dict[str, Any]]:
    """Every merged record with at least one reviewed field, with its evidence and its decisions
    (``export --format reviewed``: a team's own gold)."""
    out = []
    for kind in KINDS:
        t, _ = _tables(kind)
        for (record,) in conn.execute(select(t.c.record).order_by(t.c.id)):
            reviewed = {k: f["reviewed"] for k, f in (record.get("fields") or {}).items() if f.get("reviewed")}
            if not reviewed:
                continue
            row = dict(record)
            row["record_kind"] = kind
            row["reviewed"] = reviewed
            row["needs_review"] = record.get("needs_review") or []
            out.append(row)
    return out
