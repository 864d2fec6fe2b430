"""Event classes a fourth set of our own articles showed we missed, in our own words: meetings in a
third state (a small state the gazetteer must know, a summit's sidelines filed from its city),
officials known only as "their leaders" or "the two leaders", a traveller whose state the text does
not give, a meeting hosted by a third state's officials, the days of one trip, a Chinese name called
by its surname; arms deals with a pronoun buyer, a state in a conjoined clause that is no party, a
planned purchase that is no deal; and what is no visit: agreeing to meet."""

from __future__ import annotations

from functools import partial

from event_rows import event_rows

from pactwatch.read.dateline import header_date

found = event_rows
deals = partial(event_rows, kind="arms_deal", fields=("date", "value_usd"))


# --- meetings in a third state ---

def test_leaders_meeting_in_a_small_third_state_meet_there_and_are_the_governing_clauses_states() -> None:
    text = "Belize and Honduras vow to settle their quarrel as leaders meet in St Lucia"
    assert found(text, "visit") == [(("BLZ", "HND"), None, "LCA")]


def test_a_meeting_on_the_sidelines_of_a_summit_is_located_where_the_article_was_filed() -> None:
    text = ("TASHKENT, May 9 - Leaders of a regional bloc gathered in the city for their yearly summit. "
            "Turkish President Ali Demir held talks with Pakistani Prime Minister Omar Khan on Thursday "
            "on the sidelines of the summit.")
    assert (("PAK", "TUR"), "2024-05-09", "UZB") in found(text, "visit")


def test_leaders_of_a_bloc_meeting_in_a_capital_are_no_visit_of_the_sentences_state() -> None:
    text = ("Mongolia became a full member of the alliance on Thursday, as leaders of the grouping met "
            "in the Kazakh capital for their annual summit.")
    assert found(text, "visit") == []


# --- who "their leaders" and "the two leaders" are ---

def test_their_leaders_are_the_states_a_sentence_before_listed() -> None:
    text = ("Chad, Cameroon and Gabon left the customs union on Wednesday. "
            "All three had been suspended after disputes over fees. "
            "Last March their leaders met in Libreville and signed a charter of their own.")
    assert found(text, "visit") == [(("CMR", "GAB", "TCD"), "2024-03", "GAB")]


def test_the_two_leaders_are_the_pair_of_the_meeting_just_told() -> None:
    text = ("Poland and Lithuania signed a grid accord on Monday. Poland wants more. "
            "Indian Prime Minister Ravi Rao arrived in Vilnius on Tuesday for a state visit to Lithuania. "
            "After talks with President Jonas Petraitis, the two leaders looked on as ministers signed three accords.")
    visits = found(text, "visit")
    assert (("IND", "LTU"), "2024-05-07", "LTU") in visits
    assert not any(p == ("LTU", "POL") and d == "2024-05-07" for p, d, _ in visits)


def test_a_traveller_of_unknown_nationality_arriving_in_one_main_state_comes_from_the_other() -> None:
    text = ("Japan handed over a patrol boat to Vietnam on Saturday. "
            "The handover was attended by the coast guard chief, Admiral Ken Mori, who arrived in Vietnam "
            "on Wednesday for a four-day official visit. Japan and Vietnam have grown closer.")
    assert (("JPN", "VNM"), "2024-05-08", "VNM") in found(text, "visit")


def test_a_host_of_talks_between_two_states_takes_part_in_them_where_it_hosts() -> None:
    text = ("The accord was announced on May 3 after four days of talks between Egyptian envoy Karim Nabil "
            "and Ahmed Idris, the secretary of Sudan's security council, hosted by Qatari officials.")
    assert (("EGY", "QAT", "SDN"), "2024-05-03", "QAT") in found(text, "visit")


def test_agreeing_by_phone_to_meet_is_no_visit() -> None:
    text = ("The foreign ministers of Egypt and Turkey spoke by telephone on Thursday and agreed to meet soon. "
            "Egypt and Turkey restored ties last year.")
    assert found(text, "visit") == []


def test_arrival_and_talks_the_next_day_are_one_trip_dated_by_the_arrival() -> None:
    text = ("Indian Prime Minister Ravi Rao arrived in Hanoi on Tuesday for a state visit to Vietnam. "
            "Rao held talks with Vietnamese President Lam Tran in Hanoi on Wednesday.")
    assert found(text, "visit") == [(("IND", "VNM"), "2024-05-07", "VNM")]


def test_a_chinese_name_is_called_by_its_surname() -> None:
    text = ("Chinese President Li Wei opened the forum. "
            "Li held talks with Russian President Ivan Petrov in Minsk on Wednesday.")
    assert (("CHN", "RUS"), "2024-05-08", "BLR") in found(text, "visit")


# --- arms deals ---

def test_a_pronoun_buyer_in_a_sentence_naming_no_party_is_the_articles_deal_pair() -> None:
    text = ("Greece has bought 20 more Rafale jets from France, the Greek defence ministry said on Tuesday. "
            "France called Greece a loyal customer. "
            "In March 2021 it bought 18 of the jets in a package worth 2.5 billion euros.")
    assert sorted(deals(text)) == [(("FRA", "GRC"), "2021-03", None), (("FRA", "GRC"), "2024-05-07", None)]


def test_a_state_in_a_conjoined_clause_without_the_transfer_is_no_party() -> None:
    text = "Biden clinches $20bn arms package in Riyadh, sits down with Lebanon's new leader"
    assert all("LBN" not in p for p, _, _ in deals(text))


def test_a_planned_purchase_that_companies_bid_for_is_no_deal() -> None:
    text = ("Brazilian maker Embraer and an Indian partner signed a memorandum on Monday to bid jointly "
            "for the Indian Air Force's planned purchase of transport aircraft.")
    assert deals(text) == []


# --- the article's own date ---

def test_a_published_line_with_a_dash_before_the_time_or_a_dotted_day_first_date_dates_the_article() -> None:
    assert header_date(["Headline", "", "Published November 10, 2023 — 4:12pm", ""]) == ("2023-11-10", 2)
    assert header_date(["Headline", "", "Published 04.07.2024 | 18:20", ""]) == ("2024-07-04", 2)
