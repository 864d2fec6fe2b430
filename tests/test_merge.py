"""Merging per-article facts into records: hand-built facts in, exact records out (no NLP)."""

from __future__ import annotations

import json
import random
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from pactwatch.facts import Agreement, Condition, Event, Evidence, Obligation, Renewal
from pactwatch.merge import (
    SourcedAgreement,
    SourcedEvent,
    merge_agreements,
    merge_events,
    title_overlap,
    title_tokens,
    with_lifecycle,
)


def pact_000() -> SourcedAgreement:
    """The Azerbaijan-Turkey pact as the first sample article words it."""
    return SourcedAgreement("000", "c-pact", "2021-04-15", Agreement(
        ["AZE", "TUR"], title="Agreement On Strategic Partnership And Mutual Support", status="signed",
        signed="2010-08", provisions=["mutual_defense", "consultation"],
        evidence=[Evidence("parties", "Baku and Ankara signed the pact.", 10, 42),
                  Evidence("signed", "It was signed in August 2010.", 43, 72)]))


def pact_001() -> SourcedAgreement:
    """The same pact in its reworded copy (same duplicate cluster: one independent source)."""
    return SourcedAgreement("001", "c-pact", "2021-04-16", Agreement(
        ["AZE", "TUR"], title="Strategic Partnership and Mutual Assistance Agreement", status="ratified",
        signed="2010-08-16", ratified={"AZE": "2010-12-21"}, duration_years=10, renewal=Renewal(True, 10),
        provisions=["mutual_defense", "training"],
        evidence=[Evidence("ratified", "Azerbaijan's assembly ratified it on 21 December 2010.", 0, 54)]))


def trade_001() -> SourcedAgreement:
    return SourcedAgreement("001", "c-pact", "2021-04-16", Agreement(
        ["AZE", "TUR"], title="preferential trade agreement", domain="trade", status="signed"))


def test_reworded_copies_make_one_record_with_one_independent_source() -> None:
    records = merge_agreements([pact_000(), pact_001(), trade_001()])
    assert len(records) == 2
    pact = next(r for r in records if r.shown("domain") == "security").to_json()
    assert pact["documents"] == ["000", "001"] and pact["independent_sources"] == 1
    assert pact["signed"] == "2010-08-16"  # "2010-08" is compatible and supports the precise day
    assert pact["conflicts"] == []
    assert pact["status"] == "ratified"  # stages reported on different days: the furthest one
    assert pact["ratified"] == {"AZE": "2010-12-21"}
    assert pact["renewal"] == {"automatic": True, "period_years": 10} and pact["duration_years"] == 10
    assert pact["provisions"] == ["consultation", "mutual_defense", "training"]
    assert pact["fields"]["signed"]["values"] == [
        {"value": "2010-08-16", "articles": ["001"], "clusters": ["c-pact"], "independent_sources": 1,
         "evidence": []},
        {"value": "2010-08", "articles": ["000"], "clusters": ["c-pact"], "independent_sources": 1,
         "evidence": [{"article_id": "000", "field": "signed", "quote": "It was signed in August 2010.",
                       "start": 43, "end": 72}]}]
    provisions = {v["value"]: v["articles"] for v in pact["fields"]["provisions"]["values"]}
    assert provisions == {"consultation": ["000"], "mutual_defense": ["000", "001"], "training": ["001"]}
    assert pact["fields"]["ratified.AZE"]["values"][0]["evidence"][0]["quote"].startswith("Azerbaijan's assembly")


def test_record_json_has_the_kb_api_shape() -> None:
    record = merge_agreements([pact_000()])[0].to_json()
    assert list(record) == [
        "id", "title", "parties", "domain", "status", "secret", "signed", "in_force", "duration_years", "renewal",
        "termination_notice_months", "ended", "ratified", "provisions", "obligations", "documents",
        "independent_sources", "conflicts", "fields", "evidence"]
    assert record["id"].startswith("agr-") and record["secret"] is False
    assert json.loads(json.dumps(record)) == record


def test_distinct_agreements_of_the_same_parties_stay_distinct() -> None:
    """A defence pact and a trade agreement; two security agreements signed in different years;
    a free trade agreement and a preferential trade agreement (different content words)."""
    items = [pact_000(), trade_001(),
             SourcedAgreement("004", "c4", None, Agreement(["AZE", "TUR"], signed="2021-06-15")),
             SourcedAgreement("005", "c5", None, Agreement(["AZE", "TUR"], title="free trade agreement",
                                                           domain="trade", status="proposed"))]
    records = merge_agreements(items)
    assert sorted(r.documents[0] for r in records) == ["000", "001", "004", "005"]


