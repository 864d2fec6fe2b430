"""Query parameters shared by the pages and the API: the allowed values and their checks.

The API declares them as enums (so the OpenAPI document lists them); HTML forms send empty
strings for "any", so the pages read plain strings and check them here with the same lists.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Any

from fastapi import HTTPException

from pactwatch.facts import DOMAINS, EVENT_TYPES, PROVISIONS, STATUSES

SORT_KEYS = ("signed", "title", "domain", "status", "in_force", "independent_sources")
PAGE_SIZES = (25, 50, 100, 200)
MAX_LIMIT = 500

Domain = Enum("Domain", {d: d for d in DOMAINS}, type=str)  # type: ignore[misc]  # functional Enum API
Status = Enum("Status", {s: s for s in STATUSES}, type=str)  # type: ignore[misc]
Provision = Enum("Provision", {p: p for p in PROVISIONS}, type=str)  # type: ignore[misc]
EventType = Enum("EventType", {t: t for t in EVENT_TYPES}, type=str)  # type: ignore[misc]
SortKey = Enum("SortKey", {k: k for k in SORT_KEYS}, type=str)  # type: ignore[misc]

_ACTOR = re.compile(r"^[A-Z][A-Z0-9_-]{1,15}$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def value_of(member: Enum | None) -> str | None:
    """An enum parameter's string value (None stays None)."""
    return None if member is None else str(member.value)


def iso_day_only(value: Any) -> Any:
    """A date parameter as YYYY-MM-DD only (a ``BeforeValidator``): left to pydantic, "0" or
    "1700000000" would be read as Unix timestamps and answered for a day in 1970 or 2023."""
    if isinstance(value, str) and not _ISO_DAY.match(value):
        raise ValueError(f"{value[:40]!r} is not a date (YYYY-MM-DD)")
    return value


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    """``value`` if allowed, None if empty; otherwise 422 listing the allowed values."""
    if value is None or value == "":
        return None
    if value not in allowed:
        raise HTTPException(422, f"{name}: {value!r} is not one of {', '.join(allowed)}")
    return value


def day(name: str, value: str | None) -> str | None:
    """A full ISO date (YYYY-MM-DD) or None if empty; otherwise 422."""
    if value is None or value.strip() == "":
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def actor(name: str, value: str | None) -> str | None:
    """An actor code ("AZE", "NATO"), upper-cased; None if empty; otherwise 422."""
    if value is None or value.strip() == "":
        return None
    code = value.strip().upper()
    if not _ACTOR.match(code):
        raise HTTPException(422, f"{name}: {value!r} is not an actor code (ISO alpha-3 such as AZE, or NATO)")
    return code


def text(value: str | None, max_length: int = 200) -> str | None:
    """Free text, stripped; None if empty; 422 if longer than ``max_length``."""
    if value is None or value.strip() == "":
        return None
    if len(value) > max_length:
        raise HTTPException(422, f"q: at most {max_length} characters")
    return value.strip()


def number(name: str, value: str | None, default: int, low: int, high: int) -> int:
    """An integer in [low, high], the default if empty; otherwise 422."""
    if value is None or value.strip() == "":
        return default
    try:
        n = int(value)
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a whole number") from None
    if not low <= n <= high:
        raise HTTPException(422, f"{name}: {n} is not between {low} and {high}")
    return n
