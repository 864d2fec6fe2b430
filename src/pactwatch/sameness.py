"""Is this the same agreement? One module answers for extraction (two mentions in one article)
and for merging (records from several articles), on explicit features.

A pair is first checked for what rules identity out (different parties, stated domains that
differ, titles that name different things, signing dates that cannot be the same day); the pairs
that remain are scored on what they share (title or mention words, domain, signing date, the same
cluster of copies, recency), and the best score wins. Dates are compared at the precision known:
"2021" is compatible with "2021-04-15", "2021-04" is not with "2021-05-01".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
T = TypeVar("T")


def date_precision(value: Any) -> int:
    """3 for a day, 2 for a month, 1 for a year, 0 for anything else (None, text)."""
    if not isinstance(value, str) or not _ISO.match(value):
        return 0
    return value.count("-") + 1


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Unknown is compatible with anything; '2021' with '2021-04-15'; '2021-04' not with '2021-05-01'."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def date_refines(current: str | None, new: str | None) -> bool:
    """``new`` fills an empty date or says the same date more precisely ("2023" -> "2023-12")."""
    return bool(new) and (current is None or new != current and new.startswith(current))


def finer_date(kept: str | None, other: str | None) -> str | None:
    """The kept date, or the other where it fills it or says it more precisely."""
    return other if date_refines(kept, other) else kept


@dataclass(frozen=True)
class Features:
    """What is known of one side of a comparison. ``domain_stated``: the domain comes from the
    agreement's own words (a "trade agreement"), not from the sentence around it."""

    parties: frozenset[str]
    domain: str | None = None
    domain_stated: bool = False
    title_ok: bool = True  # the titles (where both have one) may name the same agreement
    signed: str | None = None
    words: frozenset[str] = field(default_factory=frozenset)


def ruled_out(a: Features, b: Features) -> str | None:
    """Why ``a`` and ``b`` cannot be one agreement, or None: the hard features."""
    if a.parties != b.parties:
        return "parties differ"
    if a.domain_stated and a.domain != b.domain or b.domain_stated and a.domain is not None and a.domain != b.domain:
        return "a stated domain differs"
    if not (a.title_ok and b.title_ok):
        return "titles name different agreements"
    if not dates_compatible(a.signed, b.signed):
        return "signed on different dates"
    return None


def affinity(a: Features, b: Features, *, same_cluster: bool = False) -> float:
    """How much ``a`` and ``b`` share, once nothing rules them out: the soft features, weighted."""
    score = 2.0 * same_cluster + 0.5 * (a.domain == b.domain)
    if a.words and b.words:
        score += len(a.words & b.words) / len(a.words | b.words)
    if a.signed and b.signed:
        score += 1.0 if a.signed == b.signed else 0.5
    return score


def best_match(mention: Features, candidates: Sequence[tuple[T, Features]],
               tie_break: Callable[[T], Any] = lambda _: 0) -> T | None:
    """The candidate that is most likely the mention's agreement: nothing rules it out, it shares
    the most, then ``tie_break`` (lower first; extraction passes recency)."""
    fitting = [(-affinity(mention, f), tie_break(item), n, item)
               for n, (item, f) in enumerate(candidates) if ruled_out(mention, f) is None]
    return min(fitting, key=lambda x: x[:3])[3] if fitting else None
