"""Sentence splitting with exact offsets, without a model.

A rule splitter (end punctuation followed by a capital or a quote, and line breaks) that knows
news abbreviations ("Oct.", "Mr.", "U.S."), so offsets index straight into the cleaned text and
evidence quotes are verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "prof", "sen", "rep", "gov",
    "st", "jr", "sr", "no", "vs", "inc", "ltd", "co", "corp", "dept", "est", "fig", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
}
LONGEST_WORD = 64  # characters looked at before a full stop; abbreviations (with quotes before them) are shorter
BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(\[]?[A-Z0-9\[])|\n\s*\n|\n(?=\S)"
                      r"|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]+\b)")  # "concerns.Nevertheless": a lost space


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, abbreviations not split."""
    start = 0
    for match in BOUNDARY.finditer(text):
        cut = match.start()
        in_line = "\n" not in match.group(0)
        if in_line and _ends_with_abbreviation(text, start, cut):
            continue
        yield from _trimmed(text, start, cut if in_line else match.end())
        start = match.end()
    yield from _trimmed(text, start, len(text))


def _ends_with_abbreviation(text: str, start: int, cut: int) -> bool:
    """Whether ``text[start:cut]`` ends with an abbreviation's full stop ("Oct.", "U.S.").

    Only the last word is looked at, read backwards from ``cut`` and at most ``LONGEST_WORD``
    characters long (no abbreviation is longer), so a hostile run of thousands of "U.S." costs
    linear time instead of one scan of the whole chunk per full stop."""
    if cut <= start or text[cut - 1] != ".":
        return False
    first = cut - 1
    floor = max(start, cut - 1 - LONGEST_WORD)
    while first > floor and not text[first - 1].isspace():
        first -= 1
    if first > start and not text[first - 1].isspace():
        return False  # a longer word than any abbreviation
    token = text[first:cut - 1].lower().lstrip("(\"'“")
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
