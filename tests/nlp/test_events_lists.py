"""Event classes the second dev set showed we missed, in our own words: multinational exercises
whose participants are listed sentences later (the first sentence naming only an organisation or
the exercise's name), a range that gives its year once, a "since" year that is no event date, the
host state of an exercise, and arms deals: a value in a "which is worth" clause of the next
sentence, a donation by the speaker's state, a letter of intent that is no deal yet."""

from __future__ import annotations

from pactwatch.article import Article
from pactwatch.nlp.dates import find_dates
from pactwatch.nlp.events import extract_events
from pactwatch.nlp.pipeline import analyse

PUBLISHED = "2024-05-10"  # a Friday


def events(text: str, published: str | None = PUBLISHED) -> list[tuple]:
    article = Article(id="t", text=text, source="t", published=published)
    return [(e.type, tuple(e.participants), e.date, e.location) for e in extract_events(article, analyse(article))]


def arms(text: str, published: str | None = PUBLISHED) -> list[tuple]:
    article = Article(id="t", text=text, source="t", published=published)
    return [(tuple(e.participants), e.value_usd) for e in extract_events(article, analyse(article))
            if e.type == "arms_deal"]


# --- multinational exercises: participants listed later ---

def test_an_exercise_opened_by_an_alliance_takes_the_states_listed_two_sentences_later() -> None:
    text = ("The alliance opened a large naval exercise on Monday in the Norwegian port of Bergen. "
            "The drills bring together some 40 ships and 3,000 sailors. "
            "Participating crews come from Belgium, Denmark, France, Germany and Poland.")
    assert events(text) == [("exercise", ("BEL", "DEU", "DNK", "FRA", "POL"), "2024-05-06", "NOR")]


def test_two_list_sentences_both_join_one_exercise() -> None:
    text = ("Special forces from around the world gathered for a joint exercise that began on Tuesday. "
            "African participants this year include Ghana, Kenya and Senegal. "
            "Other participants include Canada, Italy and Spain.")
    found = [e for e in events(text) if e[0] == "exercise"]
    assert found == [("exercise", ("CAN", "ESP", "GHA", "ITA", "KEN", "SEN"), "2024-05-07", None)]


def test_a_long_list_in_a_later_sentence_about_the_exercise_names_its_participants() -> None:
    text = ("Dozens of warships are taking part in a large annual naval exercise that got under way on Wednesday. "
            "Some 7,000 sailors are involved. "
            "The crews will practise mine clearance and air defence. "
            "Ships were sent by many navies. "
            "Besides Norway, which leads the exercise, they are Belgium, Denmark, Estonia, Latvia and Poland.")
    found = [e for e in events(text) if e[0] == "exercise"]
    assert found == [("exercise", ("BEL", "DNK", "EST", "LVA", "NOR", "POL"), "2024-05-08", None)]


def test_a_state_list_far_from_any_exercise_or_in_an_unrelated_sentence_joins_nothing() -> None:
    text = ("A naval exercise began on Monday in the Baltic. "
            "Officials praised the crews. "
            "The weather was calm. "
            "Trade ministers met later. "
            "Ministers said the economy was growing. "
            "Prices rose in Belgium, Denmark, Estonia, Latvia and Poland. "
            "Belgium, Denmark, Estonia, Latvia and Poland did not take part in the exercise.")
    assert [e for e in events(text) if e[0] == "exercise" and len(e[1]) >= 2] == []


def test_a_state_that_hosts_the_exercise_is_its_location() -> None:
    text = ("Kenya is hosting the joint military exercise with Uganda and Tanzania this month.")
    assert events(text) == [("exercise", ("KEN", "TZA", "UGA"), "2024-05", "KEN")]


# --- exercise dates ---

def test_a_range_that_names_its_year_once_gives_the_start_day_that_year() -> None:
    found = find_dates("The drills began on June 3 and end on June 17 2022 near the coast.", None)
    assert [m.value for m in found] == ["2022-06-03", "2022-06-17"]


def test_a_range_in_a_dated_article_keeps_its_own_resolution() -> None:
    found = find_dates("The drills began on June 3 and end on June 17 2022.", "2022-06-20")
    assert [m.value for m in found] == ["2022-06-03", "2022-06-17"]


