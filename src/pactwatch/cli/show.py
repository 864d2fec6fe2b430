"""``pactwatch show``: one agreement or event with every field's values, sources, evidence, conflicts."""

from __future__ import annotations

import argparse
from typing import Any

from pactwatch.cli._kb import add_json_argument, cell, console, fail, guarded, open_kb, parser_for, print_json

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
    from rich.text import Text

    out = console()
    heading = record.get("title") or record.get("type") or ""
    who = record.get("parties") or record.get("participants") or []
    out.print(Text.assemble((record["id"], "bold"), f"  {heading}  ({'–'.join(who)})"))
    out.print(f"documents: {', '.join(record.get('documents') or [])}; "
              f"independent sources: {record.get('independent_sources')}")
    for name, merged in sorted((record.get("fields") or {}).items()):
        values = merged.get("values") or []
        if not values:
            continue
        flag = ("  CONFLICT", "red") if merged.get("conflict") else ""
        out.print(Text.assemble("\n", (name, "bold"), f": {cell(merged.get('shown'))}", flag))
        for v in values:
            out.print(f"  - {cell(v.get('value')) or '(unknown)'}  "
                      f"[{len(v.get('articles') or [])} articles, {v.get('independent_sources')} independent: "
                      f"{', '.join(v.get('articles') or [])}]", markup=False, highlight=False)
            for ev in v.get("evidence") or []:
                out.print(f"      {ev['article_id']} @{ev['start']}: \"{ev['quote']}\"", markup=False,
                          highlight=False)
    life = record.get("lifecycle")
    if life:
        known = {True: "yes", False: "no"}.get(life.get("in_force_as_of"), "unknown")
        out.print(Text.assemble("\n", ("lifecycle", "bold"), f": in force: {known} — {life.get('reason')}"))
        for key in ("term_start", "term_ends", "next_renewal", "notice_deadline"):
            if life.get(key):
                out.print(f"  {key.replace('_', ' ')}: {life[key]}", markup=False, highlight=False)
        for milestone in life.get("milestones") or []:
            out.print(f"  {milestone.get('date')}  {milestone.get('label') or milestone.get('kind')}", markup=False,
                      highlight=False)
