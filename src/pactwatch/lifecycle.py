"""An agreement's lifecycle on a given date: in force or not, term end, renewal, notice deadline.

Pure functions over plain values (ISO date strings, numbers); the caller attaches each input's
sources. Partial dates ("2021", "2021-04") are read as the range of days they allow: the term is
computed from the range's first day and marked ``approximate``, and where the answer to "in force
on as_of?" differs between the first and the last possible day, the answer is ``None`` with the
reason, never a guess. Where no entry into force is known the answer says so instead of guessing.

An agreement that ceased to have effect on a known day (``ended``) is in force until that day, not on
it or after: on an earlier date it is judged as if it had not ended (a treaty terminated in 2024 bound
its parties in 2019). Without that day, an ended status (expired, terminated, rejected) is "not in
force" on every date.

Years are counted in calendar months (``round(years * 12)``), so 1.5 years is 18 months; a month
added to the 31st lands on the month's last day (2024-01-31 + 1 month = 2024-02-29).

Worked example (the rule of SCHEMA.md's kind): in force 2021-04-06, valid five years, renewed
automatically for one-year periods, notice three months before a term ends. As of 2026-11-22
the first term ended 2026-04-06, the current renewal period ends 2027-04-06, and notice must be
given by 2027-01-06 to stop the next renewal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pactwatch.calendar_days import add_months, date_bounds

ENDED = ("expired", "terminated", "rejected")
MILESTONE_ORDER = ("signed", "ratified", "in_force", "term_end", "notice_deadline", "renewal", "ended")


@dataclass
class Lifecycle:
    """Where an agreement stands on one day, and the sentence that says why."""

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
    bounds = date_bounds(value)
    if bounds is None:
        return None, False
    return bounds[0], bounds[0] != bounds[1]


def years_to_months(years: float) -> int:
    """A term in years as whole calendar months (1.5 -> 18, 0.25 -> 3)."""
    return int(round(float(years) * 12))


def add_years(day: date, years: float) -> date:
    return add_months(day, years_to_months(years))


def compute_lifecycle(
    signed: str | None = None, ratified: dict[str, str | None] | None = None, in_force: str | None = None,
    duration_years: float | None = None, renewal: Any = None, termination_notice_months: float | None = None,
    status: str | None = None, as_of: date | str | None = None, ended: str | None = None,
) -> Lifecycle:
    """Where the agreement stands on ``as_of``, and why. Never raises on odd inputs; ``as_of`` is required.

    ``renewal`` is ``{"automatic": bool, "period_years": number|None}``, a ``facts.Renewal`` or None.
    ``ended`` is the day it ceased to have effect (any precision; an invalid value counts as unknown).
    """
    day = _as_of_day(as_of)
    rule = _Rule.build(duration_years, renewal, termination_notice_months)
    milestones = _input_milestones(signed, ratified or {}, in_force)
    end = date_bounds(ended)
    if end is not None and ended:
        return _with_end(_running(signed, in_force, rule, status, day, milestones),
                         ended, end, in_force, day)
    if status in ENDED:
        return _ended(status, in_force, milestones)
    return _running(signed, in_force, rule, status, day, milestones)


def _with_end(life: Lifecycle, ended: str, end: tuple[date, date], in_force: str | None, day: date) -> Lifecycle:
    """The running agreement's answer cut at the day it ceased to have effect: not in force on or after
    it; where that day is known only to a month or year that contains ``day``, unknown unless it was
    not in force anyway. Term dates computed for after the end are dropped."""
    after_end = [m for m in life.milestones if m["kind"] in ("term_end", "renewal", "notice_deadline")
                 and (bounds := date_bounds(m["date"])) is not None and bounds[0] >= end[0]]
    milestones = [m for m in life.milestones if m not in after_end]
    milestones.append({"date": ended, "kind": "ended", "label": "ceased to have effect"})
    if day >= end[1]:
        return Lifecycle(False, f"ceased to have effect {_on(ended)}{_had_started(in_force)}; not in force",
                         term_start=in_force, milestones=_sorted_milestones(milestones))
    if day >= end[0] and life.in_force_as_of is not False:
        life.in_force_as_of = None
        life.reason = (f"{life.reason}; it ceased to have effect in {ended}, on a day no source gives, so whether "
                       f"it was still in force on {day.isoformat()} is unknown")
    elif life.in_force_as_of is True:
        life.reason = f"{life.reason}; in force until it ceased to have effect {_on(ended)}"
    else:
        life.reason = f"{life.reason}; it ceased to have effect {_on(ended)}"
    if life.next_renewal and life.next_renewal >= end[0].isoformat():
        life.next_renewal = life.notice_deadline = None  # it ends before it could renew
    life.milestones = _sorted_milestones(milestones)
    return life


def _running(signed: str | None, in_force: str | None, rule: _Rule, status: str | None, day: date,
             milestones: list[dict[str, Any]]) -> Lifecycle:
    """The lifecycle on ``day`` of an agreement not ended (or ended only after ``day``)."""
    start = date_bounds(in_force)
    if start is None:
        return _without_start(signed, status, rule, day, milestones)
    first, last = (_evaluate(s, rule, day) for s in start)
    life = first if first.in_force_as_of == last.in_force_as_of else _undecided(first, in_force or "", day)
    if start[0] != start[1]:
        life.approximate = True
        life.reason = f"{life.reason} (entry into force known only to {in_force}; dates counted from its first day)"
    life.milestones = _sorted_milestones(milestones + life.milestones)
    return life


@dataclass
class _Rule:
    """The term rule in months: initial term, renewal period, notice; and whether rounding was needed."""

    term_months: int | None
    automatic: bool
    period_months: int | None
    notice_months: int | None
    inexact: bool
    words: str

    @classmethod
    def build(cls, duration_years: Any, renewal: Any, notice: Any) -> _Rule:
        automatic, period = _renewal_parts(renewal)
        term, period_m, notice_m = _months(duration_years, 12), _months(period, 12), _months(notice, 1)
        words = ""
        if term is None and automatic and period_m:
            term, words = period_m, "no initial term stated, so the renewal period is taken as the first term; "
        inexact = any(_months_inexact(v, k) for v, k in ((duration_years, 12), (period, 12), (notice, 1)))
        return cls(term, automatic, period_m or (term if automatic else None), notice_m, inexact, words)


def _evaluate(start: date, rule: _Rule, day: date) -> Lifecycle:
    """The lifecycle for one exact entry-into-force day."""
    since = f"entered into force {start.isoformat()}"
    if day < start:
        return Lifecycle(False, f"not yet in force: enters into force {start.isoformat()}",
                         term_start=start.isoformat())
    if not rule.term_months:
        notice = f"; a party may end it with {_plural(rule.notice_months, 'month')}' notice" \
            if rule.notice_months else ""
        return Lifecycle(True, f"{since}; no fixed term known{notice}", term_start=start.isoformat())
    try:
        return _term_arithmetic(start, rule, day, since)
    except OverflowError:
        return Lifecycle(True, f"{since}; its term runs past the calendar's end", term_start=start.isoformat())


def _term_arithmetic(start: date, rule: _Rule, day: date, since: str) -> Lifecycle:
    term = rule.term_months or 0
    first_end = add_months(start, term)
    initial = f"initial term of {_plural(term / 12, 'year')}"
    milestones = [{"date": first_end.isoformat(), "kind": "term_end", "label": "initial term ends"}]
    if day < first_end:
        term_end, text = first_end, f"{since}; {rule.words}{initial} ends {first_end.isoformat()}"
    elif rule.automatic and rule.period_months:
        periods = _periods_elapsed(start, term, rule.period_months, day)
        term_end = add_months(start, term + periods * rule.period_months)
        text = (f"{since}; {rule.words}{initial} ended {first_end.isoformat()}; renewed automatically for "
                f"{_hyphened(rule.period_months / 12, 'year')} periods; current period ends {term_end.isoformat()}")
    else:
        how = "renewal is not automatic" if rule.period_months or not rule.automatic else "no renewal period is known"
        return Lifecycle(False, f"{since}; {initial} ended {first_end.isoformat()}; {how} and no renewal is reported",
                         term_start=start.isoformat(), term_ends=first_end.isoformat(),
                         approximate=rule.inexact, milestones=milestones)
    return _renewal_outcome(start, rule, day, term_end, text, milestones)


def _renewal_outcome(start: date, rule: _Rule, day: date, term_end: date, text: str,
                     milestones: list[dict[str, Any]]) -> Lifecycle:
    """Add the renewal and notice deadline of the current term to a running agreement's answer."""
    deadline = None
    if rule.automatic:
        text += "; renews automatically then"
        if term_end.isoformat() != milestones[0]["date"]:
            milestones.append({"date": term_end.isoformat(), "kind": "term_end", "label": "current period ends"})
        milestones.append({"date": term_end.isoformat(), "kind": "renewal", "label": "next automatic renewal"})
        if rule.notice_months:
            deadline = add_months(term_end, -rule.notice_months)
            text += f"; notice ({_plural(rule.notice_months, 'month')}) is due by {deadline.isoformat()}"
            if deadline < day:
                text += " and has passed, so it will renew"
            milestones.append({"date": deadline.isoformat(), "kind": "notice_deadline",
                               "label": f"last day to give {_plural(rule.notice_months, 'month')}' notice"})
    elif rule.period_months:
        text += f"; may be renewed by agreement for {_hyphened(rule.period_months / 12, 'year')} periods"
    return Lifecycle(True, text, term_start=start.isoformat(), term_ends=term_end.isoformat(),
                     next_renewal=term_end.isoformat() if rule.automatic else None,
                     notice_deadline=deadline.isoformat() if deadline else None,
                     approximate=rule.inexact, milestones=milestones)