def test_a_year_since_which_an_exercise_is_held_is_not_its_date() -> None:
    text = ("Turkish and Azerbaijani troops began a joint military exercise on Monday. "
            "The exercise has been held every year by Turkish and Azerbaijani forces since its creation in 2011.")
    found = [e for e in events(text) if e[0] == "exercise"]
    assert found == [("exercise", ("AZE", "TUR"), "2024-05-06", None)]


# --- arms deals ---

def test_a_value_in_a_which_clause_of_the_next_sentence_is_the_deals_value() -> None:
    text = ("Peru has completed the purchase of 12 Gripen fighter jets from Sweden, officials said. "
            "The contract, which is worth $600 million, also covers training and spare parts.")
    assert arms(text) == [(("PER", "SWE"), 600_000_000)]


def test_a_donation_by_the_speakers_state_is_its_deal_not_the_other_buyers() -> None:
    text = ("Norway has sold 20 artillery systems to Chile. "
            "Norwegian defence minister Kari Lund called the sale to Chile part of a modernisation. "
            "\"We have donated 12 howitzers to Ukraine, and now we have sold 20 systems to Chile,\" he said.")
    assert sorted(arms(text)) == [(("CHL", "NOR"), None), (("NOR", "UKR"), None)]


def test_a_letter_of_intent_to_sell_is_no_arms_deal() -> None:
    text = ("In March, the Spanish minister visited Chile and signed a letter of intent to sell some of "
            "Spain's ageing patrol vessels.")
    assert arms(text) == []


def test_a_state_pair_exercise_inside_a_listed_one_completes_it_rather_than_standing_alone() -> None:
    text = ("A joint special forces exercise began on Monday. "
            "Participants include Ghana, Togo, Benin, Canada and Spain. "
            "Ghana is hosting the exercise alongside Togo.")
    assert [e for e in events(text) if e[0] == "exercise"] == [
        ("exercise", ("BEN", "CAN", "ESP", "GHA", "TGO"), "2024-05-06", "GHA")]


# --- visits without a visit word ---

def test_an_official_reporting_two_states_signing_from_one_capital_was_there() -> None:
    text = ("Defence Minister Jan Kowal said in Vilnius on Tuesday that Poland and Lithuania had signed "
            "an agreement on joint air patrols.")
    assert events(text) == [("visit", ("LTU", "POL"), "2024-05-07", "LTU")]


def test_the_year_of_the_signed_plan_is_not_the_meetings_date() -> None:
    text = ("Defence Minister Jan Kowal said in Vilnius on Tuesday that Poland and Lithuania had signed "
            "an agreement on the 2025 cooperation plan.")
    assert events(text, published=None) == [("visit", ("LTU", "POL"), None, "LTU")]


def test_an_official_speaking_from_a_third_capital_makes_no_visit() -> None:
    text = ("Defence Minister Jan Kowal said in Brussels on Tuesday that Poland and Lithuania had signed "
            "an agreement on joint air patrols.")
    assert [e for e in events(text) if e[0] == "visit"] == []


def test_a_deal_signed_this_week_at_a_base_of_one_main_state_is_a_visit_of_both() -> None:
    text = ("Chile's defence minister signed a deal on Tuesday to buy ten of Norway's used frigates. "
            "Norway is replacing the ships with new ones built for Chile's navy and its own. "
            "Tuesday's deal was signed at a Norwegian naval base.")
    assert ("visit", ("CHL", "NOR"), "2024-05-07", "NOR") in events(text)


def test_a_treaty_signed_years_ago_in_a_capital_is_no_visit_now() -> None:
    text = ("Chile and Norway marked the anniversary of their defence treaty on Tuesday. "
            "The treaty was signed in Oslo in 2009 and renewed by Chile and Norway since.")
    assert [e for e in events(text) if e[0] == "visit"] == []


def test_a_purchase_by_it_from_a_named_seller_is_the_articles_states_deal() -> None:
    text = ("Portugal and Spain signed a defence pact on Monday. Portugal hopes to work with Spain on coastal patrols. "
            "Later, the Portuguese premier announced that it would buy 12 Gripen fighter jets from Sweden.")
    assert arms(text) == [(("PRT", "SWE"), None)]


def test_jets_sent_somewhere_for_joint_drills_are_no_arms_deal() -> None:
    text = "In June, the Spanish air force sent six fighter jets to a Portuguese base for joint training."
    assert arms(text) == []
