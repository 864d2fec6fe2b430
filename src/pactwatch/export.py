"""Merged records out to files other tools read: JSON Lines, CSV in the ATOP shape, GraphML.

Each writer takes records as the knowledge base returns them (the ``MergedAgreement.to_json``
dict shape) or the merged objects themselves, so ``kb.agreements()`` output and
``merge_agreements()`` output export alike. Every format is a contract of its own, documented
column by column in ``docs/exports.md`` and held by ``tests/test_export*.py``:

- JSON Lines of agreements: the full merged records (every field's values, sources, evidence,
  conflicts). JSON Lines of events: one event per line in the facts format's EVENT shape
  (``SCHEMA.md``), so whatever reads ``pactwatch facts`` events reads these, plus the merged
  record's ``id``, ``documents``, ``independent_sources`` and ``conflicts``.
- CSV follows the Alliance Treaty Obligations and Provisions data's layout: one row per agreement,
  a fixed set of typed columns (ISO dates with a ``*_precision`` column each, ``true``/``false``
  booleans, ``;``-joined lists), then one 0/1 column per provision code (``facts.PROVISIONS``), so
  the pandas one-liner of ``docs/exports.md`` loads it with typed columns.
- Obligations CSV (``obligations-csv``) is the directed form in the same spirit: one row per
  (obligor, beneficiary, agreement) pair of ``pactwatch commitments``, one 0/1 column per duty kind
  and per condition type, the days it began and ends, and with ``as_of`` whether it holds that day.
- GraphML is the actor network: one node per state or organisation (``label`` = its name), one
  typed edge per pair of parties per agreement or event, each with a unique ``id``. With
  ``as_of``, agreements known not to be in force that day and events dated after it are left out.

``path`` ``-`` is standard output (UTF-8 whatever the locale); a file is written beside its
target and renamed into place, so a failed export never leaves a half-written file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import IO, Any

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from pactwatch.facts import CONDITION_TYPES, OBLIGATION_KINDS, PROVISIONS, Event, Evidence
from pactwatch.lifecycle import date_bounds
from pactwatch.store import queries

EXPORT_FORMATS = ("jsonl", "csv", "obligations-csv", "graphml", "reviewed")
EXPORT_WHAT = ("agreements", "events")

DATE_COLUMNS = ("signed", "in_force", "term_ends", "next_renewal", "notice_deadline")
BOOLEAN_COLUMNS = ("secret", "renewal_automatic", "in_force_as_of", "lifecycle_approximate")
CSV_COLUMNS = (
    "id", "title", "parties", "n_parties", "domain", "status", "secret", "signed", "signed_precision",
    "in_force", "in_force_precision", "ratified", "duration_years", "renewal_automatic", "renewal_period_years",
    "termination_notice_months", "independent_sources", "conflicts",
    "in_force_as_of", "in_force_reason", "term_ends", "next_renewal", "notice_deadline", "lifecycle_approximate",
)
OBLIGATION_CSV_COLUMNS = (
    "agreement_id", "agreement_title", "by", "to", "status", "begins", "begins_precision", "ends", "ends_precision",
    *OBLIGATION_KINDS, *(f"{kind}_conditional" for kind in OBLIGATION_KINDS), *CONDITION_TYPES,
    "independent_sources", "holds_as_of", "why",
)
_ISO_DATE = re.compile(r"^(\d{4})(-\d{2})?(-\d{2})?$")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PRECISION = {1: "year", 2: "month", 3: "day"}


def write_export(engine: Any, format: str, path: str | Path | IO[str], as_of: date | str | None = None,  # noqa: A002
                 what: str = "agreements") -> int:
    """Write the merged records in ``engine``'s database to ``path`` (a file, ``-`` for standard
    output, or an open text handle): ``jsonl`` (``what`` = agreements: full records; events: the
    facts format), ``csv`` (one row per agreement), ``obligations-csv`` (one row per directed pair
    per agreement) or ``graphml`` (the actor network). ``as_of`` adds each agreement's lifecycle on
    that day (CSV columns, JSONL keys, GraphML edge attributes; obligations: whether each pair's
    duties hold) and, in GraphML, drops what was not in force or had not happened. ``reviewed``: JSON
