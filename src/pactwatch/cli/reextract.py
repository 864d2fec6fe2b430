"""``pactwatch reextract``: re-run extraction on stored articles after the extractor changed."""

from __future__ import annotations

import argparse

from pactwatch.cli._kb import guarded, open_kb, parser_for

EXAMPLE = """  pactwatch reextract            # articles extracted by another extractor version
  pactwatch reextract --all      # every article
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = parser_for(subparsers, "reextract", "re-run extraction on stored articles",
                   "Re-run extraction on stored articles whose extractor version differs from this one "
                   "(--all: every article), one transaction per batch, then re-cluster and re-merge. An "
                   "article whose extraction fails keeps its previous facts and is listed.", EXAMPLE)
    p.add_argument("--all", action="store_true", help="re-extract every article")
    p.set_defaults(func=run)


@guarded
def run(args: argparse.Namespace) -> int:
    from pactwatch.run.progress import article_progress

    kb = open_kb(args)
    try:
        with article_progress() as progress:
            report = kb.reextract(everything=args.all, progress=progress)
    finally:
        kb.close()
    print(f"{report.articles_new} articles re-extracted with extractor {kb.extractor_version}; the knowledge "
          f"base holds {report.agreements} agreements and {report.events} events.")
    for refusal in report.refused:
        print(f"  failed: {refusal.message()}")
    return 3 if report.refused else 0
