r"""The one reader of the phrasing data files in ``pactwatch/data/`` (the ``.tsv`` lexicons and
``boilerplate.txt``).

These files are edited by people who know the news, not the code, so a slip (a parenthesis left
open, a missing tab, a misspelt kind) must stop the program at load time with the file, the line
and the problem, not drop a row silently or raise a bare ``re.error`` from deep inside extraction.
Every reader of a data file goes through ``table_rows`` or ``section_rows``; ``LAYOUTS`` says what
each file must look like.

>>> rows = table_rows("cues.tsv", text="# kind<TAB>patterns\nvisit\tvisit|toured")
>>> [(row.line, row.fields[0], row.pattern.pattern) for row in rows]
[(2, 'visit', '\\b(?:visit|toured)')]
>>> table_rows("cues.tsv", text="visit\t(visit|toured")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
pactwatch.data_files.DataFileError: cues.tsv:1: regular expression does not compile: missing ), ...
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TypeVar

PACKAGE = "pactwatch.data"


class DataFileError(ValueError):
    """A data file entry that cannot be used, as ``file:line: problem``."""

    def __init__(self, source: str, line: int | None, problem: str) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class Row:
    """One entry of a data file: its line number, its fields as written, and its compiled pattern
    when the file's layout gives it one."""

    line: int
    fields: tuple[str, ...]
    compiled: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self.compiled is None:
            raise LookupError(f"line {self.line} holds no regular expression")
        return self.compiled


@dataclass(frozen=True)
class Table:
    """A tab-separated file: ``columns`` fields a row; ``kinds`` (when given) are the values the
    ``kind_column`` may take. A row whose ``pattern_column`` holds a regular expression (every row,
    or those ``has_pattern`` selects) is compiled as ``template`` with the stripped field in it, the
    way its reader uses it. ``check`` is a last rule over the fields; it returns a problem or None."""

    columns: tuple[str, ...]
    kinds: frozenset[str] | None = None
    kind_column: int = 0
    pattern_column: int | None = None
    template: str = "{}"
    has_pattern: Callable[[tuple[str, ...]], bool] = lambda _fields: True
    unique_kinds: bool = False
    check: Callable[[tuple[str, ...]], str | None] = lambda _fields: None


@dataclass(frozen=True)
class Sections:
    """An ini-like list file: ``[section]`` headers, then one phrase a line; every section in
    ``names`` must be present and no other may be."""

    names: frozenset[str] = field(default_factory=frozenset)


LayoutT = TypeVar("LayoutT", Table, Sections)

AGREEMENT_KINDS = frozenset({
    "head", "named", "domain", "status", "legislature", "not_agreement", "no_completion", "term", "group",
    "approval", "provision_verb", "join_verb", "specific_head", "bind_verb", "region", "phrase_head"})
CUE_KINDS = frozenset({
    "agreement", "ratification", "lifecycle", "signature", "exercise", "visit", "trade", "arms", "provision"})
EVENT_KINDS = frozenset({
    "exercise_noun", "exercise_held", "exercise_travel", "exercise_verb", "exercise_pair_rx", "exercise_name_rx",
    "exercise_titled_rx", "place_noun", "exercise_context_rx", "exercise_join_rx",
    "exercise_send_rx", "exercise_join_not_rx",
    "exercise_join_split_rx", "exercise_list_rx", "exercise_list_pronoun_rx", "exercise_not_rx",
    "exercise_together_rx", "exercise_again_rx", "habitual",
    "venue_city", "gathering_rx", "group_noun", "place_on_noun", "stateless_place_rx", "water_body_rx", "meet_verb",
    "talk_verb", "remote_rx",
    "visit_verb", "meet_noun", "visit_noun", "light_verb", "handover_verb", "sign_verb", "sign_rx", "official",
    "both_sides_rx", "three_sides_rx", "visit_not_rx", "same_day_rx", "arms_verb", "arms_noun", "arms_buy",
    "arms_receive", "arms_give", "arms_unsettled", "arms_item", "arms_generic", "deal_value_rx", "deal_ref_rx",
    "arms_not_rx"})
ACTOR_HOWS = frozenset({"name", "demonym", "capital", "institution", "org", "place"})
ACTOR_KNOWLEDGE = frozenset({"stop", "exclude", "given", "body", "title", "noplace"})
MODALITY_KINDS = frozenset({"modal_aux", "intent_head", "pending", "condition", "condition_mark",
                            "done_then_contrast", "denied", "scheduled_end"})
