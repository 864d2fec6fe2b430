"""``pactwatch commitments``: who is bound to whom on a date, and on what terms; or what changed between two dates."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from pactwatch.cli._actors import check_actor_code
from pactwatch.cli._kb import add_json_argument, guarded, open_kb, parser_for, print_json
from pactwatch.cli._tables import Col, add_wide_argument, console, plain, print_table, title_or_untitled
from pactwatch.facts import OBLIGATION_KINDS

EXAMPLE = """  pactwatch commitments --as-of 2026-12-01
  pactwatch commitments --as-of 2026-12-01 --party AZE --kind defend --json
  pactwatch commitments --party FIN --expand-members        # with NATO's and the EU's member pairs
  pactwatch commitments --diff 2019-01-01 2026-12-01        # what began and what ended in between
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = parser_for(subparsers, "commitments", "who is bound to defend or consult whom on a date",
                   "One row per directed pair (obligor -> beneficiary), kind of duty and agreement: whether the "
                   "duty is conditional and on what (after_consultation, on_request, location, adversary, "
                   "non_provocation, other), and whether it holds on the day: yes, no, or unknown with the "
                   "reason below the table. A duty holds only while its agreement is in force. A state that "
                   "joined an organisation with a collective-defence clause (NATO, CSTO, EU) is bound to and by "
                   "it from the accession day; --expand-members adds the duties between the members. --json "
                   "prints the rows with their evidence.", EXAMPLE)
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day (default: today)")
    p.add_argument("--diff", nargs=2, metavar=("START", "END"),
                   help="instead: the commitments that began and those that ended between two days")
    p.add_argument("--party", help="only rows with this actor code as obligor or beneficiary (AZE, NATO)")
    p.add_argument("--kind", help=f"only this kind of duty: {', '.join(OBLIGATION_KINDS)}")
    p.add_argument("--expand-members", action="store_true",
                   help="add the organisation's duties between every two of its members (marked via)")
    add_json_argument(p)
    add_wide_argument(p)
    p.set_defaults(func=run)


@guarded
def run(args: argparse.Namespace) -> int:
    if args.diff and args.as_of:
        raise ValueError("give either --as-of or --diff START END, not both")
    check_actor_code("--party", args.party)
    kb = open_kb(args)
    try:
        if args.diff:
            result: Any = kb.commitments_diff(*args.diff, party=args.party, kind=args.kind,
                                              expand_members=args.expand_members)
        else:
            result = kb.commitments(as_of=args.as_of, party=args.party, kind=args.kind,
                                    expand_members=args.expand_members)
    finally:
        kb.close()
    if args.json:
        print_json(result)
    elif args.diff:
        print_diff(result, wide=args.wide, via=args.expand_members)
    else:
        print_commitments(result, args.as_of or date.today().isoformat(), wide=args.wide, via=args.expand_members)
    return 0


def _conditions(row: dict[str, Any]) -> str:
    return ", ".join(row["conditions"]) if row["conditions"] else "none"


def columns(via: bool, answer: str | None = None) -> list[Col]:
    """by, to, kind, conditions, [the answer], agreement, id, [via]; since and until with --wide."""
    out = [Col("by", lambda r: r["by"]), Col("to", lambda r: r["to"]), Col("kind", lambda r: r["kind"]),
           Col("conditions", _conditions, wrap=True, min_width=10, word_cap=18)]
    if answer:
        out.append(Col(answer, lambda r: r["answer"]))
    out += [Col("agreement", lambda r: title_or_untitled(r["agreement_title"]), wrap=True, min_width=10),
            Col("id", lambda r: r["agreement_id"] or "-"),
            Col("since", lambda r: r.get("begins"), wide=True), Col("until", lambda r: r.get("ends"), wide=True)]
    if via:
        out.append(Col("via", lambda r: r["via"] or ""))
    return out


def print_commitments(rows: list[dict[str, Any]], as_of: str, wide: bool = False, via: bool = False) -> None:
    """The rows with "holds" (yes, no, unknown [n]) and, below, the reason for every unknown."""
    notes: dict[str, int] = {}
    answered = [{**row, "answer": _answer(row, notes, unknown_only=True)} for row in rows]
    held = sum(row["holds_as_of"] is True for row in rows)
    print_table(f"{len(rows)} commitments as of {as_of} ({held} hold)", columns(via, "holds"), answered, wide)
    _print_notes(notes, "holds unknown")


def print_diff(diff: dict[str, Any], wide: bool = False, via: bool = False) -> None:
    """Two tables: what began between the days, and what ended, with why it no longer holds."""
    span = f"between {diff['start']} and {diff['end']}"
    print_table(f"{len(diff['begun'])} commitments began {span}", columns(via), diff["begun"], wide)
    notes: dict[str, int] = {}
    ended = [{**row, "answer": _answer(row, notes, unknown_only=False)} for row in diff["ended"]]
    print_table(f"{len(ended)} commitments ended {span}", columns(via, f"on {diff['end']}"), ended, wide)
    _print_notes(notes, "why")


def _answer(row: dict[str, Any], notes: dict[str, int], unknown_only: bool) -> str:
    answer = {True: "yes", False: "no"}.get(row["holds_as_of"], "unknown")
    if answer == "yes" or (unknown_only and answer == "no"):
        return answer
    return f"{answer} [{notes.setdefault(row['why'] or 'no source says', len(notes) + 1)}]"


def _print_notes(notes: dict[str, int], label: str) -> None:
    out = console()
    for reason, number in notes.items():
        out.print(f"[{number}] {label}: {plain(reason)}")
