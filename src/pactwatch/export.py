"""Merged records out to files other tools read: JSON Lines, CSV in the ATOP shape, GraphML.

Each writer takes records as the knowledge base returns them (the ``MergedAgreement.to_json``
dict shape) or the merged objects themselves, so ``kb.agreements()`` output and
``merge_agreements()`` output export alike.

CSV follows the Alliance Treaty Obligations and Provisions data's layout: one row per agreement,
its member list and dates, then one 0/1 column per provision code (``facts.PROVISIONS``), so the
file loads straight into a statistics package. GraphML is the actor network: one node per state
or organisation, one typed, dated edge per pair of parties per agreement (a multigraph, so two
agreements between the same pair stay two edges).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path
from typing import IO, Any

import networkx as nx

from pactwatch.facts import PROVISIONS
from pactwatch.store import queries

EXPORT_FORMATS = ("jsonl", "csv", "graphml")

CSV_COLUMNS = (
    "id", "title", "parties", "n_parties", "domain", "status", "signed", "in_force", "ratified", "duration_years",
    "renewal_automatic", "renewal_period_years", "termination_notice_months", "independent_sources",
)
LIFECYCLE_COLUMNS = ("in_force_as_of", "term_ends", "next_renewal", "notice_deadline")


def write_export(engine: Any, format: str, path: str | Path | IO[str], as_of: str | None = None,  # noqa: A002
                 what: str = "agreements") -> int:
    """Write the merged records in ``engine``'s database to ``path``: ``jsonl`` (full records:
    every field's values, sources and evidence; ``what`` = agreements or events), ``csv`` (one row
    per agreement, ATOP shape) or ``graphml`` (the actor network, agreements and events as
    edges). With ``as_of``, agreements carry lifecycle columns. Returns the number of records."""
    queries.check_choice("format", format, EXPORT_FORMATS)
    queries.check_choice("what", what, ("agreements", "events"))
    day = queries.check_day("as_of", as_of)
    with engine.connect() as conn:
        agreements = queries.full_records(conn, "agreements", day)
        events = queries.full_records(conn, "events")
    if format == "graphml":
        export_graphml(agreements, events, str(path))
        return len(agreements) + len(events)
    with Path(str(path)).open("w", encoding="utf-8", newline="") as fh:
        if format == "csv":
            return export_csv(agreements, fh)
        return export_jsonl(agreements if what == "agreements" else events, fh)


def export_jsonl(records: Iterable[Any], fh: IO[str]) -> int:
    """One merged record per line, keys sorted, UTF-8 as is. Returns the number of lines."""
    n = 0
    for record in records:
        fh.write(json.dumps(as_json(record), ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n


def export_csv(records: Iterable[Any], fh: IO[str]) -> int:
    """One row per agreement; lifecycle columns are added when the records carry them (``as_of``)."""
    rows = [as_json(r) for r in records]
    extra = LIFECYCLE_COLUMNS if any("in_force_as_of" in r for r in rows) else ()
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, *extra, *PROVISIONS])
    for record in rows:
        writer.writerow(csv_row(record, extra))
    return len(rows)


def csv_row(record: dict[str, Any], extra: tuple[str, ...] = ()) -> list[str]:
    """A record as CSV cells: lists ';'-joined, booleans and provisions as 0/1, unknown as empty."""
    parties = record.get("parties") or []
    renewal = record.get("renewal") or {}
    provisions = set(record.get("provisions") or [])
    ratified = record.get("ratified") or {}
    values: list[Any] = [
        record.get("id"), record.get("title"), ";".join(parties), len(parties), record.get("domain"),
        record.get("status"), record.get("signed"), record.get("in_force"),
        ";".join(f"{party}:{day or ''}" for party, day in sorted(ratified.items())),
        record.get("duration_years"), renewal.get("automatic") if renewal else None,
        renewal.get("period_years") if renewal else None, record.get("termination_notice_months"),
        record.get("independent_sources"),
        *(record.get(name) for name in extra),
        *(int(code in provisions) for code in PROVISIONS),
    ]
    return [_cell(v) for v in values]


def export_graphml(records: Iterable[Any], events: Iterable[Any] | None, path_or_fh: str | Path | IO[bytes],
                   *, actor_name: Callable[[str], str] | None = None,
                   actor_kind: Callable[[str], str] | None = None) -> nx.MultiGraph:
    """Write the actor network as GraphML and return the graph.

    Nodes: actor codes with ``name`` and ``kind`` (state|org). Edges: for each agreement, one edge
    per pair of its parties, keyed by the agreement id, with ``type="agreement"``, agreement_id,
    title, domain, status, signed, in_force; for each event, one edge per pair of participants with
    ``type="event"``, event_id, event_type, date. GraphML has no null: unknown values are left out.
    """
    graph = actor_network(records, events or (), actor_name=actor_name, actor_kind=actor_kind)
    nx.write_graphml(graph, path_or_fh)
    return graph


def actor_network(records: Iterable[Any], events: Iterable[Any] = (), *,
                  actor_name: Callable[[str], str] | None = None,
                  actor_kind: Callable[[str], str] | None = None) -> nx.MultiGraph:
    """The graph :func:`export_graphml` writes."""
    name_of, kind_of = _actor_lookups(actor_name, actor_kind)
    graph = nx.MultiGraph()
    for record in map(as_json, records):
        attrs = {"type": "agreement", "agreement_id": record.get("id"), "title": record.get("title"),
                 "domain": record.get("domain"), "status": record.get("status"),
                 "signed": record.get("signed"), "in_force": record.get("in_force")}
        _add_pairs(graph, record.get("parties") or [], str(record.get("id")), attrs, name_of, kind_of)
    for event in map(as_json, events):
        attrs = {"type": "event", "event_id": event.get("id"), "event_type": event.get("type"),
                 "date": event.get("date"), "location": event.get("location")}
        _add_pairs(graph, event.get("participants") or [], str(event.get("id")), attrs, name_of, kind_of)
    return graph


def as_json(record: Any) -> dict[str, Any]:
    """A record as its JSON dict, whether given as a dict or a merged object."""
    return record if isinstance(record, dict) else record.to_json()


def _add_pairs(graph: nx.MultiGraph, actors: list[str], key: str, attrs: dict[str, Any],
               name_of: Callable[[str], str], kind_of: Callable[[str], str]) -> None:
    members = sorted(set(actors))
    for code in members:
        if code not in graph:
            graph.add_node(code, name=name_of(code), kind=kind_of(code))
    clean = {k: v for k, v in attrs.items() if v is not None}
    for a, b in combinations(members, 2):
        graph.add_edge(a, b, key=key, **clean)


def _actor_lookups(actor_name: Callable[[str], str] | None,
                   actor_kind: Callable[[str], str] | None) -> tuple[Callable[[str], str], Callable[[str], str]]:
    """Names and kinds from the actor gazetteer unless the caller brings its own."""
    if actor_name is None or actor_kind is None:
        from pactwatch import gazetteer  # loads pycountry: only when needed

        actor_name = actor_name or gazetteer.actor_name
        actor_kind = actor_kind or gazetteer.actor_kind
    return actor_name, actor_kind


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
