"""``pactwatch refused``: the inputs ingest could not read, with where and why."""

from __future__ import annotations

import argparse

from pactwatch.cli._kb import add_json_argument, guarded, open_kb, parser_for, print_json
from pactwatch.cli._tables import plain

EXAMPLE = """  pactwatch refused
  pactwatch refused --limit 20 --json
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = parser_for(subparsers, "refused", "list inputs that ingest refused",
                   "List refused inputs, newest first: file (and line for JSON Lines), the reason, and when. "
                   "The same refusal seen again is listed once, with its latest time.", EXAMPLE)
    p.add_argument("--limit", type=int, default=100, help="at most this many (default: 100)")
    add_json_argument(p)
    p.set_defaults(func=run)


@guarded
def run(args: argparse.Namespace) -> int:
    kb = open_kb(args)
    try:
        rows = kb.refused(limit=args.limit)
    finally:
        kb.close()
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        where = f"{r['source']}:{r['line']}" if r["line"] is not None else r["source"]
        print(plain(f"{r['at']}  {where}: {r['reason']}"))  # file names and reasons quote hostile input
    print(f"{len(rows)} refused inputs.")
    return 0
