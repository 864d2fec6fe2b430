"""The gazetteer's trie regex must match exactly what the plain longest-first alternation matched."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pactwatch.gazetteer import trie_regex


def plain(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def spans(body: str, text: str) -> list[tuple[int, int]]:
    # the same frame as the gazetteer: a boundary check after the name forces backtracking to shorter names
    return [m.span(1) for m in re.finditer(rf"(?<!\w)({body})(?!\w)", text)]


def test_longer_names_win_and_shorter_ones_still_match() -> None:
    names = ["Guinea", "Papua New Guinea", "Guinea-Bissau", "Niger", "Nigeria", "U.S.", "US"]
    text = "Papua New Guinea, Guinea-Bissau, Guinea, Nigeria and Niger met the U.S. and US envoys; Nigerian."
    assert spans(trie_regex(names), text) == spans(plain(names), text)
    assert [text[s:e] for s, e in spans(trie_regex(names), text)] == [
        "Papua New Guinea", "Guinea-Bissau", "Guinea", "Nigeria", "Niger", "U.S.", "US"]


@given(st.lists(st.text(alphabet="abAB .-", min_size=1, max_size=5), min_size=1, max_size=8),
       st.text(alphabet="abAB .-x", max_size=40))
def test_trie_and_plain_alternation_agree(words: list[str], text: str) -> None:
    assert spans(trie_regex(words), text) == spans(plain(words), text)
