"""``pactwatch timeline``: dated facts in order (signatures, ratifications, exercises, visits...)."""

from __future__ import annotations

import argparse

from pactwatch.cli._kb import add_json_argument, console, guarded, open_kb, parser_for, print_json

EXAMPLE = """  pactwatch timeline --party TUR
  pactwatch timeline --start 2020-01-01 --end 2021-12-31 --json
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = parser_for(subparsers, "timeline", "list dated facts in order",
                   "List signatures, ratifications, entries into force and events in date order, each with the "
                   "article and sentence that date it. Partial dates (2021-04) count as their whole range.",
                   EXAMPLE)
    p.add_argument("--party", help="only facts involving this actor code")
    p.add_argument("--start", metavar="YYYY-MM-DD", help="from this day")
    p.add_argument("--end", metavar="YYYY-MM-DD", help="up to this day")
    add_json_argument(p)
    p.set_defaults(func=run)


@guarded
def run(args: argparse.Namespace) -> int:
    kb = open_kb(args)
    try:
        items = kb.timeline(party=args.party, start=args.start, end=args.end)
    finally:
        kb.close()
    if args.json:
        print_json(items)
        return 0
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(items)} dated facts")
    for column in ("date", "kind", "what", "parties", "record", "article"):
        table.add_column(column, overflow="fold")
    for i in items:
        table.add_row(*(Text(str(v or "")) for v in (i["date"], i["kind"], i["label"], "–".join(i["parties"]),
                                                      i.get("agreement_id") or i.get("event_id"), i["article_id"])))
    console().print(table)
    return 0
