"""An agreement's lifecycle on a given date: in force or not, term end, renewal, notice deadline.

Pure functions over dates. Partial dates ("2021", "2021-04") are read as their earliest day and the
result is marked approximate, because a term computed from a month is only known to the month.
Where no start date is known (no entry into force, nothing else to anchor the term) the answer
says so instead of guessing.

Worked example (the rule of SCHEMA.md's kind): in force 2021-04-06, valid five years, renewed
automatically for one-year periods, notice three months before a term ends. As of 2026-11-22
the first term ended 2026-04-06, the current renewal period ends 2027-04-06, and notice must be
given by 2027-01-06 to stop the next renewal.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

ENDED = ("expired", "terminated", "rejected")


@dataclass
class Lifecycle:
    in_force_as_of: bool | None
    reason: str
    term_start: str | None = None
    term_ends: str | None = None
    next_renewal: str | None = None
    notice_deadline: str | None = None
    approximate: bool = False
    milestones: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"in_force_as_of": self.in_force_as_of, "reason": self.reason, "term_start": self.term_start,
                "term_ends": self.term_ends, "next_renewal": self.next_renewal,
                "notice_deadline": self.notice_deadline, "approximate": self.approximate,
                "milestones": self.milestones}


def parse_partial(value: str | None) -> tuple[date | None, bool]:
    """'2021-04-06' -> (date, exact); '2021-04' -> (2021-04-01, approximate); None -> (None, False)."""
    if not value:
        return None, False
    parts = [int(p) for p in str(value).split("-")[:3]]
    try:
        if len(parts) == 3:
            return date(*parts), False
        if len(parts) == 2:
            return date(parts[0], parts[1], 1), True
        return date(parts[0], 1, 1), True
    except ValueError:
        return None, False


def add_months(day: date, months: int) -> date:
    """Calendar month arithmetic with end-of-month clamping (Jan 31 + 1 month = Feb 28/29)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: float) -> date:
    return add_months(day, int(round(years * 12)))


def compute_lifecycle(
    *, signed: str | None = None, ratified: dict[str, str | None] | None = None, in_force: str | None = None,
    duration_years: float | None = None, renewal: dict[str, Any] | None = None,
    termination_notice_months: float | None = None, status: str | None = None, as_of: date,
) -> Lifecycle:
    """Where the agreement stands on ``as_of``, and why."""
    milestones = _milestones(signed, ratified or {}, in_force)
    if status in ENDED:
        return Lifecycle(False, f"reported {status}", milestones=milestones)
    start, approx = parse_partial(in_force)
    if start is None:
        if status == "in_force":
            return Lifecycle(True, "reported in force, but no entry-into-force date is known, so the term "
                                   "cannot be computed", milestones=milestones)
        known = "signed" if signed else "no signature date"
        return Lifecycle(None, f"no entry-into-force date known ({known}; status {status or 'unknown'})",
                         milestones=milestones)
    if start > as_of:
        return Lifecycle(False, f"enters into force on {start.isoformat()}", term_start=start.isoformat(),
                         approximate=approx, milestones=milestones)
    if not duration_years:
        return Lifecycle(True, f"in force since {start.isoformat()}; no fixed term", term_start=start.isoformat(),
                         approximate=approx, milestones=milestones)
    return _term_arithmetic(start, approx, duration_years, renewal, termination_notice_months, as_of, milestones)


def _term_arithmetic(start: date, approx: bool, duration: float, renewal: dict[str, Any] | None,
                     notice: float | None, as_of: date, milestones: list[dict[str, Any]]) -> Lifecycle:
    first_end = add_years(start, duration)
    milestones.append({"date": first_end.isoformat(), "kind": "term_end", "label": "initial term ends"})
    automatic = bool(renewal and renewal.get("automatic"))
    period = (renewal or {}).get("period_years") or (duration if automatic else None)
    if as_of < first_end:
        term_end, note = first_end, f"in force since {start.isoformat()}; initial term of {_years(duration)} ends"
    elif automatic and period:
        term_end = first_end
        while term_end <= as_of:
            term_end = add_years(term_end, period)
        note = (f"in force since {start.isoformat()}; initial term of {_years(duration)} ended "
                f"{first_end.isoformat()}; renewed automatically for {_years(period)} periods; current period ends")
    else:
        return Lifecycle(False, f"initial term of {_years(duration)} from {start.isoformat()} ended "
                                f"{first_end.isoformat()} and no automatic renewal is known",
                         term_start=start.isoformat(), term_ends=first_end.isoformat(), approximate=approx,
                         milestones=milestones)
    deadline = add_months(term_end, -int(round(notice))) if notice and automatic else None
    if deadline:
        milestones.append({"date": deadline.isoformat(), "kind": "notice_deadline",
                           "label": f"last day to give {_months(notice)} notice"})
    if automatic:
        milestones.append({"date": term_end.isoformat(), "kind": "renewal", "label": "next automatic renewal"})
    return Lifecycle(True, f"{note} {term_end.isoformat()}", term_start=start.isoformat(),
                     term_ends=term_end.isoformat(), next_renewal=term_end.isoformat() if automatic else None,
                     notice_deadline=deadline.isoformat() if deadline else None, approximate=approx,
                     milestones=milestones)


def _milestones(signed: str | None, ratified: dict[str, str | None], in_force: str | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if signed:
        out.append({"date": signed, "kind": "signed", "label": "signed"})
    for party, day in sorted(ratified.items()):
        if day:
            out.append({"date": day, "kind": "ratified", "label": f"ratified by {party}", "party": party})
    if in_force:
        out.append({"date": in_force, "kind": "in_force", "label": "entered into force"})
    return out


def _years(value: float) -> str:
    return f"{value:g} year" + ("" if value == 1 else "s")


def _months(value: float) -> str:
    return f"{value:g} month" + ("" if value == 1 else "s") + "'"