Lines of every agreement and event with a reviewed field (``record_kind``, the record with its
evidence, ``reviewed``: field -> who, when, what; ``needs_review``), a team's own gold. Returns the
    number of records written (obligations: rows; GraphML: agreements and events kept).

    Every argument is checked before anything is opened, so a bad one leaves no file behind."""
    queries.check_choice("format", format, EXPORT_FORMATS)
    queries.check_choice("what", what, EXPORT_WHAT)
    day = queries.check_day("as_of", as_of)
    if what == "events" and format != "jsonl":
        raise ValueError(f"events export is JSON Lines only (--format jsonl --events); {format} "
                         f"{'already holds events as edges' if format == 'graphml' else 'is rows of agreements'}")
    if format == "reviewed":
        if day:
            raise ValueError("the reviewed export holds the records as reviewed, without a lifecycle day (no as_of)")
        from pactwatch.store import reviews as review

        with engine.connect() as conn:
            records = review.reviewed_records(conn)
        with _text_output(path) as fh:
            return export_jsonl(records, fh)
    if what == "events" and day:
        raise ValueError("as_of applies to agreements (in force or not on a day); events carry their own dates")
    with engine.connect() as conn:
        agreements = queries.full_records(conn, "agreements", day) if what == "agreements" else []
        events = queries.full_records(conn, "events") if format == "graphml" or what == "events" else []
    with _text_output(path) as fh:
        if format == "graphml":
            graph = export_graphml(agreements, events, fh, as_of=day)
            return len({d["record_id"] for _, _, d in graph.edges(data=True)})
        if format == "csv":
            return export_csv(agreements, fh)
        if format == "obligations-csv":
            return export_obligations_csv(agreements, fh, as_of=day)
        if what == "events":
            return export_jsonl(map(event_as_facts, events), fh)
        return export_jsonl(agreements, fh)


# --- JSON Lines ------------------------------------------------------------------------------------

def export_jsonl(records: Iterable[Any], fh: IO[str]) -> int:
    """One record per line, keys sorted, UTF-8 as is. Returns the number of lines."""
    n = 0
    for record in records:
        fh.write(json.dumps(as_json(record), ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n


def event_as_facts(record: Any) -> dict[str, Any]:
    """A merged event as the facts format writes an event (``facts.Event.to_json``: type,
    participants, date, location, value_usd, item, evidence with its offsets, value), plus what
    only a merged record knows: ``id``, ``documents``, ``independent_sources``, ``conflicts`` and
    ``evidence_article`` (the article whose text the evidence offsets point into).

    >>> event_as_facts({"id": "evt-1", "type": "visit", "participants": ["AZE", "TUR"]})["evidence"] is None
    True
    """
    r = as_json(record)
    first = (r.get("evidence") or [None])[0]
    evidence = Evidence("event", first["quote"], first["start"], first["end"]) if first else None
    out = Event(r.get("type") or "", list(r.get("participants") or []), date=r.get("date"),
                location=r.get("location"), value_usd=r.get("value_usd"), item=r.get("item"),
                value=r.get("value"), evidence=evidence).to_json()
    out.update(id=r.get("id"), documents=list(r.get("documents") or []),
               independent_sources=int(r.get("independent_sources") or 0), conflicts=list(r.get("conflicts") or []))
    if first:
        out["evidence_article"] = first["article_id"]
    return out


# --- CSV -------------------------------------------------------------------------------------------

def export_csv(records: Iterable[Any], fh: IO[str]) -> int:
    """One row per agreement under the fixed header ``CSV_COLUMNS`` + provisions. The lifecycle
    columns are empty for records without a lifecycle (no ``as_of``)."""
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, *PROVISIONS])
    n = 0
    for record in records:
        writer.writerow(csv_row(as_json(record)))
        n += 1
    return n


def csv_row(record: dict[str, Any]) -> list[str]:
    """A record as CSV cells: lists ``;``-joined, booleans ``true``/``false``, provisions 0/1,
    unknown empty. ``ratified`` is ``PARTY:DATE`` pairs (``AZE:2010-12-21;TUR:`` where TUR's
    ratification is reported without a date)."""
    parties = record.get("parties") or []
    renewal = record.get("renewal") or {}
    provisions = set(record.get("provisions") or [])
    ratified = record.get("ratified") or {}
    lifecycle = record.get("lifecycle") or {}
    has_lifecycle = "in_force_as_of" in record
    values: list[Any] = [
        record.get("id"), record.get("title"), ";".join(parties), len(parties), record.get("domain"),
        record.get("status"), bool(record.get("secret")),
        record.get("signed"), date_precision_name(record.get("signed")),
        record.get("in_force"), date_precision_name(record.get("in_force")),
        ";".join(f"{party}:{day or ''}" for party, day in sorted(ratified.items())),
        record.get("duration_years"), renewal.get("automatic"), renewal.get("period_years"),
        record.get("termination_notice_months"), record.get("independent_sources"),
        ";".join(conflicting_fields(record)),
        record.get("in_force_as_of"), record.get("in_force_reason"), record.get("term_ends"),
        record.get("next_renewal"), record.get("notice_deadline"),
        bool(lifecycle.get("approximate")) if has_lifecycle else None,
        *(int(code in provisions) for code in PROVISIONS),
    ]
    return [_cell(v) for v in values]


def conflicting_fields(record: dict[str, Any]) -> list[str]:
    """The fields whose sources disagree (``merge`` marks them), sorted: ``ratified.TUR``, ``signed``..."""
    return sorted({str(c.get("field")) for c in record.get("conflicts") or [] if c.get("field")})


def date_precision_name(value: Any) -> str | None:
    """``day``, ``month`` or ``year`` for an ISO date at that precision; None for anything else."""
    match = _ISO_DATE.match(value) if isinstance(value, str) else None
    return _PRECISION[1 + sum(g is not None for g in match.groups()[1:])] if match else None


# --- obligations CSV -------------------------------------------------------------------------------

def export_obligations_csv(records: Iterable[Any], fh: IO[str], as_of: date | str | None = None) -> int:
    """One row per directed pair (obligor, beneficiary) per agreement under the fixed header
    ``OBLIGATION_CSV_COLUMNS``: the kinds of duty that pair has (0/1 each), whether each is
    conditional, the condition types any of them carries (0/1 each), when it began (entry into force
    or accession) and ends (the day it ceased to have effect, or a fixed term's end; empty when no end
    is known). With ``as_of``, ``holds_as_of`` and ``why`` say whether it binds that day (empty
    without). An organisation's duties to and from a state that joined it are rows of the accession.
    Returns the number of rows."""
    from pactwatch.commitments import commitment_rows

    day = queries.check_day("as_of", as_of)
    records = [as_json(r) for r in records]
    status = {r.get("id"): r.get("status") for r in records}
    sources = {r.get("id"): r.get("independent_sources") for r in records}
    pairs: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for row in commitment_rows(records, day or date.today().isoformat()):
        pairs.setdefault((row["agreement_id"] or "", row["by"], row["to"]), []).append(row)
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(OBLIGATION_CSV_COLUMNS)
    for (agreement_id, by, to), rows in sorted(pairs.items()):
        first = rows[0]
        kinds = {r["kind"]: r["conditional"] for r in rows}
        types = {t for r in rows for t in r["conditions"]}
        values: list[Any] = [
            agreement_id, first["agreement_title"], by, to, status.get(agreement_id),
            first["begins"], date_precision_name(first["begins"]), first["ends"], date_precision_name(first["ends"]),
            *(int(kind in kinds) for kind in OBLIGATION_KINDS),
            *(int(kinds.get(kind, False)) for kind in OBLIGATION_KINDS),
            *(int(t in types) for t in CONDITION_TYPES),
            sources.get(agreement_id), first["holds_as_of"] if day else None, first["why"] if day else None,
        ]
        writer.writerow([_cell(v) for v in values])
    return len(pairs)


# --- GraphML ---------------------------------------------------------------------------------------

def export_graphml(records: Iterable[Any], events: Iterable[Any] | None, path_or_fh: str | Path | IO[Any], *,
                   as_of: date | str | None = None, actor_name: Callable[[str], str] | None = None,
                   actor_kind: Callable[[str], str] | None = None) -> nx.MultiGraph:
    """Write the actor network (:func:`actor_network`) as GraphML to a path, a binary handle or a
    text handle, and return the graph. Attribute types follow the Python values (``long``,
    ``double``, ``boolean`` written ``true``/``false``, ``string``); GraphML has no null, so an
    unknown value is left out of its edge."""
    graph = actor_network(records, events or (), as_of=as_of, actor_name=actor_name, actor_kind=actor_kind)
    writer = _GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(graph)
    if isinstance(path_or_fh, (str, Path)):
        writer.dump(str(path_or_fh))
    elif isinstance(path_or_fh, io.TextIOBase):
        buffer = io.BytesIO()
        writer.dump(buffer)
        path_or_fh.write(buffer.getvalue().decode("utf-8"))
    else:
        writer.dump(path_or_fh)
    return graph


def actor_network(records: Iterable[Any], events: Iterable[Any] = (), *, as_of: date | str | None = None,
                  actor_name: Callable[[str], str] | None = None,
                  actor_kind: Callable[[str], str] | None = None) -> nx.MultiGraph:
    """The graph :func:`export_graphml` writes.

    Nodes: actor codes with ``label`` (the actor's name), ``kind`` (state|org), and the number of
    ``agreements`` and ``events`` that reach them. Edges: one per pair of an agreement's parties or
    an event's participants, keyed (GraphML ``id``) ``RECORD_ID:A-B``, so ids are unique; see
    ``docs/exports.md`` for their attributes. With ``as_of``: agreements whose lifecycle says
    "not in force" that day (not yet signed or in force, ended) and events whose earliest possible
    date is after it are dropped; kept agreements carry ``in_force_as_of`` (left out when unknown)
    and ``in_force_reason``; the graph carries ``as_of``."""
    day = queries.check_day("as_of", as_of)
    name_of, kind_of = _actor_lookups(actor_name, actor_kind)
    graph = nx.MultiGraph()
    if day:
        graph.graph["as_of"] = day
    for record in map(as_json, records):
        record = _with_lifecycle(record, day)
        if day and record.get("in_force_as_of") is False:
            continue
        _add_pairs(graph, record.get("parties") or [], str(record.get("id")), "agreements",
                   agreement_edge(record, day is not None), name_of, kind_of)
    for event in map(as_json, events):
        if day and not _may_have_happened_by(event.get("date"), day):
            continue
        _add_pairs(graph, event.get("participants") or [], str(event.get("id")), "events",
                   event_edge(event), name_of, kind_of)
    return graph


def agreement_edge(record: dict[str, Any], with_lifecycle: bool = False) -> dict[str, Any]:
    """An agreement's edge attributes, each of one fixed type (None values are left out later)."""
    parties = record.get("parties") or []
    attrs: dict[str, Any] = {
        "label": record.get("title") or "untitled", "type": "agreement", "record_id": record.get("id"),
        "title": record.get("title"), "domain": record.get("domain"), "status": record.get("status"),
        "secret": bool(record.get("secret")), "signed": record.get("signed"), "year": _year(record.get("signed")),
        "in_force": record.get("in_force"), "duration_years": _float(record.get("duration_years")),
        "n_parties": len(parties), "independent_sources": int(record.get("independent_sources") or 0),
        "has_conflicts": bool(record.get("conflicts")), "weight": 1.0,
    }
    if with_lifecycle:
        attrs.update(in_force_as_of=record.get("in_force_as_of"), in_force_reason=record.get("in_force_reason"))
    return attrs


def event_edge(event: dict[str, Any]) -> dict[str, Any]:
    """An event's edge attributes, each of one fixed type (None values are left out later)."""
    when = event.get("date")
    return {
        "label": f"{event.get('type')} {when}" if when else str(event.get("type")), "type": "event",
        "record_id": event.get("id"), "event_type": event.get("type"), "date": when, "year": _year(when),
        "location": event.get("location"), "item": event.get("item"), "value_usd": _float(event.get("value_usd")),
        "n_participants": len(event.get("participants") or []),
        "independent_sources": int(event.get("independent_sources") or 0),
        "has_conflicts": bool(event.get("conflicts")), "weight": 1.0,
    }


class _GraphMLWriter(GraphMLWriter):
    """networkx's writer, but booleans as XML Schema spells them (``true``/``false``), which the
    GraphML standard asks for; networkx writes Python's ``True``."""

    def add_data(self, name: str, element_type: type, value: Any, scope: str = "all",
                 default: Any = None) -> Any:
        element = super().add_data(name, element_type, value, scope, default)
        if element_type is bool:  # networkx passes the value already as str(): "True" / "False"
            element.text = str(value).lower()
        return element


def _add_pairs(graph: nx.MultiGraph, actors: list[str], record_id: str, count: str, attrs: dict[str, Any],
               name_of: Callable[[str], str], kind_of: Callable[[str], str]) -> None:
    members = sorted(set(actors))
    for code in members:
        if code not in graph:
            graph.add_node(code, label=xml_text(name_of(code) or code), kind=kind_of(code), agreements=0, events=0)
        graph.nodes[code][count] += 1
    clean = {k: xml_text(v) if isinstance(v, str) else v for k, v in attrs.items() if v is not None}
    for a, b in combinations(members, 2):
        graph.add_edge(a, b, key=f"{record_id}:{a}-{b}", **clean)


def xml_text(value: str) -> str:
    """``value`` with the characters XML 1.0 cannot hold (control characters a hostile article may
    carry into a title) replaced by U+FFFD, so the file stays well-formed for every reader.

    >>> xml_text("Pact\\x0bof Baku") == "Pact\\ufffdof Baku"
    True
    """
    return _NOT_XML.sub("\ufffd", value)


def _with_lifecycle(record: dict[str, Any], day: str | None) -> dict[str, Any]:
    """The record with its lifecycle on ``day`` (the store adds it already; objects do not)."""
    if not day or "in_force_as_of" in record:
        return record
    from pactwatch.merge import with_lifecycle

    return with_lifecycle(record, day)


def _may_have_happened_by(when: Any, day: str) -> bool:
    """An event dated "2021-09" may have happened by 2021-09-15; one of unknown date is kept."""
    bounds = date_bounds(when) if isinstance(when, str) else None
    return bounds is None or bounds[0].isoformat() <= day


def _actor_lookups(actor_name: Callable[[str], str] | None,
                   actor_kind: Callable[[str], str] | None) -> tuple[Callable[[str], str], Callable[[str], str]]:
    """Names and kinds from the actor gazetteer unless the caller brings its own."""
    if actor_name is None or actor_kind is None:
        from pactwatch import gazetteer  # loads pycountry: only when needed

        actor_name = actor_name or gazetteer.actor_name
        actor_kind = actor_kind or gazetteer.actor_kind
    return actor_name, actor_kind


# --- shared ----------------------------------------------------------------------------------------

def as_json(record: Any) -> dict[str, Any]:
    """A record as its JSON dict, whether given as a dict or a merged object."""
    return record if isinstance(record, dict) else record.to_json()


@contextmanager
def _text_output(path: str | Path | IO[str]) -> Iterator[IO[str]]:
    """A text handle for ``path``: the caller's own handle; standard output for ``-``; else a
    temporary file beside the target, renamed over it only once everything is written."""
    if not isinstance(path, (str, Path)):
        yield path
        return
    if str(path) == "-":
        with _stdout_utf8() as out:
            yield out
        return
    target = Path(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def _stdout_utf8() -> Iterator[IO[str]]:
    """Standard output as UTF-8 with ``\\n`` line ends, whatever the locale (GraphML declares UTF-8)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        yield sys.stdout
        return
    out = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield out
    finally:
        try:
            out.flush()
        finally:  # even when the reader went away: never let the wrapper close standard output
            out.detach()


def _year(value: Any) -> int | None:
    match = _ISO_DATE.match(value) if isinstance(value, str) else None
    return int(match.group(1)) if match else None


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
