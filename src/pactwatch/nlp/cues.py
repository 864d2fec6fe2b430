"""The cheap first pass: which sentences could be about agreements, exercises, visits or arms deals.

One compiled regex per cue kind over the lowercased sentence (``data/cues.tsv``). Only sentences
with an agreement, exercise, visit or arms cue reach spaCy's parser; most news sentences never do.

Visit and trade words ("received", "talks", "sales", "ordered") fill ordinary news, so a sentence
whose only cues are those is parsed when it is anchored (``is_anchored``): a trade word with an arms
item, a visit word with a side (a state, an official of known nationality, "both sides") and someone
acting for it. Without these the arms and visit frames return nothing, so parsing it could never
yield a fact; ``tests/test_cue_filter.py`` checks that on the dev set.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import cache

from pactwatch.data_files import table_rows
from pactwatch.nlp.actors import CALENDAR_WORDS
from pactwatch.nlp.events_arms import item_pattern
from pactwatch.nlp.events_common import PERSONAL_PRONOUNS, lexicon
from pactwatch.nlp.sentences import ActorMention

# A sentence is parsed when it carries one of these kinds; the others refine what it says.
TRIGGER_KINDS = frozenset({"agreement", "exercise", "visit", "trade", "arms", "ratification", "lifecycle"})
# Trigger kinds common outside security news: they need an anchor (``is_anchored``) as well.
WEAK_KINDS = frozenset({"visit", "trade"})
CAPITALISED = re.compile(r"\b[A-Z][a-z]+")
DETERMINERS = r"(?:the|a|an|his|her|their|its|our|this|these|those|to|with|and|in|at|on)\b"
NOT_A_VISIT = re.compile(rf"[Vv]isitors?\b|[Vv]isiting (?!{DETERMINERS})([a-z][a-z-]*)\b")


@cache
def cue_patterns() -> dict[str, re.Pattern[str]]:
    """kind -> compiled pattern, built once from the data file."""
    return {row.fields[0]: row.pattern for row in table_rows("cues.tsv")}


def sentence_cues(text: str) -> set[str]:
    """The cue kinds present in ``text``; "visitors" and "the visiting team" are no visit cue."""
    lowered = text.lower()
    kinds = {kind for kind, rx in cue_patterns().items() if rx.search(lowered)}
    if "visit" in kinds and not _visits(text):
        kinds.discard("visit")
    return kinds


def _visits(text: str) -> bool:
    """A visit word that speaks of a visit: not "visitors", nor "visiting" used as an adjective
    before a common noun ("the visiting team", "a visiting professor"); "visiting the base",
    "the visiting Turkish minister" and "visiting delegation" still are."""
    lex = lexicon()
    for match in _visit_anywhere().finditer(text):
        other = NOT_A_VISIT.match(text, match.start())
        if other is None or (other.group(1) is not None and lex.has("official", other.group(1))):
            return True
    return False


@cache
def _visit_anywhere() -> re.Pattern[str]:
    """The visit pattern over the text as written, so the case of the next word can be read."""
    return re.compile(cue_patterns()["visit"].pattern, re.IGNORECASE)


def is_candidate(cues: set[str], anchored: bool = False) -> bool:
    """Worth parsing: an agreement, ratification, lifecycle, exercise or arms-item cue, or a visit
    or trade cue in an ``anchored`` sentence."""
    if cues & (TRIGGER_KINDS - WEAK_KINDS):
        return True
    return anchored and bool(cues & WEAK_KINDS)


def needs_anchor(cues: set[str]) -> bool:
    """Only weak trigger cues: whether the sentence is parsed depends on ``is_anchored``."""
    return bool(cues & WEAK_KINDS) and not cues & (TRIGGER_KINDS - WEAK_KINDS)


def is_anchored(text: str, cues: set[str], actors: Sequence[ActorMention], people: Collection[str] = (),
                offset: int = 0) -> bool:
    """The sentence holds what its weak cue's frame needs before it can give a fact: an arms item
    for a trade word (the arms frame reads nothing else), and for a visit word both a side (a
    state, an official of known nationality, or "both sides") and someone acting (an office word,
    a pronoun, or a capitalised name that is no state: a possible person)."""
    lowered = text.lower()
    if "trade" in cues and item_pattern().search(lowered):
        return True
    if "visit" not in cues:
        return False
    known = [p for p in people if _names(text, p)]
    both = lexicon().search("both_sides_rx", text) is not None
    side = both or bool(known) or any(a.kind == "state" for a in actors)
    return side and (both or bool(known) or _someone_acting(text, lowered, actors, offset))


def _someone_acting(text: str, lowered: str, actors: Sequence[ActorMention], offset: int) -> bool:
    """An office word ("minister", "delegation"), a personal pronoun, or a capitalised word past
    the sentence's first that no actor mention covers and no calendar names ("Erdogan")."""
    lex = lexicon()
    if any(lex.has("official", w) or w in PERSONAL_PRONOUNS for w in re.findall(r"[a-z]+", lowered)):
        return True
    for match in CAPITALISED.finditer(text):
        if match.start() == 0 or match.group(0) in CALENDAR_WORDS:
            continue
        if not any(a.start <= offset + match.start() < a.end for a in actors):
            return True
    return False


def _names(text: str, person: str) -> bool:
    at = text.find(person)
    while at >= 0:
        end = at + len(person)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(person, at + 1)
    return False
