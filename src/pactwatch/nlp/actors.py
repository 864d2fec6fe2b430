"""Resolve states and organisations named in text to codes (ISO alpha-3, or an org's short name).

The gazetteer stacks three sources: pycountry's ISO 3166-1 names, countryinfo's capitals, demonyms
and alternative spellings, and our own knowledge in ``data/actors.tsv`` (aliases such as "Turkey",
"Azeri", institutions, organisations, plus stop phrases, exclusions, given names and title words).
One compiled regex scans a sentence in microseconds; it is case-sensitive (names are capitalised)
and longest-match first, so "Papua New Guinea" wins over "Guinea" and "South Korean" over "Korean".

>>> [(a.code, a.how) for a in find_actors("Turkish Trade Minister Ruhsar Pekcan visited Baku.")]
[('TUR', 'official'), ('AZE', 'capital')]
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import pycountry

from pactwatch.data_files import table_rows
from pactwatch.nlp.sentences import ActorMention

POSSESSIVE = r"(?:['’`]s\b|['’](?=\s))?"
# A base alias must look like a name: letters, spaces, apostrophes, dots, hyphens; not a bare code.
NAME_LIKE = re.compile(r"[A-Z][\w'’.\- ]*[\w.]", re.UNICODE)
KNOWLEDGE = ("stop", "exclude", "given", "body", "title", "noplace")
SHOUTED_ALIASES = frozenset(("US", "UN", "AU"))
CALENDAR_WORDS = frozenset(calendar.day_name) | frozenset(calendar.month_name[1:]) | frozenset(calendar.month_abbr[1:])


@dataclass(frozen=True)
class Gazetteer:
    """Alias -> (code, how), display names, the compiled matcher and the context rules."""

    aliases: dict[str, tuple[str, str]]
    names: dict[str, str]
    pattern: re.Pattern[str]
    places: dict[str, str]
    place_pattern: re.Pattern[str]
    stops: re.Pattern[str] | None
    given: frozenset[str]
    title_after: re.Pattern[str]
    body_after: re.Pattern[str]


def _our_rows() -> tuple[list[tuple[str, str, list[str]]], dict[str, list[str]]]:
    """Rows of ``actors.tsv``: aliases (code, how, names) and knowledge lists by kind."""
    rows: list[tuple[str, str, list[str]]] = []
    knowledge: dict[str, list[str]] = {kind: [] for kind in KNOWLEDGE}
    for row in table_rows("actors.tsv"):
        code, how, alias_list = row.fields
        names = [a.strip() for a in alias_list.split("|") if a.strip()]
        if code == "-":
            knowledge[how].extend(names)
        else:
            rows.append((code, how, names))
    return rows, knowledge


def _countryinfo_entries() -> list[dict[str, Any]]:
    """countryinfo's records (capital, demonym, altSpellings, population), [] if not installed."""
    try:
        from countryinfo import CountryInfo
    except ImportError:  # the maintained base is optional; our table still covers the common states
        return []
    return list(CountryInfo("Azerbaijan").all().values())


def _base_aliases(excluded: set[str]) -> dict[str, tuple[str, str]]:
    """Aliases from the maintained sources; a name two states share goes to the more populous one."""
    aliases: dict[str, tuple[str, str]] = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name and "," not in name and "(" not in name:
                aliases[name] = (country.alpha_3, "name")
    claims: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for entry in _countryinfo_entries():
        code = (entry.get("ISO") or {}).get("alpha3") or ""
        if not pycountry.countries.get(alpha_3=code):
            continue
        population = int(entry.get("population") or 0)
        for how, names in _countryinfo_names(entry).items():
            for name in names:
                claims[name].append((population, code, how))
    for name, claimants in claims.items():
        if name not in aliases and NAME_LIKE.fullmatch(name) and not name.isupper():
            _, code, how = max(claimants)
            aliases[name] = (code, how)
    return {alias: hit for alias, hit in aliases.items() if alias not in excluded}


def _countryinfo_names(entry: dict[str, Any]) -> dict[str, list[str]]:
    demonym = entry.get("demonym") or ""
    demonyms = [demonym] if demonym else []
    if re.search(r"(?:an|i)$", demonym):
        demonyms.append(demonym + "s")  # "Azerbaijanis", "Americans"
    capital = entry.get("capital")
    capitals = [capital] if isinstance(capital, str) and capital else []
    spellings = [s for s in entry.get("altSpellings") or [] if " " in s]  # long forms, never 2-letter codes
    return {"demonym": demonyms, "capital": capitals, "name": spellings}


@cache
def gazetteer() -> Gazetteer:
    """Build once per process: the maintained bases first, then our additions override them."""
    rows, knowledge = _our_rows()
    aliases = _base_aliases(set(knowledge["exclude"]))
    names: dict[str, str] = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    display_set: set[str] = set()
    our_places: dict[str, str] = {}
    for code, how, alias_list in rows:
        if how == "place":
            our_places.update(dict.fromkeys(alias_list, code))
            continue
        for alias in alias_list:
            aliases[alias] = (code, how)
        if how == "org":
            names[code] = code
        elif how == "name" and code not in display_set:
            names[code] = alias_list[0]
            display_set.add(code)
    names["TUR"] = "Türkiye"
    pattern = re.compile(rf"(?<![\w$@])(?:the\s+)?({trie_regex(aliases)}){POSSESSIVE}(?![\w$@]|-\d)")
    stops = re.compile(trie_regex(knowledge["stop"])) if knowledge["stop"] else None
    title_after = _words_after(knowledge["title"])
    body_after = _words_after(knowledge["body"] + knowledge["title"])
    places = {**subdivision_places(set(aliases) | set(knowledge["noplace"]) | set(knowledge["given"])),
              **{name: code for name, code in our_places.items() if name not in aliases}}
    place_pattern = re.compile(rf"(?<![\w$@])(?:the\s+)?({trie_regex(places)})(?:\s+{PLACE_SUFFIX})?{POSSESSIVE}"
                               r"(?![\w$@]|-\d)")
    return Gazetteer(aliases, names, pattern, places, place_pattern, stops, frozenset(knowledge["given"]),
                     title_after, body_after)


