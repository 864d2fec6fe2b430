"""An article's text as HTML with its evidence sentences and recognised mentions marked.

Every piece of article text goes through ``markupsafe.escape``; only the tags built here are
markup. Evidence sentences become ``<span class="sentence" id="s-{start}">`` (the agreement page
links to ``#s-{start}``; CSS ``:target`` highlights it), mentions inside them ``<mark>``.
Overlapping spans are clipped so that the tags always nest.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

MENTION_KINDS = ("actor", "date", "agreement", "event")
SENTENCE_KINDS = ("agreement", "event")


def evidence_spans(facts: dict[str, Any] | None, text_length: int) -> list[tuple[int, int]]:
    """The distinct (start, end) of every evidence sentence in an article's facts JSON."""
    spans: set[tuple[int, int]] = set()
    for agreement in (facts or {}).get("agreements") or []:
        for ev in agreement.get("evidence") or []:
            spans.add((int(ev.get("start", -1)), int(ev.get("end", -1))))
    for event in (facts or {}).get("events") or []:
        if "evidence_start" in event:
            spans.add((int(event["evidence_start"]), int(event.get("evidence_end", -1))))
    return sorted((s, e) for s, e in spans if 0 <= s < e <= text_length)


def non_overlapping(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, each clipped to start where the previous one ends (empty ones dropped)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            start = out[-1][1]
        if start < end:
            out.append((start, end))
    return out


def highlighted_html(text: str, mentions: list[dict[str, Any]], sentences: list[tuple[int, int]]) -> Markup:
    """``text`` as safe HTML: sentences wrapped and anchored, mentions marked inside them.

    An agreement or event mention that spans a whole sentence (how the knowledge base marks the
    sentence reporting it) labels that sentence instead of painting it; shorter mentions nest.
    """
    labels: dict[tuple[int, int], list[str]] = {}
    marks = []
    for m in mentions:
        span = (int(m.get("start", -1)), int(m.get("end", -1)))
        if m.get("kind") in SENTENCE_KINDS and (span in sentences or _sentence_like(text, *span)):
            labels.setdefault(span, []).append(f"{m.get('kind')}: {m.get('label') or ''}")
        else:
            marks.append(m)
    parts: list[str] = []
    cursor = 0
    for start, end in non_overlapping(set(sentences) | set(labels)):
        parts.append(_marked(text, cursor, start, marks))
        title = "; ".join(labels.get((start, end), []))
        title_attr = f' title="{escape(title)}"' if title else ""
        parts.append(f'<span class="sentence" id="s-{start}"{title_attr}>{_marked(text, start, end, marks)}</span>')
        cursor = end
    parts.append(_marked(text, cursor, len(text), marks))
    return Markup("".join(parts))


def _sentence_like(text: str, start: int, end: int) -> bool:
    """A span that covers a sentence: it begins a line or follows a sentence end, and is long."""
    if not 0 <= start < end <= len(text) or end - start < 40:
        return False
    before = text[max(0, start - 2):start]
    return start == 0 or before.endswith(("\n", ". ", "? ", "! ", '." '))


def _marked(text: str, start: int, end: int, mentions: list[dict[str, Any]]) -> str:
    """text[start:end] escaped, with the mentions that fall in it (clipped to it) marked."""
    spans = []
    for m in mentions:
        s, e = max(int(m.get("start", -1)), start), min(int(m.get("end", -1)), end)
        if s < e:
            spans.append((s, e, m))
    return _nested(text, start, end, spans)


def _nested(text: str, start: int, end: int, spans: list[tuple[int, int, dict[str, Any]]]) -> str:
    """Marks for the outermost spans; the spans inside one are rendered inside it, recursively."""
    out: list[str] = []
    cursor = start
    outer = _first_wins(spans)
    for s, e, m in outer:
        inner = [(max(s2, s), min(e2, e), m2) for s2, e2, m2 in spans
                 if m2 is not m and max(s2, s) < min(e2, e) and (s2, e2, m2) not in outer]
        out.append(str(escape(text[cursor:s])))
        kind = m.get("kind") if m.get("kind") in MENTION_KINDS else "other"
        title = escape(f"{kind}: {m.get('label') or ''}".rstrip(": "))
        out.append(f'<mark class="m m-{kind}" title="{title}">{_nested(text, s, e, inner)}</mark>')
        cursor = e
    out.append(str(escape(text[cursor:end])))
    return "".join(out)


def _first_wins(spans: list[tuple[int, int, dict[str, Any]]]) -> list[tuple[int, int, dict[str, Any]]]:
    """Non-overlapping mentions: longer ones first at the same start, later ones clipped."""
    out: list[tuple[int, int, dict[str, Any]]] = []
    for s, e, m in sorted(spans, key=lambda x: (x[0], -x[1])):
        if out and s < out[-1][1]:
            continue
        out.append((s, e, m))
    return out
