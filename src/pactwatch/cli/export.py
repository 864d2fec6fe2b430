"""``pactwatch export``: merged records to JSON Lines, CSV (ATOP shape), obligations CSV or GraphML.

Thin over ``KnowledgeBase.export`` (``pactwatch.export.write_export``): the formats' contracts
live there and in ``docs/exports.md``. ``-o -`` writes the export to standard output, and the
count line then goes to standard error so the output stays clean for a pipe.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from pactwatch.cli._kb import guarded, open_kb, parser_for

EXAMPLE = """  pactwatch export --format jsonl -o agreements.jsonl
  pactwatch export --format jsonl --events -o events.jsonl
  pactwatch export --format csv --as-of 2026-11-22 -o agreements.csv
  pactwatch export --format obligations-csv --as-of 2026-12-01 -o obligations.csv
  pactwatch export --format graphml --as-of 2026-11-22 -o network.graphml
  pactwatch export --format csv -o - | head
  pactwatch export --format reviewed -o gold.jsonl
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = parser_for(subparsers, "export", "write merged records as JSON Lines, CSV or GraphML",
                   "jsonl: one merged agreement per line with every field's values, sources and evidence "
                   "(--events: one merged event per line in the facts format). csv: one row per agreement, typed "
                   "columns (ISO dates with a *_precision column, true/false, ';'-joined lists), then one 0/1 "
                   "column per provision (the ATOP layout). obligations-csv: one row per directed pair (obligor, "
                   "beneficiary) per agreement, one 0/1 column per duty kind and per condition type, the days it "
                   "began and ends. graphml: the actor network, one edge per pair of parties per agreement or "
                   "event, unique edge ids, a label per node. --as-of adds each agreement's lifecycle on that day "
                   "(obligations-csv: whether each pair's duties hold); in graphml it also drops agreements not in "
                   "force and events after it. reviewed: JSON Lines of every agreement and event a reviewer decided "
                   "on, with its evidence and who decided what (`pactwatch review`), to keep as your own gold. "
                   "Columns and attributes: docs/exports.md.", EXAMPLE)
    p.add_argument("--format", required=True, choices=("jsonl", "csv", "obligations-csv", "graphml", "reviewed"))
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write; '-' for standard output")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", type=iso_day,
                   help="agreements' lifecycle on this day (graphml: only what stood that day)")
    p.add_argument("--events", action="store_true", help="jsonl: write merged events instead of agreements")
    p.set_defaults(func=run)


def iso_day(value: str) -> str:
    """``--as-of``'s type: a calendar day, or argparse's usage error naming the option."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2026-11-22") from None


@guarded
def run(args: argparse.Namespace) -> int:
    kb = open_kb(args)
    try:
        n = kb.export(args.format, args.output, as_of=args.as_of, what="events" if args.events else "agreements")
    finally:
        kb.close()
    to_stdout = args.output == "-"
    where = "standard output" if to_stdout else args.output
    print(f"{n} records written to {where}.", file=sys.stderr if to_stdout else sys.stdout)
    return 0
