"""``pactwatch review``: the review queue, decisions (accept, reject, set, merge, split), the log and
per-field accuracy. Thin over ``KnowledgeBase.review*`` (``pactwatch.store.reviews``)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pactwatch.cli._kb import add_db_argument, add_json_argument, guarded, open_kb, print_json
from pactwatch.cli._tables import Col, add_wide_argument, console, print_table

EXAMPLE = """  pactwatch review queue
  pactwatch review accept agr-1a2b3c4d5e6f signed --reviewer ann
  pactwatch review reject agr-1a2b3c4d5e6f parties --party ARM --reviewer ann --note "ARM only attended"
  pactwatch review set agr-1a2b3c4d5e6f signed 2021-04-06 --reviewer ann
  pactwatch review set agr-1a2b3c4d5e6f parties '["AZE","TUR"]' --reviewer ann
  pactwatch review merge agr-1a2b3c4d5e6f agr-9f8e7d6c5b4a --reviewer ann
  pactwatch review split agr-1a2b3c4d5e6f 3f2a...article-id --reviewer ann
  pactwatch review log --json
  pactwatch review stats
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("review", help="review merged values: queue, accept/reject/set, merge/split, log, stats",
                              description="Correct the knowledge base as you read: decisions are kept forever, "
                              "attributed, and win over every later ingest, reextract or rebuild. A decided value "
                              "that new articles disagree with is flagged for re-review, never overwritten.",
                              epilog=f"examples:\n{EXAMPLE}", formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="review_command", metavar="COMMAND", required=True)

    q = sub.add_parser("queue", help="the values that most need a human first")
    q.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    add_json_argument(q)
    add_wide_argument(q)
    q.set_defaults(func=run_queue)

    for action, text in (("accept", "accept the value shown"), ("reject", "reject the value shown (or --party)"),
                         ("set", "show VALUE (JSON: \"2021-04-06\", [\"AZE\",\"TUR\"], 5) instead")):
        d = sub.add_parser(action, help=text)
        d.add_argument("record_id", metavar="RECORD_ID")
        d.add_argument("field", metavar="FIELD")
        if action == "set":
            d.add_argument("value", metavar="VALUE", help="JSON; a bare word or date is taken as text")
        d.add_argument("--party", help="the party decided on (parties, participants, ratified)")
        _decision_options(d)
        d.set_defaults(func=run_decision, action=action)

    mg = sub.add_parser("merge", help="show two records as one agreement (or event)")
    mg.add_argument("record_id", metavar="RECORD_ID")
    mg.add_argument("other", metavar="OTHER_ID")
    _decision_options(mg)
    mg.set_defaults(func=run_regroup, action="merge")

    sp = sub.add_parser("split", help="take an article's mentions out of a record into their own")
    sp.add_argument("record_id", metavar="RECORD_ID")
    sp.add_argument("other", metavar="ARTICLE_ID")
    _decision_options(sp)
    sp.set_defaults(func=run_regroup, action="split")

    lg = sub.add_parser("log", help="who decided what, when, old and new value")
    lg.add_argument("--limit", type=int, default=None, help="at most this many (default: all)")
    add_json_argument(lg)
    add_wide_argument(lg)
    lg.set_defaults(func=run_log)

    st = sub.add_parser("stats", help="per field: accepted, rejected, changed and precision")
    add_json_argument(st)
    st.set_defaults(func=run_stats)
    for parser in (q, lg, st, mg, sp, *[sub.choices[a] for a in ("accept", "reject", "set")]):
        add_db_argument(parser)


def _decision_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reviewer", required=True, metavar="NAME", help="who decides (kept in the log)")
    parser.add_argument("--note", metavar="TEXT", help="why")
    add_json_argument(parser)


def parse_value(text: str) -> Any:
    """VALUE as JSON; what is not JSON (2021-04-06, a title) is the text itself."""
    try:
        return json.loads(text)
    except ValueError:
        return text


