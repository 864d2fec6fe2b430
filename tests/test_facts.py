"""The facts dataclasses write exactly the SCHEMA.md shape and read it back."""

from __future__ import annotations

from pactwatch.facts import Agreement, ArticleFacts, Event, Evidence, Renewal, schema_problems

TEXT = "Turkey and Azerbaijan signed the pact on 16 August 2010. It runs for ten years."


def sample_facts() -> ArticleFacts:
    quote = "Turkey and Azerbaijan signed the pact on 16 August 2010."
    second = "It runs for ten years."
    pact = Agreement(
        parties=["TUR", "AZE", "TUR"], title="pact", signed="2010-08-16", duration_years=10.0,
        renewal=Renewal(True, 10), provisions=["training", "consultation", "training"],
        evidence=[Evidence("signed", quote, 0, len(quote)),
                  Evidence("duration_years", second, TEXT.index(second), len(TEXT))],
    )
    visit = Event("visit", ["TUR", "AZE"], date="2010-08-16", location="AZE",
                  evidence=Evidence("event", quote, 0, len(quote)))
    return ArticleFacts("doc1", "2010-08-17", [pact], [visit])


def test_to_json_sorts_and_deduplicates_and_prints_whole_numbers_as_ints() -> None:
    out = sample_facts().to_json()
    pact = out["agreements"][0]
    assert pact["parties"] == ["AZE", "TUR"]
    assert pact["provisions"] == ["consultation", "training"]
    assert pact["duration_years"] == 10 and isinstance(pact["duration_years"], int)
    assert pact["renewal"] == {"automatic": True, "period_years": 10}
    assert out["events"][0]["evidence"] == "Turkey and Azerbaijan signed the pact on 16 August 2010."
    assert out["events"][0]["participants"] == ["AZE", "TUR"]


def test_round_trip_through_json() -> None:
    out = sample_facts().to_json()
    assert ArticleFacts.from_json(out).to_json() == out


def test_schema_problems_accepts_valid_facts_and_checks_quotes_against_text() -> None:
    out = sample_facts().to_json()
    assert schema_problems(out, TEXT) == []
    out["agreements"][0]["evidence"][0]["start"] = 3
    out["agreements"][0]["status"] = "maybe"
    out["events"][0]["date"] = "16/08/2010"
    problems = schema_problems(out, TEXT)
    assert any("not verbatim" in p for p in problems)
    assert any("status" in p for p in problems)
    assert any("not an ISO date" in p for p in problems)
