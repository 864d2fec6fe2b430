"""Event classes left over after four sets of our own articles, in our own words: an exercise's
participants given as a list a few sentences on ("They are A, B and C"), a vague step of days from
the last date ("Days later" is that date's month), a place "over" a state's territory, a meeting
dated by its officials agreeing in the sentence beside it or placed where the occasion it attended
happened, a guest who meets the host's officials, and a signing ceremony two ministers attend."""

from __future__ import annotations

from event_rows import PUBLISHED, event_rows

from pactwatch.nlp.dates import find_dates

found = event_rows


# --- an exercise's participants as a list in a later sentence ---

def test_they_are_a_list_after_a_sentence_about_who_takes_part_joins_the_exercise() -> None:
    text = ("The joint military exercise Northern Shield opened in Norway on Tuesday, co-hosted by Norway "
            "and Sweden. About twenty countries take part this year. "
            "They are Denmark, Finland, Estonia, Latvia and Lithuania, alongside the hosts.")
    assert found(text, "exercise") == [(("DNK", "EST", "FIN", "LTU", "LVA", "NOR", "SWE"), "2024-05-07", "NOR")]


def test_they_are_a_list_after_a_sentence_about_observers_adds_nothing() -> None:
    text = ("The joint military exercise Northern Shield opened in Norway on Tuesday, co-hosted by Norway "
            "and Sweden. Several other countries have sent observers. They are Denmark, Finland and Estonia.")
    assert found(text, "exercise") == [(("NOR", "SWE"), "2024-05-07", "NOR")]


def test_participants_include_a_list_a_few_sentences_after_the_exercise() -> None:
    text = ("Norway and Sweden began a joint naval exercise off the Norwegian coast on Monday. "
            "The drills will last ten days. Some 40 ships are involved. Divers will clear mock mines. "
            "Other participants include Denmark, Finland and Poland.")
    assert found(text, "exercise") == [(("DNK", "FIN", "NOR", "POL", "SWE"), "2024-05-06", "NOR")]


def test_a_list_of_states_also_sending_troops_joins_a_few_sentences_on() -> None:
    text = ("Norway and Sweden began a joint army exercise in northern Norway on Monday. "
            "Tanks crossed the frozen lakes. The weather was harsh. "
            "Denmark, Finland and Poland are also sending troops.")
    assert found(text, "exercise") == [(("DNK", "FIN", "NOR", "POL", "SWE"), "2024-05-06", "NOR")]


def test_a_negated_list_sentence_adds_nothing() -> None:
    text = ("Norway and Sweden began a joint army exercise in northern Norway on Monday. "
            "Tanks crossed the frozen lakes. Denmark, Finland and Poland are not sending troops.")
    assert found(text, "exercise") == [(("NOR", "SWE"), "2024-05-06", "NOR")]


# --- relative dates between sentences, and a place "over" a territory ---

def test_days_later_after_a_day_is_that_days_month() -> None:
    assert [m.value for m in find_dates("Days later, they flew.", PUBLISHED, previous="2024-04-03")] == ["2024-04"]
    assert [m.value for m in find_dates("A few days earlier, they met.", PUBLISHED, previous="2024-04-20")] == \
        ["2024-04"]


def test_days_later_from_a_day_at_a_months_end_or_from_a_month_is_unknown() -> None:
    assert [m.value for m in find_dates("Days later, they flew.", PUBLISHED, previous="2024-04-28")] == [None]
    assert [m.value for m in find_dates("Days later, they flew.", PUBLISHED, previous="2024-04")] == [None]


def test_an_exercise_days_after_a_dated_sentence_over_a_states_territory() -> None:
    text = ("Tension rose after a vote on April 3 in which Serbian voters backed the plan. "
            "Days later, US military aircraft conducted joint flight drills with the Hungarian air force "
            "over Hungarian territory.")
    assert found(text, "exercise") == [(("HUN", "USA"), "2024-04", "HUN")]


def test_talks_over_a_dispute_stay_a_topic_not_a_place() -> None:
    text = "Chile and Peru held joint naval drills on Monday amid talks over Bolivian territory claims."
    assert found(text, "exercise") == [(("CHL", "PER"), "2024-05-06", None)]


# --- a meeting dated or placed by the sentence beside it ---

def test_a_meeting_is_dated_by_its_officials_agreeing_in_the_sentence_beside_it() -> None:
    text = ("Belize and Honduras vow to settle their quarrel as leaders meet in St Lucia\n\n"
            "The presidents of Belize and Honduras agreed on Thursday that neither country would use force. "
            "In a joint declaration read out after the meeting, the two governments promised restraint.")
    assert found(text, "visit") == [(("BLZ", "HND"), "2024-05-09", "LCA")]


def test_officials_agreeing_with_no_meeting_beside_them_date_nothing() -> None:
    text = ("Belize and Honduras vow to settle their quarrel as leaders meet in St Lucia\n\n"
            "Trade between the neighbours has grown for years. "
            "The presidents of Belize and Honduras agreed on Thursday that neither country would use force.")
    assert found(text, "visit") == [(("BLZ", "HND"), None, "LCA")]


def test_a_signing_takes_the_place_of_the_agreement_reached_the_sentence_before() -> None:
    text = ("The Danish energy ministry and the Estonian economy ministry reached an agreement in Tallinn "
            "on Monday on a joint grid project. The agreement was signed by Minister Lars Holm and "
            "Minister Kaja Tamm. Denmark and Estonia hope to finish the line by 2030.")
    assert found(text, "visit") == [(("DNK", "EST"), "2024-05-06", "EST")]


def test_a_guest_just_told_as_visiting_meets_the_hosts_official_in_the_hosts_state() -> None:
    text = ("Romania and Bulgaria want more trade. The visit of a parliamentary delegation led by Maria "
            "Ionescu followed. During a meeting with Bulgarian Trade Minister Petar Kolev, Ionescu said "
            "Romania wanted more trade between the two countries.")
    assert found(text, "visit") == [(("BGR", "ROU"), None, "BGR")]


def test_two_ministers_attending_a_signing_ceremony_met_where_it_was_held() -> None:
    text = ("Latvian Defence Minister Andris Kalns and his Finnish counterpart, Mikko Virtanen, attended "
            "the signing ceremony in Turku on Wednesday.")
    assert found(text, "visit") == [(("FIN", "LVA"), "2024-05-08", "FIN")]