def test_conflicting_values_are_listed_and_the_best_supported_is_shown() -> None:
    """Two independent sources say 10 years, one says 20: 10 is shown and the conflict listed."""
    def said(article: str, cluster: str, years: int) -> SourcedAgreement:
        return SourcedAgreement(article, cluster, None, Agreement(["ARM", "RUS"], title="base treaty",
                                                                  duration_years=years))
    record = merge_agreements([said("a", "c1", 20), said("b", "c2", 10), said("c", "c3", 10)])[0].to_json()
    assert record["duration_years"] == 10 and record["independent_sources"] == 3
    assert record["conflicts"] == [{"field": "duration_years", "values": [
        {"value": 10, "articles": ["b", "c"], "independent_sources": 2},
        {"value": 20, "articles": ["a"], "independent_sources": 1}]}]


def test_same_support_prefers_the_more_precise_and_partial_dates_are_no_conflict() -> None:
    a = SourcedAgreement("a", "c1", None, Agreement(["FIN", "SWE", "TUR"], signed="2022-06"))
    b = SourcedAgreement("b", "c2", None, Agreement(["FIN", "SWE", "TUR"], signed="2022-06-28"))
    record = merge_agreements([a, b])[0].to_json()
    assert record["signed"] == "2022-06-28" and record["conflicts"] == []


def test_ratification_per_party_with_undated_reports() -> None:
    a = SourcedAgreement("a", "c1", None, Agreement(["FIN", "NATO"], ratified={"TUR": None, "HUN": "2023-03-27"}))
    b = SourcedAgreement("b", "c2", None, Agreement(["FIN", "NATO"], ratified={"TUR": "2023-03-30"}))
    record = merge_agreements([a, b])[0].to_json()
    assert record["ratified"] == {"HUN": "2023-03-27", "TUR": "2023-03-30"}
    assert [v["value"] for v in record["fields"]["ratified.TUR"]["values"]] == ["2023-03-30", None]
    assert record["conflicts"] == []


def test_mentions_of_one_article_are_never_merged() -> None:
    """One article naming two undated security agreements of the same pair: the extractor's call."""
    a = SourcedAgreement("004", "c4", None, Agreement(["AZE", "ISR"], signed="2007"))
    b = SourcedAgreement("004", "c4", None, Agreement(["AZE", "ISR"]))
    assert len(merge_agreements([a, b])) == 2


def test_a_vague_mention_joins_the_group_it_fits_best() -> None:
    """An undated, untitled AZE-TUR security mention fits both pacts; its duplicate cluster decides."""
    shusha = SourcedAgreement("s", "c-shusha", None, Agreement(["AZE", "TUR"], title="Shusha Declaration",
                                                               signed="2021-06-15"))
    vague = SourcedAgreement("v", "c-shusha", None, Agreement(["AZE", "TUR"], status="ratified"))
    records = merge_agreements([pact_000(), shusha, vague])
    assert sorted(r.documents for r in records) == [["000"], ["s", "v"]]


def test_different_domains_merge_only_with_strong_evidence() -> None:
    a = SourcedAgreement("a", "c1", None, Agreement(["DEU", "GBR"], title="Trinity House Agreement"))
    b = SourcedAgreement("b", "c2", None, Agreement(["DEU", "GBR"], title="Trinity House defence agreement",
                                                    domain="defense_industry"))
    c = SourcedAgreement("c", "c3", None, Agreement(["DEU", "GBR"], domain="defense_industry"))
    records = merge_agreements([a, b, c])
    merged = next(r for r in records if len(r.documents) == 2).to_json()
    assert merged["documents"] == ["a", "b"]
    assert merged["conflicts"][0]["field"] == "domain"
    assert len(records) == 2


def test_ids_are_stable_under_order_and_more_articles() -> None:
    first = [r.id for r in merge_agreements([pact_000(), pact_001(), trade_001()])]
    assert first == [r.id for r in merge_agreements([trade_001(), pact_001(), pact_000()])]
    more = SourcedAgreement("009", "c9", None, Agreement(["AZE", "TUR"], title="the defence pact", signed="2010"))
    again = merge_agreements([pact_000(), pact_001(), trade_001(), more])
    assert [r.id for r in again] == first
    assert next(r for r in again if "009" in r.documents).independent_sources == 2


