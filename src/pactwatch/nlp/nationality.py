"""Whose official a named person is, from the text alone (no parse).

"Turkish Defence Minister Hulusi Akar", "Israel's foreign minister, Tzipi Livni" and "Hulusi Akar,
Turkey's defence minister" give a person's state wherever they occur. The cue filter only sends
sentences about agreements and events to spaCy, yet such a statement often sits in a sentence with
no such cue ("..., according to Turkish Defence Minister Hulusi Akar"); this pass reads every
sentence, so the nationality is known without parsing it, and a later "Akar met Kosiniak-Kamysz"
can be told whose officials met.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable

from pactwatch.nlp.events_common import lexicon
from pactwatch.nlp.sentences import ActorMention, Sentence

WINDOW = 60  # characters before a name in which its office and state must be named
PARTICLES = r"(?:bin|ibn|al|el|de|da|del|der|van|von|la|le)"
NAME_WORD = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
CAPITALISED_RUN = re.compile(rf"{NAME_WORD}(?:\s+(?:{PARTICLES}\s+)?{NAME_WORD})*")
# Capitalised words of an office, never of a name: "Defence Minister", "Chief of Staff".
OFFICE_WORDS = frozenset({
    "defence", "defense", "foreign", "interior", "trade", "economy", "energy", "finance", "affairs", "prime",
    "deputy", "vice", "staff", "armed", "forces", "national", "state", "crown", "first", "lady", "mr", "mrs",
    "ms", "dr", "gen", "lt", "col", "maj", "capt", "adm", "sen", "rep", "gov", "the", "his", "her", "their",
    "former", "acting", "new", "army", "navy", "air", "force", "military", "security", "chief", "general",
    "police", "on", "in", "at", "for", "from", "with", "by", "after", "before", "during", "when", "while",
})
# Words that make a capitalised run a body, a place or a date rather than a person.
NOT_PERSON = frozenset({
    "forum", "industry", "ministry", "council", "committee", "agency", "company", "university", "institute",
    "corporation", "group", "bank", "union", "parliament", "assembly", "office", "house", "day", "week",
}) | {d.lower() for d in calendar.day_name} | {m.lower() for m in calendar.month_name[1:]}
APPOSITIVE = re.compile(r",\s+(?:the\s+)?")
ENVOY = re.compile(r"\b(?:ambassadors?|envoys?|representatives?|consul|attach[eé]|posted|sent|accredited)\b")


def is_office_word(word: str) -> bool:
    """An office or title word ("Minister", "Defence"): such words open a name's run, never end it."""
    bare = word.lower().strip(".,'’`")
    return bare in OFFICE_WORDS or lexicon().has("official", bare)


def stated_nationalities(sentences: Iterable[Sentence]) -> dict[str, str]:
    """Person name (full, surname, and the last part of a hyphenated surname) -> state code."""
    people: dict[str, str] = {}
    for sentence in sentences:
        for name, code in sentence_nationalities(sentence):
            for key in name_keys(name):
                people.setdefault(key, code)
    return people


def name_keys(name: str) -> list[str]:
    """The forms a later sentence may use: "Ahn Gyu-back", "Gyu-back", "back" (as spaCy splits it)."""
    last = name.split()[-1]
    keys = [name, last]
    if "-" in last:
        keys.append(last.rsplit("-", 1)[1])
    return list(dict.fromkeys(keys))


def sentence_nationalities(sentence: Sentence) -> list[tuple[str, str]]:
    """(person, state) pairs one sentence states, in text order."""
    states = [a for a in sentence.actors if a.kind == "state"]
    if not states:
        return []
    out: list[tuple[str, str]] = []
    for start, name in person_names(sentence):
        code = _office_before(sentence, start, states) or _office_after(sentence, start + len(name), states)
        if code:
            out.append((name, code))
    return out


