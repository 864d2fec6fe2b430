"""The one input type of extraction: an article's cleaned text and its own date.

Readers (``pactwatch.read``) turn files into ``Article`` objects or ``Refusal`` records;
everything after reading sees only these, never files.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dateline:
    """Where and when the story was filed: "WARSAW, March 2 (Reuters) —" opening the text.

    ``start``/``end`` index the whole dateline (place, date, agency and dash) in the cleaned text,
    so later stages can tell the dateline's own date from dates the story reports. ``place`` is the
    place as written ("WARSAW"); ``state`` its state's code when the gazetteer knows the place
    ("POL"); ``date`` the dateline's day as ISO when its year is known ("2024-03-02"), else None.
    """

    start: int
    end: int
    place: str
    state: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Article:
    """A cleaned article.

    ``text`` is the cleaned text every evidence quote is taken from (offsets index into it).
    ``published`` is ISO 8601 at the precision known ("2021", "2021-04", "2021-04-15") or None.
    ``source`` names where it came from (a path, ``path:line`` for JSON Lines, a WARC record).
    ``dateline`` is set by the readers (``read.dateline.read_dateline``); an Article built by hand
    leaves it None and ``read.dateline.dateline_of`` computes it from the text.
    """

    id: str
    text: str
    source: str
    published: str | None = None
    url: str | None = None
    title: str | None = None
    dateline: Dateline | None = None


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
