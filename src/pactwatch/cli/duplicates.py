"""``pactwatch duplicates``: clusters of copied and reworded articles (each counts as one source)."""

from __future__ import annotations

import argparse

from pactwatch.cli._kb import add_json_argument, guarded, open_kb, parser_for, print_json
from pactwatch.cli._tables import console, plain, title_or_untitled

EXAMPLE = """  pactwatch duplicates
  pactwatch duplicates --json --db sqlite:///news.db
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = parser_for(subparsers, "duplicates", "list clusters of copied and reworded articles",
                   "List every cluster of more than one article: exact copies, near copies (another site's "
                   "header and footer) and reworded copies. A cluster counts as one independent source.", EXAMPLE)
    add_json_argument(p)
    p.set_defaults(func=run)


@guarded
def run(args: argparse.Namespace) -> int:
    kb = open_kb(args)
    try:
        clusters = kb.duplicates()
    finally:
        kb.close()
    if args.json:
        print_json(clusters)
        return 0
    out = console()
    out.print(f"{len(clusters)} clusters of duplicate articles")
    for c in clusters:
        out.print(f"\n{plain(c['cluster_id'])} ({c['kind']}, {len(c['articles'])} articles)")
        for a in c["articles"]:
            out.print(f"  {plain(a['id'])}  {plain(title_or_untitled(a['title']))}")
    return 0
