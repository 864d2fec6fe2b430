"""``pactwatch ingest``: read, extract and store articles in the knowledge base."""

from __future__ import annotations

import argparse
from pathlib import Path

from pactwatch.cli._kb import guarded, open_kb, parser_for, print_json
from pactwatch.cli._limits import add_limit_options, read_limits

EXIT_REFUSED = 3
EXAMPLE = """  pactwatch ingest articles/                          # into ./pactwatch.db
  pactwatch ingest more/ --db postgresql+psycopg://pw@localhost/pw --batch-size 200
  pactwatch ingest news-2024/*.warc.gz --workers 2    # a Dask LocalCluster on this machine
  pactwatch ingest mirror/ --scheduler tcp://10.0.0.5:8786   # an existing Dask cluster
  pactwatch refused                                   # what was refused, later
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = parser_for(subparsers, "ingest", "read, extract and store articles in the knowledge base",
                   "Read articles (files or folders of .txt, .html, .jsonl, .jsonl.gz, .warc[.gz]), extract their "
                   "facts and store them; then re-cluster duplicates and re-merge records. Each batch is one "
                   "transaction: an interrupted run loses at most its current batch, and running it again "
                   "completes it; articles already stored are skipped. Refused inputs are listed and recorded "
                   f"(see 'pactwatch refused'). Exit status: 0 when everything was read, {EXIT_REFUSED} when some "
                   "inputs were refused, 1 on an error.", EXAMPLE)
    p.add_argument("paths", nargs="+", help="files or folders of articles")
    add_limit_options(p)
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="extract and fingerprint on a Dask LocalCluster of N worker processes")
    p.add_argument("--scheduler", default=None, metavar="ADDR",
                   help="extract and fingerprint on an existing Dask cluster (tcp://HOST:PORT)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=run)


@guarded
def run(args: argparse.Namespace) -> int:
    from pactwatch.read.count import count_articles
    from pactwatch.run.progress import article_progress

    limits = read_limits(args)
    if args.workers is not None and args.workers < 1:
        raise ValueError(f"--workers must be a positive integer, got {args.workers}")
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:  # a typo is an error of its own, before any database is created
        raise ValueError("; ".join(f"{p}: no such file or folder" for p in missing))
    kb = open_kb(args, create=True)
    try:
        with article_progress(count=lambda: count_articles(args.paths, limits)) as progress:
            report = kb.ingest(args.paths, progress, limits=limits,
                               workers=args.workers, scheduler=args.scheduler)
    finally:
        kb.close()
    if args.json:
        print_json(report.to_json())
    else:
        print(report.line())
        for refusal in report.refused:
            print(f"  refused: {refusal.message()}")
    return EXIT_REFUSED if report.refused else 0
