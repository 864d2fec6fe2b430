"""Exports: exact JSON Lines, CSV and GraphML from hand-built records."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import networkx as nx

from pactwatch.export import export_csv, export_graphml, export_jsonl
from pactwatch.facts import PROVISIONS, Agreement, Event, Renewal
from pactwatch.merge import SourcedAgreement, SourcedEvent, merge_agreements, merge_events, with_lifecycle

PACT = SourcedAgreement("000", "c1", "2021-04-15", Agreement(
    ["AZE", "TUR"], title="Agreement on Strategic Partnership and Mutual Assistance", status="ratified",
    signed="2010-08-16", ratified={"TUR": "2011-02-15", "AZE": "2010-12-21"}, duration_years=10,
    renewal=Renewal(True, 10), provisions=["mutual_defense", "training"]))
TRILATERAL = SourcedAgreement("003", "c3", "2021-09-13", Agreement(
    ["AZE", "PAK", "TUR"], title="Islamabad Declaration", signed="2021-01", domain="security"))
EXERCISE = SourcedEvent("003", "c3", "2021-09-13", Event("exercise", ["AZE", "PAK", "TUR"], date="2021-09-12",
                                                         location="AZE"))


def _names(code: str) -> str:
    return {"AZE": "Azerbaijan", "TUR": "Türkiye", "PAK": "Pakistan"}[code]


def test_jsonl_is_one_sorted_record_per_line() -> None:
    records = merge_agreements([PACT, TRILATERAL])
    out = io.StringIO()
    assert export_jsonl(records, out) == 2
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [r.to_json() for r in records]
    assert all(list(json.loads(line)) == sorted(json.loads(line)) for line in lines)


def test_csv_has_atop_shape_with_provision_columns() -> None:
    pact = merge_agreements([PACT])[0].to_json()
    out = io.StringIO()
    assert export_csv([pact], out) == 1
    header, row = out.getvalue().splitlines()
    assert header == ("id,title,parties,n_parties,domain,status,signed,in_force,ratified,duration_years,"
                      "renewal_automatic,renewal_period_years,termination_notice_months,independent_sources,"
                      + ",".join(PROVISIONS))
    provisions = ",".join("1" if code in ("mutual_defense", "training") else "0" for code in PROVISIONS)
    assert row == (f"{pact['id']},Agreement on Strategic Partnership and Mutual Assistance,AZE;TUR,2,security,"
                   f"ratified,2010-08-16,,AZE:2010-12-21;TUR:2011-02-15,10,1,10,,1,{provisions}")


def test_csv_adds_lifecycle_columns_when_records_carry_them() -> None:
    """Signed 2010-08-16, no entry into force known: in_force_as_of empty (unknown), no term dates."""
    pact = with_lifecycle(merge_agreements([PACT])[0].to_json(), date(2026, 11, 22))
    out = io.StringIO()
    export_csv([pact], out)
    header, row = out.getvalue().splitlines()
    assert header.split(",")[14:18] == ["in_force_as_of", "term_ends", "next_renewal", "notice_deadline"]
    assert row.split(",")[14:18] == ["", "", "", ""]


def test_csv_quotes_titles_with_commas() -> None:
    record = {"id": "agr-1", "title": 'Treaty on Peace, Friendship "and" Cooperation', "parties": ["ARM", "RUS"]}
    out = io.StringIO()
    export_csv([record], out)
    row = out.getvalue().splitlines()[1]
    assert row.startswith('agr-1,"Treaty on Peace, Friendship ""and"" Cooperation",ARM;RUS,2,')


def test_graphml_has_actor_nodes_and_one_edge_per_party_pair_per_agreement(tmp_path: Path) -> None:
    records = merge_agreements([PACT, TRILATERAL])
    events = merge_events([EXERCISE])
    path = tmp_path / "network.graphml"
    export_graphml(records, events, path, actor_name=_names)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert dict(graph.nodes(data=True)) == {
        "AZE": {"name": "Azerbaijan", "kind": "state"}, "TUR": {"name": "Türkiye", "kind": "state"},
        "PAK": {"name": "Pakistan", "kind": "state"}}
    agreements = [(a, b, d) for a, b, d in graph.edges(data=True) if d["type"] == "agreement"]
    assert len(agreements) == 1 + 3 and graph.number_of_edges("AZE", "TUR") == 3
    pact_edge = next(d for a, b, d in agreements if d["title"].startswith("Agreement on Strategic"))
    pact_id = next(r.id for r in records if r.documents == ["000"])
    assert pact_edge == {"type": "agreement", "agreement_id": pact_id,
                         "title": "Agreement on Strategic Partnership and Mutual Assistance", "domain": "security",
                         "status": "ratified", "signed": "2010-08-16"}
    exercise_edges = [d for a, b, d in graph.edges(data=True) if d["type"] == "event"]
    assert len(exercise_edges) == 3
    assert exercise_edges[0] == {"type": "event", "event_id": events[0].id, "event_type": "exercise",
                                 "date": "2021-09-12", "location": "AZE"}


def test_graphml_to_a_binary_handle_with_the_gazetteer_names() -> None:
    out = io.BytesIO()
    graph = export_graphml([merge_agreements([PACT])[0].to_json()], None, out)
    assert graph.nodes["AZE"] == {"name": "Azerbaijan", "kind": "state"}
    assert b"<graphml" in out.getvalue()
