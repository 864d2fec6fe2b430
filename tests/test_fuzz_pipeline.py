"""Any text gives valid facts or a clean refusal, never a traceback (issue 6, fuzzing).

The default run keeps the example counts small; ``make fuzz`` runs the same properties with the
``fuzz`` hypothesis profile (thousands of examples) and the tests marked ``fuzz``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.article import Article, Refusal
from pactwatch.facts import schema_problems

WORDS = ["Turkey", "Azerbaijan", "signed", "ratified", "the", "agreement", "pact", "on", "Monday",
         "NATO", "Sweden's", "bid", "joint", "exercise", "in", "Baku", "2021", "ten", "years", "$5 billion",
         "jets", "visited", "Ankara", "protocol", "defence", "treaty", "entered", "into", "force", ".",
         ",", "\n", "US$", "<script>", "mutual", "assistance", "renewed", "automatically", "notice"]
news_like = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)
published = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()),
                      st.sampled_from(["2021", "2021-04"]))


def check(text: str, day: str | None) -> None:
    from pactwatch.extract import extract_article

    facts = extract_article(Article(id="fuzz", text=text, source="fuzz", published=day)).to_json()
    assert schema_problems(facts, text) == [], (text, facts)


@settings(max_examples=40, deadline=None)
@given(news_like, published)
def test_news_like_word_salad_gives_valid_facts(text: str, day: str | None) -> None:
    check(text, day)


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=300), published)
def test_any_unicode_text_gives_valid_facts(text: str, day: str | None) -> None:
    check(text, day)


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([".txt", ".html", ".jsonl"]))
def test_any_bytes_on_disk_read_to_articles_or_refusals(tmp_path_factory, data: bytes, ext: str) -> None:
    from pactwatch.read import iter_inputs

    path: Path = tmp_path_factory.mktemp("fuzz") / f"doc{ext}"
    path.write_bytes(data)
    for item in iter_inputs([path]):
        assert isinstance(item, Article | Refusal)
        if isinstance(item, Refusal):
            assert str(path) in item.message() and item.reason


@pytest.mark.fuzz
@settings(max_examples=3000, deadline=None)
@given(news_like, published)
def test_fuzz_long_word_salad(text: str, day: str | None) -> None:
    check(text, day)
