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


def _dates(text: str, published: str | None = "2024-03-15") -> list[list[tuple[str, str | None]]]:
    article = Article(id="x", text=text, source="t", published=published)
    return [[(d.text, d.value) for d in s.dates] for s in analyse(article, parse=False)]


def test_steps_count_from_the_last_date_of_any_precision_in_the_sentences_before() -> None:
    found = _dates("The accord was signed in March 2019. Two years later, it was extended. "
                   "It lapsed in 2016. Three years later, talks resumed. "
                   "The drill began on 4 June 2020. The following week, jets arrived.")
    assert found[1] == [("Two years later", "2021")]
    assert found[3] == [("Three years later", "2019")]
    assert found[5] == [("The following week", "2020-06-11")]


def test_a_day_step_from_a_year_stays_unknown_across_sentences() -> None:
    found = _dates("Both sides signed a framework in 2016. The next day, ministers met.")
    assert found[1] == [("The next day", None)]
