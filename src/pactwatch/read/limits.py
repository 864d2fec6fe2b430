"""Limits on what one input may cost, so no file can exhaust memory.

Defaults are safe for a laptop; the CLI and the server let users tighten or loosen them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ReadLimits:
    """Bounds applied while reading.

    ``max_file_bytes``: files larger than this on disk are refused before reading.
    ``max_article_chars``: a cleaned article longer than this is refused (never truncated).
    ``max_decompressed_bytes``: a compressed file is refused once it has expanded beyond this.
    ``max_articles_per_batch``: how many articles ``iter_batches`` puts in one batch (ingest commits
    per batch).
    """

    max_file_bytes: int = 100_000_000
    max_article_chars: int = 2_000_000
    max_decompressed_bytes: int = 500_000_000
    max_articles_per_batch: int = 1000

    def __post_init__(self) -> None:
        names = ("max_file_bytes", "max_article_chars", "max_decompressed_bytes", "max_articles_per_batch")
        for name in names:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"ReadLimits.{name} must be a positive integer, got {value!r}")


class LimitExceeded(Exception):
    """Raised inside a reader when an input goes past a limit; turned into a Refusal by the caller."""
