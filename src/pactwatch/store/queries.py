"""Reading merged agreements and events back as the KB API's plain dicts (see ``pactwatch.kb``).

Filters run in SQL on the merged tables' columns (parties and provisions are stored as
",AZE,TUR," so one exact substring test finds a code, see ``contains_code``); the record itself
is the JSON the merge wrote, so what a table, ``--json``, the HTTP API and a page show is the
same thing. Lifecycle columns are computed on read, for the date asked.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import JSON, ColumnElement, Connection, Integer, Select, String, false, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from pactwatch.calendar_days import check_day
from pactwatch.facts import DOMAINS, EVENT_TYPES, PROVISIONS, STATUSES
from pactwatch.lifecycle import date_bounds
from pactwatch.store import models as m
from pactwatch.store.search import text_match

SORT_KEYS = ("signed", "title", "domain", "status", "in_force", "independent_sources")
SUMMARY_DROPS = ("fields", "evidence")
TIMELINE_KINDS = ("signed", "ratified", "in_force")


def check_choice(name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    """A bad filter value is a caller's error: say which values are allowed."""
    if value is not None and value not in allowed:
        raise ValueError(f"unknown {name} {value!r}: choose one of {', '.join(allowed)}")


def contains_code(column: Any, code: str) -> ColumnElement[bool]:
    """Whether a ",AZE,TUR," column holds exactly ``code``: a plain substring test (``instr`` on
    SQLite, ``strpos`` on PostgreSQL), so ``%``, ``_`` and ``\\`` are ordinary characters, never
    wildcards. A code with a comma or a NUL cannot be in any list and matches nothing."""
    if not code or "," in code or "\x00" in code:
        return false()
    return _position(column, f",{code},") > 0


class _Position(FunctionElement[int]):
    """``position(needle in column)``: 1-based, 0 when absent; a plain substring search with no
    pattern characters (compiled per backend below)."""

    type = Integer()
    inherit_cache = True


