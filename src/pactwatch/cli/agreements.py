"""``pactwatch agreements``: the merged agreements, filtered, as a table or JSON."""

from __future__ import annotations

import argparse
from typing import Any

from pactwatch.cli._actors import check_actor_code
from pactwatch.cli._kb import add_json_argument, guarded, open_kb, parser_for, print_json
from pactwatch.cli._tables import Col, add_wide_argument, console, plain, print_table, title_or_untitled

EXAMPLE = """  pactwatch agreements --party AZE --as-of 2026-11-22
  pactwatch agreements --wide | less -S              # every column
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
    add_wide_argument(p)
    p.set_defaults(func=run)


@guarded
def run(args: argparse.Namespace) -> int:
    check_actor_code("--party", args.party)
    kb = open_kb(args)
    try:
        rows = kb.agreements(party=args.party, domain=args.domain, status=args.status, provision=args.provision,
                             as_of=args.as_of, q=args.q, sort=args.sort, desc=args.desc, limit=args.limit)
    finally:
        kb.close()
    if args.json:
        print_json(rows)
    else:
        print_agreements(rows, as_of=args.as_of, wide=args.wide)
    return 0


def _parties(row: dict[str, Any]) -> str:
    return ", ".join(row["parties"])  # wraps between codes in a narrow column, unlike "AZE–TUR"


def _ratified(row: dict[str, Any]) -> str:
    """"AZE 2022-02-01, TUR ?": one party and its date per line when the column is narrow."""
    return ", ".join(f"{code} {day or '?'}" for code, day in (row.get("ratified") or {}).items())


COLUMNS = (
    Col("id", lambda r: r["id"]),
    Col("title", lambda r: title_or_untitled(r["title"]), wrap=True, min_width=10),
    Col("parties", _parties, wrap=True, min_width=8),
    Col("domain", lambda r: r["domain"], wrap=True, min_width=8, word_cap=8),  # "defense_" / "industry"
    Col("status", lambda r: r["status"]),
    Col("signed", lambda r: r["signed"]),
    Col("ratified", _ratified, wide=True, wrap=True, min_width=15),
    Col("in force", lambda r: r["in_force"], wide=True),
    Col("sources", lambda r: r["independent_sources"]),
)
LIFECYCLE_COLUMNS = (
    Col("id", lambda r: r["id"]),
    Col("title", lambda r: title_or_untitled(r["title"]), wrap=True, min_width=10),
    Col("parties", _parties, wrap=True, min_width=8),
    Col("domain", lambda r: r["domain"], wide=True),
    Col("status", lambda r: r["status"]),
    Col("signed", lambda r: r["signed"]),
    Col("ratified", _ratified, wide=True, wrap=True, min_width=15),
    Col("entered", lambda r: r["in_force"], wide=True),
    Col("sources", lambda r: r["independent_sources"], wide=True),
    Col("in force?", lambda r: r["answer"]),
    Col("term ends", lambda r: r.get("term_ends"), wide=True),
    Col("next renewal", lambda r: r.get("next_renewal"), wide=True),
    Col("notice by", lambda r: r.get("notice_deadline")),
)


def print_agreements(rows: list[dict[str, Any]], as_of: str | None = None, wide: bool = False) -> None:
    """The table; with ``as_of``, whether each is in force that day, and below the table the reason
    for every "unknown" (numbered notes: the reasons are long and would crowd the table)."""
    title = f"{len(rows)} agreements" + (f", as of {as_of}" if as_of else "")
    if not as_of:
        print_table(title, COLUMNS, rows, wide)
        return
    notes: dict[str, int] = {}
    answered = []
    for row in rows:
        answer = {True: "yes", False: "no"}.get(row.get("in_force_as_of"), "unknown")
        if answer == "unknown":
            reason = row.get("in_force_reason") or "no source says"
            answer = f"unknown [{notes.setdefault(reason, len(notes) + 1)}]"
        answered.append({**row, "answer": answer})
    print_table(title, LIFECYCLE_COLUMNS, answered, wide)
    out = console()
    for reason, number in notes.items():
        out.print(f"[{number}] in force unknown: {plain(reason)}")
