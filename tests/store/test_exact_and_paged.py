"""Actor codes match exactly (``%``, ``_``, ``\\`` and NUL are plain characters, never wildcards)
and every list pages with a total, on SQLite and (with $PACTWATCH_TEST_PG) PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from kb_helpers import fake_extract

import pactwatch
from pactwatch.article import Article, Refusal

SHUSHA = "AZE and TUR signed the Shusha Declaration on 2021-06-15. AZE and TUR held exercise Brothers on 2021-07-01."
TEXTS = {
    "are-fra": "ARE and FRA signed the Gulf Accord on 2021-03-01. ARE and FRA held exercise Desert Wind on 2021-04-02.",
    "aze-tur": SHUSHA,
    "aze-copy": SHUSHA,
    "grc-ita": "GRC and ITA signed the Adriatic Pact on 2022-01-10.",
}
WILDCARDS = ["%", "_", "A_E", "A%", "%Z%", "___", "\\", "A\\E", "AZE\x00", "\x00", ",", "AZE,TUR", "", "  "]


@pytest.fixture
def kb(db_url: str) -> Iterator[pactwatch.kb.KnowledgeBase]:
    base = pactwatch.open(db_url, extractor=fake_extract)
    articles = [Article(i, t, f"news/{i}.txt", "2022-02-01", None, i) for i, t in TEXTS.items()]
    refusals = [Refusal(f"news/bad-{n}.jsonl", "broken JSON", n) for n in range(5)]
    report = base.ingest_articles([*articles, *refusals])
    assert (report.articles_new, report.agreements, report.events) == (4, 3, 2)
    yield base
    base.close()


@pytest.mark.parametrize("code", WILDCARDS)
def test_wildcards_and_nul_in_a_code_match_nothing(kb, code: str) -> None:
    assert kb.actor(code) is None
    assert kb.agreements(party=code) == [] or not code.strip()
    assert kb.events(party=code) == [] or not code.strip()
    assert kb.timeline(party=code) == [] or not code.strip()
    assert kb.count_agreements(party=code) == (0 if code.strip() else 3)


def test_a_real_code_matches_only_itself(kb) -> None:
    assert [r["parties"] for r in kb.agreements(party="ARE")] == [["ARE", "FRA"]]
    assert [r["parties"] for r in kb.agreements(party="aze")] == [["AZE", "TUR"]]
    assert [e["participants"] for e in kb.events(party="AZE")] == [["AZE", "TUR"]]
    assert {i["agreement_id"] for i in kb.timeline(party="ARE") if "agreement_id" in i} == {
        kb.agreements(party="ARE")[0]["id"]}
    actor = kb.actor("aze")
    assert actor["code"] == "AZE" and actor["agreements_total"] == 1 and actor["events_total"] == 1
    assert [p["code"] for p in actor["partners"]] == ["TUR"]


def test_actor_lists_are_capped_at_200_with_their_totals(db_url: str) -> None:
    partners = [f"Q{chr(65 + n // 26)}{chr(65 + n % 26)}" for n in range(205)]
    text = " ".join(f"AZE and {code} signed the Accord {code} on 2020-01-{1 + n % 28:02d}."
                    for n, code in enumerate(partners))
    with pactwatch.open(db_url, extractor=fake_extract) as kb:
        kb.ingest_articles([Article("many", text, "many.txt", "2020-02-01")])
        actor = kb.actor("AZE")
        assert (len(actor["agreements"]), actor["agreements_total"]) == (200, 205)
        assert (len(actor["events"]), actor["events_total"]) == (0, 0)
        assert len(actor["partners"]) == 205  # partners count every agreement, not only the listed ones
        assert len(kb.actor("QAA")["agreements"]) == 1


def test_every_list_pages_and_counts(kb) -> None:
    codes = [a["code"] for a in kb.actors()]
    assert codes == ["ARE", "AZE", "FRA", "GRC", "ITA", "TUR"] and kb.count_actors() == 6
    assert [a["code"] for a in kb.actors(limit=2, offset=2)] == ["FRA", "GRC"]
    assert kb.actors(limit=10, offset=6) == [] and kb.actors(limit=0) == []

    assert kb.count_duplicates() == 1
    assert [[a["id"] for a in c["articles"]] for c in kb.duplicates(limit=1)] == [["aze-copy", "aze-tur"]]
    assert kb.duplicates(offset=1) == []

    assert kb.count_refused() == 5 and len(kb.refused()) == 5
    pages = [kb.refused(limit=2, offset=o) for o in (0, 2, 4)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert sorted(r["line"] for p in pages for r in p) == [0, 1, 2, 3, 4]

    everything = kb.timeline()
    assert kb.count_timeline() == len(everything) == 5
    assert kb.timeline(limit=2, offset=1) == everything[1:3]
    assert kb.count_timeline(party="AZE") == 2 and kb.count_timeline(start="2022-01-01") == 1

    assert kb.count_articles() == 4 and [a["id"] for a in kb.articles(limit=2, offset=1)] == ["aze-copy", "aze-tur"]
    assert kb.articles(offset=-5, limit=1) == kb.articles(limit=1)


def test_title_sort_ignores_case(db_url: str) -> None:
    texts = {"a": "AZE and TUR signed the BRAVO Accord on 2021-01-01.",
             "b": "GRC and ITA signed the Alpha Pact on 2021-02-01.",
             "c": "ARE and FRA signed the Beta Treaty on 2021-03-01."}
    with pactwatch.open(db_url, extractor=fake_extract) as kb:
        kb.ingest_articles([Article(i, t, f"{i}.txt", "2021-04-01") for i, t in texts.items()])
        # by code points "BRAVO" would come before "Beta"
        assert [r["title"] for r in kb.agreements(sort="title")] == ["Alpha Pact", "Beta Treaty", "BRAVO Accord"]
        assert [r["title"] for r in kb.agreements(sort="title", desc=True)] == ["BRAVO Accord", "Beta Treaty",
                                                                                "Alpha Pact"]
