"""The export contracts of docs/exports.md, end to end on a real SQLite knowledge base.

Articles of our own go in through ``ingest_articles``; their facts come from ``_facts_of``, which
states each article's facts by hand with evidence quoted from its text, so every expected value
here is exact: a pact two articles report with different terms (a conflict), an entry into force
known to the month, a ratification reported without a date, a secret protocol whose term has run
out, a three-party convention signed later, and events before and after the day we ask about.

Checked: pandas loads the CSV by the docs' one-liner with typed columns; the GraphML reads back in
networkx with typed attributes, a label per node, unique edge ids, one key per attribute with its
type, and ``--as-of`` honoured; events JSONL is the facts format; ``-o -`` is standard output.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

import pactwatch
from pactwatch import gazetteer
from pactwatch.article import Article
from pactwatch.cli.main import main
from pactwatch.facts import PROVISIONS, Agreement, ArticleFacts, Event, Evidence, Renewal, schema_problems

REPO = Path(__file__).resolve().parents[1]
NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
PACT_TITLE = "Agreement on Strategic Partnership and Mutual Assistance"
TEXTS = {
    "baku-wire": (
        f"Azerbaijan and Turkey signed the {PACT_TITLE} on 16 August 2010. "
        "Azerbaijan's parliament ratified it on 21 December 2010. "
        "The agreement entered into force in January 2011 for ten years and renews itself automatically. "
        "Turkish and Azerbaijani troops held a joint exercise in September 2021."),
    "ankara-wire": (
        f"The {PACT_TITLE}, signed by Ankara and Baku on 16 August 2010, runs for five years. "
        "The Turkish parliament has also ratified the pact, officials said."),
    "yerevan-wire": (
        "Armenia and Russia signed a secret protocol in 2019. "
        "It entered into force on 5 March 2020 for one year. "
        "A Russian delegation visited Yerevan on 10 March 2023."),
    "tempest-wire": (
        "Britain, Italy and Japan signed the GCAP Convention in December 2023 to build a fighter jet together."),
    "manila-wire": (
        "The Philippines bought BrahMos missiles from India for 375 million dollars on 28 January 2022."),
}


def _ev(doc: str, field: str, start_words: str) -> Evidence:
    """The sentence of ``doc`` that begins with ``start_words``, with its offsets."""
    text = TEXTS[doc]
    start = text.index(start_words)
    end = text.index(". ", start) + 1 if ". " in text[start:] else len(text)
    return Evidence(field, text[start:end], start, end)


def _facts_of(article: Article) -> ArticleFacts:
    """The facts each of our articles states, as an exact extractor would write them."""
    doc = article.id
    agreements: list[Agreement] = []
    events: list[Event] = []
    if doc == "baku-wire":
        agreements.append(Agreement(
            ["AZE", "TUR"], title=PACT_TITLE, status="in_force", signed="2010-08-16", ratified={"AZE": "2010-12-21"},
            in_force="2011-01", duration_years=10, renewal=Renewal(True, 10), provisions=["mutual_defense", "training"],
            evidence=[_ev(doc, "title", "Azerbaijan and Turkey"), _ev(doc, "ratified", "Azerbaijan's parliament"),
                      _ev(doc, "in_force", "The agreement entered")]))
        events.append(Event("exercise", ["AZE", "TUR"], date="2021-09", evidence=_ev(doc, "event", "Turkish and")))
    elif doc == "ankara-wire":
        agreements.append(Agreement(
            ["AZE", "TUR"], title=PACT_TITLE, status="ratified", signed="2010-08-16", ratified={"TUR": None},
            duration_years=5, evidence=[_ev(doc, "duration_years", "The Agreement"),
                                        _ev(doc, "ratified", "The Turkish parliament")]))
    elif doc == "yerevan-wire":
        agreements.append(Agreement(
            ["ARM", "RUS"], title="protocol", status="in_force", secret=True, signed="2019", in_force="2020-03-05",
            duration_years=1, provisions=["basing"], evidence=[_ev(doc, "secret", "Armenia and Russia"),
                                                                _ev(doc, "in_force", "It entered")]))
        events.append(Event("visit", ["ARM", "RUS"], date="2023-03-10", location="ARM",
                            evidence=_ev(doc, "event", "A Russian delegation")))
    elif doc == "tempest-wire":
        agreements.append(Agreement(["GBR", "ITA", "JPN"], title="GCAP Convention", domain="defense_industry",
                                    signed="2023-12", provisions=["defense_industry"],
                                    evidence=[_ev(doc, "title", "Britain, Italy")]))
    elif doc == "manila-wire":
        events.append(Event("arms_deal", ["IND", "PHL"], date="2022-01-28", value_usd=375_000_000,
                            item="BrahMos missiles", evidence=_ev(doc, "event", "The Philippines")))
    return ArticleFacts(doc, article.published, agreements, events)


_facts_of.version = "export-contract-1"  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('exports') / 'kb.db'}"
    kb = pactwatch.open(url, extractor=_facts_of)
    try:
        articles = [Article(doc, text, f"wires/{doc}.txt", "2023-12-20") for doc, text in TEXTS.items()]
        report = kb.ingest_articles(articles)
        assert (report.articles_new, report.agreements, report.events) == (5, 3, 3)
    finally:
        kb.close()
    return url


@pytest.fixture
def kb(db: str) -> Any:
    base = pactwatch.open(db)
    yield base
    base.close()


def _export(kb: Any, fmt: str, as_of: str | None = None, what: str = "agreements") -> str:
    out = io.StringIO()
    kb.export(fmt, out, as_of=as_of, what=what)
    return out.getvalue()


# --- CSV ---------------------------------------------------------------------------------------------

def docs_one_liner() -> str:
    """The pandas line of docs/exports.md (the README quotes the same line)."""
    lines = [line for line in (REPO / "docs" / "exports.md").read_text(encoding="utf-8").splitlines()
             if "pd.read_csv(" in line]
    assert len(lines) == 1, lines
    return lines[0]


def test_readme_quotes_the_tested_pandas_line() -> None:
    readme = [line for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines() if "pd.read_csv(" in line]
    assert all(line == docs_one_liner() for line in readme), readme


def _read_like_the_docs(csv_text: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> pd.DataFrame:
    """Run exactly the documented line, in a folder where agreements.csv is ``csv_text``."""
    (folder / "agreements.csv").write_text(csv_text, encoding="utf-8")
    monkeypatch.chdir(folder)
    scope: dict[str, Any] = {"pd": pd}
    exec(docs_one_liner(), scope)  # noqa: S102 - the documented line itself is what is under test
    return scope["df"]


def test_pandas_loads_the_csv_with_typed_columns(kb: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    df = _read_like_the_docs(_export(kb, "csv", as_of="2022-06-01"), tmp_path, monkeypatch)
    dtypes = {name: str(dtype) for name, dtype in df.dtypes.items()}
    assert all(pd.api.types.is_datetime64_dtype(df[c]) for c in ("signed", "in_force", "term_ends", "next_renewal",
                                                                 "notice_deadline"))
    assert {dtypes[c] for c in ("n_parties", "independent_sources")} == {"Int64"}
    assert {dtypes[c] for c in ("duration_years", "renewal_period_years", "termination_notice_months")} == {"Float64"}
    assert {dtypes[c] for c in ("secret", "renewal_automatic", "in_force_as_of", "lifecycle_approximate")} == \
        {"boolean"}
    assert {dtypes[c] for c in PROVISIONS} == {"int64"}
    assert all(pd.api.types.is_string_dtype(df[c]) for c in ("title", "parties", "ratified", "conflicts",
                                                             "in_force_reason", "signed_precision"))
    rows = {r["parties"]: r for r in df.to_dict("records")}
    assert set(rows) == {"AZE;TUR", "ARM;RUS", "GBR;ITA;JPN"}
    pact, protocol, gcap = rows["AZE;TUR"], rows["ARM;RUS"], rows["GBR;ITA;JPN"]
    assert (pact["in_force"], pact["in_force_precision"]) == (pd.Timestamp("2011-01-01"), "month")
    assert (pact["signed_precision"], protocol["signed_precision"], gcap["signed_precision"]) == \
        ("day", "year", "month")
    assert pact["ratified"] == "AZE:2010-12-21;TUR:"
    assert (pact["conflicts"], pact["independent_sources"], pact["duration_years"]) == ("duration_years", 2, 10)
    assert pd.isna(protocol["conflicts"]) and pd.isna(gcap["in_force"])
    assert (bool(protocol["secret"]), bool(pact["secret"])) == (True, False)
    assert bool(pact["in_force_as_of"]) is True and bool(pact["lifecycle_approximate"]) is True
    assert pact["term_ends"] == pd.Timestamp("2031-01-01")
    assert bool(protocol["in_force_as_of"]) is False and "ended 2021-03-05" in protocol["in_force_reason"]
    assert bool(gcap["in_force_as_of"]) is False and gcap["in_force_reason"] == \
        "not yet signed on 2022-06-01 (signed 2023-12)"
    assert (pact["mutual_defense"], protocol["basing"], gcap["defense_industry"], gcap["basing"]) == (1, 1, 1, 0)
    later = _read_like_the_docs(_export(kb, "csv", as_of="2024-06-01"), tmp_path, monkeypatch)
    gcap = later[later.parties == "GBR;ITA;JPN"].iloc[0]
    assert pd.isna(gcap["in_force_as_of"]) and gcap["in_force_reason"].startswith("no entry-into-force date known")


def test_csv_without_as_of_has_the_same_header_and_empty_lifecycle(kb: Any, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    plain, dated = _export(kb, "csv"), _export(kb, "csv", as_of="2022-06-01")
    assert plain.splitlines()[0] == dated.splitlines()[0]
    df = _read_like_the_docs(plain, tmp_path, monkeypatch)
    lifecycle = ["in_force_as_of", "in_force_reason", "term_ends", "next_renewal", "notice_deadline",
                 "lifecycle_approximate"]
    assert bool(df[lifecycle].isna().all().all())
    assert str(df["in_force_as_of"].dtype) == "boolean" and pd.api.types.is_string_dtype(df["in_force_reason"])
    assert pd.api.types.is_datetime64_dtype(df["term_ends"])


def test_the_one_liner_keeps_text_that_pandas_would_take_for_missing(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from pactwatch.export import export_csv

    out = io.StringIO()
    export_csv([{"id": "agr-1", "title": "NA", "parties": ["NAM", "ZAF"], "signed": "2021"}], out)
    df = _read_like_the_docs(out.getvalue(), tmp_path, monkeypatch)
    assert (df.loc[0, "title"], df.loc[0, "parties"], df.loc[0, "signed"]) == ("NA", "NAM;ZAF", pd.Timestamp("2021"))
    assert pd.isna(df.loc[0, "in_force"]) and pd.isna(df.loc[0, "secret"]) is False


# --- GraphML -----------------------------------------------------------------------------------------

def _graphml_keys(xml: str) -> dict[tuple[str, str], str]:
    """(for, attr.name) -> attr.type, checking that each is declared exactly once."""
    root = ET.fromstring(xml.encode("utf-8"))
    keys = [(k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.findall("g:key", NS)]
    declared = {(scope, name): kind for scope, name, kind in keys}
    assert len(declared) == len(keys), "an attribute is declared twice (mixed types)"
    assert all(kind for kind in declared.values())
    return declared


def test_graphml_follows_networkx_and_gephi_conventions(kb: Any, tmp_path: Path) -> None:
    xml = _export(kb, "graphml")
    keys = _graphml_keys(xml)
    assert {name: kind for (scope, name), kind in keys.items() if scope == "node"} == {
        "label": "string", "kind": "string", "agreements": "long", "events": "long"}
    edge_types = {name: kind for (scope, name), kind in keys.items() if scope == "edge"}
    assert {k: edge_types[k] for k in ("year", "n_parties", "independent_sources", "n_participants")} == \
        dict.fromkeys(("year", "n_parties", "independent_sources", "n_participants"), "long")
    assert {k: edge_types[k] for k in ("secret", "has_conflicts", "weight", "duration_years", "value_usd")} == {
        "secret": "boolean", "has_conflicts": "boolean", "weight": "double", "duration_years": "double",
        "value_usd": "double"}
    root = ET.fromstring(xml.encode("utf-8"))
    edge_ids = [e.get("id") for e in root.iter(f"{{{NS['g']}}}edge")]
    assert len(edge_ids) == 1 + 1 + 3 + 1 + 1 + 1 and None not in edge_ids and len(set(edge_ids)) == len(edge_ids)
    booleans = {k.get("id") for k in root.findall("g:key", NS) if k.get("attr.type") == "boolean"}
    assert {d.text for d in root.iter(f"{{{NS['g']}}}data") if d.get("key") in booleans} == {"true", "false"}

    path = tmp_path / "network.graphml"
    path.write_text(xml, encoding="utf-8")
    graph = nx.read_graphml(path)
    assert isinstance(graph, nx.MultiGraph)
    assert {code: data["label"] for code, data in graph.nodes(data=True)} == {
        code: gazetteer.actor_name(code) for code in ("AZE", "TUR", "ARM", "RUS", "GBR", "ITA", "JPN", "IND", "PHL")}
    edges = {key: data for _, _, key, data in graph.edges(keys=True, data=True)}
    assert set(edges) == set(edge_ids)
    pact = next(d for d in edges.values() if d.get("title") == PACT_TITLE)
    assert (pact["year"], pact["secret"], pact["has_conflicts"], pact["duration_years"], pact["weight"]) == \
        (2010, False, True, 10.0, 1.0)
    deal = next(d for d in edges.values() if d.get("event_type") == "arms_deal")
    assert (deal["value_usd"], deal["year"], deal["label"]) == (375_000_000.0, 2022, "arms_deal 2022-01-28")
    assert graph.nodes["TUR"]["agreements"] == 1 and graph.nodes["TUR"]["events"] == 1


def test_graphml_as_of_keeps_only_what_stood_that_day(kb: Any) -> None:
    """On 2022-06-01 the pact is in force; the protocol's one-year term ended 2021-03-05; the GCAP
    Convention is not signed yet; the visit of 2023 has not happened. The exercise (2021-09) and
    the arms deal (2022-01-28) have."""
    xml = _export(kb, "graphml", as_of="2022-06-01")
    graph = nx.read_graphml(io.BytesIO(xml.encode("utf-8")), force_multigraph=True)
    assert graph.graph["as_of"] == "2022-06-01"
    kept = sorted((d["type"], d.get("title") or d["event_type"]) for _, _, d in graph.edges(data=True))
    assert kept == [("agreement", PACT_TITLE), ("event", "arms_deal"), ("event", "exercise")]
    pact = next(d for _, _, d in graph.edges(data=True) if d["type"] == "agreement")
    assert pact["in_force_as_of"] is True and pact["in_force_reason"].startswith("entered into force 2011-01-01")
    assert _graphml_keys(xml)[("edge", "in_force_as_of")] == "boolean"
    earlier = io.StringIO()  # 2019-06-01: the protocol (signed in 2019) enters into force only in 2020
    assert kb.export("graphml", earlier, as_of="2019-06-01") == 1
    graph = nx.read_graphml(io.BytesIO(earlier.getvalue().encode("utf-8")), force_multigraph=True)
    assert [(a, b, d["title"]) for a, b, d in graph.edges(data=True)] == [("AZE", "TUR", PACT_TITLE)]


# --- JSON Lines ----------------------------------------------------------------------------------------

def test_events_jsonl_is_the_facts_format(kb: Any) -> None:
    lines = [json.loads(line) for line in _export(kb, "jsonl", what="events").splitlines()]
    assert sorted(e["type"] for e in lines) == ["arms_deal", "exercise", "visit"]
    for line in lines:
        event = Event.from_json(line)
        assert {k: line[k] for k in event.to_json()} == event.to_json()
        article = kb.article(line["evidence_article"])
        document = {"doc_id": article["id"], "published": article["published"], "agreements": [], "events": [line]}
        assert schema_problems(document, text=article["text"]) == []
        assert line["id"].startswith("evt-") and line["documents"] == [line["evidence_article"]]
    deal = next(e for e in lines if e["type"] == "arms_deal")
    assert (deal["participants"], deal["value_usd"], deal["item"]) == (["IND", "PHL"], 375000000, "BrahMos missiles")


def test_agreements_jsonl_stays_the_full_merged_records(kb: Any) -> None:
    lines = [json.loads(line) for line in _export(kb, "jsonl").splitlines()]
    pact = next(r for r in lines if r["title"] == PACT_TITLE)
    assert {"fields", "conflicts", "evidence", "documents", "secret", "ratified"} <= set(pact)
    assert pact["ratified"] == {"AZE": "2010-12-21", "TUR": None}
    assert [c["field"] for c in pact["conflicts"]] == ["duration_years"]


def test_bad_combinations_are_refused_before_anything_is_written(kb: Any, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(ValueError, match="events export is JSON Lines only"):
        kb.export("csv", target, what="events")
    with pytest.raises(ValueError, match="as_of applies to agreements"):
        kb.export("jsonl", target, as_of="2022-01-01", what="events")
    with pytest.raises(ValueError, match="is not a date: use YYYY-MM-DD"):
        kb.export("csv", target, as_of="2022-13-01")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_the_old_file_and_no_debris(kb: Any, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "agreements.csv"
    target.write_text("yesterday's export\n", encoding="utf-8")

    def broken(records: Any, fh: Any) -> int:
        fh.write("id,title\n")
        raise OSError("disk full")

    monkeypatch.setattr("pactwatch.export.export_csv", broken)
    with pytest.raises(OSError, match="disk full"):
        kb.export("csv", target)
    assert [p.name for p in tmp_path.iterdir()] == ["agreements.csv"]
    assert target.read_text(encoding="utf-8") == "yesterday's export\n"


# --- the command ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "jsonl", "graphml"])
def test_dash_o_dash_writes_to_standard_output(db: str, kb: Any, fmt: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / f"out.{fmt}"
    assert main(["export", "--db", db, "--format", fmt, "--as-of", "2022-06-01", "-o", str(target)]) == 0
    to_file = capsys.readouterr()
    assert main(["export", "--db", db, "--format", fmt, "--as-of", "2022-06-01", "-o", "-"]) == 0
    to_stdout = capsys.readouterr()
    assert to_stdout.out == target.read_text(encoding="utf-8")
    count = re.fullmatch(r"(\d+) records written to standard output\.\n", to_stdout.err)
    assert count and to_file.out == f"{count.group(1)} records written to {target}.\n" and to_file.err == ""


def test_graphml_on_standard_output_of_the_real_command(db: str) -> None:
    done = subprocess.run([sys.executable, "-m", "pactwatch.cli.main", "export", "--db", db, "--format", "graphml",
                           "--events", "-o", "-"], capture_output=True, timeout=120)
    assert done.returncode == 1 and done.stdout == b""
    assert b"Error: events export is JSON Lines only" in done.stderr
    done = subprocess.run([sys.executable, "-m", "pactwatch.cli.main", "export", "--db", db, "--format", "graphml",
                           "-o", "-"], capture_output=True, timeout=120)
    assert done.returncode == 0 and done.stderr == b"6 records written to standard output.\n"
    graph = nx.read_graphml(io.BytesIO(done.stdout))
    assert graph.number_of_nodes() == 9 and graph.number_of_edges() == 8


@pytest.mark.parametrize(("argv", "message"), [
    (["--as-of"], "argument --as-of: expected one argument"),
    (["--as-of", "22/06/2022"], "argument --as-of: '22/06/2022' is not a date: use YYYY-MM-DD"),
    (["--as-of", "2022-02-30"], "argument --as-of: '2022-02-30' is not a date"),
])
def test_a_missing_or_bad_as_of_is_a_usage_error(db: str, tmp_path: Path, argv: list[str], message: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(SystemExit) as exited:
        main(["export", "--db", db, "--format", "csv", "-o", str(target), *argv])
    err = capsys.readouterr().err
    assert exited.value.code == 2 and message in err and "usage: pactwatch export" in err
    assert not target.exists()


@pytest.mark.slow
def test_the_sample_corpus_through_the_real_extractor_keeps_every_contract(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Our sample articles, extracted for real: whatever the extractor finds, the CSV loads typed
    by the documented line and the GraphML declares each attribute once, with unique edge ids."""
    kb = pactwatch.open(f"sqlite:///{tmp_path / 'sample.db'}")
    try:
        assert kb.ingest([str(REPO / "sample")]).agreements > 0
        csv_text, xml = _export(kb, "csv", as_of="2024-01-01"), _export(kb, "graphml")
        events = [json.loads(line) for line in _export(kb, "jsonl", what="events").splitlines()]
    finally:
        kb.close()
    df = _read_like_the_docs(csv_text, tmp_path, monkeypatch)
    assert len(df) == csv_text.count("\nagr-")
    assert [str(df[c].dtype) for c in ("n_parties", "secret", "in_force_as_of")] == ["Int64", "boolean", "boolean"]
    assert all(pd.api.types.is_datetime64_dtype(df[c]) for c in ("signed", "in_force", "term_ends"))
    assert set(df.signed_precision.dropna()) <= {"day", "month", "year"}
    keys = _graphml_keys(xml)
    assert keys[("node", "label")] == "string" and keys[("edge", "year")] == "long"
    edge_ids = [e.get("id") for e in ET.fromstring(xml.encode("utf-8")).iter(f"{{{NS['g']}}}edge")]
    assert edge_ids and len(set(edge_ids)) == len(edge_ids)
    assert events and all(schema_problems({"doc_id": "x", "published": None, "events": [e]}) == [] for e in events)


def test_export_from_a_database_that_does_not_exist_writes_nothing(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.csv"
    missing = f"sqlite:///{tmp_path / 'missing.db'}"
    assert main(["export", "--db", missing, "--format", "csv", "-o", str(target)]) == 1
    assert capsys.readouterr().err.startswith("Error: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == []
