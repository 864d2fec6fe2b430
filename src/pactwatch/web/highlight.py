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
    """``text`` as safe HTML: sentences wrapped and anchored, mentions marked inside them."""
    parts: list[str] = []
    cursor = 0
    for start, end in non_overlapping(sentences):
        parts.append(_marked(text, cursor, start, mentions))
        parts.append(f'<span class="sentence" id="s-{start}">{_marked(text, start, end, mentions)}</span>')
        cursor = end
    parts.append(_marked(text, cursor, len(text), mentions))
    return Markup("".join(parts))


def _marked(text: str, start: int, end: int, mentions: list[dict[str, Any]]) -> str:
    """text[start:end] escaped, with the mentions that fall in it (clipped to it) marked."""
    inside = []
    for m in mentions:
        s, e = max(int(m.get("start", -1)), start), min(int(m.get("end", -1)), end)
        if s < e:
            inside.append((s, e, m))
    out: list[str] = []
    cursor = start
    for s, e, m in _first_wins(inside):
        out.append(str(escape(text[cursor:s])))
        kind = m.get("kind") if m.get("kind") in MENTION_KINDS else "other"
        title = escape(f"{kind}: {m.get('label') or ''}".rstrip(": "))
        out.append(f'<mark class="m m-{kind}" title="{title}">{escape(text[s:e])}</mark>')
        cursor = e
    out.append(str(escape(text[cursor:end])))
    return "".join(out)


def _first_wins(spans: list[tuple[int, int, dict[str, Any]]]) -> list[tuple[int, int, dict[str, Any]]]:
    """Non-overlapping mentions: longer ones first at the same start, later ones clipped."""
    out: list[tuple[int, int, dict[str, Any]]] = []
    for s, e, m in sorted(spans, key=lambda x: (x[0], -x[1])):
        if out and s < out[-1][1]:
            s = out[-1][1]
        if s < e:
            out.append((s, e, m))
    return out