def _periods_elapsed(start: date, term: int, period: int, day: date) -> int:
    """How many renewal periods have begun by ``day`` (at least 1, since the first term has ended)."""
    months_since = (day.year - start.year) * 12 + day.month - start.month - term
    periods = max(1, months_since // period)
    while periods > 1 and add_months(start, term + (periods - 1) * period) > day:
        periods -= 1
    while add_months(start, term + periods * period) <= day:
        periods += 1
    return periods


def _undecided(first: Lifecycle, in_force: str, day: date) -> Lifecycle:
    """Entry into force known only to a month or year, and the answer on ``day`` depends on which day."""
    first.in_force_as_of = None
    first.reason = (f"entered into force in {in_force}; whether it is in force on {day.isoformat()} depends on "
                    f"the day, which no source gives; counted from the first possible day: {first.reason}")
    return first


def _without_start(signed: str | None, status: str | None, rule: _Rule, day: date,
                   milestones: list[dict[str, Any]]) -> Lifecycle:
    """No entry-into-force date: say what is known, never guess a start."""
    sign = date_bounds(signed)
    if sign is not None and day < sign[0]:
        return Lifecycle(False, f"not yet signed on {day.isoformat()} (signed {signed})",
                         milestones=_sorted_milestones(milestones))
    term = f"; its {_hyphened(rule.term_months / 12, 'year')} term cannot be placed" if rule.term_months else ""
    if status == "in_force":
        return Lifecycle(True, f"reported in force, but no start date known, so term, renewal and notice dates "
                               f"cannot be computed{term}", milestones=_sorted_milestones(milestones))
    known = f"signed {signed}" if signed else "no signature date"
    return Lifecycle(None, f"no entry-into-force date known ({known}; status {status or 'unknown'}){term}",
                     milestones=_sorted_milestones(milestones))


def _ended(status: str, in_force: str | None, milestones: list[dict[str, Any]]) -> Lifecycle:
    return Lifecycle(False, f"reported {status}{_had_started(in_force)}; not in force", term_start=in_force,
                     milestones=_sorted_milestones(milestones))


def _had_started(in_force: str | None) -> str:
    return f" (had entered into force {in_force})" if in_force else ""


def _on(value: str) -> str:
    """'on 2024-05-02', 'in 2024-05', 'in 2024': a day is 'on', a month or year 'in'."""
    return f"on {value}" if len(value) == 10 else f"in {value}"


def _input_milestones(signed: str | None, ratified: dict[str, str | None],
                      in_force: str | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if signed:
        out.append({"date": signed, "kind": "signed", "label": "signed"})
    for party, day in sorted(ratified.items()):
        if day:
            out.append({"date": day, "kind": "ratified", "label": f"ratified by {party}", "party": party})
    if in_force:
        out.append({"date": in_force, "kind": "in_force", "label": "entered into force"})
    return out


def _sorted_milestones(milestones: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """By date (partial dates sort before the days they contain), then in lifecycle order."""
    return sorted(milestones, key=lambda m: (str(m["date"]), MILESTONE_ORDER.index(m["kind"]), m.get("party", "")))


def _as_of_day(as_of: date | str | None) -> date:
    if isinstance(as_of, date):
        return as_of
    bounds = date_bounds(as_of)
    if bounds is None or bounds[0] != bounds[1]:
        raise ValueError(f"as_of must be a date or an ISO day like 2026-11-22, not {as_of!r}")
    return bounds[0]


def _renewal_parts(renewal: Any) -> tuple[bool, Any]:
    if renewal is None:
        return False, None
    if isinstance(renewal, dict):
        return bool(renewal.get("automatic")), renewal.get("period_years")
    return bool(getattr(renewal, "automatic", False)), getattr(renewal, "period_years", None)


def _months(value: Any, per_unit: int) -> int | None:
    """A positive amount of years (per_unit 12) or months (1) as whole months; None if absent or unusable."""
    try:
        months = int(round(float(value) * per_unit))
    except (TypeError, ValueError, OverflowError):
        return None
    return months if 0 < months < 12 * 1000 else None


def _months_inexact(value: Any, per_unit: int) -> bool:
    months = _months(value, per_unit)
    return months is not None and abs(float(value) * per_unit - months) > 1e-9


def _plural(value: float | None, unit: str) -> str:
    value = float(value or 0)
    return f"{value:g} {unit}" + ("" if value == 1 else "s")


def _hyphened(value: float, unit: str) -> str:
    """As an adjective: '1-year periods', '10-year term'."""
    return f"{float(value):g}-{unit}"
