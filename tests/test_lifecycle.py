"""Lifecycle arithmetic, each case worked by hand in its docstring."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from pactwatch.lifecycle import add_months, compute_lifecycle


def test_five_years_then_yearly_automatic_renewal_with_three_months_notice() -> None:
    """In force 2021-04-06 + 5 years = 2026-04-06; renewed yearly -> current period ends 2027-04-06;
    notice 3 months before -> 2027-01-06."""
    life = compute_lifecycle(in_force="2021-04-06", duration_years=5, renewal={"automatic": True, "period_years": 1},
                             termination_notice_months=3, status="in_force", as_of=date(2026, 11, 22))
    assert life.in_force_as_of is True
    assert (life.term_ends, life.next_renewal, life.notice_deadline) == ("2027-04-06", "2027-04-06", "2027-01-06")


def test_within_the_first_term() -> None:
    """In force 2025-04-01 + 10 years = 2035-04-01, renewing for 10 years; no notice rule."""
    life = compute_lifecycle(in_force="2025-04-01", duration_years=10, renewal={"automatic": True, "period_years": 10},
                             as_of=date(2026, 11, 22))
    assert (life.in_force_as_of, life.term_ends, life.notice_deadline) == (True, "2035-04-01", None)


def test_fixed_term_without_renewal_has_ended() -> None:
    life = compute_lifecycle(in_force="2010-01-15", duration_years=5, as_of=date(2026, 11, 22))
    assert life.in_force_as_of is False and life.term_ends == "2015-01-15"


def test_unknown_start_is_said_not_guessed() -> None:
    life = compute_lifecycle(signed="2021-06-15", duration_years=10, status="ratified", as_of=date(2026, 11, 22))
    assert life.in_force_as_of is None and "no entry-into-force date" in life.reason
    assert compute_lifecycle(status="terminated", as_of=date(2026, 1, 1)).in_force_as_of is False


def test_month_arithmetic_clamps_to_month_end() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)


partial = st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 1, 1)).map(
    lambda d: d.isoformat()), st.integers(1950, 2090).map(str))


@given(partial, partial, st.one_of(st.none(), st.floats(0.5, 50)), st.booleans(),
       st.one_of(st.none(), st.floats(1, 24)), st.sampled_from([None, "signed", "in_force", "expired"]))
def test_never_raises(signed, in_force, duration, automatic, notice, status) -> None:
    life = compute_lifecycle(signed=signed, in_force=in_force, duration_years=duration,
                             renewal={"automatic": automatic, "period_years": None}, termination_notice_months=notice,
                             status=status, as_of=date(2026, 11, 22))
    assert life.in_force_as_of in (True, False, None) and life.reason
