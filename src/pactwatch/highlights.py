"""The spans an article's page marks: actor and date mentions, and the evidence of its facts.

The knowledge base adds these to ``KnowledgeBase.article``; they are found again from the stored
text rather than stored, with the extractor's own regex matchers (cheap, no parser), so the marks
always agree with what extraction sees. It sits beside the knowledge base, above the store, because
the store never imports extraction code.

>>> [(m["kind"], m["label"]) for m in mention_spans("Turkey and Azerbaijan met.", None, {})]
[('actor', 'TUR'), ('actor', 'AZE')]
"""

from __future__ import annotations

from typing import Any

from pactwatch.nlp.actors import find_actors
from pactwatch.nlp.dates import find_dates


def mention_spans(text: str, published: str | None, facts: dict[str, Any]) -> list[dict[str, Any]]:
    """Spans a page highlights: actors and dates (the same matchers extraction uses, no parser)
    and the sentences cited as evidence of an agreement or event."""
    out: list[dict[str, Any]] = [{"start": x.start, "end": x.end, "kind": "actor", "label": x.code}
                                 for x in find_actors(text)]
    out += [{"start": d.start, "end": d.end, "kind": "date", "label": d.value or d.text}
            for d in find_dates(text, published)]
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
