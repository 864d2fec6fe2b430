"""The gazetteer: which code a state or organisation name, demonym, capital or place stands for.

Shared by every layer that names actors: the reader resolves a dateline's place to its state, the
extractor (``pactwatch.nlp.actors``) scans sentences with its compiled patterns, and the store and
the web show display names. It lives outside ``nlp`` so that reading and serving need not import
the extractor; it holds lookups only, and finding mentions in running text stays in ``nlp.actors``.

The gazetteer stacks three sources: pycountry's ISO 3166-1 names, countryinfo's capitals, demonyms
and alternative spellings, and our own knowledge in ``data/actors.tsv`` (aliases such as "Turkey",
"Azeri", institutions, organisations, plus stop phrases, exclusions, given names and title words).

>>> resolve_actor("Ankara"), actor_name("TUR"), actor_kind("NATO")
('TUR', 'Türkiye', 'org')
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry

from pactwatch.data_files import table_rows

POSSESSIVE = r"(?:['’`]s\b|['’](?=\s))?"
# A base alias must look like a name: letters, spaces, apostrophes, dots, hyphens; not a bare code.
NAME_LIKE = re.compile(r"[A-Z][\w'’.\- ]*[\w.]", re.UNICODE)
KNOWLEDGE = ("stop", "exclude", "given", "body", "title", "noplace")


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
# Compass and size words that make up many subdivision names ("Eastern Province", "Central Region"):
# a name of these words only says where in some state, not which state.
GENERIC_PLACE_WORDS = frozenset((
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower",
    "Far", "Province", "Region", "Coast", "Highlands", "Islands", "Territory", "Capital", "New", "Greater", "Mid",
    "Middle", "Interior", "Island", "Coastal", "Maritime", "Western", "Southwest", "Northwest", "Northeast",
    "Southeast", "North-Western", "North-West", "South-West", "Central-North"))


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


def actor_name(code: str) -> str:
    """Display name for a code ("TUR" -> "Türkiye"); the code itself when unknown."""
    return gazetteer().names.get(code, code)


@cache
def actor_kind(code: str) -> str:
    """'org' for organisations (codes that are not ISO alpha-3 country codes), else 'state'."""
    return "state" if pycountry.countries.get(alpha_3=code) else "org"


# --- codes a person typed (--party, watch.toml's party) -------------------------------------------------

MAX_SUGGESTIONS = 3


@cache
def actor_codes() -> frozenset[str]:
    """Every code the gazetteer can give a party: ISO 3166 alpha-3 states and organisations."""
    found = gazetteer()
    return frozenset(found.names) | frozenset(code for code, _ in found.aliases.values())


@cache
def _names_lowercase() -> dict[str, str]:
    """Lower-cased alias -> code, for case-blind lookups and near misses of names."""
    return {alias.lower(): code for alias, (code, _) in gazetteer().aliases.items()}


def suggest_codes(value: str) -> list[str]:
    """The codes ``value`` most likely meant, best first, at most ``MAX_SUGGESTIONS``: a name, demonym
    or capital the gazetteer knows ("Azerbaijan", "Azeri", "Baku" -> AZE), the same code in other
    case ("aze"), or near misses of codes and names ("AZR", "Azerbajan")."""
    names = _names_lowercase()
    wanted = value.strip()
    found: list[str] = []
    if wanted.upper() in actor_codes():
        found.append(wanted.upper())
    if wanted.lower() in names:
        found.append(names[wanted.lower()])
    if not found:
        close = difflib.get_close_matches(wanted.upper(), sorted(actor_codes()), n=MAX_SUGGESTIONS, cutoff=0.6)
        found += sorted(close, key=lambda code: -_shared_prefix(code, wanted.upper()))  # "AZR": AZE before KAZ
        found += [names[name] for name in difflib.get_close_matches(wanted.lower(), sorted(names), n=MAX_SUGGESTIONS,
                                                                     cutoff=0.8)]
    return list(dict.fromkeys(found))[:MAX_SUGGESTIONS]


def _shared_prefix(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def unknown_code_hint(value: str) -> str:
    """What to say of a value that is not an actor code: "did you mean AZE (Azerbaijan)?", or how
    codes look when nothing is close."""
    suggestions = suggest_codes(value)
    if not suggestions:
        return "use an ISO 3166 three-letter code (AZE, TUR) or an organisation's (NATO, EU)"
    named = [code if actor_name(code) == code else f"{code} ({actor_name(code)})" for code in suggestions]
    return "did you mean " + (named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}") + "?"
