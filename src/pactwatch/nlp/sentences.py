"""Per-sentence analysis shared by the agreement and event stages.

``pactwatch.nlp.pipeline.analyse(article)`` splits the cleaned text into ``Sentence`` objects,
marks which carry cues, and only those get a spaCy parse, actor and date mentions. Frames
(``agreements.py``, ``events.py``) read these and never re-run the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ActorMention:
    """A state or organisation named in the text: ``code`` is ISO alpha-3 or an org short name.

    ``kind`` is "state" or "org"; ``how`` says how it was named: "name", "demonym", "capital",
    "institution" or "official". Offsets are article-text offsets.
    """

    code: str
    start: int
    end: int
    text: str
    kind: str = "state"
    how: str = "name"


@dataclass(frozen=True)
class DateMention:
    """A date expression and its resolved ISO value (precision as known) or None if unresolved."""

    value: str | None
    start: int
    end: int
    text: str


@dataclass
class Sentence:
    """One sentence of the cleaned text; ``span`` is set only when it passed the cue filter."""

    index: int
    start: int
    end: int
    text: str
    cues: set[str] = field(default_factory=set)
    span: Any | None = None
    actors: list[ActorMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
