"""Tables that fit the terminal: a default set of columns chosen to fit 100 columns, ``--wide`` for all.

Width: ``$COLUMNS`` when set, else the terminal's width, else (piped, redirected) 100 columns, so
``pactwatch agreements | less`` reads like the terminal does. The layout is computed here rather
than left to rich's squeezing, which at 100 columns breaks headers into 3-letter pieces: a header
is never broken (each column is at least as wide as its header), identifiers and dates never wrap
(they are copied into other commands), and only text columns (titles, labels) wrap. When even the
narrowest layout is wider than the width (``--wide`` on a narrow terminal) the table is printed at
that narrowest layout and lines run past the edge, rather than break a header or an id.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

DEFAULT_WIDTH = 100
UNTITLED = "untitled"
# Article text is hostile: an escape sequence in a title could recolour or rewrite the terminal, a
# bidirectional override could make a line read backwards. Controls become spaces, overrides go.
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Col:
    """One column: its header, how to get its cell from a row, and how it may be laid out.

    ``wide``: shown only with ``--wide``. ``wrap``: text that may wrap (titles); other columns keep
    each value on one line. ``min_width``: the narrowest a wrapping column gets (its header's
    length at least). ``word_cap``: where room allows, a wrapping column is as wide as its longest
    word up to this many characters, so words are not cut."""

    header: str
    value: Callable[[dict[str, Any]], Any]
    wide: bool = False
    wrap: bool = False
    min_width: int = 0
    word_cap: int = 20


def add_wide_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wide", action="store_true",
                        help="every column (the default set fits 100 columns); lines may run past the terminal")


def output_width(stream: TextIO | None = None) -> int:
    """$COLUMNS if it is a positive integer, else the terminal's width, else 100 (piped)."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = stream or sys.stdout
    try:
        if stream.isatty():
            return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    except (AttributeError, ValueError):  # a closed or unusual stream: lay out for the default
        pass
    return DEFAULT_WIDTH


def console(stderr: bool = False, width: int | None = None) -> Any:
    """A rich console on standard output (or error) at ``output_width``; no markup, no colouring
    of numbers, never wrapping a line mid-cell on its own."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    return Console(file=stream, width=width or output_width(stream), soft_wrap=False, highlight=False,
                   markup=False, emoji=False)


def plain(text: str) -> str:
    """``text`` safe to print on a terminal, on one line: control characters (newlines, escapes) as
    spaces, bidirectional controls removed.

    >>> plain("Pact\\x1b[2J\\nsigned\\u202e")
    'Pact [2J signed'
    """
    return CONTROLS.sub(" ", BIDI_CONTROLS.sub("", text))


def cell(value: Any) -> str:
    """A value as a table cell: lists joined, unknown as blank, booleans as yes/no; terminal-safe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {cell(v) or '?'}" for k, v in value.items())
    return plain(str(value))


def title_or_untitled(title: Any) -> str:
    """A record's title for display: "untitled" for a missing or blank one, never an empty cell."""
    text = str(title).strip() if title is not None else ""
    return text or UNTITLED


def print_table(title: str, columns: Sequence[Col], rows: Sequence[dict[str, Any]], wide: bool,
                stderr: bool = False) -> None:
    """Lay ``rows`` out under the chosen ``columns`` and print the table."""
    shown = [c for c in columns if wide or not c.wide]
    cells = [[cell(c.value(row)) for c in shown] for row in rows]
    width = output_width(sys.stderr if stderr else sys.stdout)
    widths = column_widths(shown, cells, width, whole_words=wide)
    table = build_table(title, shown, cells, widths)
    console(stderr, width=max(width, table_width(widths))).print(table)


def table_width(widths: Sequence[int]) -> int:
    """The printed width of a table with these column widths: one space of padding each side of
    every cell and a border line between and around the columns."""
    return sum(widths) + 3 * len(widths) + 1


def column_widths(columns: Sequence[Col], cells: Sequence[Sequence[str]], width: int,
                  whole_words: bool = False) -> list[int]:
    """Each column's text width: natural widths when they fit; else one-line columns keep theirs and
    the wrapping columns share what is left in proportion to their natural widths (a long title gets
    more room than a short list of parties), none narrower than its longest word (up to its
    ``word_cap``) when that fits or ``whole_words`` asks (``--wide``, where lines may run past the
    edge anyway), else than its header and ``min_width``."""
    from rich.cells import cell_len

    natural = [max([cell_len(c.header)] + [_longest_line(row[i]) for row in cells]) for i, c in enumerate(columns)]
    if table_width(natural) <= width:
        return natural
    wrapping = [i for i, c in enumerate(columns) if c.wrap]
    budget = width - table_width([0 if i in wrapping else n for i, n in enumerate(natural)])
    floor = {i: min(natural[i], max(cell_len(columns[i].header), columns[i].min_width)) for i in wrapping}
    words = {i: min(natural[i], max(floor[i], min(columns[i].word_cap, max([_longest_word(row[i]) for row in cells]
                                                                            or [0]))))
             for i in wrapping}
    if whole_words or sum(words.values()) <= budget:
        floor = words
    return _share(natural, floor, budget)


def _share(natural: list[int], floor: dict[int, int], budget: int) -> list[int]:
    """``budget`` shared among the columns in ``floor`` in proportion to their natural widths, each
    at least its floor and at most its natural width."""
    widths = list(natural)
    remaining = set(floor)
    while remaining:
        total = sum(natural[i] for i in remaining)
        pinned = {i for i in remaining if natural[i] * budget / total < floor[i]}
        if not pinned:
            for i in remaining:
                widths[i] = min(natural[i], natural[i] * budget // total)
            break
        for i in pinned:
            widths[i] = floor[i]
            budget -= floor[i]
        remaining -= pinned
    return widths


def _longest_word(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(word) for word in text.split()), default=0)


def _longest_line(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.splitlines()), default=0)


def build_table(title: str, columns: Sequence[Col], cells: Sequence[Sequence[str]], widths: Sequence[int]) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_lines=False)
    for column, width in zip(columns, widths, strict=True):
        table.add_column(column.header, width=width, no_wrap=not column.wrap, overflow="fold")
    for row in cells:
        table.add_row(*(Text(value) for value in row))
    return table
