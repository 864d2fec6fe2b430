"""Find the states and organisations named in running text, and the places events happen in.

The names themselves, and what code each stands for, are the gazetteer's (``pactwatch.gazetteer``,
shared with the reader and the web); this module adds what only running text can tell: a stop phrase
hiding a name, "Jordan" as a given name, a capital opening another proper name ("Madrid Principles"),
a name before a title word becoming an official, "the North" in an article about North Korea.
One compiled regex scans a sentence in microseconds; it is case-sensitive (names are capitalised)
and longest-match first, so "Papua New Guinea" wins over "Guinea" and "South Korean" over "Korean".

>>> [(a.code, a.how) for a in find_actors("Turkish Trade Minister Ruhsar Pekcan visited Baku.")]
[('TUR', 'official'), ('AZE', 'capital')]
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from pactwatch.gazetteer import (
    PLACE_SUFFIX,
    POSSESSIVE,
    Gazetteer,
    actor_kind,
    actor_name,
    gazetteer,
    resolve_actor,
    resolve_place,
)
from pactwatch.nlp.sentences import ActorMention

# The gazetteer's lookups, re-exported for the extraction modules that import them from here.
__all__ = ["CALENDAR_WORDS", "actor_kind", "actor_name", "find_actors", "find_places", "resolve_actor",
           "resolve_place"]

SHOUTED_ALIASES = frozenset(("US", "UN", "AU"))
CALENDAR_WORDS = frozenset(calendar.day_name) | frozenset(calendar.month_name[1:]) | frozenset(calendar.month_abbr[1:])


def find_actors(text: str, offset: int = 0, article: str | None = None) -> list[ActorMention]:
    """Every state or organisation mention in ``text``; offsets are ``offset`` + position.

    ``article`` (the whole text ``text`` comes from) lets a short form that only the article can
    resolve count: "the North" is North Korea in an article that names North Korea.
    """
    gaz = gazetteer()
    hidden = [(m.start(), m.end()) for m in gaz.stops.finditer(text)] if gaz.stops else []
    shouting: bool | None = None  # worked out only for a sentence that has a "US"/"UN"/"AU"
    found: list[ActorMention] = []
    for match in gaz.pattern.finditer(text):
        start, end = match.span(1)
        alias = match.group(1)
        if any(s <= start < e for s, e in hidden):
            continue
        if alias in SHOUTED_ALIASES:
            shouting = _is_shouting(text) if shouting is None else shouting
            if shouting:
                continue
        code, how = gaz.aliases[alias]
        if alias in gaz.given and _names_a_person(text, start, end, gaz):
            continue
        if how == "capital" and match.end() == end and _starts_a_name(text, end, gaz):
            continue
        if how in ("name", "demonym") and gaz.title_after.match(text, match.end()):
            how = "official"
        kind = "org" if actor_kind(code) == "org" else "state"
        found.append(ActorMention(code, offset + start, offset + end, alias, kind, how))
    if article is not None and "the North" in text and _names_north_korea(article):
        found = _with_the_north(text, offset, found, hidden)
    return found


NORTH_KOREA_NAMED = re.compile(r"\bNorth Korea|\bDPRK\b|Democratic People's Republic of Korea")
# "the North" on its own: not "the North Atlantic", "the North-South talks", nor "the North's" possessive head.
THE_NORTH = re.compile(r"\bthe (North)(?:['’]s\b)?(?![\w-]|\s+[A-Z])")


@lru_cache(maxsize=8)
def _names_north_korea(article: str) -> bool:
    """Whether the article names North Korea (once per article: every sentence asks about the same text)."""
    return bool(NORTH_KOREA_NAMED.search(article))


def _with_the_north(text: str, offset: int, found: list[ActorMention],
                    hidden: list[tuple[int, int]]) -> list[ActorMention]:
    """``found`` plus each free-standing "the North", in text order."""
    taken = [(a.start - offset, a.end - offset) for a in found] + hidden
    extra = [ActorMention("PRK", offset + m.start(1), offset + m.end(1), "North", "state", "name")
             for m in THE_NORTH.finditer(text) if not any(s < m.end(1) and m.start(1) < e for s, e in taken)]
    return sorted(found + extra, key=lambda a: a.start) if extra else found


# Capitalised words after a place that keep it the place: "Ream Naval Base", "Incirlik Air Base".
PLACE_GOES_ON = frozenset((
    "Air", "Naval", "Navy", "Base", "Airbase", "Airport", "Port", "Harbour", "Harbor", "Bay", "Island", "Islands",
    "Peninsula", "Military", "Training", "Area", "Range", "Strait", "Coast", "Sea"))


def _opens_another_name(text: str, end: int, gaz: Gazetteer) -> bool:
    """'Sydney Morning Herald': a place opening a longer proper name ('Ream Naval Base' stays a place)."""
    after = re.match(r" ([A-Z][a-z]+)", text[end:])
    return bool(after) and after.group(1) not in PLACE_GOES_ON and after.group(1) not in gaz.aliases \
        and after.group(1) not in CALENDAR_WORDS and not re.match(rf" {PLACE_SUFFIX}", text[end:])


def _starts_a_name(text: str, end: int, gaz: Gazetteer) -> bool:
    """'Madrid Principles', 'Doha Forum': a capital opening a longer proper name ('in Baku Monday' is not)."""
    after = re.match(r" ([A-Z][a-z]+)", text[end:])
    return bool(after) and not gaz.body_after.match(text, end) and after.group(1) not in gaz.aliases \
        and after.group(1) not in CALENDAR_WORDS


def _names_a_person(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """'Jordan Peterson', 'George Washington': a given-name alias beside another capitalised name."""
    after = re.match(r" ([A-Z][a-z]+)", text[end:])
    if after and not gaz.body_after.match(text, end) and after.group(1) not in gaz.aliases:
        return True
    before = re.search(r"(\S+) $", text[:start])
    if before is None or not re.fullmatch(r"[A-Z][a-z]+", before.group(1)):
        return False
    word, preceding = before.group(1), text[:before.start(1)].rstrip()
    at_sentence_start = not preceding or preceding[-1] in ".!?:\"“"
    return not at_sentence_start and word not in gaz.aliases and not gaz.title_after.match(" " + word)


def _is_shouting(text: str) -> bool:
    """A sentence in capitals makes 'US'/'UN' unreliable ('LET US', 'UN-')."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def find_places(text: str, offset: int = 0) -> list[ActorMention]:
    """Places inside a state ("Queensland", "Kampong Speu province", "the Northern Territory", "Busan"),
    as mentions of kind "place" whose code is the state they lie in.

    Kept apart from ``find_actors`` on purpose: a place is where something happens, never a party to
    an agreement or a participant in an event, so it must not reach the code that picks those.
    """
    gaz = gazetteer()
    found = []
    for match in gaz.place_pattern.finditer(text):
        start, end = match.span(1)
        if match.end() == end and _opens_another_name(text, end, gaz):
            continue  # "Sydney Morning Herald", "Queensland Police Service"
        full_end = match.end() - len(re.search(POSSESSIVE + "$", match.group()).group())
        found.append(ActorMention(gaz.places[match.group(1)], offset + start, offset + full_end,
                                  text[start:full_end], "place", "place"))
    return found