@guarded
def run_queue(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 0:
        raise ValueError("--limit must be 0 or more")
    kb = open_kb(args)
    try:
        items = kb.review_queue(limit=args.limit)
        total = kb.count_review_queue()
    finally:
        kb.close()
    if args.json:
        print_json(items)
        return 0
    print_table(f"{len(items)} of {total} values to review", QUEUE_COLUMNS, items, args.wide)
    return 0


def _value(row: dict[str, Any]) -> str:
    value = row["value"]
    return ", ".join(map(str, value)) if isinstance(value, list) else json.dumps(value, ensure_ascii=False) \
        if isinstance(value, dict) else str(value)


def _quote(row: dict[str, Any]) -> str:
    ev = row.get("evidence") or []
    return f"{ev[0]['article_id']}: {ev[0]['quote']}" if ev else ""


QUEUE_COLUMNS = (
    Col("record", lambda r: r["record_id"]),
    Col("field", lambda r: r["field"] + (f" {r['party']}" if r.get("party") else ""), wrap=True, min_width=8),
    Col("value", _value, wrap=True, min_width=10),
    Col("conf", lambda r: f"{r['confidence']:.2f}"),
    Col("why", lambda r: "; ".join(r["reasons"]), wrap=True, min_width=12),
    Col("evidence", _quote, wide=True, wrap=True, min_width=20),
)


@guarded
def run_decision(args: argparse.Namespace) -> int:
    value = parse_value(args.value) if args.action == "set" else None
    kb = open_kb(args)
    try:
        entry = kb.review(args.action, args.record_id, args.field, reviewer=args.reviewer, value=value,
                          party=args.party, note=args.note)
    finally:
        kb.close()
    _print_entry(args, entry)
    return 0


@guarded
def run_regroup(args: argparse.Namespace) -> int:
    kb = open_kb(args)
    try:
        call = kb.review_merge if args.action == "merge" else kb.review_split
        entry = call(args.record_id, args.other, reviewer=args.reviewer, note=args.note)
    finally:
        kb.close()
    _print_entry(args, entry)
    return 0


def _print_entry(args: argparse.Namespace, entry: dict[str, Any]) -> None:
    if args.json:
        print_json(entry)
        return
    what = entry["field"] + (f" {entry['party']}" if entry.get("party") else "") if entry["field"] else ""
    change = f": {_json(entry['old'])} -> {_json(entry['new'])}" if entry["field"] else f" {_json(entry['new'])}"
    console().print(f"{entry['action']} by {entry['reviewer']} on {entry['record']} {what}{change}", markup=False,
                    highlight=False)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


LOG_COLUMNS = (
    Col("at", lambda r: r["at"][:16].replace("T", " "), wrap=True, min_width=10),
    Col("reviewer", lambda r: r["reviewer"], wrap=True, min_width=8),
    Col("action", lambda r: r["action"]),
    Col("record", lambda r: r["record"]),
    Col("field", lambda r: (r["field"] or "") + (f" {r['party']}" if r.get("party") else ""), wrap=True,
        min_width=8),
    Col("old", lambda r: _json(r["old"]), wrap=True, min_width=8),
    Col("new", lambda r: _json(r["new"]), wrap=True, min_width=8),
    Col("note", lambda r: r["note"] or "", wide=True, wrap=True, min_width=10),
)


@guarded
def run_log(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 0:
        raise ValueError("--limit must be 0 or more")
    kb = open_kb(args)
    try:
        entries = kb.review_log(limit=args.limit)
    finally:
        kb.close()
    if args.json:
        print_json(entries)
    else:
        print_table(f"{len(entries)} decisions", LOG_COLUMNS, entries, args.wide)
    return 0


STATS_COLUMNS = (
    Col("field", lambda r: r["field"]),
    Col("accepted", lambda r: r["accepted"]),
    Col("rejected", lambda r: r["rejected"]),
    Col("changed", lambda r: r["changed"]),
    Col("added", lambda r: r["added"]),
    Col("precision", lambda r: "-" if r["precision"] is None else f"{r['precision']:.3f}"),
)


@guarded
def run_stats(args: argparse.Namespace) -> int:
    kb = open_kb(args)
    try:
        stats = kb.review_stats()
    finally:
        kb.close()
    if args.json:
        print_json(stats)
        return 0
    rows = [{"field": name, **counts} for name, counts in stats["fields"].items()]
    rows.append({"field": "all fields", **stats["total"]})
    print_table("precision = accepted / (accepted + rejected + changed)", STATS_COLUMNS, rows, False)
    return 0
