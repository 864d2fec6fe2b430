"""Boilerplate lines go, article sentences that merely look like them stay."""

from __future__ import annotations

import pytest

from pactwatch.read.boilerplate import is_boilerplate_line, is_photo_caption, remove_boilerplate


@pytest.mark.parametrize("line", [
    "ADVERTISEMENT",
    "Advertisement",
    "Article content",
    "Share this article",
    "Subscribe to our newsletter for daily briefings",
    "Follow us on X and Telegram",
    "Tags: Baltic | defence | radar",
    "We use cookies to improve your experience on our site.",
    "Back to Press Releases",
    "Photo: Defence ministry press office",
    "https://example.org/news/2024/pact-signed",
    "×",
    "---",
    "By Jane Example",
    "2024-05-01 10:15 | www.example.org | 3",
    "Reporting by Jane Example; Editing by John Sample",
])
def test_site_lines_are_boilerplate(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "The advertisement campaign for army recruits ended in May.",
    "Share prices of the two defence firms rose after the deal.",
    "By the end of 2019 both parliaments had ratified the treaty.",
    "Subscribers to the treaty pledge mutual assistance.",
    "Related talks on a trade deal will follow next month.",
    "The ministers signed the accord in Riga (the Latvian capital).",
    "Photographers were kept away from the signing ceremony.",
])
def test_article_sentences_are_kept(line: str) -> None:
    assert not is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "Troops parade in the capital on May 9, 2023. (AP Photo/Jane Doe)",
    "The two ministers shake hands in Ankara. (Photo by John Roe/Example Agency)",
    "A frigate leaves port in Toulon (JANE DOE/POOL/AFP via Getty Images)",
    "The president greets his guest at the palace / SPA",
])
def test_captions_with_credits_are_recognised(line: str) -> None:
    assert is_photo_caption(line)


def test_uncredited_caption_twin_and_repeated_headline_are_dropped() -> None:
    text = ("Pact signed\n\nPact signed\n\nA minister speaks at a meeting.\n"
            "A minister speaks at a meeting in Oslo on May 2, 2024. (Photo by Jo Roe/Example)\n"
            "Norway and Denmark signed the pact on Thursday.")
    assert remove_boilerplate(text) == "Pact signed\n\nNorway and Denmark signed the pact on Thursday."


def test_tail_heading_in_the_first_half_only_drops_its_own_line() -> None:
    text = ("Related\nNorway and Denmark signed a defence pact on Thursday in Oslo, officials said.\n"
            "It covers air policing and joint exercises over the next ten years.")
    assert remove_boilerplate(text) == (
        "Norway and Denmark signed a defence pact on Thursday in Oslo, officials said.\n"
        "It covers air policing and joint exercises over the next ten years.")


def test_trailing_top_stories_block_is_cut() -> None:
    text = ("Norway and Denmark signed a defence pact on Thursday in Oslo, officials said.\n\n"
            "It covers air policing and joint exercises over the next ten years.\n\n Top stories\n"
            "Storm closes ports.\nElection results are in.\nPartner news\n---")
    assert remove_boilerplate(text) == (
        "Norway and Denmark signed a defence pact on Thursday in Oslo, officials said.\n\n"
        "It covers air policing and joint exercises over the next ten years.")
