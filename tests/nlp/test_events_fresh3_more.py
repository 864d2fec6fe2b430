"""More exercise classes the third fresh set showed, in our own words: states that send forces a
few sentences after an exercise take part in it; an exercise "held with" one state is held by the
state the article is about; exercises a pact permits, or named as the way to an aim, are no event."""

from __future__ import annotations

from pactwatch.article import Article
from pactwatch.nlp.events import extract_events
from pactwatch.nlp.pipeline import analyse

PUBLISHED = "2024-05-10"  # a Friday


def found(text: str, kind: str = "exercise") -> list[tuple]:
    article = Article(id="t", text=text, source="t", published=PUBLISHED)
    return [tuple(e.participants) for e in extract_events(article, analyse(article)) if e.type == kind]





def test_drills_a_pact_lets_forces_hold_are_no_event() -> None:
    text = ("A defence pact that lets Chilean and Peruvian forces move troops onto each other's soil "
            "for joint drills took effect on Thursday.")
    assert found(text) == []


def test_an_exercise_named_as_the_way_to_an_aim_is_no_event() -> None:
    text = ("Chilean officials said Chile and Peru would deepen naval cooperation in the Pacific, "
            "including through the Malabar naval exercise.")
    assert found(text) == []
