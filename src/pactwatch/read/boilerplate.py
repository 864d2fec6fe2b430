"""Drop site boilerplate from plain text: whole lines and trailing link blocks, never words.

trafilatura does this for HTML; text scraped to .txt still carries "ADVERTISEMENT" slots, photo
captions, share prompts and a trailing "Top stories" block. Evidence quotes are taken from the
cleaned text, so this module only removes whole lines; every kept line stays byte-for-byte as it was.
The phrases live in ``pactwatch/data/boilerplate.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pactwatch.data_files import section_rows

MAX_PREFIX_RULE_WORDS = 25
MAX_BYLINE_WORDS = 10
MAX_CAPTION_WORDS = 70
EDGE_PUNCTUATION = " \t\u00a0.:;,!?-–—|»«>•*#"
URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
HAS_WORD_CHAR = re.compile(r"\w")
PIPE_META = re.compile(r"\|.*(?:www\.|https?://|\.\w{2,4}\b|\d{1,2}:\d{2})", re.IGNORECASE)
BYLINE = re.compile(r"^\s*By\s+\S")
SENTENCE_END = re.compile(r"[.!?\"”’)]\s*$")


@dataclass(frozen=True)
class BoilerplatePhrases:
    """The phrase lists from the data file, normalised to lower case."""

    drop_lines: frozenset[str]
    drop_prefixes: tuple[str, ...]
    tail_headings: frozenset[str]
    credit_pattern: re.Pattern[str]
    slash_credit_pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def load_phrases() -> BoilerplatePhrases:
    """Read ``data/boilerplate.txt`` once."""
    # A prefix keeps any trailing space ("© "); the other phrases are compared stripped.
    sections = {name: [row.fields[0].lstrip().lower() if name == "drop-line-prefix" else row.fields[0].strip().lower()
                       for row in rows]
                for name, rows in section_rows("boilerplate.txt").items()}
    credits = _alternation(sections["photo-credit"])
    agencies = _alternation(sections["photo-agency"])
    return BoilerplatePhrases(
        drop_lines=frozenset(sections["drop-line"]),
        drop_prefixes=tuple(sections["drop-line-prefix"]),
        tail_headings=frozenset(sections["tail-heading"]),
        credit_pattern=re.compile(
            rf"\([^()]*(?:\b(?:{credits})\b|/\s*(?:{agencies})\b|\b(?:{agencies})\s*/)[^()]*\)\s*$",
            re.IGNORECASE),
        slash_credit_pattern=re.compile(rf"\s/\s*(?:{agencies}|{credits})\s*$", re.IGNORECASE),
    )


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _key(line: str) -> str:
    """A line reduced for matching: lower case, edge punctuation and spaces removed."""
    return line.strip(EDGE_PUNCTUATION).lower()


def is_boilerplate_line(line: str, phrases: BoilerplatePhrases | None = None) -> bool:
    """True for a line that belongs to the site, not the article.

    >>> is_boilerplate_line("ADVERTISEMENT")
    True
    >>> is_boilerplate_line("The advertisement campaign ended in May.")
    False
    """
    phrases = phrases or load_phrases()
    stripped = line.strip()
    if not stripped:
        return False
    if not HAS_WORD_CHAR.search(stripped) or URL_LINE.match(stripped):
        return True
    if _key(stripped) in phrases.drop_lines:
        return True
    words = len(stripped.split())
    lowered = stripped.lower()
    if words <= MAX_PREFIX_RULE_WORDS and lowered.startswith(phrases.drop_prefixes):
        return True
    if words <= MAX_BYLINE_WORDS and BYLINE.match(stripped) and not stripped.endswith("."):
        return True
    if words <= 20 and PIPE_META.search(stripped):
        return True
    return is_photo_caption(stripped, phrases)


def is_photo_caption(line: str, phrases: BoilerplatePhrases | None = None) -> bool:
    """A caption ends with its credit: "... in Seoul. (AP Photo/Jane Doe)" or "... House / SPA"."""
    phrases = phrases or load_phrases()
    if len(line.split()) > MAX_CAPTION_WORDS:
        return False
    if phrases.credit_pattern.search(line):
        return True
    return bool(phrases.slash_credit_pattern.search(line)) and not SENTENCE_END.search(line)


def remove_boilerplate(text: str) -> str:
    """Remove boilerplate lines, repeated lines, uncredited caption twins and trailing link blocks.

    Kept lines are unchanged; runs of blank lines left behind shrink to one blank line.
    """
    phrases = load_phrases()
    lines = _cut_trailing_block(text.split("\n"), phrases)
    dropped = [is_boilerplate_line(line, phrases) for line in lines]
    _drop_repeats_and_caption_twins(lines, dropped)
    kept = [line for line, drop in zip(lines, dropped, strict=True) if not drop]
    return re.sub(r"\n(?:[ \t]*\n){2,}", "\n\n", "\n".join(kept)).strip()


def _cut_trailing_block(lines: list[str], phrases: BoilerplatePhrases) -> list[str]:
    """Cut at the first tail heading that stands alone in the second half of the text."""
    total = sum(len(line) + 1 for line in lines)
    seen = 0
    for index, line in enumerate(lines):
        if seen >= total / 2 and len(line.split()) <= 6 and _key(line) in phrases.tail_headings:
            return lines[:index]
        seen += len(line) + 1
    return lines


def _drop_repeats_and_caption_twins(lines: list[str], dropped: list[bool]) -> None:
    """Drop a line equal to the previous kept line, and a line that the next caption repeats.

    Sites print a headline or caption twice; a caption without credit is often followed by the
    same words with the credit appended ("X attends a meeting." / "X attends a meeting on ... (AFP)").
    """
    previous: str | None = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        following = _next_non_blank(lines, index)
        if following is not None and dropped[following] and is_photo_caption(lines[following].strip()):
            caption_start = lines[following].strip()[: len(stripped.rstrip("."))]
            if caption_start == stripped.rstrip("."):
                dropped[index] = True
        if not dropped[index] and stripped == previous:
            dropped[index] = True
        if not dropped[index]:
            previous = stripped


def _next_non_blank(lines: list[str], index: int) -> int | None:
    for after in range(index + 1, len(lines)):
        if lines[after].strip():
            return after
    return None
