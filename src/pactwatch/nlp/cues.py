"""The cheap first pass: which sentences could be about agreements, exercises, visits or arms deals.

One compiled regex per cue kind over the lowercased sentence (``data/cues.tsv``). Only sentences
with an agreement, exercise, visit or arms cue reach spaCy's parser; most news sentences never do.

Visit and trade words ("received", "talks", "sales", "ordered") fill ordinary news, so a sentence
whose only cues are those is parsed when it is anchored: it names a state or organisation, an
official whose nationality the article states, an arms item, or "both sides". Without one of
these the event frames cannot give it a participant, so parsing it could never yield a fact.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import cache
from importlib import resources

from pactwatch.nlp.events_arms import item_pattern
from pactwatch.nlp.events_common import lexicon
from pactwatch.nlp.sentences import ActorMention

# A sentence is parsed when it carries one of these kinds; the others refine what it says.
TRIGGER_KINDS = frozenset({"agreement", "exercise", "visit", "trade", "arms", "ratification", "lifecycle"})
# Trigger kinds common outside security news: they need an anchor (``is_anchored``) as well.
WEAK_KINDS = frozenset({"visit", "trade"})


@cache
def cue_patterns() -> dict[str, re.Pattern[str]]:
    """kind -> compiled pattern, built once from the data file."""
    text = resources.files("pactwatch.data").joinpath("cues.tsv").read_text(encoding="utf-8")
    patterns: dict[str, re.Pattern[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, body = line.split("\t", 1)
        patterns[kind] = re.compile(rf"\b(?:{body.strip()})")
    return patterns


def sentence_cues(text: str) -> set[str]:
    """The cue kinds present in ``text``."""
    lowered = text.lower()
    return {kind for kind, rx in cue_patterns().items() if rx.search(lowered)}


def is_candidate(cues: set[str], anchored: bool = False) -> bool:
    """Worth parsing: an agreement, ratification, lifecycle, exercise or arms-item cue, or a visit
    or trade cue in an ``anchored`` sentence."""
    if cues & (TRIGGER_KINDS - WEAK_KINDS):
        return True
    return anchored and bool(cues & WEAK_KINDS)


def needs_anchor(cues: set[str]) -> bool:
    """Only weak trigger cues: whether the sentence is parsed depends on ``is_anchored``."""
    return bool(cues & WEAK_KINDS) and not cues & (TRIGGER_KINDS - WEAK_KINDS)


def is_anchored(text: str, actors: Sequence[ActorMention], people: Collection[str] = ()) -> bool:
    """The sentence names something an event needs as a participant or an object: a state or
    organisation, one of ``people`` (officials of known nationality), an arms item, or "both
    sides" / "the two ministers" (which the visit frame reads as the article's main states)."""
    if actors or item_pattern().search(text.lower()) or lexicon().search("both_sides_rx", text):
        return True
    return any(_names(text, person) for person in people)


def _names(text: str, person: str) -> bool:
    at = text.find(person)
    while at >= 0:
        end = at + len(person)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(person, at + 1)
    return False
