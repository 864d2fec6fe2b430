"""``pactwatch changes``: what changed in the knowledge base, newest first, each change with its evidence."""

from __future__ import annotations

import argparse
from typing import Any

from pactwatch.calendar_days import check_day
from pactwatch.cli._actors import check_actor_code
from pactwatch.cli._kb import add_json_argument, guarded, open_kb, parser_for, print_json
from pactwatch.cli._tables import Col, add_wide_argument, print_table, title_or_untitled

EXAMPLE = """  pactwatch changes --since 2026-11-01
  pactwatch changes --since 2026-11-01 --kind ratified --party AZE --json
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    from pactwatch.alerts import ALERT_KINDS

    p = parser_for(subparsers, "changes", "what changed in the knowledge base, and why",
                   "The changes that ingests, re-extractions and `pactwatch watch` found, newest first: new "
                   "agreements, status changes, ratifications, entry into force, terminations, notice deadlines "
                   "coming near and conflicting reports; each with its record and the sentence it rests on "
                   "(--json prints them whole, as webhooks and the log receive them).", EXAMPLE)
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only changes detected on or after this day")
    p.add_argument("--kind", choices=ALERT_KINDS, metavar="KIND", help=f"only this kind: {', '.join(ALERT_KINDS)}")
    p.add_argument("--party", help="only changes to records with this party (actor code: AZE, NATO)")
    p.add_argument("--limit", type=int, default=50, help="at most this many (default: 50)")
    add_json_argument(p)
    add_wide_argument(p)
    p.set_defaults(func=run)


@guarded
def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise ValueError(f"--limit must be a positive number, got {args.limit}")
    check_actor_code("--party", args.party)
    check_day("--since", args.since)
    kb = open_kb(args)
    try:
        rows = changes(kb, since=args.since, kind=args.kind, party=args.party, limit=args.limit)
    finally:
        kb.close()
    if args.json:
        print_json(rows)
        return 0
    since = f" since {args.since}" if args.since else ""
    print_table(f"{len(rows)} change{'' if len(rows) == 1 else 's'}{since}", COLUMNS, rows, args.wide)
    return 0


def changes(kb: Any, *, since: str | None, kind: str | None, party: str | None, limit: int) -> list[dict[str, Any]]:
    """``kb.changes``, and with ``party`` only those whose record has that party (``alerts.matches``)."""
    if party is None:
        return list(kb.changes(since=since, kind=kind, limit=limit))
    from pactwatch.alerts import matches

    return [a for a in kb.changes(since=since, kind=kind, limit=None) if matches(a, party=[party])][:limit]


COLUMNS = [
    Col("day", lambda a: a.get("day")),
    Col("kind", lambda a: a.get("kind")),
    Col("change", lambda a: a.get("summary"), wrap=True, min_width=20, word_cap=24),
    Col("agreement", lambda a: title_or_untitled(a.get("title")), wrap=True, min_width=10, wide=True),
    Col("parties", lambda a: a.get("parties"), wide=True),
    Col("record", lambda a: a.get("record_id")),
    Col("detected", lambda a: a.get("at"), wide=True),
    Col("evidence", lambda a: (a.get("evidence") or {}).get("quote"), wrap=True, min_width=20, wide=True),
]
