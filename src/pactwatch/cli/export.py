"""``pactwatch export``: merged records to JSON Lines, CSV (ATOP shape) or GraphML."""

from __future__ import annotations

import argparse

from pactwatch.cli._kb import guarded, open_kb, parser_for

EXAMPLE = """  pactwatch export --format jsonl -o agreements.jsonl
  pactwatch export --format jsonl --events -o events.jsonl
  pactwatch export --format csv --as-of 2026-11-22 -o agreements.csv
  pactwatch export --format graphml -o network.graphml
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = parser_for(subparsers, "export", "write merged records as JSON Lines, CSV or GraphML",
                   "jsonl: one merged agreement per line with every field's values, sources and evidence "
                   "(--events: merged events instead). csv: one row per agreement, its members and dates, one 0/1 "
                   "column per provision (the ATOP layout). graphml: the actor network, one edge per pair of "
                   "parties per agreement or event. --as-of adds lifecycle columns to agreements.", EXAMPLE)
    p.add_argument("--format", required=True, choices=("jsonl", "csv", "graphml"))
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="add lifecycle columns for this day")
    p.add_argument("--events", action="store_true", help="jsonl: write merged events instead of agreements")
    p.set_defaults(func=run)


@guarded
def run(args: argparse.Namespace) -> int:
    kb = open_kb(args)
    try:
        n = kb.export(args.format, args.output, as_of=args.as_of, what="events" if args.events else "agreements")
    finally:
        kb.close()
    print(f"{n} records written to {args.output}.")
    return 0