TITLE_KINDS = frozenset({"connector", "function", "headline_verb", "determiner", "stray", "stray_rx", "trailing_rx",
                         "place_prep", "party_prep", "pair_prep", "variant"})
OBLIGATION_TERM_KINDS = frozenset({"cue", "frame", "duty", "undertaking", "denial", "mutual", "member", "condition",
                                   "reference", "unsettled"})
BOILERPLATE_SECTIONS = frozenset({"drop-line", "drop-line-prefix", "tail-heading", "photo-credit", "photo-agency"})


def _actor_row_problem(fields: tuple[str, ...]) -> str | None:
    """An alias row's ``how`` says how the alias names its code; a ``-`` row's is a knowledge list."""
    code, how = fields[0], fields[1]
    allowed = ACTOR_KNOWLEDGE if code == "-" else ACTOR_HOWS
    if how not in allowed:
        return f"unknown how {how!r} for {'a - row' if code == '-' else 'an alias row'} (known: {_listed(allowed)})"
    return None


def _organisation_row_problem(fields: tuple[str, ...]) -> str | None:
    """``organisations.tsv``: duty kinds and condition types among the facts format's, a real day."""
    from pactwatch.facts import CONDITION_TYPES, OBLIGATION_KINDS

    kinds, conditions, since = (f.strip() for f in fields[1:4])
    unknown = [k for k in kinds.split("|") if k.strip() not in OBLIGATION_KINDS]
    if unknown:
        return f"unknown duty kind(s) {unknown} (known: {_listed(frozenset(OBLIGATION_KINDS))})"
    unknown = [c for c in conditions.split("|") if conditions != "-" and c.strip() not in CONDITION_TYPES]
    if unknown:
        return f"unknown condition type(s) {unknown} (known: {_listed(frozenset(CONDITION_TYPES))}; - for none)"
    return _day_problem("since", since)


def _membership_row_problem(fields: tuple[str, ...]) -> str | None:
    """``memberships.tsv``: a joining day, and a leaving day after it or nothing."""
    joined, left = fields[2].strip(), fields[3].strip()
    problem = _day_problem("joined", joined) or (_day_problem("left", left) if left not in ("", "-") else None)
    if problem is None and left not in ("", "-") and left <= joined:
        problem = f"left {left} is not after joined {joined}"
    return problem


def _day_problem(column: str, value: str) -> str | None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return f"{column} {value!r} is not a day (YYYY-MM-DD)"
    return None


def _obligation_row_problem(fields: tuple[str, ...]) -> str | None:
    """A duty or undertaking row's value is an obligation kind, a condition row's a condition type
    (facts v1.1); the other rows' value is ``-``."""
    from pactwatch.facts import CONDITION_TYPES, OBLIGATION_KINDS

    kind, value = fields[0], fields[1]
    typed = {"duty": OBLIGATION_KINDS, "undertaking": OBLIGATION_KINDS, "condition": CONDITION_TYPES}
    allowed = typed.get(kind, ("-",))
    if value not in allowed:
        return f"unknown value {value!r} for a {kind} row (known: {', '.join(sorted(allowed))})"
    return None


LAYOUTS: dict[str, Table | Sections] = {
    "agreement_terms.tsv": Table(("kind", "value", "pattern"), kinds=AGREEMENT_KINDS, pattern_column=2,
                                 template="(?:{})"),
    "provisions.tsv": Table(("code", "pattern"), pattern_column=1, template="(?:{})"),
    "cues.tsv": Table(("kind", "patterns"), kinds=CUE_KINDS, pattern_column=1, template=r"\b(?:{})",
                      unique_kinds=True),
    "events.tsv": Table(("kind", "entries"), kinds=EVENT_KINDS, pattern_column=1,
                        has_pattern=lambda fields: fields[0].endswith("_rx"), unique_kinds=True),
    "title_words.tsv": Table(("kind", "words"), kinds=frozenset({"generic", "variant"})),
    "titles.tsv": Table(("kind", "entries"), kinds=TITLE_KINDS, pattern_column=1,
                        has_pattern=lambda fields: fields[0].endswith("_rx")),
    "actors.tsv": Table(("code", "how", "aliases"), check=_actor_row_problem),
    "boilerplate.txt": Sections(BOILERPLATE_SECTIONS),
    "modality.tsv": Table(("kind", "pattern"), kinds=MODALITY_KINDS, pattern_column=1, template="(?:{})"),
    "organisations.tsv": Table(("org", "kinds", "conditions", "since", "clause"), unique_kinds=True,
                               check=_organisation_row_problem),
    "memberships.tsv": Table(("org", "member", "joined", "left"), check=_membership_row_problem),
    "obligations.tsv": Table(("kind", "value", "pattern"), kinds=OBLIGATION_TERM_KINDS, pattern_column=2,
                             template="(?:{})", check=_obligation_row_problem),
}


