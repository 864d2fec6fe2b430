"""``pactwatch timeline``: dated facts in order (signatures, ratifications, exercises, visits...)."""

from __future__ import annotations

import argparse

from pactwatch.cli._actors import check_actor_code
from pactwatch.cli._kb import add_json_argument, guarded, open_kb, parser_for, print_json
from pactwatch.cli._tables import Col, add_wide_argument, print_table

EXAMPLE = """  pactwatch timeline --party TUR
  pactwatch timeline --start 2020-01-01 --end 2021-12-31 --json
  pactwatch timeline --wide                # with the agreement or event id of each fact
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
    add_wide_argument(p)
    p.set_defaults(func=run)


COLUMNS = (
    Col("date", lambda i: i["date"]),
    Col("kind", lambda i: i["kind"]),
    Col("what", lambda i: i["label"], wrap=True, min_width=16),
    Col("parties", lambda i: ", ".join(i["parties"]), wrap=True, min_width=8),
    Col("record", lambda i: i.get("agreement_id") or i.get("event_id"), wide=True),
    Col("article", lambda i: i["article_id"]),
)


@guarded
def run(args: argparse.Namespace) -> int:
    check_actor_code("--party", args.party)
    kb = open_kb(args)
    try:
        items = kb.timeline(party=args.party, start=args.start, end=args.end)
    finally:
        kb.close()
    if args.json:
        print_json(items)
    else:
        print_table(f"{len(items)} dated facts", COLUMNS, items, args.wide)
    return 0
