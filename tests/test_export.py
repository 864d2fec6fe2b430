"""Exports: exact JSON Lines, CSV and GraphML from hand-built records (the contracts of docs/exports.md)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import networkx as nx

from pactwatch.export import (
    actor_network,
    date_precision_name,
    event_as_facts,
    export_csv,
    export_graphml,
    export_jsonl,
)
from pactwatch.facts import PROVISIONS, Agreement, Event, Evidence, Renewal
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


def test_csv_has_atop_shape_with_typed_columns_and_provisions() -> None:
    pact = merge_agreements([PACT])[0].to_json()
    out = io.StringIO()
    assert export_csv([pact], out) == 1
    header, row = out.getvalue().splitlines()
    assert header == ("id,title,parties,n_parties,domain,status,secret,signed,signed_precision,in_force,"
                      "in_force_precision,ratified,duration_years,renewal_automatic,renewal_period_years,"
                      "termination_notice_months,independent_sources,conflicts,in_force_as_of,in_force_reason,"
                      "term_ends,next_renewal,notice_deadline,lifecycle_approximate," + ",".join(PROVISIONS))
    provisions = ",".join("1" if code in ("mutual_defense", "training") else "0" for code in PROVISIONS)
    assert row == (f"{pact['id']},Agreement on Strategic Partnership and Mutual Assistance,AZE;TUR,2,security,"
                   f"ratified,false,2010-08-16,day,,,AZE:2010-12-21;TUR:2011-02-15,10,true,10,,1,,,,,,,,{provisions}")


def test_csv_fills_lifecycle_columns_when_records_carry_them() -> None:
    """Signed 2010-08-16, no entry into force known: in_force_as_of empty (unknown) with its reason."""
    pact = with_lifecycle(merge_agreements([PACT])[0].to_json(), date(2026, 11, 22))
    out = io.StringIO()
    export_csv([pact], out)
    row = dict(zip(*csv.reader(out.getvalue().splitlines()), strict=True))
    assert (row["in_force_as_of"], row["term_ends"], row["lifecycle_approximate"]) == ("", "", "false")
    assert row["in_force_reason"] == ("no entry-into-force date known (signed 2010-08-16; status ratified); "
                                      "its 10-year term cannot be placed")


def test_csv_marks_precision_conflicts_secrecy_and_undated_ratifications() -> None:
    """Two articles give different terms: the row names the conflicting field; a month-precise
    entry into force says so; a ratification reported without a date refines nothing away."""
    other = SourcedAgreement("001", "c2", "2021-05-01", Agreement(
        ["AZE", "TUR"], title="Agreement on Strategic Partnership and Mutual Assistance", status="in_force",
        secret=True, signed="2010-08-16", in_force="2011-01", ratified={"TUR": None}, duration_years=5))
    record = merge_agreements([PACT, other])[0].to_json()
    out = io.StringIO()
    export_csv([record], out)
    row = dict(zip(*csv.reader(out.getvalue().splitlines()), strict=True))
    assert (row["secret"], row["in_force"], row["in_force_precision"]) == ("true", "2011-01", "month")
    assert row["conflicts"] == "duration_years"
    assert row["ratified"] == "AZE:2010-12-21;TUR:2011-02-15"
    assert row["independent_sources"] == "2"


def test_date_precision_names() -> None:
    assert [date_precision_name(v) for v in ("2021", "2021-04", "2021-04-15", None, "soon", "2021-4")] == \
        ["year", "month", "day", None, None, None]


def test_csv_quotes_titles_with_commas() -> None:
    record = {"id": "agr-1", "title": 'Treaty on Peace, Friendship "and" Cooperation', "parties": ["ARM", "RUS"]}
    out = io.StringIO()
    export_csv([record], out)
    row = out.getvalue().splitlines()[1]
    assert row.startswith('agr-1,"Treaty on Peace, Friendship ""and"" Cooperation",ARM;RUS,2,')


def test_graphml_has_labelled_actor_nodes_and_one_edge_per_party_pair_per_agreement(tmp_path: Path) -> None:
    records = merge_agreements([PACT, TRILATERAL])
    events = merge_events([EXERCISE])
    path = tmp_path / "network.graphml"
    export_graphml(records, events, path, actor_name=_names)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert dict(graph.nodes(data=True)) == {
        "AZE": {"label": "Azerbaijan", "kind": "state", "agreements": 2, "events": 1},
        "TUR": {"label": "Türkiye", "kind": "state", "agreements": 2, "events": 1},
        "PAK": {"label": "Pakistan", "kind": "state", "agreements": 1, "events": 1}}
    agreements = [(a, b, k, d) for a, b, k, d in graph.edges(keys=True, data=True) if d["type"] == "agreement"]
    assert len(agreements) == 1 + 3 and graph.number_of_edges("AZE", "TUR") == 3
    pact_id = next(r.id for r in records if r.documents == ["000"])
    pact_key, pact_edge = next((k, d) for a, b, k, d in agreements if d["record_id"] == pact_id)
    assert pact_key == f"{pact_id}:AZE-TUR"
    assert pact_edge == {"label": "Agreement on Strategic Partnership and Mutual Assistance", "type": "agreement",
                         "record_id": pact_id, "title": "Agreement on Strategic Partnership and Mutual Assistance",
                         "domain": "security", "status": "ratified", "secret": False, "signed": "2010-08-16",
                         "year": 2010, "duration_years": 10.0, "n_parties": 2, "independent_sources": 1,
                         "has_conflicts": False, "weight": 1.0}
    exercise_edges = [d for a, b, d in graph.edges(data=True) if d["type"] == "event"]
    assert len(exercise_edges) == 3
    assert exercise_edges[0] == {"label": "exercise 2021-09-12", "type": "event", "record_id": events[0].id,
                                 "event_type": "exercise", "date": "2021-09-12", "year": 2021, "location": "AZE",
                                 "n_participants": 3, "independent_sources": 1, "has_conflicts": False,
                                 "weight": 1.0}


def test_graphml_as_of_keeps_what_stood_that_day() -> None:
    """On 2021-06-01 the Islamabad Declaration (signed 2021-01) stands with an unknown answer, the
    pact (no entry into force known) too; the exercise of 2021-09-12 has not happened yet."""
    records = [r.to_json() for r in merge_agreements([PACT, TRILATERAL])]
    graph = actor_network(records, [e.to_json() for e in merge_events([EXERCISE])], as_of="2021-06-01",
                          actor_name=_names)
    assert graph.graph == {"as_of": "2021-06-01"}
    assert {d["type"] for _, _, d in graph.edges(data=True)} == {"agreement"}
    assert all("in_force_as_of" not in d and d["in_force_reason"] for _, _, d in graph.edges(data=True))
    before_signing = actor_network(records, (), as_of="2020-12-31", actor_name=_names)
    assert {d["title"] for _, _, d in before_signing.edges(data=True)} == {
        "Agreement on Strategic Partnership and Mutual Assistance"}


def test_graphml_to_binary_and_text_handles_with_the_gazetteer_names() -> None:
    record = merge_agreements([PACT])[0].to_json()
    binary, text = io.BytesIO(), io.StringIO()
    graph = export_graphml([record], None, binary)
    export_graphml([record], None, text)
    assert graph.nodes["AZE"]["label"] == "Azerbaijan"
    assert binary.getvalue().decode("utf-8") == text.getvalue()
    assert text.getvalue().startswith("<?xml version='1.0' encoding='utf-8'?>")
    assert '<data key="d' in text.getvalue() and ">false</data>" in text.getvalue()


def test_events_as_facts_keep_the_facts_event_shape() -> None:
    event = Event("arms_deal", ["IND", "PHL"], date="2022-01-28", value_usd=375000000.0, item="BrahMos missiles",
                  evidence=Evidence("event", "Manila bought BrahMos missiles.", 10, 41))
    record = merge_events([SourcedEvent("007", "c7", "2022-01-29", event)])[0]
    line = event_as_facts(record)
    assert {k: line[k] for k in event.to_json()} == event.to_json()
    assert Event.from_json(line) == event
    assert set(line) - set(event.to_json()) == {"id", "documents", "independent_sources", "conflicts",
                                                "evidence_article"}
    assert (line["id"], line["documents"], line["evidence_article"]) == (record.id, ["007"], "007")


def test_graphml_stays_well_formed_with_control_characters_in_titles(tmp_path: Path) -> None:
    """A title read from a hostile article may carry characters XML 1.0 cannot hold."""
    record = {"id": "agr-x", "title": "Pact\x0bof\x1b Baku\x00", "parties": ["AZE", "TUR"], "signed": "2021"}
    path = tmp_path / "network.graphml"
    export_graphml([record], None, path, actor_name=_names)
    graph = nx.read_graphml(path)
    assert graph.edges["AZE", "TUR"]["title"] == "Pact\ufffdof\ufffd Baku\ufffd"
