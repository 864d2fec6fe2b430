"""WARC and ARC archives (CC-NEWS style): each HTML or text response record is one article.

Records are streamed by warcio; a record's body is read only up to the file limit, and the total
read is bounded, so an archive of any size costs one record of memory. Ids come from the
WARC-Record-ID (or the URL), made safe for file names (see ``ids.sanitise_id``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from pactwatch.article import Article, Refusal
from pactwatch.read.clean import article_from_text
from pactwatch.read.encoding import decode_bytes
from pactwatch.read.html import HtmlUnreadable, extract_html
from pactwatch.read.ids import sanitise_id
from pactwatch.read.limits import ReadLimits

ARTICLE_RECORD_TYPES = {"response", "resource", "conversion"}


def iter_warc(path: Path, limits: ReadLimits) -> Iterator[Article | Refusal]:
    """Articles and refusals of one archive, in record order."""
    total = 0
    number = 0
    articles = 0
    try:
        with path.open("rb") as raw:
            for record in ArchiveIterator(raw, arc2warc=True):
                number += 1
                kind = article_kind(record)
                if kind is None:
                    continue
                articles += 1
                body = record.content_stream().read(limits.max_file_bytes + 1)
                total += len(body)
                source = f"{path}#{_record_id(record, number)}"
                if total > limits.max_decompressed_bytes:
                    limit = limits.max_decompressed_bytes
                    yield Refusal(str(path), f"archive expands beyond the limit of {limit:,} bytes; "
                                             "the rest was not read")
                    return
                if len(body) > limits.max_file_bytes:
                    yield Refusal(source, f"record is over the limit of {limits.max_file_bytes:,} bytes")
                    continue
                yield _record_article(record, kind, body, source, limits, number)
            if articles == 0:
                yield Refusal(str(path), "no HTML or text records in the archive")
    except ArchiveLoadFailed as error:
        yield Refusal(str(path), f"not a readable WARC/ARC archive ({_first_line(error)})")
    except (EOFError, OSError, ValueError) as error:
        yield Refusal(str(path), f"archive is truncated or corrupt after record {number} "
                                 f"({_first_line(error)})")


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
