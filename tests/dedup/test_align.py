"""Sentence alignment: paraphrases found one-to-one, independent reports kept apart."""

from __future__ import annotations

from pathlib import Path

from pactwatch.article import Article
from pactwatch.dedup import align_sentences
from pactwatch.dedup.align import sentence_stems, similarity
from pactwatch.read import iter_inputs


def text_of(sample_dir: Path, name: str) -> str:
    return next(a.text for a in iter_inputs([sample_dir / name]) if isinstance(a, Article))


def test_stems_cut_endings_drop_stop_words_and_weigh_names_and_numbers() -> None:
    assert sentence_stems("On Tuesday, Azerbaijan's parliament ratified 21 articles.") == {
        "tuesd": 2.0, "azerb": 2.0, "parli": 1.0, "ratif": 1.0, "21": 2.0, "artic": 1.0}


def test_similarity_needs_three_shared_stems() -> None:
    a = sentence_stems("Greece buys frigates from France.")
    b = sentence_stems("France sells frigates to Greece.")
    c = sentence_stems("France sells wine.")
    assert similarity(a, b) > 0.5
    assert similarity(a, c) == 0.0


def test_a_reworded_sentence_pair() -> None:
    result = align_sentences(
        "Turkish President Recep Tayyip Erdogan arrived in Shusha on Tuesday morning for talks with Aliyev.",
        "On Tuesday morning Erdogan, the Turkish president, reached Shusha and held talks with Aliyev.")
    assert (result.fraction_a_matched, result.fraction_b_matched, len(result.pairs)) == (1.0, 1.0, 1)


def test_the_reworded_sample_article_is_mostly_paraphrased(sample_dir: Path) -> None:
    result = align_sentences(text_of(sample_dir, "shusha-declaration.txt"),
                             text_of(sample_dir, "shusha-declaration-reworded.txt"))
    assert result.fraction_shorter_matched >= 0.6
    assert len({p.a_index for p in result.pairs}) == len(result.pairs)
    assert len({p.b_index for p in result.pairs}) == len(result.pairs)


def test_unrelated_sample_articles_share_no_sentence(sample_dir: Path) -> None:
    result = align_sentences(text_of(sample_dir, "shusha-declaration.txt"),
                             text_of(sample_dir, "malabar-exercise.txt"))
    assert result.pairs == ()


def test_two_outlets_reporting_one_event_are_not_paraphrases(dev_docs: Path) -> None:
    xinhua = (dev_docs / "d02_hungary-ratifies-sweden-nato-xinhua.txt").read_text(encoding="utf-8")
    nyt = (dev_docs / "d03_hungary-ratifies-sweden-nato-nyt.txt").read_text(encoding="utf-8")
    assert align_sentences(xinhua, nyt).fraction_shorter_matched < 0.35
