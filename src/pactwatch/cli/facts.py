"""``pactwatch facts``: articles in, one JSON line of facts per article out (SCHEMA.md)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any, TextIO

from pactwatch.cli._limits import add_limit_options, read_limits

EXAMPLE = """examples:
  pactwatch facts articles/ -o facts.jsonl
  pactwatch facts one.txt two.html news.jsonl            # to standard output
  python3 ../shared/eval/score.py ../shared/eval/dev facts.jsonl --verbose
"""

EXIT_REFUSED = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "facts", help="extract agreements and events from articles as JSON Lines",
        description="Read articles (.txt, .html, .jsonl, .jsonl.gz, .warc[.gz]; files or folders) and "
                    "write one JSON line of facts per article, every value with its evidence. "
                    f"Exit status: 0 when every input was read, {EXIT_REFUSED} when some were refused.",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", help="files or folders of articles")
    p.add_argument("-o", "--output", default="-", help="output file, '-' for standard output (default)")
    add_limit_options(p, batches=False)
    p.add_argument("--workers", type=int, default=None,
                   help="extract on a Dask LocalCluster of this many worker processes")
    p.add_argument("--scheduler", default=None, help="extract on an existing Dask cluster (tcp://HOST:PORT)")
    p.add_argument("--quiet", action="store_true", help="no summary line")
    p.add_argument("--table", action="store_true",
                   help="also print a readable table of what was found (on standard error)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pactwatch.extract import extract_article
    from pactwatch.read import iter_inputs
    from pactwatch.read.count import count_articles
    from pactwatch.run.local import RunSummary
    from pactwatch.run.progress import article_progress

    missing = [p for p in args.paths if not Path(p).exists()]
    for path in missing:
        print(f"Error: {path}: no such file or folder", file=sys.stderr)
    paths = [p for p in args.paths if Path(p).exists()]
    try:
        limits = read_limits(args)
    except ValueError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1

    summary = RunSummary()
    found: list[dict] = []
    with _open_output(args.output) as out, \
            article_progress(count=lambda: count_articles(paths, limits)) as progress, \
            _executor(args.workers, args.scheduler) as execute:
        for item in execute(iter_inputs(paths, limits), extract_article):
            if isinstance(item, tuple):
                line = item[1].to_json()
                _write_line(out, line)
                summary.count(item[1])
                if args.table:
                    found.append(line)
                progress.advance()
            else:
                summary.refused.append(item)
                print(f"refused: {item.message()}", file=sys.stderr)
    if args.table:
        print_found_table(found)
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return EXIT_REFUSED if summary.refused or missing else 0


@contextmanager
def _executor(workers: int | None, scheduler: str | None) -> Iterator[Callable[..., Iterator[Any]]]:
    """The serial executor, or the Dask one when workers or a scheduler are asked for."""
    from pactwatch.run.local import extract_serially

    if not workers and not scheduler:
        yield extract_serially
        return
    from pactwatch.run.dask import dask_client, extract_distributed

    with dask_client(workers, scheduler) as client:
        yield lambda inputs, extractor: extract_distributed(inputs, extractor, client)


def print_found_table(lines: list[dict]) -> None:
    """Agreements and events per article, for a person reading the terminal."""
    from rich.console import Console
    from rich.table import Table

    agreements = Table(title="Agreements found", show_lines=False)
    for column in ("article", "parties", "domain", "status", "signed", "ratified", "in force", "term"):
        agreements.add_column(column)
    events = Table(title="Events found")
    for column in ("article", "type", "participants", "date", "location", "item / value"):
        events.add_column(column)
    for line in lines:
        for a in line["agreements"]:
            ratified = ", ".join(f"{k} {v or '?'}" for k, v in a["ratified"].items())
            term = f"{a['duration_years']} y" if a["duration_years"] else ""
            if a["renewal"]:
                term += " +renewal"
            agreements.add_row(line["doc_id"], "-".join(a["parties"]), a["domain"], a["status"], a["signed"] or "",
                               ratified, a["in_force"] or "", term)
        for e in line["events"]:
            value = f"${e['value_usd']:,.0f}" if e.get("value_usd") else ""
            events.add_row(line["doc_id"], e["type"], "-".join(e["participants"]), e["date"] or "",
                           e["location"] or "", " ".join(x for x in (e.get("item") or "", value) if x))
    console = Console(stderr=True, width=160)
    console.print(agreements)
    console.print(events)


def _open_output(path: str) -> AbstractContextManager[TextIO]:
    """Standard output for '-', else the file (created or truncated)."""
    if path == "-":
        return nullcontext(sys.stdout)
    return Path(path).open("w", encoding="utf-8")


def _write_line(out: TextIO, obj: dict) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
