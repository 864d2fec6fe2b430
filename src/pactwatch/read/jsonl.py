"""JSON Lines: one article a line (``id``, ``text`` or ``html``, optional ``url``, ``title``,
``published``), read record by record so a file of any length costs one line of memory.

Each bad line is refused with its line number; the other lines go on.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pactwatch.article import Article, Refusal
from pactwatch.read.clean import article_from_text
from pactwatch.read.encoding import decode_bytes
from pactwatch.read.html import HtmlUnreadable, extract_html
from pactwatch.read.ids import id_problem
from pactwatch.read.limits import LimitExceeded, ReadLimits
from pactwatch.read.streams import open_bounded

OPTIONAL_STRING_FIELDS = ("url", "title", "published")
SKIP_CHUNK = 1 << 20


def iter_jsonl(path: Path, limits: ReadLimits, compressed: bool) -> Iterator[Article | Refusal]:
    """Articles and refusals of one JSON Lines file, in line order.

    Blank lines are counted, never parsed: past ``max_blank_lines`` of them (beyond one per record)
    the rest of the file is refused, so a file of nothing but newlines costs a moment, not minutes."""
    source = str(path)
    lines = JsonLines(limits)
    try:
        with open_bounded(path, compressed, limits) as stream:
            refused = 0
            for line_number, data in lines.numbered(stream):
                if data is None:
                    item: Article | Refusal = Refusal(source, f"line is longer than {lines.max_line:,} bytes",
                                                      line_number)
                else:
                    item = record_to_article(data, source, line_number, limits)
                refused += isinstance(item, Refusal)
                if refused > limits.max_refused_lines:
                    yield Refusal(source, f"more than {limits.max_refused_lines:,} bad lines; the rest was not read",
                                  line_number)
                    return
                yield item
            if lines.records == 0:
                yield Refusal(source, "no records (only blank lines)")
    except TooManyBlankLines as error:
        yield Refusal(source, f"{error}; the rest was not read", lines.number)
    except LimitExceeded as error:
        yield Refusal(source, f"compressed file {error}; the rest was not read", lines.number + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        yield Refusal(source, f"compressed data is truncated or corrupt ({error}); the rest was not read",
                      lines.number + 1)


class TooManyBlankLines(LimitExceeded):
    """More blank lines than ``max_blank_lines`` beyond one per record."""


class JsonLines:
    """Numbers the lines of one file, counts its records and blank lines, and stops at too many blanks.

    ``number`` is the last line read, so a refusal part-way names where the file was cut."""

    def __init__(self, limits: ReadLimits) -> None:
        self.max_line = limits.max_file_bytes
        self.max_blank = limits.max_blank_lines
        self.number = 0
        self.records = 0
        self.blank = 0

    def numbered(self, stream: io.BufferedReader) -> Iterator[tuple[int, bytes | None]]:
        """(line number, bytes) of each non-blank line; None for a line over ``max_line`` (skipped,
        not held). Raises ``TooManyBlankLines`` at the blank line past the limit."""
        for number, data in _lines(stream, self.max_line):
            self.number = number
            if data is not None and not data.strip():
                self.blank += 1
                if self.blank > self.max_blank + self.records:
                    raise TooManyBlankLines(f"more than {self.max_blank:,} blank lines "
                                            f"({self.blank:,} by line {self.number:,}, {self.records:,} records)")
                continue
            self.records += 1
            yield number, data


def _lines(stream: io.BufferedReader, max_line: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines as UTF-8 bytes; None for a line over ``max_line`` (skipped, not held)."""
    head = stream.peek(4)[:4]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = io.TextIOWrapper(stream, encoding="utf-16", errors="replace", newline=None)
        for number, line in enumerate(iter(lambda: text.readline(max_line + 1), ""), start=1):
            yield number, (None if len(line) > max_line else line.encode("utf-8"))
        return
    number = 0
    while chunk := stream.readline(max_line + 1):
        number += 1
        if len(chunk) > max_line and not chunk.endswith(b"\n"):
            _skip_to_newline(stream)
            yield number, None
        else:
            yield number, chunk


def _skip_to_newline(stream: io.BufferedReader) -> None:
    while chunk := stream.readline(SKIP_CHUNK):
        if chunk.endswith(b"\n"):
            return


def record_to_article(data: bytes, source: str, line: int, limits: ReadLimits) -> Article | Refusal:
    """One JSON line to an Article, or the Refusal that says what is wrong with it."""
    text = _decode_line(data)
    if text is None:
        return Refusal(source, "line is not text in any known encoding", line)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        return Refusal(source, f"broken JSON ({error.msg.removesuffix(' at')} at column {error.colno})", line)
    except RecursionError:
        return Refusal(source, "broken JSON (nested too deeply)", line)
    if not isinstance(record, dict):
        return Refusal(source, f"a JSON object was expected, got {_type_name(record)}", line)
    problem = _record_problem(record)
    if problem:
        return Refusal(source, problem, line)
    return _article_from_record(record, f"{source}:{line}", limits, line)


def _decode_line(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return decode_bytes(data).text


def _record_problem(record: dict[str, Any]) -> str | None:
    """Why a record cannot be an article, or None when it can."""
    if "id" not in record:
        return "no 'id' field"
    if not isinstance(record["id"], str):
        return f"field 'id' must be a string, got {_type_name(record['id'])}"
    problem = id_problem(record["id"])
    if problem:
        return problem
    body = [name for name in ("text", "html") if record.get(name) is not None]
    if not body:
        return "neither a 'text' nor an 'html' field"
    for name in body + list(OPTIONAL_STRING_FIELDS):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return f"field '{name}' must be a string, got {_type_name(value)}"
    return None


def _article_from_record(record: dict[str, Any], source: str, limits: ReadLimits,
                         line: int) -> Article | Refusal:
    file_source = source.rsplit(":", 1)[0]
    url, title, published = (record.get(name) for name in OPTIONAL_STRING_FIELDS)
    if record.get("text") is not None:
        raw = record["text"]
    else:
        try:
            content = extract_html(record["html"], url)
        except HtmlUnreadable as error:
            return Refusal(file_source, str(error), line)
        if content is None:
            return Refusal(file_source, "HTML has no article text", line)
        raw, title, published = content.text, title or content.title, published or content.date
    article = article_from_text(record["id"], raw, source, limits, published=published, url=url,
                                title=title, line=line)
    if isinstance(article, Refusal):
        return Refusal(file_source, article.reason, line)
    return article


def _type_name(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
