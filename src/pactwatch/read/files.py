"""Walk input paths and read each file by its format, lazily and in a fixed order.

Folders are walked recursively in sorted order; inside folders, files of other types are skipped
(a folder of articles often holds notes and gold files), but a file named explicitly with an
unsupported type is refused. Duplicate ids within one run are refused after the first.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from pactwatch.article import Article, Refusal
from pactwatch.read.clean import article_from_text
from pactwatch.read.encoding import decode_bytes
from pactwatch.read.html import HtmlUnreadable, extract_html
from pactwatch.read.jsonl import iter_jsonl
from pactwatch.read.limits import ReadLimits
from pactwatch.read.streams import is_gzip_file, read_file_bytes
from pactwatch.read.warc import iter_warc

FORMATS: dict[str, str] = {
    ".jsonl.gz": "jsonl.gz", ".ndjson.gz": "jsonl.gz",
    ".warc.gz": "warc", ".arc.gz": "warc",
    ".txt": "text", ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".arc": "warc",
}
SUPPORTED = ", ".join(sorted(FORMATS))


def input_format(path: Path) -> tuple[str, str] | None:
    """(format, extension) from the file name, longest extension first; None if unsupported."""
    name = path.name.lower()
    for extension in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(extension) and len(name) > len(extension):
            return FORMATS[extension], extension
    return None


def iter_inputs(paths: Iterable[str | Path], limits: ReadLimits | None = None) -> Iterator[Article | Refusal]:
    """Every article (or refusal) under ``paths``, in input order, one at a time.

    >>> for item in iter_inputs(["articles/"]):  # doctest: +SKIP
    ...     print(item.id if isinstance(item, Article) else item.message())
    """
    limits = limits or ReadLimits()
    first_seen: dict[str, str] = {}
    for given in paths:
        for item in _read_path(Path(given), limits):
            if isinstance(item, Article):
                if item.id in first_seen:
                    where, _, line = item.source.rpartition(":")
                    line_number = int(line) if where and line.isdigit() else None
                    yield Refusal(where if line_number else item.source,
                                  f"duplicate id {item.id!r} (first read from {first_seen[item.id]})",
                                  line_number)
                    continue
                first_seen[item.id] = item.source
            yield item


def iter_batches(
    paths: Iterable[str | Path], limits: ReadLimits | None = None
) -> Iterator[list[Article | Refusal]]:
    """``iter_inputs`` in lists of at most ``limits.max_articles_per_batch`` items."""
    limits = limits or ReadLimits()
    batch: list[Article | Refusal] = []
    for item in iter_inputs(paths, limits):
        batch.append(item)
        if len(batch) >= limits.max_articles_per_batch:
            yield batch
            batch = []
    if batch:
        yield batch


def _read_path(path: Path, limits: ReadLimits) -> Iterator[Article | Refusal]:
    if path.is_dir():
        for file in walk_folder(path):
            yield from read_file(file, limits)
    elif path.is_file():
        if input_format(path) is None:
            yield Refusal(str(path), f"unsupported file type; pactwatch reads {SUPPORTED}")
        else:
            yield from read_file(path, limits)
    elif path.exists():
        yield Refusal(str(path), "not a regular file or folder")
    else:
        yield Refusal(str(path), "no such file or folder")


def walk_folder(folder: Path) -> Iterator[Path]:
    """Supported files under ``folder``, sorted by name at each level; hidden entries and
    symbolic links to folders are not followed (no loops, no surprises)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from walk_folder(path)
        elif entry.is_file() and input_format(path) is not None:
            yield path


def read_file(path: Path, limits: ReadLimits) -> Iterator[Article | Refusal]:
    """Articles and refusals of one supported file."""
    found = input_format(path)
    assert found is not None, f"read_file needs a supported file, got {path}"
    kind, extension = found
    problem = _file_problem(path, limits, compressed=extension.endswith(".gz"))
    if problem:
        yield Refusal(str(path), problem)
        return
    try:
        if kind in ("jsonl", "jsonl.gz"):
            yield from iter_jsonl(path, limits, compressed=kind == "jsonl.gz")
        elif kind == "warc":
            yield from iter_warc(path, limits)
        else:
            yield _read_single_article(path, path.name[: -len(extension)], kind, limits)
    except OSError as error:
        yield Refusal(str(path), f"cannot be read ({error.strerror or error})")


def _file_problem(path: Path, limits: ReadLimits, compressed: bool) -> str | None:
    """A reason to refuse the whole file before reading it, or None."""
    try:
        size = path.stat().st_size
        if size == 0:
            return "empty file"
        if size > limits.max_file_bytes:
            return f"file is {size:,} bytes, over the limit of {limits.max_file_bytes:,}"
        if compressed and not is_gzip_file(path):
            return "not gzip data, although the name ends in .gz"
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    return None


def _read_single_article(path: Path, doc_id: str, kind: str, limits: ReadLimits) -> Article | Refusal:
    """A .txt or .html file: one article whose id is the file name without its extension."""
    data = read_file_bytes(path, limits.max_file_bytes)
    if len(data) > limits.max_file_bytes:
        return Refusal(str(path), f"file is over the limit of {limits.max_file_bytes:,} bytes")
    decoded = decode_bytes(data)
    if decoded.text is None:
        return Refusal(str(path), decoded.problem or "not text")
    if kind == "text":
        return article_from_text(doc_id, decoded.text, str(path), limits)
    try:
        content = extract_html(decoded.text)
    except HtmlUnreadable as error:
        return Refusal(str(path), str(error))
    if content is None:
        return Refusal(str(path), "HTML page has no article text")
    return article_from_text(doc_id, content.text, str(path), limits, published=content.date,
                             url=content.url, title=content.title)