def person_names(sentence: Sentence) -> list[tuple[int, str]]:
    """(sentence offset, name) of capitalised runs left once office words and actors are cut off
    their front: "Turkish Defence Minister Hulusi Akar" -> "Hulusi Akar". Two to four words: a
    surname alone is known from the full name the article gives first."""
    covered = [(a.start - sentence.start, a.end - sentence.start) for a in sentence.actors]
    out: list[tuple[int, str]] = []
    for run in CAPITALISED_RUN.finditer(sentence.text):
        words = list(re.finditer(r"\S+", run.group(0)))
        while words and (is_office_word(words[0].group(0)) or
                         any(s <= run.start() + words[0].start() < e for s, e in covered)):
            words.pop(0)
        if not words or not words[-1].group(0)[0].isupper() or len(words) > 4:
            continue
        if len(words) < 2 or any(is_office_word(w.group(0)) or w.group(0).lower() in NOT_PERSON or
                                 any(s <= run.start() + w.start() < e for s, e in covered) for w in words):
            continue  # a lone capitalised word, or one naming a state, is too often a place or a body
        start = run.start() + words[0].start()
        out.append((start, sentence.text[start: run.start() + words[-1].end()]))
    return out


def _office_before(sentence: Sentence, start: int, states: list[ActorMention]) -> str | None:
    """"Turkish Defence Minister NAME", "Israel's foreign minister, NAME": an office word among the
    five words before the name and a state named within the window, not the state an envoy is
    posted to ("ambassador to Azerbaijan")."""
    window = sentence.text[max(0, start - WINDOW): start].lower()
    if not any(lexicon().has("official", w.strip(",.'’`s")) for w in window.split()[-5:]):
        return None
    at = sentence.start + start
    before = [a for a in states if at - WINDOW <= a.start < at and not _posted_to(sentence, a)
              and _only_office_between(sentence.text[a.end - sentence.start: start])]
    return before[-1].code if before else None


GAP_WORDS = frozenset({
    "'s", "’s", "s", "the", "of", "and", "for", "colonel", "lieutenant", "major", "brigadier", "marshal", "rear",
    "air", "chief", "staff", "external", "home", "internal", "industry", "industries", "cabinet", "federal",
    "central", "joint", "supreme", "special", "presidential", "economic", "development", "development,",
})


def _only_office_between(gap: str) -> bool:
    """Between a state and a name stand only office words ("Belarusian leader", "Israel's foreign
    minister,"): "signed in Minsk on April 19 by President Vladimir Putin" does not make Putin a
    Belarusian official."""
    words = [w.strip(",.:;()'’`-").lower() for w in re.split(r"[\s-]+", gap) if w.strip(",.:;()'’`-")]
    return len(words) <= 8 and all(w in GAP_WORDS or is_office_word(w) for w in words)


def _office_after(sentence: Sentence, end: int, states: list[ActorMention]) -> str | None:
    """"NAME, Turkey's defence minister" / "NAME, the Turkish defence minister": an appositive that
    names a state and then an office, before the next comma."""
    gap = APPOSITIVE.match(sentence.text, end)
    if gap is None:
        return None
    clause = sentence.text[gap.end():].split(",", 1)[0][:WINDOW]
    clause_end = sentence.start + gap.end() + len(clause)
    state = next((a for a in states if sentence.start + gap.end() <= a.start < clause_end), None)
    if state is None:
        return None
    after_state = sentence.text[state.end - sentence.start: clause_end - sentence.start].lower()
    words = [w.strip(",.'’`s") for w in after_state.split()][:4]
    return state.code if any(lexicon().has("official", w) for w in words) else None


def _posted_to(sentence: Sentence, mention: ActorMention) -> bool:
    """"Israel's ambassador to Azerbaijan": the state an envoy is posted to is not the envoy's own
    (while "according to Estonian Foreign Minister ..." names the minister's own state)."""
    start = mention.start - sentence.start
    before = sentence.text[max(0, start - 40):start].lower()
    return before.endswith("to ") and ENVOY.search(before) is not None
