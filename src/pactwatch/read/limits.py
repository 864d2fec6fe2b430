"""Limits on what one input may cost, so no file can exhaust memory or hold the reader for long.

Defaults are safe for a laptop; the CLI and the server let users tighten or loosen them.
"""

from __future__ import annotations

from dataclasses import dataclass

RATIO_CHECKED_AFTER = 1 << 20  # below this a small file's header and dictionary make any ratio meaningless


@dataclass
class ReadLimits:
    """Bounds applied while reading.

    ``max_file_bytes``: files larger than this on disk are refused before reading.
    ``max_article_chars``: a cleaned article longer than this is refused (never truncated).
    ``max_decompressed_bytes``: a compressed file is refused once it has expanded beyond this.
    ``max_articles_per_batch``: how many articles ``iter_batches`` puts in one batch (ingest commits
    per batch).
    ``max_compression_ratio``: a compressed file that expands more than this many times over is a
    compression bomb, refused as soon as it has expanded past ``RATIO_CHECKED_AFTER`` bytes (news
    text compresses 3 to 10 times; 600 MB of blank lines gzip a thousand times over).
    ``max_blank_lines``: a JSON Lines file with more blank lines than this, beyond one per record,
    is refused there: blank lines cost a loop each and carry nothing.
    ``max_refused_lines``: a JSON Lines file is refused at its bad line past this many, so one file
    cannot fill the refusal list (and the writer's time) with millions of ``{}`` lines.
    """

    max_file_bytes: int = 100_000_000
    max_article_chars: int = 2_000_000
    max_decompressed_bytes: int = 500_000_000
    max_articles_per_batch: int = 1000
    max_compression_ratio: int = 100
    max_blank_lines: int = 100_000
    max_refused_lines: int = 1000

    def __post_init__(self) -> None:
        names = ("max_file_bytes", "max_article_chars", "max_decompressed_bytes", "max_articles_per_batch",
                 "max_compression_ratio", "max_blank_lines", "max_refused_lines")
        for name in names:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"ReadLimits.{name} must be a positive integer, got {value!r}")


class LimitExceeded(Exception):
    """Raised inside a reader when an input goes past a limit; turned into a Refusal by the caller."""