# Places inside a state: an event there is located in that state, but a place is never a party.
# First-level subdivisions of these kinds only (districts, counties and municipalities are too many
# and too often common words or the names of towns elsewhere).
SUBDIVISION_TYPES = frozenset((
    "State", "Province", "Region", "Territory", "Prefecture", "Governorate", "Oblast", "Autonomous region",
    "Administrative region", "Republic", "Autonomous republic", "Special administrative region", "Union territory",
    "Autonomous province", "Federal district", "Autonomous community", "Emirate", "Metropolitan city", "City"))
PLACE_SUFFIX = r"(?:[Pp]rovince|[Rr]egion|[Oo]blast|[Ss]tate|[Pp]refecture|[Gg]overnorate|[Tt]erritory|[Cc]ity)\b"
# Romanisation tails English prose leaves off: "Guangdong Sheng" is "Guangdong", "Busan-gwangyeoksi" is "Busan".
ROMANISED_TAIL = re.compile(r"(?:\s+(?:Sheng|Shi)|-(?:do|si|gwangyeoksi|teukbyeolsi|teukbyeoljachido))$")
LOWER_WORDS_IN_NAMES = frozenset(("and", "of", "del", "de", "la", "el", "al", "the", "da", "do", "dos", "das"))


def subdivision_places(taken: set[str]) -> dict[str, str]:
    """ISO 3166-2 first-level subdivision names (English spelling, no diacritics) -> alpha-3 code.

    Left out: a name that is already a state's alias or on ``taken`` ("Georgia", "Washington"), one
    several states share ("Punjab"), one written in the local language ("Odeska oblast"), and a short
    single word, which is too often a common word or a surname.
    """
    claims: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.type not in SUBDIVISION_TYPES:
            continue
        name = ROMANISED_TAIL.sub("", _plain(sub.name))
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is not None and _english_name(name):
            claims[name].add(country.alpha_3)
    return {name: next(iter(codes)) for name, codes in sorted(claims.items())
            if len(codes) == 1 and name not in taken and (" " in name or len(name) >= 6)
            and not GENERIC_PLACE_WORDS.issuperset(name.replace("-", " ").split())}


def _plain(name: str) -> str:
    """'Mahārāshtra' -> 'Maharashtra': English prose writes these without diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _english_name(name: str) -> bool:
    """Capitalised words (connectives aside), letters only: no codes, commas, brackets or local-language
    generic words ("oblast", "avtonomnyy okrug")."""
    words = name.replace("-", " ").split()
    return bool(words) and all(w.isalpha() and w.isascii() and (w[0].isupper() or w in LOWER_WORDS_IN_NAMES)
                               for w in words) and words[0][0].isupper()


def trie_regex(words: list[str] | dict[str, Any]) -> str:
    """One alternation of ``words`` as a character trie, longest match first.

    Equivalent to joining the words longest first ("Papua New Guinea" before "Guinea"), since the
    words that match at one position are prefixes of one another and the trie tries the longer
    continuation before stopping; but the regex engine no longer tries 1,300 branches at every
    position, which made this the costliest regex of the pipeline (about 17x faster).

    >>> trie_regex(["Niger", "Nigeria", "Mali"])
    '(?:Mali|Niger(?:ia)?)'
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_branch(trie)


def _trie_branch(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie_branch(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _words_after(words: list[str]) -> re.Pattern[str]:
    """Matches right after a mention: optional capitalised qualifiers, then one of ``words``."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\s+(?:[A-Z][\w-]*\s+){{0,2}}?(?:{alternatives})\b")


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
# Compass and size words that make up many subdivision names ("Eastern Province", "Central Region"):
# a name of these words only says where in some state, not which state.
GENERIC_PLACE_WORDS = frozenset((
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower",
    "Far", "Province", "Region", "Coast", "Highlands", "Islands", "Territory", "Capital", "New", "Greater", "Mid",
    "Middle", "Interior", "Island", "Coastal", "Maritime", "Western", "Southwest", "Northwest", "Northeast",
    "Southeast", "North-Western", "North-West", "South-West", "Central-North"))


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


def resolve_actor(name: str) -> str | None:
    """A single name, demonym, capital or institution to its code, or None ("Ankara" -> "TUR")."""
    name = re.sub(r"['’`]s?$", "", name.strip())
    if name.lower().startswith("the "):
        name = name[4:]
    hit = gazetteer().aliases.get(name)
    return hit[0] if hit else None


def resolve_place(name: str) -> str | None:
    """The state a place inside it lies in ("Queensland" -> "AUS", "Busan" -> "KOR"), a state's own
    name or capital included; None when unknown."""
    name = re.sub(r"['’`]s?$", "", name.strip())
    if name.lower().startswith("the "):
        name = name[4:]
    places = gazetteer().places
    bare = re.sub(rf"\s+{PLACE_SUFFIX}$", "", name)
    return resolve_actor(name) or places.get(name) or places.get(bare) or resolve_actor(bare)


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


def actor_name(code: str) -> str:
    """Display name for a code ("TUR" -> "Türkiye"); the code itself when unknown."""
    return gazetteer().names.get(code, code)


@cache
def actor_kind(code: str) -> str:
    """'org' for organisations (codes that are not ISO alpha-3 country codes), else 'state'."""
    return "state" if pycountry.countries.get(alpha_3=code) else "org"
