"""The changes an ingest causes, on a real knowledge base with the real extractor and our own short
articles: each news item gives exactly its alerts, once, with the sentence that says it; a record
whose id changes is not new; a notice deadline alerts on the right day of a simulated clock."""

from __future__ import annotations

from pathlib import Path

import pytest

import pactwatch
from pactwatch.article import Article

SIGNED = ("Azerbaijan and Georgia signed the Caspian Shield Agreement in Baku on 1 March 2020. The agreement "
          "runs for five years and renews automatically for further five-year periods unless either side gives "
          "six months' notice.")
RATIFIED = ("The parliament of Georgia ratified the Caspian Shield Agreement with Azerbaijan on 10 June 2020, "
            "the speaker said.")
IN_FORCE = ("The Caspian Shield Agreement between Azerbaijan and Georgia entered into force on 1 July 2020, the "
            "foreign ministry in Baku said.")
ENDED = ("Georgia terminated the Caspian Shield Agreement with Azerbaijan on 2 May 2024, the foreign ministry in "
         "Tbilisi said.")
OTHER_DAY = ("The Caspian Shield Agreement between Azerbaijan and Georgia entered into force on 3 July 2020, a "
             "newspaper in Tbilisi wrote.")
TERM = ("Armenia and Greece signed the Aegean Training Agreement in Athens on 1 March 2020, and it entered into "
        "force on 1 March 2020. The agreement is valid for five years and is renewed automatically for further "
        "five-year periods unless a party gives six months' notice.")


def article(name: str, text: str, published: str) -> Article:
    return Article(name, text, f"news/{name}.txt", published, f"https://news.example.org/{name}", None)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> pactwatch.kb.KnowledgeBase:
    return pactwatch.open(f"sqlite:///{tmp_path_factory.mktemp('changes') / 'kb.db'}")


def kinds(alerts: list[dict]) -> list[tuple[str, str | None, str | None]]:
    return [(a["kind"], a["field"], a["new"]) for a in alerts]


def ingest(kb: pactwatch.kb.KnowledgeBase, name: str, text: str, published: str) -> list[dict]:
    """Ingest one article; ingesting it again must change nothing."""
    found = kb.ingest_articles([article(name, text, published)]).changes
    assert kb.ingest_articles([article(name, text, published)]).changes == []
    return found


def test_each_article_gives_exactly_its_alerts_once(kb: pactwatch.kb.KnowledgeBase) -> None:
    signed = ingest(kb, "signed", SIGNED, "2020-03-02")
    assert kinds(signed) == [("new_agreement", None, "signed")]
    first = signed[0]
    assert first["summary"] == "New agreement: Caspian Shield Agreement (Azerbaijan, Georgia), signed 2020-03-01"
    assert first["day"] == "2020-03-01" and first["parties"] == ["AZE", "GEO"]
    assert first["evidence"] == {"quote": SIGNED.split(". ")[0] + ".", "article_id": "signed",
                                 "source": "https://news.example.org/signed"}
    assert first["url"] == f"/agreements/{first['record_id']}"

    ratified = ingest(kb, "ratified", RATIFIED, "2020-06-11")
    assert kinds(ratified) == [("status_changed", "status", "ratified"), ("ratified", "ratified.GEO", "2020-06-10")]
    assert ratified[1]["party"] == "GEO" and ratified[1]["day"] == "2020-06-10"
    assert ratified[1]["summary"] == "Georgia ratified the Caspian Shield Agreement (2020-06-10)"
    assert ratified[1]["evidence"]["quote"] == RATIFIED and ratified[1]["record_id"] == first["record_id"]

    in_force = ingest(kb, "in-force", IN_FORCE, "2020-07-02")
    assert kinds(in_force) == [("status_changed", "status", "in_force"), ("in_force", "in_force", "2020-07-01")]
    assert in_force[1]["evidence"]["quote"] == IN_FORCE and in_force[1]["day"] == "2020-07-01"

    ended = ingest(kb, "ended", ENDED, "2024-05-03")
    assert kinds(ended) == [("status_changed", "status", "terminated"), ("terminated", "ended", "2024-05-02")]
    assert ended[1]["evidence"]["quote"] == ENDED

    disputed = ingest(kb, "other-day", OTHER_DAY, "2020-07-04")
    assert kinds(disputed) == [("conflict", "in_force", "2020-07-03")]
    assert disputed[0]["old"] == "2020-07-01" and disputed[0]["evidence"]["quote"] == OTHER_DAY

    everything = signed + ratified + in_force + ended + disputed
    assert kb.count_changes() == len(everything) == 8
    assert {a["id"] for a in kb.changes(limit=None)} == {a["id"] for a in everything}
    assert kb.changes(limit=1)[0]["id"] == disputed[0]["id"]  # newest first
    assert [a["id"] for a in kb.changes(kind="ratified")] == [ratified[1]["id"]]
    assert kb.reextract(everything=True).changes == []  # the same facts again: nothing new


def test_a_record_whose_id_changes_is_not_new(kb: pactwatch.kb.KnowledgeBase) -> None:
    """The entry-into-force article gave the record a longer title, which changed its id."""
    records = {a["record_id"] for a in kb.changes(limit=None)}
    assert len(records) == 2
    assert [a["kind"] for a in kb.changes(kind="new_agreement", limit=None)] == ["new_agreement"]
    assert kb.count_agreements() == 1 and kb.agreements()[0]["id"] in records


def test_a_folder_ingest_records_its_changes_too(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "signed.txt").write_text(f"date 2020-03-02\n{SIGNED}\n", encoding="utf-8")
    with pactwatch.open(f"sqlite:///{tmp_path / 'kb.db'}") as kb:
        report = kb.ingest([str(folder)])
        assert kinds(report.changes) == [("new_agreement", None, "signed")]
        assert report.changes[0]["evidence"]["source"] == "news/signed.txt"
        assert report.to_json()["changes"] == report.changes
        assert kb.ingest([str(folder)]).changes == [] and kb.count_changes() == 1


def test_a_notice_deadline_alerts_on_the_first_day_of_the_window_and_only_once(tmp_path: Path) -> None:
    """In force 2020-03-01 for five years, renewed automatically, six months' notice: the last
    day to give notice is 2024-09-01; watched 120 days ahead, the window reaches it on 2024-05-04."""
    with pactwatch.open(f"sqlite:///{tmp_path / 'kb.db'}") as kb:
        kb.ingest_articles([article("term", TERM, "2020-03-02")])
        assert kb.notice_alerts("2024-05-03", 120) == []
        due = kb.notice_alerts("2024-05-04", 120)
        assert kinds(due) == [("notice_due", "notice_deadline", "2024-09-01")]
        assert due[0]["day"] == "2024-09-01"
        assert due[0]["summary"] == ("Aegean Training Agreement: last day to give 6 months' notice is 2024-09-01 "
                                     "(renews automatically 2025-03-01)")
        assert due[0]["evidence"]["quote"].startswith("The agreement is valid for five years")
        assert kb.notice_alerts("2024-05-05", 120) == [] and kb.notice_alerts("2024-09-01", 120) == []
        assert kb.notice_alerts("2024-09-02", 120) == []  # passed: the next deadline is 2029-09-01
        assert kb.notice_alerts("2029-05-04", 120)[0]["new"] == "2029-09-01"
        assert kb.count_changes(kind="notice_due") == 2
        with pytest.raises(ValueError, match="today '2024-13-01' is not a date"):
            kb.notice_alerts("2024-13-01", 120)
