"""Actor codes given on the command line: checked against the gazetteer, with a suggestion when wrong.

The store matches ``--party`` exactly, so ``--party Azerbaijan`` or ``--party aze`` would quietly
list nothing. A value that is not a code is refused, naming the code(s) it most likely meant:
a name, demonym or capital the gazetteer knows ("Azerbaijan", "Azeri", "Baku" -> AZE), the same
code in other case ("aze" -> AZE), or near misses of codes and names ("AZR", "Azerbajan" -> AZE).
"""

from __future__ import annotations

import difflib
from functools import cache

MAX_SUGGESTIONS = 3


@cache
def actor_codes() -> frozenset[str]:
    """Every code the gazetteer can give a party: ISO 3166 alpha-3 states and organisations."""
    from pactwatch.gazetteer import gazetteer

    found = gazetteer()
    return frozenset(found.names) | frozenset(code for code, _ in found.aliases.values())


@cache
def _names_lowercase() -> dict[str, str]:
    """Lower-cased alias -> code, for case-blind lookups and near misses of names."""
    from pactwatch.gazetteer import gazetteer

    return {alias.lower(): code for alias, (code, _) in gazetteer().aliases.items()}


def check_actor_code(option: str, value: str | None) -> str | None:
    """``value`` when it is an actor code (or None); else ValueError that suggests the likely code.

    >>> check_actor_code("--party", "Azerbaijan")
    Traceback (most recent call last):
    ...
    ValueError: --party 'Azerbaijan' is not an actor code; did you mean AZE (Azerbaijan)?
    """
    if value is None or value in actor_codes():
        return value
    suggestions = suggest_codes(value)
    if suggestions:
        raise ValueError(f"{option} {value!r} is not an actor code; did you mean {_or_list(suggestions)}?")
    raise ValueError(f"{option} {value!r} is not an actor code: use an ISO 3166 three-letter code (AZE, TUR) "
                     "or an organisation's (NATO, EU)")


def suggest_codes(value: str) -> list[str]:
    """The codes ``value`` most likely meant, best first, at most ``MAX_SUGGESTIONS``."""
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


def _or_list(codes: list[str]) -> str:
    """"AZE (Azerbaijan)", "AZE (Azerbaijan) or ARE (United Arab Emirates)", ..."""
    from pactwatch.gazetteer import actor_name

    named = [code if actor_name(code) == code else f"{code} ({actor_name(code)})" for code in codes]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}"
