"""Event classes the third fresh set showed we missed, in our own words: officials who gathered
in a place met there ("the two countries' ministers gathered in the Chilean capital"); a crowd
that gathers is no meeting of states."""

from __future__ import annotations

from event_rows import event_rows

found = event_rows


def test_ministers_of_two_states_who_gathered_in_a_city_met_there() -> None:
    text = "The foreign ministers of Chile and Peru gathered in Lima on October 6."
    assert found(text, "visit") == [(("CHL", "PER"), "2023-10-06", "PER")]


def test_the_two_countries_ministers_gathering_in_a_capital_is_a_meeting_in_its_state() -> None:
    text = ("Chile and Peru on Tuesday signed a pact as the two countries' foreign and defence "
            "ministers gathered in the Chilean capital.")
    assert found(text, "visit") == [(("CHL", "PER"), "2024-05-07", "CHL")]


def test_a_crowd_gathering_is_no_meeting() -> None:
    text = "Protesters gathered in Lima on Tuesday to oppose the deal with Chile."
    assert found(text, "visit") == []
