"""Actor resolution: names, demonyms, capitals, institutions, officials, organisations, and the traps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.nlp.actors import actor_kind, actor_name, find_actors, resolve_actor


def codes(text: str) -> list[str]:
    return [a.code for a in find_actors(text)]


def test_names_demonyms_capitals_and_institutions() -> None:
    text = ("Azerbaijan`s parliament and the Turkish Parliament approved it; Baku and Ankara welcomed "
            "the vote, the Kremlin said, and South Korean and Papua New Guinea officials met at NATO.")
    assert codes(text) == ["AZE", "TUR", "AZE", "TUR", "RUS", "KOR", "PNG", "NATO"]
    found = find_actors(text)
    assert [a.how for a in found[:5]] == ["name", "demonym", "capital", "capital", "institution"]
    assert [a.how for a in found[5:]] == ["demonym", "official", "org"]


def test_officials_are_marked_with_their_state() -> None:
    found = find_actors("Turkish Trade Minister Ruhsar Pekcan met Jordan's King Abdullah in Amman.")
    assert [(a.code, a.text, a.how) for a in found] == [
        ("TUR", "Turkish", "official"), ("JOR", "Jordan", "official"), ("JOR", "Amman", "capital")]


@pytest.mark.parametrize("alias", ["Turkey", "Turkiye", "Türkiye", "Turkish", "Ankara", "the Grand National Assembly"])
def test_every_name_of_turkey(alias: str) -> None:
    assert resolve_actor(alias) == "TUR"


@pytest.mark.parametrize(("alias", "code"), [
    ("the US", "USA"), ("U.S.", "USA"), ("USA", "USA"), ("America", "USA"), ("the White House", "USA"),
    ("UK", "GBR"), ("Britain", "GBR"), ("Great Britain", "GBR"), ("Downing Street", "GBR"),
    ("Republic of Korea", "KOR"), ("ROK", "KOR"), ("DPRK", "PRK"), ("Czechia", "CZE"), ("Ivory Coast", "CIV"),
    ("Solomon Islands", "SLB"), ("Honiara", "SLB"), ("PNG", "PNG"), ("Emirati", "ARE"), ("Qatari", "QAT"),
    ("Moroccan", "MAR"), ("Rabat", "MAR"), ("Kiev", "UKR"), ("Kyiv", "UKR"), ("the Sejm", "POL"),
    ("the Elysee", "FRA"), ("the Bundestag", "DEU"), ("the Majlis", "IRN"), ("Yerevan", "ARM"),
    # from the maintained base (countryinfo), not our table:
    ("Nairobi", "KEN"), ("Ghanaian", "GHA"), ("Zambians", "ZMB"),
])
def test_aliases_resolve(alias: str, code: str) -> None:
    assert resolve_actor(alias) == code


def test_organisations() -> None:
    text = ("The North Atlantic Treaty Organization, the EU, the UN, the CSTO, the OSCE, the SCO, ASEAN, "
            "the African Union, the GCC, the CIS, the EAEU, the OAS and the IAEA.")
    assert codes(text) == ["NATO", "EU", "UN", "CSTO", "OSCE", "SCO", "ASEAN", "AU", "GCC", "CIS", "EAEU",
                           "OAS", "IAEA"]
    assert all(a.kind == "org" for a in find_actors(text))
    assert codes("The alliance said its members agreed.") == []


def test_longest_match_and_offsets_slice_back() -> None:
    text = "Papua New Guinea, Guinea and the United Kingdom of Great Britain and Northern Ireland signed."
    found = find_actors(text, offset=100)
    assert [a.code for a in found] == ["PNG", "GIN", "GBR"]
    for a in found:
        assert text[a.start - 100:a.end - 100] == a.text


def test_neighbouring_names_are_kept_apart() -> None:
    assert codes("Niger and Nigeria, Guinea-Bissau and Equatorial Guinea.") == ["NER", "NGA", "GNB", "GNQ"]
    assert codes("Dominica and the Dominican Republic; a Dominican diplomat.") == ["DMA", "DOM"]


def test_hyphenated_pairs_and_possessives() -> None:
    assert codes("US-made jets, the Russia-Ukraine war, Turkish-Azerbaijani ties") == [
        "USA", "RUS", "UKR", "TUR", "AZE"]
    assert codes("Russia’s envoy and Azerbaijan`s minister") == ["RUS", "AZE"]


def test_dollar_signs_newspapers_and_regions_are_not_states() -> None:
    assert codes("The deal is worth US$6.5 billion, the Washington Post reported.") == []
    assert codes("Prices in US dollars rose across Latin America and South America.") == []
    assert codes("The US and the UN disagreed.") == ["USA", "UN"]


def test_korea_alone_reads_as_south_korea() -> None:
    assert codes("Korea and North Korea held talks on the Korean Peninsula; the two Koreas differ.") == [
        "KOR", "PRK"]


def test_given_names_and_named_places_are_not_states() -> None:
    assert codes("Jordan Peterson and Chad Smith spoke; George Washington was there.") == []
    assert codes("Atlanta, Georgia hosted it; Georgia's parliament did not.") == ["GEO"]
    assert codes("Armenia rejected the Madrid Principles at the Doha Forum.") == ["ARM"]
    assert codes("In Washington, officials met in Ankara Monday.") == ["USA", "TUR"]


def test_lowercase_words_never_match() -> None:
    assert codes("we ate turkey and china plates in jordan") == []


def test_shouting_text_drops_short_acronyms() -> None:
    assert codes("LET US KNOW WHAT YOU THINK") == []


def test_resolve_single_names() -> None:
    assert resolve_actor("Ankara") == "TUR"
    assert resolve_actor("Azeri") == "AZE"
    assert resolve_actor("Sweden's") == "SWE"
    assert resolve_actor("the Knesset") == "ISR"
    assert resolve_actor("Atlantis") is None
    assert actor_name("TUR") == "Türkiye" and actor_name("NATO") == "NATO" and actor_name("KOR") == "South Korea"
    assert actor_kind("NATO") == "org" and actor_kind("AZE") == "state"


@given(st.text(max_size=200))
def test_any_text_gives_mentions_that_slice_back(text: str) -> None:
    found = find_actors(text, offset=7)
    for a in found:
        assert text[a.start - 7:a.end - 7] == a.text
    assert all(x.end <= y.start for x, y in zip(found, found[1:], strict=False))


@given(st.lists(st.sampled_from(["Turkey", "Azeri", "Baku", "the", "US$", "and", "Minister", "Jordan",
                                 "Smith", ",", "Guinea", "Papua New", "’s", "-", "NATO"]), max_size=12))
def test_gazetteer_words_in_any_order_slice_back(words: list[str]) -> None:
    text = " ".join(words)
    for a in find_actors(text):
        assert text[a.start:a.end] == a.text


KOREA_ARTICLE = ("North Korea tested a missile on Monday. Seoul and Washington condemned the North, "
                 "and the North's envoy walked out of the talks.")


@pytest.mark.parametrize(("sentence", "article", "expected"), [
    ("Seoul and Washington condemned the North, officials said.", KOREA_ARTICLE, ["KOR", "USA", "PRK"]),
    ("Talks with the North's envoy stalled.", KOREA_ARTICLE, ["PRK"]),
    ("Japan accused the North of firing over its waters.", "The DPRK fired. " * 3, ["JPN", "PRK"]),
    # not without North Korea in the article, and never a longer name that starts with North
    ("Seoul and Washington condemned the North, officials said.", "A story about Seoul.", ["KOR", "USA"]),
    ("Ships crossed the North Sea and the North Atlantic.", KOREA_ARTICLE, []),
    ("Ships sailed to the north of the island.", KOREA_ARTICLE, []),
])
def test_the_north_is_north_korea_only_in_an_article_naming_it(
        sentence: str, article: str, expected: list[str]) -> None:
    assert [a.code for a in find_actors(sentence, article=article)] == expected
