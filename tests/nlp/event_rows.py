"""The one helper the event tests share: the events of a short text of ours, as tuples of the
fields a test looks at, so each test states only what it checks."""

from __future__ import annotations

from pactwatch.article import Article
from pactwatch.nlp.events import extract_events
from pactwatch.nlp.pipeline import analyse

PUBLISHED = "2024-05-10"  # a Friday


def event_rows(text: str, kind: str | None = None, published: str | None = PUBLISHED,
               fields: tuple[str, ...] = ("date", "location")) -> list[tuple]:
    """(participants, *fields) of each event of ``kind`` (every kind when None) in ``text``."""
    article = Article(id="t", text=text, source="t", published=published)
    return [(tuple(e.participants), *(getattr(e, f) for f in fields))
            for e in extract_events(article, analyse(article)) if kind is None or e.type == kind]
