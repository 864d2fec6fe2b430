"""The spans an article's page marks: actor and date mentions, and the evidence of its facts.

The knowledge base adds these to ``KnowledgeBase.article``; they are found again from the stored
text rather than stored, with the extractor's own regex matchers (cheap, no parser), so the marks
agree with what extraction sees. It sits beside the
knowledge base, above the store, because the store never imports extraction code.

A page is requested far more often than an article is ingested, and article text is hostile: the
matchers compare each match with the ones before it in the same call, so they are given at most
``WINDOW`` characters at a time (cut between sentences where possible), and the search stops once
``MAX_MENTIONS`` are found (a page marks no more than that): the cost is linear in the article's
length and bounded whatever it holds.

>>> [(m["kind"], m["label"]) for m in mention_spans("Turkey and Azerbaijan met.", None, {})]
[('actor', 'TUR'), ('actor', 'AZE')]
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from pactwatch.nlp.actors import find_actors
from pactwatch.nlp.dates import find_dates, is_deadline

WINDOW = 2_000  # characters given to the matchers at once (the parser's own limit on a sentence)
MAX_MENTIONS = 2_000  # actor and date mentions found per article, the first in text order
TEXTS_KEPT = 16  # articles whose mentions are kept: a page asked for again is not searched again


def mention_spans(text: str, published: str | None, facts: dict[str, Any]) -> list[dict[str, Any]]:
    """Spans a page highlights: the first ``MAX_MENTIONS`` actors and dates (the same matchers
    extraction uses, no parser) and the sentences cited as evidence of an agreement or event."""
    out = matched_spans(text, published)
    seen: set[tuple[int, int, str]] = set()
    for obj in facts.get("agreements") or []:
        label = f"{'–'.join(obj.get('parties') or [])} {obj.get('domain') or ''} agreement".strip()
        for ev in obj.get("evidence") or []:
            if (ev.get("start", -1), ev.get("end", -1), "agreement") not in seen and ev.get("start", -1) >= 0:
                seen.add((ev["start"], ev["end"], "agreement"))
                out.append({"start": ev["start"], "end": ev["end"], "kind": "agreement", "label": label})
    for obj in facts.get("events") or []:
        start, end = obj.get("evidence_start", -1), obj.get("evidence_end", -1)
        if start >= 0 and (start, end, "event") not in seen:
            seen.add((start, end, "event"))
            out.append({"start": start, "end": end, "kind": "event",
                        "label": f"{obj.get('type')} {'–'.join(obj.get('participants') or [])}"})
    return sorted(out, key=lambda x: (x["start"], -x["end"], x["kind"]))


def matched_spans(text: str, published: str | None, limit: int = MAX_MENTIONS) -> list[dict[str, Any]]:
    """The first ``limit`` actor and date mentions, window by window; a relative date ("the next
    day") counts from the last date before it, as in extraction (a deadline, "valid until 2030",
    anchors nothing). Kept for the last ``TEXTS_KEPT`` texts: a page fetched again costs a lookup."""
    return [dict(m) for m in _matched_spans(text, published, limit)]


@lru_cache(maxsize=TEXTS_KEPT)
def _matched_spans(text: str, published: str | None, limit: int) -> tuple[dict[str, Any], ...]:
    out: list[dict[str, Any]] = []
    previous: str | None = None
    for start, end in windows(text):
        if len(out) >= limit:
            break
        piece = text[start:end]
        out += [{"start": x.start, "end": x.end, "kind": "actor", "label": x.code}
                for x in find_actors(piece, offset=start, article=text)]
        for d in find_dates(piece, published, offset=start, previous=previous):
            out.append({"start": d.start, "end": d.end, "kind": "date", "label": d.value or d.text})
            if not is_deadline(text, d.start):
                previous = d.value
    return tuple(sorted(out, key=lambda x: (x["start"], -x["end"], x["kind"]))[:limit])


def windows(text: str, size: int = WINDOW) -> Iterator[tuple[int, int]]:
    """Consecutive pieces of ``text`` of at most ``size`` characters, each cut where a line ends,
    else after a sentence, else at a space, in its second half (a whole sentence rarely straddles
    two pieces, a word never does unless it is ``size // 2`` long). Not the extractor's sentence
    splitter: its abbreviation check costs time quadratic in a run of abbreviations.

    >>> list(windows("One. Two three four.", size=10))
    [(0, 9), (9, 15), (15, 20)]
    """
    start = 0
    while len(text) - start > size:
        cut = _cut(text, start + size // 2, start + size)
        yield start, cut
        start = cut
    if start < len(text):
        yield start, len(text)


def _cut(text: str, low: int, high: int) -> int:
    """The end of a piece in ``text[low:high]``: after the last line or sentence end there, else
    after its last space, else ``high``."""
    line_or_sentence = max(text.rfind("\n", low, high), text.rfind(". ", low, high))
    if line_or_sentence >= low:
        return line_or_sentence + 1
    space = text.rfind(" ", low, high)
    return space + 1 if space >= low else high
