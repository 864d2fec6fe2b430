"""Agreement, status, domain, legislature and provision lexicons, read once from data files."""

from __future__ import annotations

import re
from functools import cache

from pactwatch.data_files import table_rows


@cache
def agreement_terms() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """kind -> [(value, pattern)] from ``data/agreement_terms.tsv``, in file order."""
    terms: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for row in table_rows("agreement_terms.tsv"):
        kind, value, _ = row.fields
        terms.setdefault(kind, []).append((value, row.pattern))
    return terms


@cache
def provision_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(code, pattern) from ``data/provisions.tsv``."""
    return [(row.fields[0], row.pattern) for row in table_rows("provisions.tsv")]


def head_kind(word: str) -> str | None:
    """'generic' or 'accession' when ``word`` (lowercased) names an agreement, else None."""
    for value, rx in agreement_terms()["head"]:
        if rx.fullmatch(word):
            return value
    return None


def first_value(kind: str, text: str) -> str | None:
    """The first value of ``kind`` whose pattern occurs in ``text`` (lowercased)."""
    for value, rx in agreement_terms()[kind]:
        if rx.search(text):
            return value
    return None


def all_values(kind: str, text: str) -> list[str]:
    return [value for value, rx in agreement_terms()[kind] if rx.search(text)]


def is_legislature(word: str) -> bool:
    return any(rx.search(word) for _, rx in agreement_terms()["legislature"])


def has_term(kind: str, value: str, text: str) -> bool:
    """True when a ``kind`` row with ``value`` matches ``text`` (lowercased)."""
    return any(v == value and rx.search(text) for v, rx in agreement_terms()[kind])


def is_group_noun(word: str) -> bool:
    """'sides' in "the two sides": a plural noun standing for states just named."""
    return any(rx.fullmatch(word) for _, rx in agreement_terms()["group"])


def specific_head(word: str) -> str | None:
    """The kind of document a specific head names ("mou" -> "memorandum"), None for words any
    agreement goes by ("agreement", "deal", "pact")."""
    for value, rx in agreement_terms()["specific_head"]:
        if rx.fullmatch(word):
            return value
    return None
