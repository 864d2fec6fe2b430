"""Splitting stays linear on hostile runs of abbreviations."""
import time

import pytest

from pactwatch.nlp.split import split_sentences


@pytest.mark.parametrize("text", ["U.S. " * 20_000, "e.g. France " * 10_000, "(Oct. " * 20_000])
def test_runs_of_abbreviations_split_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    spans = list(split_sentences(text))
    assert time.perf_counter() - started < 2.0  # was 104 s and 81 s for the first two
    assert len(spans) == 1 and spans[0] == (0, len(text.rstrip()))


def test_abbreviations_still_do_not_split_and_sentences_do() -> None:
    text = "Troops left on Oct. 5 with the U.S. Navy. Then Mr. Lee spoke. It ended."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Troops left on Oct. 5 with the U.S. Navy.", "Then Mr. Lee spoke.", "It ended."]
