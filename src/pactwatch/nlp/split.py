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
BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(\[]?[A-Z0-9\[])|\n\s*\n|\n(?=\S)"
                      r"|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]+\b)")  # "concerns.Nevertheless": a lost space


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, abbreviations not split."""
    start = 0
    for match in BOUNDARY.finditer(text):
        cut = match.start()
        in_line = "\n" not in match.group(0)
        if in_line and _ends_with_abbreviation(text[start:cut]):
            continue
        yield from _trimmed(text, start, cut if in_line else match.end())
        start = match.end()
    yield from _trimmed(text, start, len(text))


def _ends_with_abbreviation(chunk: str) -> bool:
    word = re.search(r"(\S+)\.$", chunk)
    if not word:
        return False
    token = word.group(1).lower().lstrip("(\"'“")
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
