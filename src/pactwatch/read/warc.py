"""WARC and ARC archives (CC-NEWS style): each HTML or text response record is one article.

Records are streamed by warcio; a record's body is read only up to the file limit, in chunks, and
the archive's decompressed total (bodies read, and the declared length of records skipped) is
bounded by the decompression limit and, for a gzipped archive, by the compression ratio limit, so
an archive of any size costs one record of memory and a bomb is refused within its first megabytes. Ids come from the
WARC-Record-ID (or the URL), made safe for file names (see ``ids.sanitise_id``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from pactwatch.article import Article, Refusal
from pactwatch.read.clean import article_from_text
from pactwatch.read.encoding import decode_bytes
from pactwatch.read.html import HtmlUnreadable, extract_html
from pactwatch.read.ids import sanitise_id
from pactwatch.read.limits import RATIO_CHECKED_AFTER, LimitExceeded, ReadLimits
from pactwatch.read.streams import GZIP_MAGIC, READ_CHUNK

ARTICLE_RECORD_TYPES = {"response", "resource", "conversion"}


def iter_warc(path: Path, limits: ReadLimits) -> Iterator[Article | Refusal]:
    """Articles and refusals of one archive, in record order."""
    number = 0
    articles = 0
    try:
        with path.open("rb") as raw:
            budget = ArchiveBudget(raw, limits)
            for record in ArchiveIterator(raw, arc2warc=True):
                number += 1
                kind = article_kind(record)
                if kind is None:
                    budget.spend(_declared_length(record))  # warcio reads through it to reach the next
                    continue
                articles += 1
                body = _read_body(record, limits.max_file_bytes + 1, budget)
                source = f"{path}#{_record_id(record, number)}"
                if len(body) > limits.max_file_bytes:
                    yield Refusal(source, f"record is over the limit of {limits.max_file_bytes:,} bytes")
                    continue
                yield _record_article(record, kind, body, source, limits, number)
            if articles == 0:
                yield Refusal(str(path), "no HTML or text records in the archive")
    except LimitExceeded as error:
        yield Refusal(str(path), f"archive {error}; the rest was not read")
    except ArchiveLoadFailed as error:
        yield Refusal(str(path), f"not a readable WARC/ARC archive ({_first_line(error)})")
    except (EOFError, OSError, ValueError) as error:
        yield Refusal(str(path), f"archive is truncated or corrupt after record {number} "
                                 f"({_first_line(error)})")


class ArchiveBudget:
    """The decompressed bytes of one archive, against the decompression limit and (gzipped) the
    compression ratio limit, the compressed side being how far warcio has read the file."""

    def __init__(self, raw: BinaryIO, limits: ReadLimits) -> None:
        self.raw = raw
        self.limit = limits.max_decompressed_bytes
        self.max_ratio = limits.max_compression_ratio
        self.compressed = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
        self.total = 0

    def spend(self, n: int) -> None:
        self.total += n
        if self.total > self.limit:
            raise LimitExceeded(f"expands beyond the limit of {self.limit:,} bytes")
        if self.compressed and self.total > RATIO_CHECKED_AFTER:
            read = max(1, self.raw.tell())
            if self.total > self.max_ratio * read:
                raise LimitExceeded(f"expands more than {self.max_ratio:,} times over when decompressed "
                                    f"({self.total:,} bytes from the first {read:,}): a compression bomb")


def _read_body(record: Any, most: int, budget: ArchiveBudget) -> bytes:
    """At most ``most`` bytes of the record's body, read and counted a chunk at a time."""
    stream = record.content_stream()
    chunks: list[bytes] = []
    size = 0
    while size < most and (chunk := stream.read(min(READ_CHUNK, most - size))):
        budget.spend(len(chunk))
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _declared_length(record: Any) -> int:
    value = record.rec_headers.get_header("Content-Length") or "0"
    return int(value) if value.strip().isdigit() else 0


def article_kind(record: Any) -> str | None:
    """'html' or 'text' for records that can hold an article; None for the rest (skipped)."""
    if record.rec_type not in ARTICLE_RECORD_TYPES:
        return None
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    content_type = content_type.lower()
    if "html" in content_type:
        return "html"
    if content_type.startswith("text/plain"):
        return "text"
    return None


def _record_id(record: Any, number: int) -> str:
    record_id = record.rec_headers.get_header("WARC-Record-ID") or ""
    record_id = record_id.strip("<>").removeprefix("urn:uuid:")
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    return sanitise_id(record_id or url or f"record-{number}")


def _record_article(record: Any, kind: str, body: bytes, source: str, limits: ReadLimits,
                    number: int) -> Article | Refusal:
    decoded = decode_bytes(body)
    if decoded.text is None:
        return Refusal(source, decoded.problem or "not text")
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    doc_id = _record_id(record, number)
    if kind == "text":
        return article_from_text(doc_id, decoded.text, source, limits, url=url)
    try:
        content = extract_html(decoded.text, url)
    except HtmlUnreadable as error:
        return Refusal(source, str(error))
    if content is None:
        return Refusal(source, "HTML page has no article text")
    return article_from_text(doc_id, content.text, source, limits, published=content.date, url=url,
                             title=content.title)


def _first_line(error: BaseException) -> str:
    return (str(error).strip().split("\n", 1)[0] or type(error).__name__)[:120]
