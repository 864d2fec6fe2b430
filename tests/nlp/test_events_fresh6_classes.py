"""Event classes a sixth unseen set showed we missed, in our own words: arms taken delivery of
("it took delivery of Korean howitzers": a pronoun buyer is the article's main state, the demonym
the seller), arms received under a deal a clause says was signed with a state (that state sells),
and a state told as receiving arms in a story datelined in the seller's capital."""

from __future__ import annotations

from functools import partial

from event_rows import event_rows

found = partial(event_rows, fields=("date", "item"))


def test_a_pronoun_taking_delivery_of_a_states_arms_is_the_articles_state() -> None:
    text = ("Peru has long bought its weapons abroad. Peru's army is small. In March last year it took "
            "delivery of South Korean K9 howitzers.")
    assert [d[:2] for d in found(text, "arms_deal")] == [(("KOR", "PER"), "2023-03")]


def test_arms_received_under_a_deal_signed_with_a_state_are_bought_from_it() -> None:
    text = "Greece received the first four of 18 Rafale jets in April under a deal signed with France in 2021."
    assert [d[:2] for d in found(text, "arms_deal")] == [(("FRA", "GRC"), "2024-04")]


def test_a_clause_about_another_transfer_still_names_no_party() -> None:
    text = "Greece received 18 Rafale jets in April, which Spain had also wanted to buy."
    assert all("ESP" not in d[0] for d in found(text, "arms_deal"))


def test_a_state_receiving_arms_in_a_story_from_the_sellers_capital_buys_from_that_state() -> None:
    text = ("WASHINGTON, May 9 (Reuters) - The United States on Thursday approved missile sales to Poland, "
            "U.S. officials said. The United States is Poland's main ally. Poland is to get 100 interceptors. "
            "Kuwait is to receive 200 Patriot missiles for an estimated $1 billion.")
    deals = found(text, "arms_deal")
    assert any(d[0] == ("KWT", "USA") for d in deals)
