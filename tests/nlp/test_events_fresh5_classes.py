"""Event classes a fifth unseen set showed we missed, in our own words: a deal signed as a contract
or as "procurement agreements" by a buyer that names no seller, counted items of one signing that
are one deal each, a counted purchase in a sentence naming no state (the article's pair) kept apart
from the pair's other counted deal, and the previous round of an exercise dated by a span of months
"last year"."""

from __future__ import annotations

from functools import partial

from event_rows import event_rows

found = partial(event_rows, fields=("date", "item"))


def test_a_contract_signed_by_a_buyer_naming_no_seller_is_with_the_articles_other_state() -> None:
    text = ("Norway and the United States have deepened their defence ties. Norway sees the United States "
            "as its closest ally. In March last year Oslo signed a contract for 54 Abrams tanks worth $2 billion.")
    assert (("NOR", "USA"), "2023-03", "54 Abrams tanks") in found(text, "arms_deal")


def test_procurement_agreements_signed_for_counted_items_are_one_deal_each() -> None:
    text = ("Austria on Tuesday signed the procurement agreements with the French government for 12 Rafale "
            "fighter jets and four Caesar artillery systems.")
    deals = found(text, "arms_deal")
    assert (("AUT", "FRA"), "2024-05-07", "12 Rafale fighter jets") in deals
    assert (("AUT", "FRA"), "2024-05-07", "four Caesar artillery systems") in deals


def test_a_plain_list_of_items_stays_one_deal() -> None:
    text = "Romania is buying K2 tanks, K9 howitzers and FA-50 aircraft from South Korea."
    assert len(found(text, "arms_deal")) == 1


def test_a_counted_purchase_in_a_sentence_naming_no_state_is_the_pairs_own_deal() -> None:
    text = ("Portugal and Spain signed a defence pact in Madrid on Monday. Portugal and Spain will hold "
            "joint naval drills. The pact came with the purchase of four Avante corvettes, in a "
            "deal put at 2 billion euros. Lisbon had already ordered 12 Eurofighter jets from Spain in "
            "February.")
    items = [item for parties, _, item in found(text, "arms_deal") if parties == ("ESP", "PRT")]
    assert "12 Eurofighter jets" in items
    assert "four Avante corvettes" in items


def test_the_previous_edition_of_an_exercise_is_the_same_states_dated_by_last_years_months() -> None:
    text = ("Soldiers of the Kenyan Army and the Tanzanian People's Defence Force on Monday began their joint "
            "exercise Safari Shield at a camp near the border. The previous edition was held at a training "
            "ground near the coast in June and July last year.")
    assert (("KEN", "TZA"), "2023", None) in found(text, "exercise")
