"""States joining and leaving organisations, plural mentions naming one agreement per partner,
declarations adopted 'also' by the same signatories. Texts are ours."""

from __future__ import annotations

from pactwatch.article import Article
from pactwatch.extract import extract_article


def agreements(text: str, published: str = "2025-02-01") -> list[dict]:
    return extract_article(Article(id="t", text=text, source="test", published=published)).to_json()["agreements"]


def test_states_that_ceased_to_be_members_left_the_organisation() -> None:
    found = agreements("Sahel juntas complete exit from regional bloc\n\nGuinea, Sudan and Niger formally ceased to be "
                       "members of the Economic Community of West African States (ECOWAS) on Wednesday.")
    assert sorted(a["parties"] for a in found) == [["ECOWAS", "GIN"], ["ECOWAS", "NER"], ["ECOWAS", "SDN"]]
    assert {a["status"] for a in found} == {"terminated"}


def test_a_withdrawal_that_became_final_and_one_told_as_history() -> None:
    found = agreements("Honduras's withdrawal from the OAS becomes final\n\nHonduras's withdrawal from the OAS became "
                       "final on Sunday. It is only the second country to quit the organisation, after Bolivia, whose "
                       "withdrawal took effect in April 2019.")
    assert sorted(a["parties"] for a in found) == [["BOL", "OAS"], ["HND", "OAS"]]


def test_a_withdrawal_announced_or_told_in_passing_in_another_story_is_no_record() -> None:
    assert agreements("Trade pact signed\n\nAustralia and Britain signed a trade deal on Monday.\n\nIt is the first "
                      "deal Britain negotiated after leaving the European Union.") == [
        a for a in agreements("Trade pact signed\n\nAustralia and Britain signed a trade deal on Monday.")]
    assert agreements("Exit looms\n\nHonduras said it would withdraw from the OAS next year.") == []


def test_a_state_that_became_the_tenth_member_makes_an_accession_story() -> None:
    found = agreements("Bloc grows\n\nBelarus became the tenth full member of the Shanghai Cooperation Organisation "
                       "on Thursday. Iran, which joined the bloc last July, attended as a full member.",
                       published="2024-07-05")
    assert {tuple(a["parties"]): a["in_force"] for a in found} == {("BLR", "SCO"): "2024-07-04",
                                                                   ("IRN", "SCO"): "2023-07"}


def test_a_plural_mention_with_several_partners_names_one_agreement_each() -> None:
    found = agreements("Troops news\n\nMalaysia already hosts foreign troops under visiting forces agreements with "
                       "the United States, in force since 1999, and with Australia, which took effect in 2012.")
    assert sorted(a["parties"] for a in found) == [["AUS", "MYS"], ["MYS", "USA"]]


def test_a_declaration_also_adopted_has_the_signatories_of_the_treaty_before_it() -> None:
    found = agreements("Border summit\n\nThe presidents of Tajikistan, Kyrgyzstan and Uzbekistan on Monday signed a "
                       "treaty on the junction point of their borders. Rahmon, Japarov and Mirziyoyev also adopted "
                       "the Khujand Declaration on Eternal Friendship.", published="2025-04-01")
    assert [a["parties"] for a in found] == [["KGZ", "TJK", "UZB"]] * 2


def test_a_general_agreement_on_trade_and_a_joint_statement_are_agreements() -> None:
    found = agreements("Gulf news\n\nIn a joint statement, Saudi Arabia, Iran and China said that Riyadh and Tehran "
                       "would restore relations.\n\nSaudi Arabia and Iran will also activate a general agreement on "
                       "economic, trade and investment cooperation signed in 1998.")
    assert ["IRN", "SAU"] in [a["parties"] for a in found]
    assert ["CHN", "IRN", "SAU"] in [a["parties"] for a in found]


def test_their_leaders_and_the_three_countries_are_the_states_last_named_together() -> None:
    found = agreements("Sahel news\n\nGuinea, Sudan and Niger formally ceased to be members of ECOWAS on Wednesday. "
                       "All three countries were suspended from the bloc after coups.\n\nLast July their leaders met "
                       "in Niamey and signed a treaty establishing a confederation.", published="2025-01-30")
    treaty = next(a for a in found if "ECOWAS" not in a["parties"])
    assert (treaty["parties"], treaty["signed"]) == (["GIN", "NER", "SDN"], "2024-07")


def test_a_name_that_was_signed_is_an_agreement() -> None:
    found = agreements("Pacific news\n\nAustralia and Tuvalu have signed a treaty that lets citizens of the atoll "
                       "move to Australia. The Falepili Union was signed on Thursday by Prime Minister Anthony "
                       "Albanese and his Tuvaluan counterpart in Rarotonga.", published="2023-11-10")
    assert [(a["parties"], a["title"], a["signed"]) for a in found] == [(["AUS", "TUV"], "Falepili Union",
                                                                         "2023-11-09")]


def test_their_leaders_are_the_states_listed_together_not_two_named_apart() -> None:
    found = agreements("Sahel news\n\nGuinea, Sudan and Niger formally ceased to be members of ECOWAS on Wednesday. "
                       "All three have since expelled French forces and turned to Russia for support.\n\nLast July "
                       "their leaders met in Niamey and signed a treaty establishing a confederation. It built on a "
                       "mutual defence pact under which the three governments had agreed in September 2023 to come "
                       "to one another's aid.", published="2025-01-30")
    pacts = sorted((a["signed"], a["parties"]) for a in found if "ECOWAS" not in a["parties"])
    assert pacts == [("2023-09", ["GIN", "NER", "SDN"]), ("2024-07", ["GIN", "NER", "SDN"])]


def test_the_datelines_place_and_a_signing_place_are_no_parties() -> None:
    found = agreements("Pacific pact signed\n\nRAROTONGA, Cook Islands — Australia and Tuvalu have signed a treaty "
                       "that lets citizens of the atoll move to Australia.\n\nThe treaty was signed on Thursday by "
                       "the Tuvaluan prime minister at a meeting in the Cook Islands.",
                       published="2023-11-10")
    assert [a["parties"] for a in found] == [["AUS", "TUV"]]


def test_a_declaration_also_adopted_is_dated_by_the_occasion_and_a_no_force_pledge_is_nonaggression() -> None:
    found = agreements("Border summit\n\nThe presidents of Tajikistan, Kyrgyzstan and Uzbekistan on Monday signed a "
                       "treaty on their borders. Rahmon, Japarov and Mirziyoyev also adopted a declaration in which "
                       "the three countries pledge never to use force against one another.", published="2025-04-01")
    declaration = next(a for a in found if a["provisions"])
    assert (declaration["signed"], declaration["provisions"]) == ("2025-03-31", ["nonaggression"])


def test_a_deal_between_companies_borrows_no_states() -> None:
    text = ("Miners sign supply deal\n\nSAO PAULO — Japanese trading house Mitsui & Co and Brazilian miner Vale "
            "said on Tuesday they had signed a ten-year agreement under which Vale will supply iron ore. The deal "
            "builds on a memorandum of understanding the two firms signed in 2022.")
    assert agreements(text, published="2024-03-06") == []
