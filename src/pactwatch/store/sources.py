"""How the knowledge base names where an article came from, without server paths.

An article's or refusal's ``source`` is public (the API, the pages, a name-clash refusal), so it
never holds an absolute path of the machine that ingested it:

- ``ingest`` stores sources relative to the folder that holds what was named: ingesting
  ``/home/x/news`` stores ``news/a.txt``, ``news/2021/b.jsonl:3``; ingesting the file
  ``/home/x/news/a.txt`` stores ``a.txt`` (``relative_to_inputs``);
- uploads are stored as ``upload:NAME`` (``pactwatch.kb.relabelled``);
- anything older that still holds an absolute path (databases written before migration
  ``0002``, which rewrites them, or by an older pactwatch since) is shown by its file name only
  (``shown_source``, ``shown_reason``), on every read.

>>> shown_source("/srv/news/2021/a.jsonl:3")
'a.jsonl:3'
>>> shown_source("news/a.txt")
'news/a.txt'
>>> shown_reason("duplicate id 'a' (first read from /srv/news/a.txt)")
"duplicate id 'a' (first read from a.txt)"
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from pactwatch.article import Article, Refusal

# an absolute POSIX or Windows path inside a sentence: a leading separator (or drive) and at
# least one more component; spaces, quotes and brackets end it (a sentence's own punctuation)
ABSOLUTE_IN_TEXT = re.compile(r"(?<![\w:./\\])(?:[A-Za-z]:)?[/\\](?:[^\s/\\()'\"]+[/\\])*([^\s/\\()'\"]+)")


def is_absolute(source: str) -> bool:
    """A POSIX (``/srv/a.txt``), Windows (``C:\\a.txt``) or UNC (``\\\\host\\a``) absolute path."""
    return source.startswith(("/", "\\")) or bool(re.match(r"[A-Za-z]:[/\\]", source))


def shown_source(source: str) -> str:
    """``source`` as a response may show it: unchanged unless it is an absolute path, which is
    cut to its file name; a JSON Lines ``:LINE`` or WARC ``#RECORD`` suffix is kept."""
    if not is_absolute(source):
        return source
    path, mark, record = source.partition("#")
    return re.split(r"[/\\]", path)[-1] + mark + record


def shown_reason(reason: str) -> str:
    """A refusal's sentence with every absolute path in it cut to its file name."""
    return ABSOLUTE_IN_TEXT.sub(lambda match: match.group(1), reason)


def shown(summary: dict[str, Any]) -> dict[str, Any]:
    """An article dict with its ``source`` as ``shown_source`` gives it."""
    summary["source"] = shown_source(summary["source"])
    return summary


def relative_to_inputs(items: Iterable[Article | Refusal], paths: Iterable[str | Path]) -> Iterator[Article | Refusal]:
    """Items read from ``paths`` (``pactwatch.read.iter_inputs``) with sources, and paths in refusal
    reasons, relative to the folder holding each path named: ``/home/x/news`` -> ``news/...``."""
    prefixes = sorted(((str(Path(p)), _label(Path(p))) for p in paths), key=lambda pair: -len(pair[0]))
    for item in items:
        if isinstance(item, Refusal):
            yield replace(item, source=_relabel(item.source, prefixes), reason=_relabel_all(item.reason, prefixes))
        else:
            yield replace(item, source=_relabel(item.source, prefixes))


def _label(path: Path) -> str:
    """The name a given path is shown under: its own name (``news`` for ``/home/x/news``,
    ``..``'s real name for ``..``); empty for ``/`` and ``.``-like paths with no name."""
    try:
        return path.resolve().name
    except (OSError, RuntimeError):
        return path.name


def _relabel(source: str, prefixes: list[tuple[str, str]]) -> str:
    for prefix, label in prefixes:
        if source == prefix or source.startswith((prefix + ":", prefix + "#")):
            return label + source[len(prefix):] if label else shown_source(source)
        if source.startswith(prefix.rstrip("/") + "/"):
            rest = source[len(prefix.rstrip("/")) + 1:]
            return f"{label}/{rest}" if label else rest
    return shown_source(source)


def _relabel_all(reason: str, prefixes: list[tuple[str, str]]) -> str:
    """Every path in ``reason`` that starts with a given path, relabelled; other absolute paths
    cut to their file names."""
    for prefix, label in prefixes:
        base = prefix.rstrip("/")
        if base and base != ".":
            pattern = r"(?<![\w./\\-])" + re.escape(base) + r"(?=[/:#\s)'\"]|$)"
            reason = re.sub(pattern, lambda _match, shown_as=label or ".": shown_as, reason)
    return shown_reason(reason)