def test_title_words() -> None:
    assert title_tokens("Agreement On Strategic Partnership And Mutual Support") == {
        "strategic", "partnership", "mutual", "support"}
    assert title_tokens("the defence pact") == frozenset()
    assert title_overlap("free trade agreement", "preferential trade agreement") == 0.0
    assert title_overlap("Japan-UK Reciprocal Access Agreement", "reciprocal access agreement") == 1.0


def test_with_lifecycle_adds_the_as_of_columns() -> None:
    """In force 2021-04-06, 5 years, yearly renewal, 3 months' notice: as of 2026-11-22 see lifecycle tests."""
    item = SourcedAgreement("x", "cx", None, Agreement(
        ["AZE", "PAK"], in_force="2021-04-06", duration_years=5, renewal=Renewal(True, 1),
        termination_notice_months=3, status="in_force"))
    out = with_lifecycle(merge_agreements([item])[0].to_json(), date(2026, 11, 22))
    assert (out["in_force_as_of"], out["term_ends"], out["next_renewal"], out["notice_deadline"]) == (
        True, "2027-04-06", "2027-04-06", "2027-01-06")
    assert out["in_force_reason"] == out["lifecycle"]["reason"]


def _duty(kind: str, by: list[str], to: list[str], quote: str, start: int,
          *conditions: tuple[str, str]) -> Obligation:
    return Obligation(kind, by, to, [Condition(t, q) for t, q in conditions],
                      Evidence("obligations", quote, start, start + len(quote)))


def test_obligations_merge_per_kind_and_direction_with_the_union_of_conditions() -> None:
    """Three reports of one pact: the first two clusters state the mutual defence duty, one of
    them with its 'after consultations' clause; a copy in the first cluster repeats it; one adds a
    one-way consultation duty. The merged duty is conditional, cites every sentence and counts
    two independent sources."""
    aid = "Each side will help the other if attacked."
    talks = "Help would come after further talks between the governments."
    first = SourcedAgreement("a1", "c1", None, Agreement(["ARM", "GEO"], title="mutual aid treaty", obligations=[
        _duty("defend", ["GEO", "ARM"], ["ARM", "GEO"], aid, 10, ("after_consultation", talks))]))
    copy = SourcedAgreement("a2", "c1", None, Agreement(["ARM", "GEO"], title="mutual aid treaty", obligations=[
        _duty("defend", ["ARM", "GEO"], ["ARM", "GEO"], aid, 10, ("after_consultation", talks))]))
    second = SourcedAgreement("b1", "c2", None, Agreement(["ARM", "GEO"], title="mutual aid treaty", obligations=[
        _duty("defend", ["ARM", "GEO"], ["ARM", "GEO"], "The two states pledged mutual aid.", 0),
        _duty("consult", ["GEO"], ["ARM"], "Georgia will consult Yerevan first.", 40)]))
    record = merge_agreements([second, copy, first])[0].to_json()
    defend, consult = record["obligations"]
    assert defend == {
        "kind": "defend", "by": ["ARM", "GEO"], "to": ["ARM", "GEO"],
        "conditions": [{"type": "after_consultation", "quote": talks, "article_id": "a1"}],
        "condition_types": ["after_consultation"], "conditional": True,
        "evidence": [{"article_id": "a1", "quote": aid, "start": 10, "end": 52},
                     {"article_id": "a2", "quote": aid, "start": 10, "end": 52},
                     {"article_id": "b1", "quote": "The two states pledged mutual aid.", "start": 0, "end": 34}],
        "independent_sources": 2}
    assert (consult["kind"], consult["by"], consult["to"], consult["conditional"], consult["independent_sources"]) == (
        "consult", ["GEO"], ["ARM"], False, 1)
    assert {("obligations", "b1", 40)} <= {(e["field"], e["article_id"], e["start"]) for e in record["evidence"]}


def test_a_record_without_obligations_has_an_empty_list_and_no_ended_date() -> None:
    record = merge_agreements([pact_000()])[0].to_json()
    assert record["obligations"] == [] and record["ended"] is None


