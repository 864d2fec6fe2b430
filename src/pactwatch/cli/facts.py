"""``pactwatch facts``: articles in, one JSON line of facts per article out (SCHEMA.md)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pactwatch.article import Refusal
from pactwatch.cli._kb import guarded
from pactwatch.cli._limits import add_limit_options, read_limits
from pactwatch.cli._stdin import STDIN, shown_path, spooled_stdin
from pactwatch.cli._tables import Col, add_wide_argument, plain, print_table, title_or_untitled

if TYPE_CHECKING:
    from pactwatch.read.limits import ReadLimits
    from pactwatch.run.local import RunSummary

EXAMPLE = """examples:
  pactwatch facts articles/ -o facts.jsonl
  pactwatch facts one.txt two.html news.jsonl            # to standard output
  curl -s https://example.org/story.html | pactwatch facts - --table
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
    p.add_argument("paths", nargs="+",
                   help="files or folders of articles; '-' reads standard input (HTML if it starts with '<', "
                        "JSON Lines if with '{', else the text of one article)")
    p.add_argument("-o", "--output", default="-", help="output file, '-' for standard output (default)")
    add_limit_options(p, batches=False)
    p.add_argument("--workers", type=int, default=None,
                   help="extract on a Dask LocalCluster of this many worker processes")
    p.add_argument("--scheduler", default=None, help="extract on an existing Dask cluster (tcp://HOST:PORT)")
    p.add_argument("--quiet", action="store_true", help="no summary line")
    p.add_argument("--table", action="store_true",
                   help="also print a readable table of what was found (on standard error)")
    add_wide_argument(p)
    p.set_defaults(func=run)


@guarded
def run(args: argparse.Namespace) -> int:
    limits = read_limits(args)
    check_input_paths(args.paths)
    with ExitStack() as stack:
        stdin = stack.enter_context(spooled_stdin(limits)) if STDIN in args.paths else None
        spooled = stdin if isinstance(stdin, Path) else None
        paths = [str(spooled) if p == STDIN else p for p in args.paths if p != STDIN or spooled]
        out = stack.enter_context(_open_output(args.output))
        summary, found = extract_to(out, paths, limits, args, spooled, [stdin] if isinstance(stdin, Refusal) else [])
    if args.table:
        print_found_table(found, args.wide)
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return EXIT_REFUSED if summary.refused else 0


def check_input_paths(paths: list[str]) -> None:
    """ValueError naming each input that is not there (or ``-`` given twice), before any output
    file is created: a typo is an error of its own, not a run that "refused 0 inputs"."""
    missing = [p for p in paths if p != STDIN and not Path(p).exists()]
    if missing:
        raise ValueError("; ".join(f"{p}: no such file or folder" for p in missing))
    if paths.count(STDIN) > 1:
        raise ValueError("standard input ('-') can be read only once")


def extract_to(out: TextIO, paths: list[str], limits: ReadLimits, args: argparse.Namespace, spooled: Path | None,
               refused: list[Refusal]) -> tuple[RunSummary, list[dict]]:
    """Extract every input into ``out``, one JSON line per article; refusals (``refused`` first, the
    ones made before reading) on standard error."""
    from pactwatch.extract import extract_article
    from pactwatch.read import iter_inputs
    from pactwatch.read.count import count_articles
    from pactwatch.run.local import RunSummary
    from pactwatch.run.progress import article_progress

    summary = RunSummary()
    found: list[dict] = []
    with article_progress(count=lambda: count_articles(paths, limits)) as progress, \
            _executor(args.workers, args.scheduler) as execute:
        for item in chain(refused, execute(iter_inputs(paths, limits), extract_article)):
            if isinstance(item, tuple):
                line = item[1].to_json()
                _write_line(out, line)
                summary.count(item[1])
                if args.table:
                    found.append(line)
                progress.advance()
            else:
                summary.refused.append(item)
                print(f"refused: {plain(shown_path(item.message(), spooled))}", file=sys.stderr)
    return summary, found


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


AGREEMENT_COLUMNS = (
    Col("article", lambda r: r["doc_id"]),
    Col("parties", lambda r: ", ".join(r["parties"]), wrap=True, min_width=8),
    Col("domain", lambda r: r["domain"], wrap=True, min_width=8, word_cap=8),
    Col("status", lambda r: r["status"]),
    Col("signed", lambda r: r["signed"]),
    Col("ratified", lambda r: ", ".join(f"{k} {v or '?'}" for k, v in r["ratified"].items()), wrap=True,
        min_width=15),
    Col("in force", lambda r: r["in_force"], wide=True),
    Col("term", lambda r: _term(r), wide=True),
    Col("title", lambda r: title_or_untitled(r.get("title")), wrap=True, min_width=10),
)
EVENT_COLUMNS = (
    Col("article", lambda r: r["doc_id"]),
    Col("type", lambda r: r["type"]),
    Col("participants", lambda r: ", ".join(r["participants"]), wrap=True, min_width=12),
    Col("date", lambda r: r["date"]),
    Col("location", lambda r: r["location"], wrap=True, min_width=8),
    Col("item / value", lambda r: " ".join(x for x in (r.get("item") or "", _usd(r)) if x), wrap=True, min_width=12),
)


def _term(agreement: dict[str, Any]) -> str:
    term = f"{agreement['duration_years']} y" if agreement["duration_years"] else ""
    return term + " +renewal" if agreement["renewal"] else term


def _usd(event: dict[str, Any]) -> str:
    return f"${event['value_usd']:,.0f}" if event.get("value_usd") else ""


def print_found_table(lines: list[dict], wide: bool = False) -> None:
    """Agreements and events per article on standard error, for a person reading the terminal while
    the JSON lines go to a file or a pipe."""
    agreements = [{**a, "doc_id": line["doc_id"]} for line in lines for a in line["agreements"]]
    events = [{**e, "doc_id": line["doc_id"]} for line in lines for e in line["events"]]
    for title, columns, rows in (("Agreements found", AGREEMENT_COLUMNS, agreements),
                                 ("Events found", EVENT_COLUMNS, events)):
        if rows:
            print_table(title, columns, rows, wide, stderr=True)
        else:
            print(f"{title}: none.", file=sys.stderr)


def _open_output(path: str) -> AbstractContextManager[TextIO]:
    """Standard output for '-', else the file (created or truncated)."""
    if path == "-":
        return nullcontext(sys.stdout)
    return Path(path).open("w", encoding="utf-8")


def _write_line(out: TextIO, obj: dict) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
