"""Calendar arithmetic on ISO dates at any precision, shared by extraction and the lifecycle.

Extraction computes an end from a notice day and its period ("gave notice on 2 May 2023 ... twelve
months' notice") with the same arithmetic the lifecycle uses for terms, so both live here, below
both layers.
"""

from __future__ import annotations

import calendar
from datetime import date


def date_bounds(value: str | date | None) -> tuple[date, date] | None:
    """The first and last day an ISO date at any precision allows; None if absent or invalid.

    >>> date_bounds("2021-02")
    (datetime.date(2021, 2, 1), datetime.date(2021, 2, 28))
    """
    if isinstance(value, date):
        return value, value
    if not value or not isinstance(value, str):
        return None
    try:
        parts = [int(p) for p in value.strip().split("-")[:3]]
        if len(parts) == 3:
            day = date(*parts)
            return day, day
        if len(parts) == 2:
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(*parts)[1])
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except (ValueError, TypeError, OverflowError):
        return None


def add_months(day: date, months: int) -> date:
    """Calendar month arithmetic with end-of-month clamping (Jan 31 + 1 month = Feb 28/29)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    if not 1 <= year <= 9999:
        raise OverflowError(f"{day} + {months} months leaves the calendar")
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_day(name: str, value: date | str | None) -> str | None:
    """A full ISO day (``YYYY-MM-DD``) as a string, None for nothing; ValueError naming ``name``
    otherwise. The one check of a day a caller gives (an ``as_of``, a diff's ends)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValueError(f"{name} {value!r} is not a date: use YYYY-MM-DD") from None
