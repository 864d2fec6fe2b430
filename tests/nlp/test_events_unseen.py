"""Event classes articles nobody tuned on showed we missed, in our own words: visits told without
the word "visit" (travelling somewhere for talks, a signing during a joint meeting of two
governments, a guest welcomed by a host of unknown nationality, two named officials meeting in one
of the article's states, "the leaders of the three countries"), arms deals told as history (a
relative or participle clause that moves the item, rival bidders that are no party, a date in the
next sentence), another round of an exercise, and what is no event: talks over a dispute, a year
that dates a treaty, a signing years ago or at a virtual summit, exercises as a habit, a transfer a
treaty provides for."""

from __future__ import annotations

from functools import partial

from event_rows import event_rows

from pactwatch.article import Article
from pactwatch.extract import extract_article

events = event_rows
deals = partial(event_rows, kind="arms_deal", fields=("date", "value_usd"))


# --- visits without the word ---

def test_travelling_to_a_capital_for_talks_is_a_visit_dated_by_its_own_clause() -> None:
    text = ("Austria and the Czech Republic signed a border security accord on Thursday. "
            "The accord was first discussed in March this year, when Czech Prime Minister Jan Novak "
            "travelled to Vienna for talks with his Austrian counterpart Karl Huber.")
    assert ("AUT", "CZE") in [p for p, _, _ in events(text, "visit")]
    assert (("AUT", "CZE"), "2024-03", "AUT") in events(text, "visit")


def test_a_signing_during_a_joint_meeting_of_the_two_governments_is_their_meeting() -> None:
    text = ("Spain and Portugal put their names on Wednesday to a defence accord. "
            "The accord was signed at a palace outside Lisbon during a joint meeting of the two governments. "
            "Spain's parliament must still approve it.")
    assert events(text, "visit") == [(("ESP", "PRT"), "2024-05-08", "PRT")]


def test_a_guest_welcomed_by_a_host_of_unknown_nationality_visits_the_datelines_state() -> None:
    text = ("MANILA, May 9 (Island Desk) - The Philippines and Japan agreed on closer coast guard ties on Thursday. "
            "The talks followed a regional forum chaired by Japanese Prime Minister Taro Sato, "
            "who was welcomed at the airport by President Ramon Santos on Wednesday evening.")
    assert (("JPN", "PHL"), "2024-05-08", "PHL") in events(text, "visit")


def test_two_named_officials_meeting_in_one_of_the_articles_states_are_its_two_states() -> None:
    text = ("Greece and Egypt signed a maritime security pact on Monday. "
            "Prime Minister Nikos Alexiou, in the Egyptian capital for talks with President Omar Farouk, "
            "looked on as the two foreign ministers signed the pact. "
            "Greece hopes the pact will calm Egypt's neighbours.")
    assert events(text, "visit") == [(("EGY", "GRC"), "2024-05-06", "EGY")]


def test_the_leaders_of_the_three_countries_met() -> None:
    text = ("Japan, South Korea and the United States began a naval exercise on Monday. "
            "The leaders of the three countries agreed to hold such drills when they met at a mountain retreat "
            "on August 18, 2023. Japan and South Korea called the United States their closest ally.")
    assert (("JPN", "KOR", "USA"), "2023-08-18", None) in events(text, "visit")


def test_talks_with_a_third_state_over_a_dispute_add_no_party_to_a_signing() -> None:
    text = ("Egypt and Sudan signed a military pact on Tuesday, as talks with Ethiopia over the dam remain stalled. "
            "Egypt and Sudan fear Ethiopia will fill the reservoir.")
    assert all(len(p) < 3 for p, _, _ in events(text, "visit"))


def test_a_year_in_a_clause_about_a_treaty_does_not_date_the_meeting() -> None:
    text = ("Belarusian leader Viktor Orlov held talks with Russian President Ivan Petrov in the Kremlin last week, "
            "the latest step under the union treaty that Moscow and Minsk signed in 1999.")
    assert [d for _, d, _ in events(text, "visit")] == [None]


def test_a_signing_years_ago_or_at_a_virtual_summit_is_no_meeting() -> None:
    old = ("Egypt, Ethiopia and Sudan argue over the dam. "
           "The three leaders signed a declaration of principles in Khartoum in March 2015. Egypt and Sudan want more.")
    remote = ("Japan and Australia's access agreement took effect. The agreement was signed by Prime Minister "
              "Ken Ito and Prime Minister John Reid during a virtual summit on January 6, 2024. "
              "Japan thanked Australia.")
    assert events(old, "visit") == []
    assert events(remote, "visit") == []


# --- arms deals told as history ---

def test_a_relative_clause_that_donated_the_item_is_the_deal_dated_by_its_own_year() -> None:
    text = "Laos still flies Soviet-designed MiG-21 jets, four of which were donated by Russia in 2019."
    assert deals(text) == [(("LAO", "RUS"), "2019", None)]


def test_a_participle_that_bought_the_item_names_the_seller() -> None:
    text = "In March 2023, transport planes flew HQ-9 air-defence systems bought from China into Phnom Penh."
    assert deals(text) == [(("CHN", "KHM"), "2023-03", None)]


def test_rival_bidders_in_an_adverbial_clause_are_no_party() -> None:
    text = ("In 2021 Kenya picked six Turkish-made armoured vehicles in a $30 million contract, "
            "beating rival bids from French and Israeli firms.")
    assert deals(text) == [(("KEN", "TUR"), "2021", 30_000_000)]


def test_the_next_sentence_about_the_order_dates_an_undated_deal() -> None:
    text = ("Ghana has agreed to buy patrol vessels from Turkey in a package valued at $80 million. "
            "The export order, signed earlier this month, has not been announced.")
    assert deals(text) == [(("GHA", "TUR"), "2024-05", 80_000_000)]


def test_a_transfer_a_partnership_provides_for_is_no_deal() -> None:
    text = ("Japan and Australia work together under a security partnership, "
            "under which Japan will acquire new frigates.")
    assert deals(text) == []


# --- exercises ---

def test_a_named_drill_of_the_two_air_forces_and_a_second_one_later_this_month() -> None:
    text = ("Egypt and Jordan signed a defence pact on Tuesday, Egypt's army said. "
            "The two air forces held their first joint drill, named Desert Falcon 1, at an air base in southern Jordan "
            "last November. A second air exercise is planned for later this month, officials said. "
            "Egypt and Jordan share a long border with Israel.")
    assert events(text, "exercise") == [(("EGY", "JOR"), "2023-11", "JOR"), (("EGY", "JOR"), "2024-05", None)]


def test_exercises_as_a_habit_are_no_event() -> None:
    text = ("Poland and Britain signed a treaty. "
            "The two armed forces are to train together and stage joint exercises more often.")
    assert events(text, "exercise") == []


def test_waters_named_after_a_state_are_no_place_in_it() -> None:
    text = "World news\n\nChinese and Russian warships began a joint naval exercise in the Sea of Japan on Sunday."
    (drill,) = extract_article(Article(id="t", text=text, source="test", published="2024-05-10")).events
    assert (drill.participants, drill.location, drill.date) == (["CHN", "RUS"], None, "2024-05-05")