def test_ended_is_a_merged_field_and_ends_the_lifecycle_on_that_day() -> None:
    """Denounced with a year's notice: in force the day before it ceased, not on it."""
    item = SourcedAgreement("x", "cx", None, Agreement(
        ["LKA", "MDV"], title="defence treaty", in_force="2013-04-01", status="terminated", ended="2024-05-02",
        evidence=[Evidence("ended", "The treaty ceased to apply on 2 May 2024.", 0, 41)]))
    record = merge_agreements([item])[0].to_json()
    assert record["ended"] == "2024-05-02"
    assert record["fields"]["ended"]["values"][0]["evidence"][0]["quote"].startswith("The treaty ceased")
    assert with_lifecycle(record, "2024-05-02")["in_force_as_of"] is False
    assert with_lifecycle(record, "2024-05-01")["in_force_as_of"] is True


def exercise(article: str, cluster: str, when: str | None, location: str | None = None) -> SourcedEvent:
    return SourcedEvent(article, cluster, None, Event(
        "exercise", ["AZE", "PAK", "TUR"], date=when, location=location,
        evidence=Evidence("event", f"Drills held ({article}).", 0, 20)))


def test_events_merge_on_type_participants_and_compatible_date() -> None:
    records = merge_events([exercise("a", "c1", "2021-09-12", "AZE"), exercise("b", "c2", "2021-09"),
                            exercise("c", "c3", "2022-05"),
                            SourcedEvent("d", "c4", None, Event("visit", ["AZE", "TUR"], date="2021-09-12"))])
    shapes = sorted((r.type, r.documents, r.shown("date")) for r in records)
    assert shapes == [("exercise", ["a", "b"], "2021-09-12"), ("exercise", ["c"], "2022-05"),
                      ("visit", ["d"], "2021-09-12")]
    merged = next(r for r in records if r.documents == ["a", "b"]).to_json()
    assert merged["independent_sources"] == 2 and merged["location"] == "AZE" and merged["conflicts"] == []
    assert [e["quote"] for e in merged["evidence"]] == ["Drills held (a).", "Drills held (b)."]
    assert merged["id"].startswith("evt-")


# --- properties -----------------------------------------------------------------------------------

parties = st.sampled_from([["AZE", "TUR"], ["AZE", "ISR"], ["AZE", "PAK", "TUR"]])
dates = st.sampled_from([None, "2010", "2010-08", "2010-08-16", "2010-09", "2021-06-15"])
agreements = st.builds(
    Agreement, parties=parties, title=st.sampled_from([None, "defence pact", "Shusha Declaration",
                                                       "Strategic Partnership Agreement", "free trade agreement"]),
    domain=st.sampled_from(["security", "trade", "defense_industry"]), status=st.sampled_from(["signed", "ratified"]),
    signed=dates, ratified=st.dictionaries(st.sampled_from(["AZE", "TUR"]), dates, max_size=2),
    duration_years=st.sampled_from([None, 5, 10]), provisions=st.lists(st.sampled_from(["training", "basing"])))
sourced = st.builds(SourcedAgreement, article_id=st.sampled_from("abcdef"), cluster_id=st.sampled_from(["c1", "c2"]),
                    published=st.none(), agreement=agreements)


def _dump(records) -> str:
    return json.dumps([r.to_json() for r in records], sort_keys=True)


@given(st.lists(sourced, max_size=8), st.randoms())
def test_merging_does_not_depend_on_input_order(items, rnd: random.Random) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert _dump(merge_agreements(items)) == _dump(merge_agreements(shuffled))


@given(st.lists(sourced, max_size=8))
def test_every_input_value_is_kept_with_its_article(items) -> None:
    records = [r.to_json() for r in merge_agreements(items)]
    assert len({r["id"] for r in records}) == len(records)
    for it in items:
        assert any(_keeps(record, it) for record in records), it


def _keeps(record, it: SourcedAgreement) -> bool:
    """Does the record hold every value this article gave, attributed to this article?"""
    a = it.agreement
    if it.article_id not in record["documents"] or record["parties"] != sorted(a.parties):
        return False
    scalars = all(_has(record, name, getattr(a, name), it.article_id)
                  for name in ("title", "domain", "status", "signed", "duration_years"))
    ratified = all(_has(record, f"ratified.{party}", day, it.article_id, keep_none=True)
                   for party, day in a.ratified.items())
    return scalars and ratified and set(a.provisions) <= set(record["provisions"])


def _has(record, name, value, article, keep_none=False) -> bool:
    if value is None and not keep_none:
        return True
    values = record["fields"].get(name, {"values": []})["values"]
    return any(v["value"] == value and article in v["articles"] for v in values)
