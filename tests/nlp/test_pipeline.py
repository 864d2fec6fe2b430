"""analyse(): exact sentence offsets, cheap passes on every sentence, the parser only on cue sentences."""

from __future__ import annotations

from pactwatch.article import Article
from pactwatch.nlp.pipeline import analyse
from pactwatch.nlp.split import split_sentences

TEXT = ("Chile and Peru signed a defence pact on 3 May 2021. The weather in Lima was mild. "
        "It was ratified by Peru's Congress on 9 June 2021. [2] Fans cheered the team.Later, it rained.")


def test_offsets_index_the_article_text_exactly() -> None:
    sentences = analyse(Article(id="t", text=TEXT, source="t", published="2021-06-10"))
    assert [s.text for s in sentences] == [
        "Chile and Peru signed a defence pact on 3 May 2021.", "The weather in Lima was mild.",
        "It was ratified by Peru's Congress on 9 June 2021.", "[2] Fans cheered the team.", "Later, it rained."]
    for s in sentences:
        assert TEXT[s.start:s.end] == s.text


def test_only_cue_sentences_are_parsed() -> None:
    sentences = analyse(Article(id="t", text=TEXT, source="t", published="2021-06-10"))
    assert [s.span is not None for s in sentences] == [True, False, True, False, False]
    assert [a.code for a in sentences[0].actors] == ["CHL", "PER"]
    assert [d.value for d in sentences[2].dates] == ["2021-06-09"]


def test_reference_marks_and_lost_spaces_split_sentences() -> None:
    text = "It was signed in 2010. [3] Armenia objected. Talks stalled.Nevertheless, it held."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "It was signed in 2010.", "[3] Armenia objected.", "Talks stalled.", "Nevertheless, it held."]


def test_lowercase_domains_and_initials_do_not_split() -> None:
    text = "See people.cn for the U.S. text. It is short."
    assert [text[s:e] for s, e in split_sentences(text)] == ["See people.cn for the U.S. text.", "It is short."]
