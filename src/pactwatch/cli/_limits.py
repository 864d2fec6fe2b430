"""The read limits every reading command offers (facts, ingest, serve), built one way.

Defaults are ``ReadLimits``'s; a value that is not positive is an error naming the option, never
a silent clamp, so a user who typed ``--max-file-mb 0`` learns it instead of reading nothing.
"""

from __future__ import annotations

import argparse

from pactwatch.read.limits import ReadLimits

MB = 1_000_000


def add_limit_options(p: argparse.ArgumentParser, file_default: str = "100 MB", batches: bool = True) -> None:
    """--max-file-mb, --max-article-chars, --max-decompressed-mb and (for commands that store in
    batches) --batch-size."""
    p.add_argument("--max-file-mb", type=float, default=None,
                   help=f"refuse a file larger than this on disk (default {file_default})")
    p.add_argument("--max-article-chars", type=int, default=None,
                   help="refuse a longer article, never truncate it (default 2,000,000 characters)")
    p.add_argument("--max-decompressed-mb", type=float, default=None,
                   help="refuse a compressed file (.gz, WARC) once it expands beyond this (default 500 MB)")
    if batches:
        p.add_argument("--batch-size", type=int, default=None, metavar="N",
                       help="most articles per batch: one database transaction each (default 1000)")


def read_limits(args: argparse.Namespace, file_mb_default: float | None = None) -> ReadLimits:
    """``ReadLimits`` from the options; ValueError naming an option whose value is not positive."""
    options = {"--max-file-mb": args.max_file_mb, "--max-article-chars": args.max_article_chars,
               "--max-decompressed-mb": args.max_decompressed_mb, "--batch-size": getattr(args, "batch_size", None)}
    for option, value in options.items():
        if value is not None and value <= 0:
            raise ValueError(f"{option} must be positive, got {value}")
    limits = ReadLimits()
    file_mb = args.max_file_mb if args.max_file_mb is not None else file_mb_default
    if file_mb is not None:
        limits.max_file_bytes = max(1, int(file_mb * MB))
    if args.max_article_chars is not None:
        limits.max_article_chars = args.max_article_chars
    if args.max_decompressed_mb is not None:
        limits.max_decompressed_bytes = max(1, int(args.max_decompressed_mb * MB))
    if getattr(args, "batch_size", None) is not None:
        limits.max_articles_per_batch = args.batch_size
    return limits
