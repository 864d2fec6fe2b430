"""A small knowledge base of our own texts for the CLI tests, built with an exact fake extractor so
that every value the commands print is known (the real extractor is tested elsewhere).

The extractor reads sentences of two fixed forms:
  "AZE and TUR signed the Shusha Pact on 2021-06-15."   -> an agreement; its title, date, parties and
                                                           status all rest on that one sentence
  "AZE, TUR and PAK signed a pact on 2020-03-01."      -> the same, without a title ("untitled")
  "... entered into force on 2022-01-01."               -> (same sentence) the date it entered into force
  "AZE and PAK held exercise Three Brothers on 2021-09-12."  -> an exercise
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pactwatch.article import Article
from pactwatch.facts import Agreement, ArticleFacts, Event, Evidence

SIGNED = re.compile(r"((?:[A-Z]{3}, )*[A-Z]{3}) and ([A-Z]{3}) signed (?:the ([A-Z][\w ,]+?)|a pact) on "
                    r"(\d{4}-\d{2}-\d{2})(?:, and it entered into force on (\d{4}-\d{2}-\d{2}))?\.")
EXERCISE = re.compile(r"([A-Z]{3}) and ([A-Z]{3}) held exercise ([A-Z][\w ]+?) on (\d{4}-\d{2}-\d{2})\.")

LONG_TITLE = ("Comprehensive Strategic Partnership Agreement on Defence Industrial Cooperation, Joint Procurement "
              "and the Exchange of Classified Information")
ARTICLES = {
    "shusha.txt": "AZE and TUR signed the Shusha Pact on 2021-06-15. Both capitals welcomed it.",
    "shusha-copy.txt": "AZE and TUR signed the Shusha Pact on 2021-06-15. Both capitals welcomed it.",
    "nameless.txt": "AZE, TUR and PAK signed a pact on 2020-03-01. Its text was not published.",
    "long.txt": f"ARE and FRA signed the {LONG_TITLE} on 2022-05-01, and it entered into force on 2022-09-01.",
    "drill.txt": "AZE and PAK held exercise Three Brothers on 2021-09-12. Tanks and jets took part.",
}


def fake_extract(article: Article) -> ArticleFacts:
    """Agreements and exercises of the fixed forms above, with exact evidence offsets."""
    agreements = []
    for m in SIGNED.finditer(article.text):
        parties = sorted({*m.group(1).split(", "), m.group(2)})
        quote = m.group(0)
        fields = ["parties", "signed", "status"] + (["title"] if m.group(3) else []) + (
            ["in_force"] if m.group(5) else [])
        industrial = bool(m.group(3) and "Industrial" in m.group(3))
        agreements.append(Agreement(
            parties=parties, title=m.group(3), domain="defense_industry" if industrial else "security",
            status="in_force" if m.group(5) else "signed", signed=m.group(4), in_force=m.group(5),
            evidence=[Evidence(name, quote, m.start(), m.end()) for name in fields]))
    events = [Event("exercise", sorted({m.group(1), m.group(2)}), date=m.group(4), item=None,
                    evidence=Evidence("event", m.group(0), m.start(), m.end()))
              for m in EXERCISE.finditer(article.text)]
    return ArticleFacts(article.id, article.published, agreements, events)


fake_extract.version = "cli-fake-1"  # type: ignore[attr-defined]


def write_articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def small_kb(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite URL of a knowledge base holding ``ARTICLES``: four agreements (one a copy, one
    untitled, one with a very long title) and an exercise."""
    import pactwatch

    folder = write_articles(tmp_path_factory.mktemp("articles") / "news")
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'small.db'}"
    with pactwatch.open(url, extractor=fake_extract) as kb:
        report = kb.ingest([str(folder)])
    assert not report.refused
    return url


@pytest.fixture
def long_title() -> str:
    return LONG_TITLE
