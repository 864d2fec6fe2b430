"""An article's text as HTML with its evidence sentences and recognised mentions marked.

Every piece of article text goes through ``markupsafe.escape``; only the tags built here are
markup. Evidence sentences become ``<span class="sentence" id="s-{start}">`` (the agreement page
links to ``#s-{start}``; CSS ``:target`` highlights it), mentions inside them ``<mark>``.
Overlapping spans are clipped so that the tags always nest.

The cost is one sort and one sweep, O(n log n) in the number of mentions, and a page draws at
most ``MAX_MARKS`` marks: an article repeating "France and Spain. " 5,000 times once took 38 s
to render (a scan of every mention per mention, recursively); it now takes milliseconds, and
past the cap the rest of the text is shown plain (still escaped, sentences still anchored).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from pactwatch.web.formatting import bidi_safe

MENTION_KINDS = ("actor", "date", "agreement", "event")
SENTENCE_KINDS = ("agreement", "event")
MAX_MARKS = 2000
PAGES_KEPT = 16  # marked texts kept: a page asked for again is not marked again

Span = tuple[int, int]
Piece = tuple[int, int, dict[str, Any]]


@dataclass(frozen=True)
class Highlighted:
    """The page body, how many mentions it marks, and whether it left some unmarked (``MAX_MARKS``)."""

    html: Markup
    marked: int
    capped: bool


def evidence_spans(facts: dict[str, Any] | None, text_length: int) -> list[Span]:
    """The distinct (start, end) of every evidence sentence in an article's facts JSON."""
    spans: set[Span] = set()
    for agreement in (facts or {}).get("agreements") or []:
        for ev in agreement.get("evidence") or []:
            spans.add((int(ev.get("start", -1)), int(ev.get("end", -1))))
    for event in (facts or {}).get("events") or []:
        if "evidence_start" in event:
            spans.add((int(event["evidence_start"]), int(event.get("evidence_end", -1))))
    return sorted((s, e) for s, e in spans if 0 <= s < e <= text_length)


def non_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Sorted spans, each clipped to start where the previous one ends (empty ones dropped)."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            start = out[-1][1]
        if start < end:
            out.append((start, end))
    return out


def highlighted_html(text: str, mentions: list[dict[str, Any]], sentences: list[Span]) -> Markup:
    """``text`` as safe HTML: sentences wrapped and anchored, mentions marked inside them."""
    return highlight(text, mentions, sentences).html


def highlight(text: str, mentions: list[dict[str, Any]], sentences: list[Span],
              max_marks: int = MAX_MARKS) -> Highlighted:
    """``text`` as safe HTML with at most ``max_marks`` marks, and the counts for the page's note.

    An agreement or event mention that spans a whole sentence (how the knowledge base marks the
    sentence reporting it) labels that sentence instead of painting it; shorter mentions nest.
    A mention that crosses a sentence boundary is marked in each part; each part counts as a mark.

    >>> highlight("Greece & France", [{"start": 9, "end": 15, "kind": "actor", "label": "FRA"}], []).html
    Markup('Greece &amp; <mark class="m m-actor" title="actor: FRA">France</mark>')

    The last ``PAGES_KEPT`` results are kept by their inputs: an article page fetched again (a
    reader's reload, or a client fetching it back to back) costs a lookup, not its marks again.
    """
    shown = tuple((m.get("start", -1), m.get("end", -1), m.get("kind"), m.get("label")) for m in mentions)
    return _highlight(text, shown, tuple(sentences), max_marks)


@lru_cache(maxsize=PAGES_KEPT)
def _highlight(text: str, shown: tuple[tuple[Any, ...], ...], sentences: tuple[Span, ...],
               max_marks: int) -> Highlighted:
    mentions = [{"start": start, "end": end, "kind": kind, "label": label} for start, end, kind, label in shown]
    labels, marks = _labels_and_marks(text, mentions, set(sentences))
    segments = _segments(len(text), non_overlapping(set(sentences) | set(labels)))
    pieces, marked = _distributed(marks, segments, max_marks)
    parts: list[str] = []
    for (start, end, is_sentence), bucket in zip(segments, pieces, strict=True):
        inner = _nested(text, start, end, bucket)
        if is_sentence:
            title = bidi_safe("; ".join(labels.get((start, end), [])))
            title_attr = f' title="{escape(title)}"' if title else ""
            parts.append(f'<span class="sentence" id="s-{start}"{title_attr}>{inner}</span>')
        else:
            parts.append(inner)
    return Highlighted(Markup("".join(parts)), marked, marked < len(marks))


