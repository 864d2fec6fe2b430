"""``pactwatch agreements``: the merged agreements, filtered, as a table or JSON."""

from __future__ import annotations

import argparse

from pactwatch.cli._kb import add_json_argument, cell, console, guarded, open_kb, parser_for, print_json

EXAMPLE = """  pactwatch agreements --party AZE --as-of 2026-11-22
  pactwatch agreements --domain security --status ratified --json
  pactwatch agreements --provision mutual_defense -q "strategic partnership"
"""
SORT_KEYS = ("signed", "title", "domain", "status", "in_force", "independent_sources")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = parser_for(subparsers, "agreements", "list merged agreements (a table, or --json)",
                   "List the knowledge base's agreements, one record per real agreement. With --as-of, add "
                   "whether each is in force that day, when its term ends, its next renewal and the last day "
                   "to give notice.", EXAMPLE)
    p.add_argument("--party", help="an actor code among the parties (AZE, TUR, NATO)")
    p.add_argument("--domain", help="security, defense_industry, trade, energy, climate or other")
    p.add_argument("--status", help="proposed, signed, ratified, in_force, expired, terminated or rejected")
    p.add_argument("--provision", help="a provision code (mutual_defense, exercises, ...)")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="add lifecycle columns for this day")
    p.add_argument("-q", "--query", dest="q", help="free text in titles and evidence")
    p.add_argument("--sort", default="signed", choices=SORT_KEYS, help="sort key (default: signed)")
    p.add_argument("--desc", action="store_true", help="sort descending")
    p.add_argument("--limit", type=int, default=None, help="at most this many (default: all)")
    add_json_argument(p)
    p.set_defaults(func=run)


@guarded
def run(args: argparse.Namespace) -> int:
    kb = open_kb(args)
    try:
        rows = kb.agreements(party=args.party, domain=args.domain, status=args.status, provision=args.provision,
                             as_of=args.as_of, q=args.q, sort=args.sort, desc=args.desc, limit=args.limit)
    finally:
        kb.close()
    if args.json:
        print_json(rows)
    else:
        print_table(rows, lifecycle=bool(args.as_of), as_of=args.as_of)
    return 0


def print_table(rows: list[dict], lifecycle: bool, as_of: str | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    title = f"{len(rows)} agreements" + (f", as of {as_of}" if as_of else "")
    table = Table(title=title, show_lines=False)
    columns = ["id", "title", "parties", "domain", "status", "signed", "ratified", "in force", "sources"]
    if lifecycle:
        columns += ["in force on day", "term ends", "next renewal", "notice by"]
    for column in columns:
        table.add_column(column, overflow="fold", no_wrap=column in ("id", "signed", "parties"))
    for r in rows:
        values = [r["id"], r["title"], "–".join(r["parties"]), r["domain"], r["status"], r["signed"], r["ratified"],
                  r["in_force"], r["independent_sources"]]
        if lifecycle:
            known = {True: "yes", False: "no"}.get(r.get("in_force_as_of"), "unknown")
            values += [known, r.get("term_ends"), r.get("next_renewal"), r.get("notice_deadline")]
        table.add_row(*(Text(cell(v)) for v in values))
    console().print(table)
