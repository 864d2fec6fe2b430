"""``pactwatch bench``: the performance figures of issue 5, measured in one run."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pactwatch.cli._tables import console

EXAMPLE = """examples:
  pactwatch bench                      # 2,000 articles, a readable table
  pactwatch bench --articles 20000 --json -o bench/results.json
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "bench", help="measure throughput, dedup speed and memory on a generated corpus",
        description="Build a deterministic mixed corpus (the sample articles among generated unrelated "
                    "news-like texts) and measure pipeline vs bare spaCy throughput, the 2-worker speedup, "
                    "fingerprinting and clustering speed, and peak memory at 1x and 4x the corpus.",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--articles", type=int, default=2000, help="corpus size (default 2000)")
    p.add_argument("--spacy-articles", type=int, default=300,
                   help="articles for the bare-spaCy comparison (default 300)")
    p.add_argument("--cluster-n", type=int, default=100_000, help="articles to cluster (default 100000)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("-o", "--output", default=None,
                   help="also write the JSON object to this file ('-': only the JSON, on standard output)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pactwatch.bench.runner import run_bench

    if args.articles < 10:
        print("Error: --articles must be at least 10", file=sys.stderr)
        return 1
    figures = run_bench(args.articles, args.spacy_articles, args.cluster_n,
                        say=lambda msg: print(msg, file=sys.stderr))
    text = json.dumps(figures, indent=2)
    if args.output == "-":  # the JSON object is the output: no table around it
        print(text)
        return 0
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    if args.json:
        print(text)
    else:
        _print_table(figures)
    return 0


def _print_table(figures: dict) -> None:
    from rich.table import Table

    table = Table(title=f"pactwatch bench — {figures['machine']}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("target")
    for key, value in figures.items():
        if key in ("machine", "targets"):
            continue
        table.add_row(key, str(value), figures["targets"].get(key, ""))
    console().print(table)
