"""Agreement phenomena in many wordings (round 2): each mechanism is tested on several phrasings
of our own, with near misses that must not fire. Texts are ours; facts what a careful reader takes.
"""

from __future__ import annotations

import pytest

from pactwatch.article import Article
from pactwatch.extract import extract_article
from pactwatch.facts import schema_problems


def agreements(text: str, published: str = "2025-09-01") -> list[dict]:
    article = Article(id="t", text=text, source="test", published=published)
    out = extract_article(article).to_json()
    assert schema_problems(out, article.text) == []
    return out["agreements"]


@pytest.mark.parametrize("text, parties, date", [
    ("Sweden became NATO's 32nd member on Thursday, March 7, 2024.", ["NATO", "SWE"], "2024-03-07"),
    ("On Monday, May 12, 2025, Norway officially became a member of the European Union.", ["EU", "NOR"],
     "2025-05-12"),
    ("Montenegro formally joined the alliance on June 5, 2017, after its parliament approved membership.",
     ["MNE", "NATO"], "2017-06-05"),
    ("North Macedonia completed its accession to NATO on March 27, 2020.", ["MKD", "NATO"], "2020-03-27"),
    ("Finland's NATO membership took effect on April 4, 2023.", ["FIN", "NATO"], "2023-04-04"),
    ("Finland joined NATO on April 4, 2023, doubling the border the alliance shares with Russia.",
     ["FIN", "NATO"], "2023-04-04"),
])
def test_an_accession_that_took_effect_is_in_force_on_its_date(text: str, parties: list[str], date: str) -> None:
    (accession,) = agreements(text)
    assert (accession["parties"], accession["status"], accession["in_force"]) == (parties, "in_force", date)


@pytest.mark.parametrize("text", [
    "Officials in Chisinau say Moldova does not seek to join NATO.",
    "Austria has no plans to join NATO, the chancellor said on Monday.",
    "Serbia refused to join the alliance, its president said on 3 May 2025.",
])
def test_a_denied_joining_is_no_accession(text: str) -> None:
    assert agreements(text) == []


def test_a_candidate_wanting_membership_is_only_proposed() -> None:
    (accession,) = agreements("Ukraine hopes to become a member of NATO, its foreign minister said on 3 May 2025.")
    assert accession["status"] == "proposed" and accession["in_force"] is None