def _labels_and_marks(text: str, mentions: list[dict[str, Any]],
                      sentences: set[Span]) -> tuple[dict[Span, list[str]], list[Piece]]:
    """Sentence labels by span, and the other mentions as (start, end, mention) within the text,
    sorted by start, longer first (a stable sort: equal spans keep their order)."""
    labels: dict[Span, list[str]] = {}
    marks: list[Piece] = []
    for m in mentions:
        span = (int(m.get("start", -1)), int(m.get("end", -1)))
        if m.get("kind") in SENTENCE_KINDS and (span in sentences or _sentence_like(text, *span)):
            labels.setdefault(span, []).append(f"{m.get('kind')}: {m.get('label') or ''}")
        elif 0 <= span[0] < span[1] <= len(text):
            marks.append((span[0], span[1], m))
    marks.sort(key=lambda x: (x[0], -x[1]))
    return labels, marks


def _segments(length: int, sentences: list[Span]) -> list[tuple[int, int, bool]]:
    """The text cut into consecutive (start, end, is_sentence) pieces: sentences and the gaps
    between them (an empty gap is dropped)."""
    out: list[tuple[int, int, bool]] = []
    cursor = 0
    for start, end in sentences:
        if start > cursor:
            out.append((cursor, start, False))
        out.append((start, end, True))
        cursor = end
    if cursor < length or not out:
        out.append((cursor, length, False))
    return out


def _distributed(marks: list[Piece], segments: list[tuple[int, int, bool]],
                 max_marks: int) -> tuple[list[list[Piece]], int]:
    """Each mark clipped into the segments it covers (one sweep: marks and segments are both in
    text order), each segment's pieces sorted for nesting; stops at ``max_marks`` pieces.
    Returns the pieces per segment and how many marks were drawn (wholly or in part)."""
    buckets: list[list[Piece]] = [[] for _ in segments]
    first, drawn, marked = 0, 0, 0
    for start, end, m in marks:
        if drawn >= max_marks:
            break
        while segments[first][1] <= start:
            first += 1
        marked += 1
        k = first
        while k < len(segments) and segments[k][0] < end and drawn < max_marks:
            buckets[k].append((max(start, segments[k][0]), min(end, segments[k][1]), m))
            drawn += 1
            k += 1
    for bucket in buckets:
        bucket.sort(key=lambda x: (x[0], -x[1]))
    return buckets, marked


def _nested(text: str, start: int, end: int, pieces: list[Piece]) -> str:
    """text[start:end] escaped with ``pieces`` (sorted, within it) as nested marks: a stack of
    open marks; a piece that runs past the mark around it is cut at that mark's end."""
    out: list[str] = []
    cursor = start
    open_ends: list[int] = []
    for s, e, m in pieces:
        while open_ends and open_ends[-1] <= s:
            cursor = _close(out, text, cursor, open_ends.pop())
        if open_ends:
            e = min(e, open_ends[-1])
        if s >= e:
            continue
        out.append(str(escape(text[cursor:s])))
        out.append(_open_tag(m))
        cursor = s
        open_ends.append(e)
    while open_ends:
        cursor = _close(out, text, cursor, open_ends.pop())
    out.append(str(escape(text[cursor:end])))
    return "".join(out)


def _close(out: list[str], text: str, cursor: int, end: int) -> int:
    out.append(f"{escape(text[cursor:end])}</mark>")
    return end


def _open_tag(m: dict[str, Any]) -> str:
    kind = m.get("kind") if m.get("kind") in MENTION_KINDS else "other"
    title = escape(bidi_safe(f"{kind}: {m.get('label') or ''}".rstrip(": ")))
    return f'<mark class="m m-{kind}" title="{title}">'


def _sentence_like(text: str, start: int, end: int) -> bool:
    """A span that covers a sentence: it begins a line or follows a sentence end, and is long."""
    if not 0 <= start < end <= len(text) or end - start < 40:
        return False
    before = text[max(0, start - 2):start]
    return start == 0 or before.endswith(("\n", ". ", "? ", "! ", '." '))
