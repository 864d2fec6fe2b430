"""``-`` as an input path: standard input, spooled to a temporary file that the readers read like any other.

The format is told from the first bytes, since a pipe has no file name: input whose first
non-blank character is ``<`` is an HTML page, ``{`` is JSON Lines (one article object per line),
anything else is the text of one article, whose id is ``stdin``. Going through a file keeps one
reading path for every input, limits included; more than ``--max-file-mb`` on standard input is
refused, never truncated.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from pactwatch.article import Refusal
from pactwatch.read.limits import ReadLimits

STDIN = "-"
SHOWN_AS = "<stdin>"
CHUNK = 1 << 16


def sniff_extension(head: bytes) -> str:
    """The file extension that makes the readers read ``head``'s format.

    >>> sniff_extension(b"\\xef\\xbb\\xbf <!doctype html>"), sniff_extension(b'\\n{"id": 1}'), sniff_extension(b"Baku")
    ('.html', '.jsonl', '.txt')
    """
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    return {b"<": ".html", b"{": ".jsonl"}.get(start, ".txt")


@contextmanager
def spooled_stdin(limits: ReadLimits, stream: BinaryIO | None = None) -> Iterator[Path | Refusal]:
    """Standard input as a file named ``stdin.<ext>`` in a temporary folder, removed afterwards; or,
    when it holds more than ``limits.max_file_bytes``, a Refusal (copying stops there, so an endless
    pipe cannot fill the disk)."""
    source = stream or sys.stdin.buffer
    limit = limits.max_file_bytes
    head = source.read(min(CHUNK, limit + 1))
    with tempfile.TemporaryDirectory(prefix="pactwatch-stdin-") as folder:
        path = Path(folder) / f"stdin{sniff_extension(head)}"
        size = len(head)
        with path.open("wb") as out:
            out.write(head)
            while size <= limit and (chunk := source.read(min(CHUNK, limit + 1 - size))):
                out.write(chunk)
                size += len(chunk)
        if size > limit:
            yield Refusal(SHOWN_AS, f"more than the limit of {limit:,} bytes (--max-file-mb)")
        else:
            yield path


def shown_path(message: str, spooled: Path | None) -> str:
    """A refusal message with the temporary file's path replaced by ``<stdin>``."""
    return message.replace(str(spooled), SHOWN_AS) if spooled else message
