"""Lifecycle arithmetic, each case worked by hand in its docstring."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.facts import Renewal
from pactwatch.lifecycle import add_months, compute_lifecycle, date_bounds

AS_OF = date(2026, 11, 22)
YEARLY = {"automatic": True, "period_years": 1}


def test_five_years_then_yearly_automatic_renewal_with_three_months_notice() -> None:
    """"Valid for five years with automatic renewal for successive periods of one year; notice at
    least three months in advance", in force 2021-04-06, as of 2026-11-22, by hand:
    first term 2021-04-06 + 5 years = 2026-04-06 (passed); first renewal period 2026-04-06 ..
    2027-04-06 contains 2026-11-22, so the current term ends 2027-04-06 and it renews then;
    notice 3 months before 2027-04-06 = 2027-01-06."""
    life = compute_lifecycle(None, {}, "2021-04-06", 5, YEARLY, 3, "in_force", AS_OF)
    assert life.in_force_as_of is True
    assert (life.term_start, life.term_ends, life.next_renewal, life.notice_deadline) == (
        "2021-04-06", "2027-04-06", "2027-04-06", "2027-01-06")
    assert life.approximate is False
    assert life.reason == (
        "entered into force 2021-04-06; initial term of 5 years ended 2026-04-06; renewed automatically for "
        "1-year periods; current period ends 2027-04-06; renews automatically then; notice (3 months) is due by "
        "2027-01-06")
    assert [(m["date"], m["kind"]) for m in life.milestones] == [
        ("2021-04-06", "in_force"), ("2026-04-06", "term_end"), ("2027-01-06", "notice_deadline"),
        ("2027-04-06", "term_end"), ("2027-04-06", "renewal")]


def test_notice_deadline_already_passed_is_said() -> None:
    """Same rule as of 2027-02-01: the period still ends 2027-04-06, its deadline 2027-01-06 has passed."""
    life = compute_lifecycle(in_force="2021-04-06", duration_years=5, renewal=YEARLY, termination_notice_months=3,
                             as_of=date(2027, 2, 1))
    assert (life.term_ends, life.notice_deadline) == ("2027-04-06", "2027-01-06")
    assert life.reason.endswith("has passed, so it will renew")


def test_on_the_anniversary_the_next_period_has_begun() -> None:
    """As of 2026-04-06 exactly the first term is over: the current period ends 2027-04-06."""
    life = compute_lifecycle(in_force="2021-04-06", duration_years=5, renewal=YEARLY, as_of=date(2026, 4, 6))
    assert life.term_ends == "2027-04-06"
    assert compute_lifecycle(in_force="2021-04-06", duration_years=5, renewal=YEARLY,
                             as_of=date(2026, 4, 5)).term_ends == "2026-04-06"


def test_within_the_first_term() -> None:
    """In force 2025-04-01 + 10 years = 2035-04-01, renewing for 10 years; no notice rule."""
    life = compute_lifecycle(in_force="2025-04-01", duration_years=10, renewal=Renewal(True, 10), as_of=AS_OF)
    assert (life.in_force_as_of, life.term_ends, life.next_renewal, life.notice_deadline) == (
        True, "2035-04-01", "2035-04-01", None)


def test_fixed_term_without_renewal_has_ended() -> None:
    """2010-01-15 + 5 years = 2015-01-15; renewal only by agreement and none reported: not in force."""
    life = compute_lifecycle(in_force="2010-01-15", duration_years=5, renewal={"automatic": False, "period_years": 5},
                             as_of=AS_OF)
    assert (life.in_force_as_of, life.term_ends, life.next_renewal) == (False, "2015-01-15", None)
    assert life.reason == ("entered into force 2010-01-15; initial term of 5 years ended 2015-01-15; renewal is "
                           "not automatic and no renewal is reported")


def test_non_automatic_renewal_within_its_term() -> None:
    life = compute_lifecycle(in_force="2020-03-01", duration_years=10, renewal={"automatic": False, "period_years": 5},
                             termination_notice_months=6, as_of=AS_OF)
    assert (life.in_force_as_of, life.term_ends, life.next_renewal, life.notice_deadline) == (
        True, "2030-03-01", None, None)
    assert life.reason.endswith("may be renewed by agreement for 5-year periods")


def test_renewal_periods_are_counted_from_the_start_without_clamping_drift() -> None:
    """In force 2023-08-31, half-year term and half-year renewals: 2024-02-29 (clamped), then
    2024-08-31 (start + 12 months), not 2024-08-29 (clamped date + 6 months)."""
    half = {"automatic": True, "period_years": 0.5}
    life = compute_lifecycle(in_force="2023-08-31", duration_years=0.5, renewal=half, termination_notice_months=1,
                             as_of=date(2024, 3, 10))
    assert (life.term_ends, life.notice_deadline) == ("2024-08-31", "2024-07-31")
    assert life.milestones[1] == {"date": "2024-02-29", "kind": "term_end", "label": "initial term ends"}


def test_fractional_years_are_whole_months() -> None:
    """1.5 years = 18 months: 2020-01-15 -> 2021-07-15."""
    life = compute_lifecycle(in_force="2020-01-15", duration_years=1.5, as_of=date(2021, 1, 1))
    assert (life.in_force_as_of, life.term_ends, life.approximate) == (True, "2021-07-15", False)
    assert compute_lifecycle(in_force="2020-01-15", duration_years=1.3, as_of=date(2021, 1, 1)).approximate is True


def test_no_fixed_term_with_notice() -> None:
    life = compute_lifecycle(in_force="2024-01-01", termination_notice_months=12, as_of=AS_OF)
    assert (life.in_force_as_of, life.term_ends) == (True, None)
    assert life.reason == ("entered into force 2024-01-01; no fixed term known; "
                           "a party may end it with 12 months' notice")


def test_renewal_period_without_initial_term_is_the_first_term() -> None:
    life = compute_lifecycle(in_force="2020-06-01", renewal={"automatic": True, "period_years": 2}, as_of=AS_OF)
    assert (life.term_ends, life.next_renewal) == ("2028-06-01", "2028-06-01")
    assert "renewal period is taken as the first term" in life.reason


def test_not_yet_in_force_and_not_yet_signed() -> None:
    life = compute_lifecycle(signed="2026-01-10", in_force="2027-01-01", duration_years=5, as_of=AS_OF)
    assert (life.in_force_as_of, life.reason) == (False, "not yet in force: enters into force 2027-01-01")
    early = compute_lifecycle(signed="2026-12-01", status="in_force", as_of=AS_OF)
    assert early.in_force_as_of is False and early.reason.startswith("not yet signed")


def test_unknown_start_is_said_not_guessed() -> None:
    life = compute_lifecycle(signed="2021-06-15", duration_years=10, status="ratified", as_of=AS_OF)
    assert life.in_force_as_of is None and life.term_ends is None
    assert life.reason == ("no entry-into-force date known (signed 2021-06-15; status ratified); its 10-year term "
                           "cannot be placed")
    reported = compute_lifecycle(status="in_force", duration_years=10, as_of=AS_OF)
    assert reported.in_force_as_of is True and "no start date known" in reported.reason
    assert reported.term_ends is None


@pytest.mark.parametrize("status", ["expired", "terminated", "rejected"])
def test_ended_statuses_are_not_in_force(status: str) -> None:
    life = compute_lifecycle(in_force="2025-01-01", duration_years=10, renewal=YEARLY, status=status, as_of=AS_OF)
    assert life.in_force_as_of is False and life.reason.startswith(f"reported {status}")


def test_an_ended_agreement_is_in_force_until_its_end_day_not_on_it() -> None:
    """In force 2013-04-01, no fixed term, twelve months' notice; a party's notice of 2023-05-02 ended
    it on 2024-05-02. In 2019 and on 2024-05-01 it was in force; on 2024-05-02 and after it is not."""
    def on(day: str):
        return compute_lifecycle("2013-01-15", {}, "2013-04-01", None, None, 12, "terminated", day, ended="2024-05-02")

    for day in ("2019-06-01", "2024-05-01"):
        assert on(day).in_force_as_of is True
        assert on(day).reason == ("entered into force 2013-04-01; no fixed term known; a party may end it with "
                                  "12 months' notice; in force until it ceased to have effect on 2024-05-02")
    for day in ("2024-05-02", "2026-12-01"):
        assert on(day).in_force_as_of is False
        assert on(day).reason == ("ceased to have effect on 2024-05-02 (had entered into force 2013-04-01); "
                                  "not in force")
    assert on("2012-12-01").in_force_as_of is False  # not yet signed, let alone in force
    assert [(m["date"], m["kind"]) for m in on("2019-06-01").milestones] == [
        ("2013-01-15", "signed"), ("2013-04-01", "in_force"), ("2024-05-02", "ended")]


def test_an_end_day_stops_the_renewals_after_it() -> None:
    """In force 2020-01-01, 2 years then yearly, 3 months' notice, ended 2023-06-30. On 2023-03-01
    the current period runs to 2024-01-01, but no renewal or notice deadline comes after the end."""
    life = compute_lifecycle(in_force="2020-01-01", duration_years=2, renewal=YEARLY, termination_notice_months=3,
                             status="terminated", as_of="2023-03-01", ended="2023-06-30")
    assert (life.in_force_as_of, life.term_ends, life.next_renewal, life.notice_deadline) == (
        True, "2024-01-01", None, None)
    assert [m["kind"] for m in life.milestones] == ["in_force", "term_end", "ended"]


def test_an_end_known_to_the_year_leaves_that_year_open() -> None:
    """"Expired in 2019": in force (by its dates) before 2019, unknown during 2019 until its last
    day, not in force from 2019-12-31 on."""
    def on(day: str):
        return compute_lifecycle(in_force="2009-03-01", status="expired", as_of=day, ended="2019")

    assert on("2018-12-31").in_force_as_of is True
    assert on("2019-06-01").in_force_as_of is None and "on a day no source gives" in on("2019-06-01").reason
    assert on("2019-12-31").in_force_as_of is False and on("2019-12-31").reason.startswith(
        "ceased to have effect in 2019")


def test_an_end_day_is_read_whatever_the_status_says() -> None:
    """A record still marked in force (another source) with a known end: the end day decides;
    an unusable end is no end, and an ended status alone is 'not in force' on every day."""
    assert compute_lifecycle(in_force="2015-01-01", status="in_force", as_of="2025-01-01",
                             ended="2024-05-02").in_force_as_of is False
    assert compute_lifecycle(in_force="2015-01-01", status="in_force", as_of="2025-01-01",
                             ended="soon").in_force_as_of is True
    assert compute_lifecycle(in_force="2015-01-01", status="terminated", as_of="2016-01-01").in_force_as_of is False
    unknown_start = compute_lifecycle(signed="2010-05-05", status="terminated", as_of="2016-01-01", ended="2020-01-01")
    assert unknown_start.in_force_as_of is None
    assert unknown_start.reason == ("no entry-into-force date known (signed 2010-05-05; status terminated); "
                                    "it ceased to have effect on 2020-01-01")


def test_partial_entry_into_force_far_from_as_of_is_approximate() -> None:
    """'2021-04' read from 2021-04-01: 5 years -> 2026-04-01, yearly -> 2027-04-01; notice 2027-01-01.
    Any day of April 2021 gives 'in force' on 2026-11-22, so the answer is True, marked approximate."""
    life = compute_lifecycle(in_force="2021-04", duration_years=5, renewal=YEARLY, termination_notice_months=3,
                             as_of=AS_OF)
    assert (life.in_force_as_of, life.approximate, life.term_ends, life.notice_deadline) == (
        True, True, "2027-04-01", "2027-01-01")
    assert "known only to 2021-04" in life.reason
    assert life.milestones[0] == {"date": "2021-04", "kind": "in_force", "label": "entered into force"}


def test_partial_date_that_decides_the_answer_gives_none() -> None:
    """In force 'November 2026' on 2026-11-22: in force if it began by the 22nd, not if later: unknown.
    A 5-year term from '2021' ends in 2026 on a day no source gives: unknown on 2026-06-01 too."""
    life = compute_lifecycle(in_force="2026-11", as_of=AS_OF)
    assert life.in_force_as_of is None and "depends on the day" in life.reason
    assert compute_lifecycle(in_force="2021", duration_years=5, as_of=date(2026, 6, 1)).in_force_as_of is None
    assert compute_lifecycle(in_force="2021", duration_years=5, as_of=date(2027, 1, 1)).in_force_as_of is False


def test_ratifications_are_milestones_per_party() -> None:
    life = compute_lifecycle(signed="2010-08-16", ratified={"TUR": "2011-02-15", "AZE": "2010-12-21", "GEO": None},
                             as_of=AS_OF)
    assert life.milestones == [
        {"date": "2010-08-16", "kind": "signed", "label": "signed"},
        {"date": "2010-12-21", "kind": "ratified", "label": "ratified by AZE", "party": "AZE"},
        {"date": "2011-02-15", "kind": "ratified", "label": "ratified by TUR", "party": "TUR"}]


def test_date_bounds_and_month_clamping() -> None:
    assert date_bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_bounds("2021") == (date(2021, 1, 1), date(2021, 12, 31))
    assert date_bounds("2021-13-01") is None and date_bounds("soon") is None and date_bounds(None) is None
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)


def test_as_of_is_required_and_checked() -> None:
    assert compute_lifecycle(in_force="2021-04-06", as_of="2026-11-22").in_force_as_of is True
    with pytest.raises(ValueError, match="as_of"):
        compute_lifecycle(in_force="2021-04-06")
    with pytest.raises(ValueError, match="as_of"):
        compute_lifecycle(in_force="2021-04-06", as_of="2026-11")


partial = st.one_of(
    st.none(), st.sampled_from(["", "soon", "2021-02-30", "0001", "9999-12-31"]),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(lambda d: d.isoformat()),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(lambda d: d.isoformat()[:7]),
    st.integers(1, 9999).map(lambda y: f"{y:04d}"))
number = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 10_000))
renewal = st.one_of(st.none(), st.fixed_dictionaries({"automatic": st.booleans(), "period_years": number}))


@given(partial, st.dictionaries(st.sampled_from(["AZE", "TUR"]), partial), partial, number, renewal, number,
       st.sampled_from([None, "proposed", "signed", "ratified", "in_force", "expired", "terminated", "rejected"]),
       st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)), partial)
def test_never_raises(signed, ratified, in_force, duration, renew, notice, status, as_of, ended) -> None:
    life = compute_lifecycle(signed, ratified, in_force, duration, renew, notice, status, as_of, ended)
    assert life.in_force_as_of in (True, False, None) and life.reason
    end = date_bounds(ended)
    if status in ("expired", "terminated", "rejected") and end is None or end is not None and as_of >= end[1]:
        assert life.in_force_as_of is False
    if end is not None and as_of < end[0] and status not in ("expired", "terminated", "rejected"):
        assert life.in_force_as_of == compute_lifecycle(signed, ratified, in_force, duration, renew, notice, status,
                                                        as_of).in_force_as_of
    dates = [m["date"] for m in life.milestones]
    assert dates == sorted(dates)
