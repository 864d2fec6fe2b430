"""The knowledge-base API (``pactwatch.open``) on a real SQLite database: shapes, filters, errors.

Articles of our own go in through ``ingest_articles`` with the fake extractor of
``tests/store/kb_helpers.py``, so every expected value here is exact.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from kb_helpers import fake_extract

import pactwatch
from pactwatch.article import Article, Refusal

PACT = "AZE and TUR signed the Shusha Declaration on 2021-06-15."
TEXTS = {
    "baku-report": f"Leaders met in Baku this week. {PACT} Azerbaijan called it historic.",
    "ankara-report": f"Ankara welcomed the news. {PACT} Turkey's parliament will debate it.",
    "drills": "AZE and PAK held exercise Three Brothers on 2021-09-12. Pakistan sent two ships.",
    "greece": "GRC and FRA signed the Strategic Partnership on 2021-09-28. Paris and Athens agreed.",
}


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> pactwatch.kb.KnowledgeBase:
    url = f"sqlite:///{tmp_path_factory.mktemp('kb') / 'kb.db'}"
    base = pactwatch.open(url, extractor=fake_extract)
    articles = [Article(i, t, f"tests/{i}.txt", "2021-10-01", f"https://example.org/{i}", i.replace("-", " ").title())
                for i, t in TEXTS.items()]
    report = base.ingest_articles([*articles, Refusal("tests/bad.jsonl", "not JSON", 3)])
    assert (report.articles_new, report.agreements, report.events) == (4, 2, 1)
    yield base
    base.close()


def test_agreements_list_shape_filters_and_counts(kb) -> None:
    rows = kb.agreements()
    assert [r["title"] for r in rows] == ["Shusha Declaration", "Strategic Partnership"]
    shusha = rows[0]
    assert set(shusha) >= {"id", "title", "parties", "domain", "status", "secret", "signed", "ratified", "in_force",
                           "duration_years", "renewal", "termination_notice_months", "provisions", "documents",
                           "independent_sources", "conflicts"}
    assert "fields" not in shusha and "in_force_as_of" not in shusha
    assert (shusha["parties"], shusha["signed"], shusha["documents"]) == (
        ["AZE", "TUR"], "2021-06-15", ["ankara-report", "baku-report"])
    assert shusha["independent_sources"] == 2 and shusha["conflicts"] == []
    assert [r["title"] for r in kb.agreements(party="tur")] == ["Shusha Declaration"]
    assert [r["title"] for r in kb.agreements(q="GRC AND FRA signed")] == ["Strategic Partnership"]
    assert [r["title"] for r in kb.agreements(sort="signed", desc=True)] == ["Strategic Partnership",
                                                                             "Shusha Declaration"]
    assert [r["title"] for r in kb.agreements(limit=1, offset=1)] == ["Strategic Partnership"]
    assert kb.count_agreements(domain="security", status="signed") == 2
    assert kb.count_agreements(party="PAK") == 0 and kb.agreements(provision="basing") == []


def test_as_of_adds_lifecycle_columns(kb) -> None:
    [row] = kb.agreements(party="FRA", as_of="2026-11-22")
    assert row["in_force_as_of"] is None and row["in_force_reason"]
    assert {"term_ends", "next_renewal", "notice_deadline"} <= set(row)


@pytest.mark.parametrize(("call", "message"), [
    (lambda kb: kb.agreements(domain="war"), "unknown domain 'war': choose one of security, defense_industry"),
    (lambda kb: kb.agreements(status="dead"), "unknown status 'dead'"),
    (lambda kb: kb.agreements(sort="colour"), "unknown sort 'colour': choose one of signed, title"),
    (lambda kb: kb.agreements(as_of="22/11/2026"), "as_of '22/11/2026' is not a date"),
    (lambda kb: kb.events(type="party"), "unknown type 'party': choose one of exercise, visit, arms_deal"),
    (lambda kb: kb.count_agreements(provision="x"), "unknown provision 'x'"),
])
def test_bad_filter_values_raise_value_error_listing_the_allowed_ones(kb, call, message) -> None:
    with pytest.raises(ValueError, match=message):
        call(kb)


def test_one_agreement_has_fields_evidence_and_lifecycle(kb) -> None:
    shusha_id = kb.agreements(party="AZE")[0]["id"]
    record = kb.agreement(shusha_id, as_of="2022-01-01")
    signed = record["fields"]["signed"]
    assert signed["shown"] == "2021-06-15"
    [value] = signed["values"]
    assert value["articles"] == ["ankara-report", "baku-report"] and value["independent_sources"] == 2
    quote = {(e["article_id"], e["quote"], e["start"]) for e in value["evidence"]}
    assert quote == {("baku-report", PACT, TEXTS["baku-report"].index(PACT)),
                     ("ankara-report", PACT, TEXTS["ankara-report"].index(PACT))}
    titles = {e["article_id"]: e["article_title"] for e in record["evidence"]}
    assert titles == {"ankara-report": "Ankara Report", "baku-report": "Baku Report"}
    assert record["lifecycle"]["milestones"][0]["kind"] == "signed"
    assert kb.agreement("agr-nope") is None


def test_events_and_timeline(kb) -> None:
    [drill] = kb.events(party="PAK")
    assert (drill["type"], drill["participants"], drill["date"], drill["documents"]) == (
        "exercise", ["AZE", "PAK"], "2021-09-12", ["drills"])
    assert drill["evidence"] == [{"article_id": "drills", "quote": TEXTS["drills"][:55], "start": 0, "end": 55}]
    assert kb.count_events(type="exercise") == 1 and kb.event(drill["id"])["id"] == drill["id"]
    assert kb.event("evt-nope") is None
    items = kb.timeline()
    assert [(i["date"], i["kind"]) for i in items] == [("2021-06-15", "signed"), ("2021-09-12", "exercise"),
                                                       ("2021-09-28", "signed")]
    assert [i["date"] for i in kb.timeline(party="AZE", start="2021-07-01")] == ["2021-09-12"]
    assert items[1]["event_id"] == drill["id"] and items[1]["article_id"] == "drills"


def test_articles_and_one_article(kb) -> None:
    rows = kb.articles()
    assert [r["id"] for r in rows] == ["ankara-report", "baku-report", "drills", "greece"]
    assert rows[0] == {"id": "ankara-report", "title": "Ankara Report", "url": "https://example.org/ankara-report",
                       "published": "2021-10-01", "source": "tests/ankara-report.txt",
                       "cluster_id": "ankara-report", "n_agreements": 1, "n_events": 0}
    assert [r["id"] for r in kb.articles(q="three brothers")] == ["drills"]
    article = kb.article("baku-report")
    assert article["text"] == TEXTS["baku-report"] and article["duplicates"] == ["baku-report"]
    actors = [(m["label"], article["text"][m["start"]:m["end"]]) for m in article["mentions"] if m["kind"] == "actor"]
    assert ("AZE", "Baku") in actors and ("AZE", "Azerbaijan") in actors
    assert any(m["kind"] == "agreement" and article["text"][m["start"]:m["end"]] == PACT for m in article["mentions"])
    assert article["facts"]["agreements"][0]["title"] == "Shusha Declaration"
    assert kb.article("missing") is None


def test_actors_network_duplicates_refused(kb) -> None:
    assert [(a["code"], a["n_agreements"], a["n_events"]) for a in kb.actors()] == [
        ("AZE", 1, 1), ("FRA", 1, 0), ("GRC", 1, 0), ("PAK", 0, 1), ("TUR", 1, 0)]
    aze = kb.actor("aze")
    assert aze["name"] == "Azerbaijan" and aze["kind"] == "state"
    assert [p["code"] for p in aze["partners"]] == ["TUR"] and len(aze["events"]) == 1
    assert kb.actor("XYZ") is None
    network = kb.network()
    assert sorted((e["source"], e["target"]) for e in network["edges"]) == [("AZE", "TUR"), ("FRA", "GRC")]
    assert [(n["id"], n["n_agreements"]) for n in network["nodes"]] == [("AZE", 1), ("FRA", 1), ("GRC", 1), ("TUR", 1)]
    assert kb.network(as_of="2021-07-01")["edges"][0]["target"] == "TUR"
    assert len(kb.network(as_of="2021-07-01")["edges"]) == 1  # the Franco-Greek pact was not yet signed
    assert kb.duplicates() == []
    [refusal] = kb.refused()
    assert (refusal["source"], refusal["line"], refusal["reason"]) == ("tests/bad.jsonl", 3, "not JSON")


def test_every_list_has_a_count_and_pages(kb) -> None:
    assert (kb.count_actors(), kb.count_articles(), kb.count_duplicates(), kb.count_refused(),
            kb.count_timeline()) == (5, 4, 0, 1, 3)
    assert [a["code"] for a in kb.actors(limit=2, offset=1)] == ["FRA", "GRC"]
    assert kb.timeline(limit=1, offset=2) == kb.timeline()[2:]
    assert kb.count_articles(q="three brothers") == 1 and kb.count_timeline(party="PAK") == 1
    aze = kb.actor("AZE")
    assert (aze["agreements_total"], aze["events_total"]) == (1, 1)
    assert kb.actor("%") is None and kb.actor("A_E") is None and kb.agreements(party="%") == []


def test_export_formats(kb, tmp_path: Path) -> None:
    assert kb.export("jsonl", tmp_path / "a.jsonl") == 2
    lines = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["title"] for r in sorted(lines, key=lambda r: r["signed"])] == ["Shusha Declaration",
                                                                             "Strategic Partnership"]
    assert "fields" in lines[0]
    assert kb.export("csv", tmp_path / "a.csv", as_of="2026-11-22") == 2
    rows = list(csv.DictReader((tmp_path / "a.csv").open(encoding="utf-8")))
    assert {r["parties"] for r in rows} == {"AZE;TUR", "FRA;GRC"} and "in_force_as_of" in rows[0]
    kb.export("graphml", tmp_path / "a.graphml")
    graph = nx.read_graphml(tmp_path / "a.graphml")
    assert graph.number_of_edges() == 3  # two agreements and one exercise
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        kb.export("pdf", tmp_path / "a.pdf")


def test_every_result_is_plain_json(kb) -> None:
    some_id = kb.agreements()[0]["id"]
    for value in (kb.agreements(as_of="2026-01-01"), kb.agreement(some_id), kb.events(), kb.timeline(),
                  kb.articles(), kb.article("drills"), kb.actors(), kb.actor("AZE"), kb.network(), kb.refused(),
                  kb.duplicates(), kb.count_actors(), kb.count_timeline()):
        assert json.loads(json.dumps(value)) == value


def test_import_pactwatch_stays_cheap() -> None:
    code = "import sys, pactwatch; print(sorted(m for m in ('sqlalchemy', 'spacy', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- commitments --------------------------------------------------------------------------------------

DUTY_TEXT = "Kenya and Tanzania will each aid the other if attacked, after their cabinets have conferred."


def duty_extract(article: Article) -> pactwatch.facts.ArticleFacts:
    """Facts given by hand per article: a mutual defence pact and an accession to NATO."""
    from pactwatch.facts import Agreement, ArticleFacts, Condition, Evidence, Obligation

    if article.id == "pact":
        evidence = Evidence("obligations", DUTY_TEXT, 0, len(DUTY_TEXT))
        duty = Obligation("defend", ["KEN", "TZA"], ["KEN", "TZA"],
                          [Condition("after_consultation", "after their cabinets have conferred")], evidence)
        agreement = Agreement(["KEN", "TZA"], title="Treaty of Mutual Aid", status="in_force",
                              in_force="2020-06-01", obligations=[duty])
    else:
        agreement = Agreement(["FIN", "NATO"], status="in_force", in_force="2023-04-04")
    return ArticleFacts(article.id, article.published, [agreement])


@pytest.fixture(scope="module")
def duty_kb(tmp_path_factory: pytest.TempPathFactory) -> pactwatch.kb.KnowledgeBase:
    base = pactwatch.open(f"sqlite:///{tmp_path_factory.mktemp('duties') / 'kb.db'}", extractor=duty_extract)
    base.ingest_articles([Article("pact", DUTY_TEXT, "tests/pact.txt", "2021-01-01"),
                          Article("joins", "Finland joined NATO on 4 April 2023.", "tests/joins.txt", "2023-04-05")])
    yield base
    base.close()


def test_commitments_come_from_the_stored_records(duty_kb) -> None:
    rows = duty_kb.commitments(as_of="2023-06-01")
    assert [(r["by"], r["to"], r["kind"], r["conditions"], r["holds_as_of"]) for r in rows] == [
        ("FIN", "NATO", "defend", [], True), ("KEN", "TZA", "defend", ["after_consultation"], True),
        ("NATO", "FIN", "defend", [], True), ("TZA", "KEN", "defend", ["after_consultation"], True)]
    pact = duty_kb.agreement(rows[1]["agreement_id"])
    assert pact["obligations"][0]["conditional"] is True and pact["ended"] is None
    assert rows[1]["evidence"] == [{"article_id": "pact", "quote": DUTY_TEXT, "start": 0, "end": len(DUTY_TEXT)}]
    assert [r["by"] for r in duty_kb.commitments(as_of="2019-01-01", party="KEN")] == ["KEN", "TZA"]
    assert {r["holds_as_of"] for r in duty_kb.commitments(as_of="2019-01-01", party="KEN")} == {False}
    assert len(duty_kb.commitments(as_of="2023-06-01", party="FIN", expand_members=True)) > 60


def test_commitments_diff_and_errors(duty_kb) -> None:
    diff = duty_kb.commitments_diff("2022-01-01", "2023-06-01", kind="defend")
    assert [(r["by"], r["to"]) for r in diff["begun"]] == [("FIN", "NATO"), ("NATO", "FIN")] and diff["ended"] == []
    with pytest.raises(ValueError, match="unknown kind"):
        duty_kb.commitments(kind="guarantee")
    with pytest.raises(ValueError, match="is not a date"):
        duty_kb.commitments_diff("2022-01-01", "soon")
    with pytest.raises(ValueError, match="unknown party code 'ZZZ'"):
        duty_kb.commitments(party="ZZZ")