def table_rows(name: str, *, path: Path | None = None, text: str | None = None) -> list[Row]:
    """The entries of the tab-separated data file ``name``, in file order, checked against its layout.

    The packaged file is read unless ``path`` (another file in the same layout) or ``text`` (its
    contents) is given; errors name ``path`` when there is one, else ``name``."""
    layout = _layout(name, Table)
    source, lines = _lines(name, path, text)
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for number, line in lines:
        fields = tuple(line.split("\t"))
        problem = _row_problem(layout, fields, seen)
        if problem is not None:
            raise DataFileError(source, number, problem)
        rows.append(Row(number, fields, _compiled(layout, fields, source, number)))
        seen.setdefault(fields[layout.kind_column], number)
    return rows


def section_rows(name: str, *, path: Path | None = None, text: str | None = None) -> dict[str, list[Row]]:
    """Section -> its entries (each a one-field row holding the line as written), in file order.

    Same sources as ``table_rows``."""
    layout = _layout(name, Sections)
    source, lines = _lines(name, path, text)
    sections: dict[str, list[Row]] = {}
    current: str | None = None
    for number, raw in lines:
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            if current not in layout.names:
                raise DataFileError(source, number, f"unknown section [{current}] (known: {_listed(layout.names)})")
            continue
        if current is None:
            raise DataFileError(source, number, "an entry before the first [section] header")
        sections.setdefault(current, []).append(Row(number, (raw,)))
    missing = layout.names - set(sections)
    if missing:
        raise DataFileError(source, None, f"missing or empty section(s): {_listed(missing)}")
    return sections


def _layout(name: str, kind: type[LayoutT]) -> LayoutT:
    layout = LAYOUTS.get(name)
    if not isinstance(layout, kind):
        known = [n for n, lay in LAYOUTS.items() if isinstance(lay, kind)]
        raise KeyError(f"{name!r} is not a known {kind.__name__.lower()} data file (known: {', '.join(known)})")
    return layout


def _lines(name: str, path: Path | None, text: str | None) -> tuple[str, list[tuple[int, str]]]:
    """Where the text came from (for messages) and its (line number, line) entries: not blank and
    not a comment (a line whose first non-space character is ``#``)."""
    if text is not None:
        source = str(path) if path is not None else name
    elif path is not None:
        source, text = str(path), path.read_text(encoding="utf-8")
    else:
        source, text = name, resources.files(PACKAGE).joinpath(name).read_text(encoding="utf-8")
    entries = [(number, line) for number, line in enumerate(text.splitlines(), start=1)
               if line.strip() and not line.lstrip().startswith("#")]
    return source, entries


def _row_problem(layout: Table, fields: tuple[str, ...], seen: dict[str, int]) -> str | None:
    """What is wrong with a row's shape or kind, or None."""
    if len(fields) != len(layout.columns):
        return (f"{len(fields)} tab-separated column(s), expected {len(layout.columns)} "
                f"({' <TAB> '.join(layout.columns)})")
    kind = fields[layout.kind_column]
    if layout.kinds is not None and kind not in layout.kinds:
        return (f"unknown {layout.columns[layout.kind_column]} {kind!r} (known: {_listed(layout.kinds)}; a new "
                f"one is added to LAYOUTS in pactwatch/data_files.py and to the code that reads it)")
    if layout.unique_kinds and kind in seen:
        return f"{layout.columns[layout.kind_column]} {kind!r} already given on line {seen[kind]}"
    return layout.check(fields)


def _compiled(layout: Table, fields: tuple[str, ...], source: str, number: int) -> re.Pattern[str] | None:
    """The row's pattern as its reader uses it, or None when the row holds none."""
    if layout.pattern_column is None or not layout.has_pattern(fields):
        return None
    body = fields[layout.pattern_column].strip()
    if not body:
        raise DataFileError(source, number, "empty regular expression (it would match every text)")
    try:
        return re.compile(layout.template.format(body))
    except re.error as err:
        where = "" if err.pos is None else f" at position {max(0, err.pos - layout.template.index('{}'))}"
        raise DataFileError(source, number, f"regular expression does not compile: {err.msg}{where}") from None


def _listed(values: frozenset[str]) -> str:
    return ", ".join(sorted(values))
