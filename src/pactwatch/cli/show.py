"""``pactwatch show``: one agreement or event with every field's values, sources, evidence, conflicts."""

from __future__ import annotations

import argparse
import textwrap
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text

from pactwatch.cli._kb import add_json_argument, fail, guarded, open_kb, parser_for, print_json
from pactwatch.cli._tables import cell, console, output_width, plain, title_or_untitled

EXAMPLE = """  pactwatch agreements --party AZE          # find an id
  pactwatch show agr-7b3e06692dfe --as-of 2026-11-22
  pactwatch show evt-0123456789ab --json
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = parser_for(subparsers, "show", "show one agreement or event with its sources and evidence",
                   "Show every field of one merged agreement (agr-...) or event (evt-...): the value shown, "
                   "every value reported with the articles and independent sources behind it, the evidence "
                   "sentences, conflicts, and (agreements) the lifecycle on --as-of (default today).", EXAMPLE)
    p.add_argument("id", help="an agreement or event id")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="lifecycle on this day (default: today)")
    add_json_argument(p)
    p.set_defaults(func=run)


@guarded
def run(args: argparse.Namespace) -> int:
    kb = open_kb(args)
    try:
        record = kb.agreement(args.id, as_of=args.as_of) or kb.event(args.id)
    finally:
        kb.close()
    if record is None:
        return fail(f"no agreement or event with id {args.id!r} (see 'pactwatch agreements')")
    if args.json:
        print_json(record)
    else:
        print_record(record)
    return 0


def print_record(record: dict[str, Any]) -> None:
    """The record's fields and the values reported for each, then every evidence sentence once: the
    articles it appears in (copies of an article repeat it) and the fields it supports (one sentence
    often gives the parties, the date and the status at once). Values name their sentences by number."""
    out = console()
    width = output_width()
    evidence = collect_evidence(record)
    if "parties" in record:
        heading, who = title_or_untitled(record.get("title")), record.get("parties") or []
    else:
        heading, who = record.get("type") or "event", record.get("participants") or []
    out.print(Text.assemble((record["id"], "bold"), f"  {plain(heading)}  ({'–'.join(who)})"))
    out.print(wrapped(f"documents: {', '.join(record.get('documents') or [])}; "
                      f"independent sources: {record.get('independent_sources')}", width))
    numbers = {quote: number for number, quote in enumerate(evidence, start=1)}
    for name, merged in sorted((record.get("fields") or {}).items()):
        if merged.get("values"):
            print_field(out, name, merged, numbers, width)
    if evidence:
        out.print(Text.assemble("\n", ("evidence", "bold"), " (each sentence once)"))
    for number, sentence in enumerate(evidence.values(), start=1):
        places = ", ".join(f"{article} @{start}" for article, start in sentence.places)
        out.print(wrapped(f"[{number}] \"{plain(sentence.quote)}\"", width, indent=6))
        out.print(wrapped(f"in: {places}", width, indent=6, first=6))
        out.print(wrapped(f"supports: {sentence.supports()}", width, indent=6, first=6))
    print_lifecycle(out, record.get("lifecycle"), width)


@dataclass
class Sentence:
    """One evidence sentence: where it appears and which field values it supports."""

    quote: str
    places: list[tuple[str, int]] = field(default_factory=list)
    values: dict[str, list[str]] = field(default_factory=dict)
    several: set[str] = field(default_factory=set)  # fields with more than one value reported

    def supports(self) -> str:
        """"parties, signed, title (Shusha Declaration)": a field's value is named where the field
        has several, so a sentence behind one side of a conflict says which."""
        return ", ".join(f"{name} ({', '.join(values)})" if name in self.several else name
                         for name, values in self.values.items())


def collect_evidence(record: dict[str, Any]) -> dict[str, Sentence]:
    """Each distinct quote -> its Sentence, in the order of its first article and offset."""
    found: dict[str, Sentence] = {}
    for name, merged in sorted((record.get("fields") or {}).items()):
        values = merged.get("values") or []
        for value in values:
            for ev in value.get("evidence") or []:
                sentence = found.setdefault(ev.get("quote") or "", Sentence(ev.get("quote") or ""))
                place = (plain(str(ev.get("article_id"))), int(ev.get("start") or 0))
                if place not in sentence.places:
                    sentence.places.append(place)
                shown, label = sentence.values.setdefault(name, []), cell(value.get("value")) or "(unknown)"
                if label not in shown:
                    shown.append(label)
                if len(values) > 1:
                    sentence.several.add(name)
    for sentence in found.values():
        sentence.places.sort()
    return dict(sorted(found.items(), key=lambda item: item[1].places[0]))


def print_field(out: Any, name: str, merged: dict[str, Any], numbers: dict[str, int], width: int) -> None:
    """``name: shown`` (and CONFLICT), then each value reported with its articles and sentence numbers."""
    flag = ("  CONFLICT", "red") if merged.get("conflict") else ""
    out.print(Text.assemble("\n", (name, "bold"), f": {cell(merged.get('shown'))}", flag))
    for v in merged["values"]:
        articles = v.get("articles") or []
        cited = sorted({numbers[ev.get("quote") or ""] for ev in v.get("evidence") or []})
        evidence = f"; evidence {', '.join(map(str, cited))}" if cited else ""
        out.print(wrapped(f"- {cell(v.get('value')) or '(unknown)'}  [{len(articles)} articles, "
                          f"{v.get('independent_sources')} independent: {cell(articles)}{evidence}]", width, indent=4,
                          first=2))


def print_lifecycle(out: Any, life: dict[str, Any] | None, width: int) -> None:
    if not life:
        return
    known = {True: "yes", False: "no"}.get(life.get("in_force_as_of"), "unknown")
    out.print(Text.assemble("\n", ("lifecycle", "bold"), f": in force: {known} — {plain(life.get('reason') or '')}"))
    for key in ("term_start", "term_ends", "next_renewal", "notice_deadline"):
        if life.get(key):
            out.print(f"  {key.replace('_', ' ')}: {life[key]}")
    for milestone in life.get("milestones") or []:
        out.print(wrapped(f"{milestone.get('date')}  {plain(str(milestone.get('label') or milestone.get('kind')))}",
                          width, indent=4, first=2))


def wrapped(text: str, width: int, indent: int = 2, first: int = 0) -> str:
    """``text`` wrapped to ``width``, its first line indented ``first`` and the rest ``indent``."""
    return textwrap.fill(text, width=max(width, 40), initial_indent=" " * first, subsequent_indent=" " * indent,
                         break_on_hyphens=False)
