"""The one input type of extraction: an article's cleaned text and its own date.

Readers (``pactwatch.read``) turn files into ``Article`` objects or ``Refusal`` records;
everything after reading sees only these, never files.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """A cleaned article.

    ``text`` is the cleaned text every evidence quote is taken from (offsets index into it).
    ``published`` is ISO 8601 at the precision known ("2021", "2021-04", "2021-04-15") or None.
    ``source`` names where it came from (a path, ``path:line`` for JSON Lines, a WARC record).
    """

    id: str
    text: str
    source: str
    published: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Refusal:
    """An input that could not be read, with the reason, so nothing is silently lost.

    ``source`` is the file (and ``line`` for JSON Lines); ``reason`` is one readable sentence.
    """

    source: str
    reason: str
    line: int | None = None

    def message(self) -> str:
        """One line for the user: ``file[:line]: reason``."""
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"
