"""Sentence splitting keeps offsets exact; the cue filter lets only relevant sentences through."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pactwatch.nlp.cues import is_candidate, sentence_cues
from pactwatch.nlp.split import split_sentences


def test_abbreviations_do_not_split() -> None:
    text = "Mr. Orban met Mr. Kristersson on Jan. 23 in the U.S. capital. They signed a deal.\nNext line"
    parts = [text[s:e] for s, e in split_sentences(text)]
    assert parts == ["Mr. Orban met Mr. Kristersson on Jan. 23 in the U.S. capital.", "They signed a deal.",
                     "Next line"]


@given(st.text(max_size=300))
def test_sentences_are_exact_slices_in_order(text: str) -> None:
    last = 0
    for start, end in split_sentences(text):
        assert last <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        last = end


def test_cues() -> None:
    assert is_candidate(sentence_cues("Turkey and Azerbaijan signed a defence pact."))
    assert is_candidate(sentence_cues("The navies held a joint exercise."))
    assert not is_candidate(sentence_cues("The striker scored twice on a rainy evening."))
    assert "lifecycle" in sentence_cues("It is valid for five years and renewed automatically.")
