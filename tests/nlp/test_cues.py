"""The cue filter: one compiled pattern per kind (data/cues.tsv) over the lowercased sentence."""

from __future__ import annotations

import pytest

from pactwatch.nlp.actors import find_actors
from pactwatch.nlp.cues import is_anchored, is_candidate, sentence_cues


@pytest.mark.parametrize(("text", "kind"), [
    ("The document was signed in Ankara.", "agreement"),
    ("Lawmakers voted in favour of the bill.", "ratification"),
    ("The treaty enters into force next month.", "lifecycle"),
    ("Marines held a joint drill off the coast.", "exercise"),
    ("The minister met his counterpart in Rome.", "visit"),
    ("Warsaw will buy 180 tanks.", "arms"),
])
def test_each_kind_is_found(text: str, kind: str) -> None:
    cues = sentence_cues(text)
    assert kind in cues and is_candidate(cues, is_anchored(text, cues, find_actors(text)))


@pytest.mark.parametrize("text", [
    "The striker scored twice on a rainy evening.",
    "Prices of bread rose by three percent in March.",
])
def test_sentences_without_cues_are_not_parsed(text: str) -> None:
    assert not is_candidate(sentence_cues(text))
