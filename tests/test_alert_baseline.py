"""The state alerts are detected against is kept in the database (``compared_agreements``), so no
alert is lost however an ingest ends: one killed by SIGKILL after storing its articles but before
recording their alerts is caught up by the next ingest; a database upgraded from before the
baseline existed starts from the agreements it holds (no flood of "new agreement"); re-ingesting
writes nothing. Real knowledge bases (SQLite, and PostgreSQL with $PACTWATCH_TEST_PG), the real
extractor and our own short articles."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config

import pactwatch
from pactwatch.alerts import snapshot
from pactwatch.article import Article
from pactwatch.store import watch
from pactwatch.store.engine import MIGRATIONS, with_retries

SIGNED = ("Azerbaijan and Georgia signed the Caspian Shield Agreement in Baku on 1 March 2020. The agreement "
          "runs for five years and renews automatically for further five-year periods unless either side gives "
          "six months' notice.")
RATIFIED = ("The parliament of Georgia ratified the Caspian Shield Agreement with Azerbaijan on 10 June 2020, "
            "the speaker said.")
UNRELATED = ("Armenia and Greece signed the Aegean Training Agreement in Athens on 1 March 2020, and it entered "
             "into force on 1 March 2020.")

# The child ingests one article with recording replaced by a real SIGKILL of itself: it dies after
# the ingest's batches committed, inside the transaction that would record the alerts.
KILLED_INGEST = """
import json, os, signal, sys
import pactwatch
from pactwatch.article import Article
from pactwatch.store import watch

def killed(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

watch.record_changes = killed
db, name, text, published = json.loads(sys.argv[1])
kb = pactwatch.open(db)
kb.ingest_articles([Article(name, text, f"news/{name}.txt", published, f"https://news.example.org/{name}", None)])
print("not killed")
"""


def article(name: str, text: str, published: str) -> Article:
    return Article(name, text, f"news/{name}.txt", published, f"https://news.example.org/{name}", None)


def kinds(alerts: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    return [(a["kind"], a["field"]) for a in alerts]


def ingest_killed(db: str, name: str, text: str, published: str) -> None:
    child = subprocess.run([sys.executable, "-c", KILLED_INGEST, json.dumps([db, name, text, published])],
                           capture_output=True, text=True, timeout=300)
    assert child.returncode == -signal.SIGKILL, (child.returncode, child.stdout, child.stderr)


def baseline(kb: pactwatch.kb.KnowledgeBase) -> dict[str, Any]:
    return {rid: json.loads(state) for rid, state in kb._read(watch.compared).items()}


def test_alerts_of_an_ingest_killed_before_recording_them_come_with_the_next_ingest(db: str) -> None:
    with pactwatch.open(db) as kb:
        assert kinds(kb.ingest_articles([article("signed", SIGNED, "2020-03-02")]).changes) == [
            ("new_agreement", None)]

    ingest_killed(db, "ratified", RATIFIED, "2020-06-11")

    with pactwatch.open(db) as kb:
        assert kb.article("ratified") is not None  # the killed ingest stored its article ...
        assert kb.count_changes() == 1  # ... and recorded none of its alerts
        assert kb.agreements()[0]["ratified"] == {"GEO": "2020-06-10"}
        later = kb.ingest_articles([article("unrelated", UNRELATED, "2020-03-02")]).changes
        assert sorted(kinds(later)) == [("new_agreement", None), ("ratified", "ratified.GEO"),
                                        ("status_changed", "status")]
        ratified = kb.changes(kind="ratified", limit=None)
        assert len(ratified) == 1 and ratified[0]["new"] == "2020-06-10"
        assert ratified[0]["evidence"]["source"] == "https://news.example.org/ratified"
        assert kb.ingest_articles([]).changes == []  # recorded once: nothing more to catch up
        assert kb.count_changes() == 4
        assert baseline(kb) == kb._read(snapshot)


def test_an_upgraded_database_without_a_baseline_reports_no_flood_of_new_agreements(db: str) -> None:
    """A database from before alerts were kept (revision 0005) holds two agreements; upgraded, its
    first ingest reports only what that ingest changed."""
    with pactwatch.open(db) as kb:
        kb.ingest_articles([article("signed", SIGNED, "2020-03-02"), article("unrelated", UNRELATED, "2020-03-02")])
        downgrade(kb, "0005_reviews")  # no changes, no baseline: as the database was then
    with pactwatch.open(db) as kb:
        assert not kb._read(watch.baseline_filled)
        changes = kb.ingest_articles([article("ratified", RATIFIED, "2020-06-11")]).changes
        assert kinds(changes) == [("status_changed", "status"), ("ratified", "ratified.GEO")]
        assert kb.count_changes(kind="new_agreement") == 0
        assert baseline(kb) == kb._read(snapshot) and len(baseline(kb)) == 2


def test_an_empty_knowledge_base_has_a_baseline_so_its_first_agreement_is_new(tmp_path: Path) -> None:
    with pactwatch.open(f"sqlite:///{tmp_path / 'kb.db'}") as kb:
        assert kb.ingest_articles([]).changes == [] and kb._read(watch.baseline_filled)
        assert kinds(kb.ingest_articles([article("signed", SIGNED, "2020-03-02")]).changes) == [
            ("new_agreement", None)]


def test_re_ingesting_reports_nothing_and_writes_no_baseline_row(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[int] = []
    move = watch.move_baseline
    monkeypatch.setattr(watch, "move_baseline", lambda *args: written.append(move(*args)) or written[-1])
    with pactwatch.open(f"sqlite:///{tmp_path / 'kb.db'}") as kb:
        articles = [article("signed", SIGNED, "2020-03-02"), article("unrelated", UNRELATED, "2020-03-02")]
        assert len(kb.ingest_articles(articles).changes) == 2
        assert written == [2]  # two new records
        before = baseline(kb)
        assert kb.ingest_articles(articles).changes == []
        assert kb.reextract(everything=True).changes == []
        assert written[1:] == [0, 0] and baseline(kb) == before
        assert len(kb.ingest_articles([article("ratified", RATIFIED, "2020-06-11")]).changes) == 2
        assert written[-1] == 1  # only the ratified record's row


def downgrade(kb: pactwatch.kb.KnowledgeBase, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))

    def run(conn: Any) -> None:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)

    with_retries(kb.engine, run)
