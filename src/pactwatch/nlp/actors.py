"""Resolve states and organisations named in text to codes (ISO alpha-3, or an org's short name).

The gazetteer is pycountry's country names plus our own aliases in ``data/actors.tsv``
(demonyms, capitals used as metonyms, institutions, organisations). One compiled regex scans a
sentence in microseconds; it is case-sensitive (names are capitalised) and longest-match first,
so "Papua New Guinea" wins over "Guinea" and "South Korean" over "Korean".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry

from pactwatch.nlp.sentences import ActorMention

POSSESSIVE = r"(?:['’`]s\b|['’](?=\s))?"


@dataclass(frozen=True)
class Gazetteer:
    """Alias -> (code, how), the compiled matcher, and the stop phrases that hide a match."""

    aliases: dict[str, tuple[str, str]]
    names: dict[str, str]
    pattern: re.Pattern[str]
    stops: re.Pattern[str] | None


def _data_lines(name: str) -> list[str]:
    text = resources.files("pactwatch.data").joinpath(name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def gazetteer() -> Gazetteer:
    """Build once per process: pycountry names first, then our additions override them."""
    aliases: dict[str, tuple[str, str]] = {}
    names: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        names[code] = getattr(country, "common_name", None) or country.name
        for name in {country.name, getattr(country, "common_name", None)}:
            if name and "," not in name and "(" not in name:
                aliases[name] = (code, "name")
    for line in _data_lines("actors.tsv"):
        code, how, alias_list = line.split("\t")
        for alias in alias_list.split("|"):
            aliases[alias.strip()] = (code, how)
        if how == "org":
            names[code] = code
        elif how == "name":
            names.setdefault(code, alias_list.split("|")[0])
    names.update({"TUR": "Türkiye", "USA": "United States", "GBR": "United Kingdom", "RUS": "Russia",
                  "IRN": "Iran", "KOR": "South Korea", "PRK": "North Korea", "SYR": "Syria"})
    ordered = sorted(aliases, key=len, reverse=True)
    body = "|".join(re.escape(a) for a in ordered)
    pattern = re.compile(rf"(?<![\w$])(?:the\s+)?({body}){POSSESSIVE}(?![\w$@-])")
    stops_list = _data_lines("actor_stops.txt")
    stops = re.compile("|".join(re.escape(s) for s in stops_list)) if stops_list else None
    return Gazetteer(aliases, names, pattern, stops)


def find_actors(text: str, offset: int = 0) -> list[ActorMention]:
    """Every state or organisation mention in ``text``; offsets are ``offset`` + position."""
    gaz = gazetteer()
    hidden = [(m.start(), m.end()) for m in gaz.stops.finditer(text)] if gaz.stops else []
    found: list[ActorMention] = []
    for match in gaz.pattern.finditer(text):
        start, end = match.span(1)
        if any(s <= start < e for s, e in hidden):
            continue
        alias = match.group(1)
        if alias in ("US", "UN") and _is_shouting(text):
            continue
        code, how = gaz.aliases[alias]
        kind = "org" if how == "org" else "state"
        found.append(ActorMention(code, offset + start, offset + end, alias, kind, how))
    return found


def _is_shouting(text: str) -> bool:
    """A sentence in capitals makes 'US'/'UN' unreliable ('LET US', 'UN-')."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def resolve_actor(name: str) -> str | None:
    """A single name, demonym, capital or institution to its code, or None."""
    name = re.sub(r"['’`]s$", "", name.strip())
    if name.lower().startswith("the "):
        name = name[4:]
    hit = gazetteer().aliases.get(name)
    return hit[0] if hit else None


def actor_name(code: str) -> str:
    """Display name for a code ("TUR" -> "Türkiye"); the code itself when unknown."""
    return gazetteer().names.get(code, code)


def actor_kind(code: str) -> str:
    """'org' for organisations (codes that are not ISO alpha-3 country codes), else 'state'."""
    return "state" if pycountry.countries.get(alpha_3=code) else "org"