@compiles(_Position, "sqlite")
def _position_sqlite(element: _Position, compiler: Any, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


@compiles(_Position, "postgresql")
def _position_postgresql(element: _Position, compiler: Any, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


def _position(column: Any, needle: str) -> Any:
    return _Position(column, literal(needle, String()))


# --- agreements ------------------------------------------------------------------------------------

def agreements_query(party: str | None = None, domain: str | None = None, status: str | None = None,
                     provision: str | None = None, q: str | None = None) -> Select[Any]:
    check_choice("domain", domain, DOMAINS)
    check_choice("status", status, STATUSES)
    check_choice("provision", provision, PROVISIONS)
    t = m.MergedAgreement.__table__
    query = select(t.c.record)
    if party and party.strip():
        query = query.where(contains_code(t.c.parties, party.strip().upper()))
    if domain:
        query = query.where(t.c.domain == domain)
    if status:
        query = query.where(t.c.status == status)
    if provision:
        query = query.where(contains_code(t.c.provisions, provision))
    return _searched(query, "merged_agreements", q)


def _searched(query: Select[Any], table_name: str, q: str | None) -> Select[Any]:
    """``query`` limited to rows whose text matches ``q`` (``pactwatch.store.search``)."""
    condition = text_match(table_name, q)
    return query if condition is None else query.where(condition)


def agreements(conn: Connection, party: str | None = None, domain: str | None = None, status: str | None = None,
               provision: str | None = None, as_of: date | str | None = None, q: str | None = None,
               sort: str = "signed", desc: bool = False, limit: int | None = 50,
               offset: int = 0) -> list[dict[str, Any]]:
    check_choice("sort", sort, SORT_KEYS)
    day = check_day("as_of", as_of)
    t = m.MergedAgreement.__table__
    column = func.lower(t.c.title) if sort == "title" else t.c[sort]
    order = column.desc() if desc else column.asc()
    query = agreements_query(party, domain, status, provision, q).order_by(column.is_(None), order, t.c.id)
    query = query.offset(max(0, int(offset)))
    if limit is not None:
        query = query.limit(max(0, int(limit)))
    return [agreement_summary(record, day) for record in conn.execute(query).scalars()]


def count_agreements(conn: Connection, party: str | None = None, domain: str | None = None,
                     status: str | None = None, provision: str | None = None, as_of: date | str | None = None,
                     q: str | None = None) -> int:
    check_day("as_of", as_of)
    query = agreements_query(party, domain, status, provision, q)
    return int(conn.execute(select(func.count()).select_from(query.subquery())).scalar_one())


def agreement_summary(record: dict[str, Any], as_of: str | None = None) -> dict[str, Any]:
    """The list shape: the record without per-field detail, with lifecycle columns for ``as_of``."""
    out = {k: v for k, v in record.items() if k not in SUMMARY_DROPS}
    if as_of:
        out = _with_lifecycle(out, as_of)
        out.pop("lifecycle", None)
    return out


def _with_lifecycle(record: dict[str, Any], as_of: str) -> dict[str, Any]:
    from pactwatch.merge import with_lifecycle

    return with_lifecycle(record, as_of)


def agreement(conn: Connection, agreement_id: str, as_of: date | str | None = None) -> dict[str, Any] | None:
    """Every field with its values, sources and evidence; lifecycle on ``as_of`` (default today)."""
    day = check_day("as_of", as_of) or date.today().isoformat()
    t = m.MergedAgreement.__table__
    record = conn.execute(select(t.c.record).where(t.c.id == agreement_id)).scalar_one_or_none()
    if record is None:
        return None
    titles = article_titles(conn, record.get("documents") or [])
    out = _with_lifecycle(_reviewable(record), day)
    out["evidence"] = [{"field": e.get("field"), "article_id": e["article_id"],
                        "article_title": titles.get(e["article_id"]), "quote": e["quote"], "start": e["start"],
                        "end": e["end"]} for e in record.get("evidence") or []]
    return out


def article_titles(conn: Connection, ids: list[str]) -> dict[str, str | None]:
    t = m.Article.__table__
    if not ids:
        return {}
    return {r.id: r.title for r in conn.execute(select(t.c.id, t.c.title).where(t.c.id.in_(ids)))}


def full_records(conn: Connection, kind: str, as_of: str | None = None) -> list[dict[str, Any]]:
    """Every merged agreement or event record in id order, with all its detail (for exports);
    agreements with their lifecycle on ``as_of`` when given."""
    model = m.MergedAgreement if kind == "agreements" else m.MergedEvent
    t = model.__table__
    records = list(conn.execute(select(t.c.record).order_by(t.c.id)).scalars())
    if as_of and kind == "agreements":
        records = [_with_lifecycle(r, as_of) for r in records]
    return records


def commitment_records(conn: Connection, organisations: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The agreement records commitments can come from, in id order: those with obligations and
    those with one of ``organisations`` among their parties (accessions), each without its per-field
    detail (``fields``, ``conflicts``), which the database drops before anything is parsed."""
    t = m.MergedAgreement.__table__
    candidates = or_(_HasObligations(t.c.record) > 0, *(contains_code(t.c.parties, code) for code in organisations))
    query = select(_WithoutDetail(t.c.record)).where(candidates).order_by(t.c.id)
    return [dict(record) for record in conn.execute(query).scalars()]


class _HasObligations(FunctionElement[int]):
    """How many obligations a record's JSON holds (NULL where it has none of the key)."""

    type = Integer()
    inherit_cache = True


@compiles(_HasObligations, "sqlite")
def _has_obligations_sqlite(element: _HasObligations, compiler: Any, **kw: Any) -> str:
    return f"json_array_length({compiler.process(element.clauses, **kw)}, '$.obligations')"


@compiles(_HasObligations, "postgresql")
def _has_obligations_postgresql(element: _HasObligations, compiler: Any, **kw: Any) -> str:
    return f"json_array_length(({compiler.process(element.clauses, **kw)}) -> 'obligations')"


class _WithoutDetail(FunctionElement[Any]):
    """A record's JSON without ``fields`` and ``conflicts`` (most of its size)."""

    type = JSON()
    inherit_cache = True


@compiles(_WithoutDetail, "sqlite")
def _without_detail_sqlite(element: _WithoutDetail, compiler: Any, **kw: Any) -> str:
    return f"json_remove({compiler.process(element.clauses, **kw)}, '$.fields', '$.conflicts')"


@compiles(_WithoutDetail, "postgresql")
def _without_detail_postgresql(element: _WithoutDetail, compiler: Any, **kw: Any) -> str:
    return f"(CAST({compiler.process(element.clauses, **kw)} AS jsonb) - 'fields' - 'conflicts')"


# --- events ----------------------------------------------------------------------------------------

def events_query(party: str | None = None, type: str | None = None, q: str | None = None) -> Select[Any]:
    check_choice("type", type, EVENT_TYPES)
    t = m.MergedEvent.__table__
    query = select(t.c.record)
    if party and party.strip():
        query = query.where(contains_code(t.c.participants, party.strip().upper()))
    if type:
        query = query.where(t.c.type == type)
    return _searched(query, "merged_events", q)


def events(conn: Connection, party: str | None = None, type: str | None = None, q: str | None = None,
           limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
    t = m.MergedEvent.__table__
    query = events_query(party, type, q).order_by(t.c.date.is_(None), t.c.date, t.c.id).offset(max(0, int(offset)))
    if limit is not None:
        query = query.limit(max(0, int(limit)))
    return [event_summary(r) for r in conn.execute(query).scalars()]


def count_events(conn: Connection, party: str | None = None, type: str | None = None, q: str | None = None) -> int:
    query = events_query(party, type, q)
    return int(conn.execute(select(func.count()).select_from(query.subquery())).scalar_one())


def event_summary(record: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in record.items() if k != "fields"}
    out["evidence"] = [{"article_id": e["article_id"], "quote": e["quote"], "start": e["start"], "end": e["end"]}
                       for e in record.get("evidence") or []]
    return out


def event(conn: Connection, event_id: str) -> dict[str, Any] | None:
    t = m.MergedEvent.__table__
    record = conn.execute(select(t.c.record).where(t.c.id == event_id)).scalar_one_or_none()
    if record is None:
        return None
    record = _reviewable(record)
    out = event_summary(record)
    out["fields"] = record.get("fields") or {}
    return out


def _reviewable(record: dict[str, Any]) -> dict[str, Any]:
    """A record merged before reviews existed gets its values' confidence and ``needs_review`` here
    (a re-merge stores them); one merged since is returned as stored."""
    if "needs_review" in record:
        return record
    from copy import deepcopy

    from pactwatch.store.reviews import annotate_confidence

    out = deepcopy(dict(record))
    out["needs_review"] = []
    annotate_confidence(out)
    return out


# --- timeline and network --------------------------------------------------------------------------

def timeline(conn: Connection, party: str | None = None, start: date | str | None = None,
             end: date | str | None = None, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Dated facts in order: signatures, ratifications, entries into force, then events, each with
    the sentence that dates it. Partial dates ("2021-04") count as their whole range. ``limit`` and
    ``offset`` page through that order."""
    items = _timeline_items(conn, party, start, end)
    first = max(0, int(offset))
    return items[first:] if limit is None else items[first:first + max(0, int(limit))]


def count_timeline(conn: Connection, party: str | None = None, start: date | str | None = None,
                   end: date | str | None = None) -> int:
    return len(_timeline_items(conn, party, start, end))


def _timeline_items(conn: Connection, party: str | None, start: date | str | None,
                    end: date | str | None) -> list[dict[str, Any]]:
    first, last = check_day("start", start), check_day("end", end)
    party = party.strip().upper() if party else None
    items: list[dict[str, Any]] = []
    for record in conn.execute(agreements_query(party=party)).scalars():
        items += _agreement_milestones(record)
    for record in conn.execute(events_query(party=party)).scalars():
        items += _event_milestone(record)
    items = [i for i in items if _overlaps(i["date"], first, last)]
    return sorted(items, key=lambda i: (i["date"], i["kind"], i.get("agreement_id") or i.get("event_id") or ""))


def _agreement_milestones(record: dict[str, Any]) -> list[dict[str, Any]]:
    fields = record.get("fields") or {}
    title = record.get("title") or f"{'–'.join(record['parties'])} {record.get('domain') or ''} agreement".strip()
    out = []
    for name, f in sorted(fields.items()):
        kind, _, party = name.partition(".")
        when = f.get("shown")
        if kind not in TIMELINE_KINDS or not isinstance(when, str) or date_bounds(when) is None:
            continue
        source = _first_evidence(f, when)
        verb = {"signed": "signed", "ratified": f"ratified by {party}", "in_force": "enters into force"}[kind]
        out.append({"date": when, "kind": kind, "label": f"{title}: {verb}", "parties": record["parties"],
                    "agreement_id": record["id"], "article_id": source.get("article_id"),
                    "quote": source.get("quote")})
    return out


def _event_milestone(record: dict[str, Any]) -> list[dict[str, Any]]:
    when = record.get("date")
    if not isinstance(when, str) or date_bounds(when) is None:
        return []
    evidence = (record.get("evidence") or [{}])[0]
    what = {"exercise": "joint exercise", "visit": "official visit", "arms_deal": "arms deal"}.get(
        record["type"], record["type"])
    label = f"{what}: {'–'.join(record['participants'])}" + (f" ({record['item']})" if record.get("item") else "")
    return [{"date": when, "kind": record["type"], "label": label, "parties": record["participants"],
             "event_id": record["id"], "article_id": evidence.get("article_id"), "quote": evidence.get("quote")}]


def _first_evidence(field: dict[str, Any], value: Any) -> dict[str, Any]:
    for v in field.get("values") or []:
        if v.get("value") == value and v.get("evidence"):
            return v["evidence"][0]
    return {}


def _overlaps(when: str, first: str | None, last: str | None) -> bool:
    bounds = date_bounds(when)
    if bounds is None:
        return False
    return (first is None or bounds[1].isoformat() >= first) and (last is None or bounds[0].isoformat() <= last)


def network(conn: Connection, as_of: date | str | None = None, domain: str | None = None) -> dict[str, Any]:
    """The actor network: one edge per pair of parties per agreement. With ``as_of``, only
    agreements not known to be out of force that day and not signed after it."""
    from itertools import combinations

    from pactwatch.gazetteer import actor_name

    day = check_day("as_of", as_of)
    edges = []
    for record in conn.execute(agreements_query(domain=domain)).scalars():
        row = agreement_summary(record, day)
        if day and (row.get("in_force_as_of") is False or _signed_after(row.get("signed"), day)):
            continue
        for a, b in combinations(row["parties"], 2):
            edges.append({"source": a, "target": b, "agreement_id": row["id"], "title": row["title"],
                          "domain": row["domain"], "status": row["status"], "signed": row["signed"]})
    counts: dict[str, set[str]] = {}
    for e in edges:
        for code in (e["source"], e["target"]):
            counts.setdefault(code, set()).add(e["agreement_id"])
    nodes = [{"id": c, "name": actor_name(c), "n_agreements": len(ids)} for c, ids in sorted(counts.items())]
    return {"nodes": nodes, "edges": sorted(edges, key=lambda e: (e["agreement_id"], e["source"], e["target"]))}


def _signed_after(signed: str | None, day: str) -> bool:
    bounds = date_bounds(signed)
    return bounds is not None and bounds[0].isoformat() > day
