"""The cue filter only saves time: skipping a sentence must never change what is extracted.

(a) On the shared dev set, the facts with the filter equal the facts when every sentence is parsed.
(b) On sentences of our own, words that merely look like cues ("according to", "retail sales",
"the visiting team") do not send a sentence to the parser, while real agreement, visit and arms
sentences still go.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pactwatch.article import Article, Refusal
from pactwatch.extract import extract_article
from pactwatch.nlp.pipeline import analyse, candidates
from pactwatch.read import iter_inputs


def _facts(article: Article, parse_all: bool = False) -> str:
    return json.dumps(extract_article(article, parse_all=parse_all).to_json(), sort_keys=True)


def _assert_filter_loses_nothing(folder: Path) -> None:
    articles = [a for a in iter_inputs([folder]) if not isinstance(a, Refusal)]
    assert articles
    for article in articles:
        assert _facts(article) == _facts(article, parse_all=True), article.id


@pytest.mark.slow
def test_filtered_facts_equal_facts_from_parsing_everything(dev_docs: Path) -> None:
    _assert_filter_loses_nothing(dev_docs)


@pytest.mark.slow
def test_the_same_holds_on_our_sample_corpus(sample_dir: Path) -> None:
    _assert_filter_loses_nothing(sample_dir)


def _passes(text: str) -> list[bool]:
    """For each sentence of ``text``, whether the filter sends it to the parser."""
    sentences = analyse(Article(id="t", text=text, source="t", published="2024-05-02"), parse=False)
    chosen = {s.index for s in candidates(sentences)}
    return [s.index in chosen for s in sentences]


@pytest.mark.parametrize("text", [
    "The figures were revised upward, according to officials in the capital.",
    "Retail sales rose for a third month as shoppers returned.",
    "The visiting team won after a late goal in the second half.",
    "Anna Berg scored twice against the visiting side from Oslo.",
    "Retail sales in Norway rose, the minister said.",
    "Visitors queued for hours outside the new gallery.",
    "The bakery received more orders than it could deliver before the holiday.",
    "The committee met on Thursday and talks about the budget continue.",
])
def test_ordinary_news_words_do_not_reach_the_parser(text: str) -> None:
    assert _passes(text) == [False]


@pytest.mark.parametrize("text", [
    "Chile and Peru put their names to a border accord in March.",
    "The Dutch defence minister visited Warsaw on Monday.",
    "Norway will buy four new submarines from Germany.",
    "The two ministers held talks on Tuesday.",
    "The visiting Turkish minister laid a wreath in Baku.",
    "Kenya ordered six more Bayraktar aircraft.",
    "The navies held a joint exercise off the coast.",
])
def test_agreement_visit_and_arms_sentences_still_do(text: str) -> None:
    assert _passes(text) == [True]


def test_an_official_of_stated_nationality_anchors_a_later_meeting() -> None:
    text = ("Prices rose, according to Estonian Foreign Minister Maret Kask. "
            "Kask met reporters after lunch. Someone met reporters after lunch.")
    assert _passes(text) == [False, True, False]


def test_parse_all_passes_every_sentence_and_only_where_asked() -> None:
    text = "Retail sales rose. The visiting team won."
    sentences = analyse(Article(id="t", text=text, source="t"), parse=False)
    assert len(candidates(sentences, parse_all=True)) == 2
    assert candidates(sentences) == []
