"""More exercise classes the third fresh set showed, in our own words: states that send forces a
few sentences after an exercise take part in it; an exercise "held with" one state is held by the
state the article is about; exercises a pact permits, or named as the way to an aim, are no event."""

from __future__ import annotations

from functools import partial

from event_rows import event_rows

found = partial(event_rows, kind="exercise", fields=())
exercises = partial(event_rows, kind="exercise", fields=("date",))


def test_states_that_send_forces_a_sentence_later_take_part() -> None:
    text = ("Drills news\n\nRussia launched its Vostok exercise on Tuesday in the Far East. China sent 3,200 "
            "troops, and Mongolia contributed a smaller contingent.")
    assert exercises(text, published="2018-09-12") == [(("CHN", "MNG", "RUS"), "2018-09-11")]


def test_forces_coming_from_listed_states_join_and_observers_do_not() -> None:
    text = ("Drills news\n\nTalisman Shield, a joint exercise, began on Tuesday in northern Chile. Forces are "
            "coming from Brazil, Ecuador and Uruguay, while Bolivia sent observers.")
    (drill,) = exercises(text)
    assert {"BRA", "ECU", "URY"} <= set(drill[0]) and "BOL" not in drill[0]


def test_an_exercise_held_with_one_state_is_held_by_the_state_the_article_is_about() -> None:
    text = ("Drills news\n\nRussia launched its Vostok exercise on Tuesday in the Far East, the Russian defence "
            "ministry said. Russia says the drills are its largest. The previous big exercise, Zapad-2017, was "
            "held with Belarus last September.")
    assert (("BLR", "RUS"), "2017-09") in exercises(text, published="2018-09-12")


def test_drills_a_pact_lets_forces_hold_are_no_event() -> None:
    text = ("A defence pact that lets Chilean and Peruvian forces move troops onto each other's soil "
            "for joint drills took effect on Thursday.")
    assert found(text) == []


def test_an_exercise_named_as_the_way_to_an_aim_is_no_event() -> None:
    text = ("Chilean officials said Chile and Peru would deepen naval cooperation in the Pacific, "
            "including through the Malabar naval exercise.")
    assert found(text) == []
