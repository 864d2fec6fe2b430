"""A watch delivers from the recorded ``changes`` after a durable cursor, not from its own ingests:
changes recorded by another ingest between two rounds go out with the next round, once; a new watch
on an old database announces none of its history; two watch files on one database each get every
alert; a backlog goes out a page at a time, in the order recorded. Real knowledge bases (SQLite, and
PostgreSQL with $PACTWATCH_TEST_PG), the real extractor and our own short articles."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

import pactwatch
from pactwatch.alerts import alert_id
from pactwatch.article import Article
from pactwatch.store import watch as store
from pactwatch.watch import loop
from pactwatch.watch.config import load_config
from pactwatch.watch.loop import Watcher

SIGNED = ("Azerbaijan and Georgia signed the Caspian Shield Agreement in Baku on 1 March 2020. The agreement "
          "runs for five years and renews automatically for further five-year periods unless either side gives "
          "six months' notice.")
RATIFIED = ("The parliament of Georgia ratified the Caspian Shield Agreement with Azerbaijan on 10 June 2020, "
            "the speaker said.")
OLD = time.time() - 60  # a file's writer is done with it
UNRELATED = ("Armenia and Greece signed the Aegean Training Agreement in Athens on 1 March 2020, and it entered "
             "into force on 1 March 2020.")


def article(name: str, text: str, published: str) -> Article:
    return Article(name, text, f"news/{name}.txt", published, f"https://news.example.org/{name}", None)


def watch_file(folder: Path, name: str = "watch.toml", rules: str = '[[alert]]\nto = "log:alerts.jsonl"\n') -> Path:
    """A watch file over an (empty) drops folder beside it, with ``rules``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "drops").mkdir(exist_ok=True)
    path = folder / name
    path.write_text(f'[[source]]\npath = "drops"\n{rules}', encoding="utf-8")
    return path


def watcher(config: Path, kb: pactwatch.kb.KnowledgeBase) -> Watcher:
    return Watcher(load_config(config), kb, stdout=io.StringIO(), stderr=io.StringIO())


def logged_ids(path: Path) -> list[str]:
    """The ids of the alerts in a ``log:`` file, in the order written (problem lines left out)."""
    if not path.exists():
        return []
    return [line["id"] for line in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if "id" in line]


def recorded_ids(kb: pactwatch.kb.KnowledgeBase) -> list[str]:
    return [alert["id"] for _seq, alert in kb._read(store.changes_after, 0)]


def fake_alert(record: str, party: str) -> dict[str, Any]:
    return {"id": alert_id("new_agreement", record, None, "signed"), "kind": "new_agreement",
            "at": "2026-11-02T08:00:00Z", "day": "2026-11-01", "record_id": record, "record_kind": "agreement",
            "title": f"{record} Agreement", "parties": ["AZE", party], "domain": "security", "field": None,
            "old": None, "new": "signed", "party": None, "summary": f"New agreement: {record}", "evidence": None,
            "provisions": [], "url": f"/agreements/{record}"}


def test_changes_recorded_by_another_ingest_between_rounds_go_out_with_the_next_round_once(
        db: str, tmp_path: Path) -> None:
    config = watch_file(tmp_path)
    (tmp_path / "drops" / "signed.txt").write_text(SIGNED, encoding="utf-8")
    os.utime(tmp_path / "drops" / "signed.txt", (OLD, OLD))
    log = tmp_path / "alerts.jsonl"
    with pactwatch.open(db) as kb, watcher(config, kb) as watch:
        first = watch.run_round()
        assert [a["kind"] for a in first.alerts] == ["new_agreement"]
        with pactwatch.open(db) as other:  # another knowledge base on the database: as `pactwatch ingest` would
            others = other.ingest_articles([article("ratified", RATIFIED, "2020-06-11")]).changes
        assert sorted(a["kind"] for a in others) == ["ratified", "status_changed"]
        second = watch.run_round()
        assert (second.new, [a["id"] for a in second.alerts]) == (0, [a["id"] for a in others])
        assert watch.run_round().alerts == []  # once
        assert logged_ids(log) == recorded_ids(kb)  # every recorded alert, each once, in the order recorded
        assert watch.stdout.getvalue().splitlines()[1].endswith("; 2 alerts")  # type: ignore[attr-defined]


def test_a_first_watch_on_a_database_with_changes_announces_none_of_them(db: str, tmp_path: Path) -> None:
    with pactwatch.open(db) as kb:
        old = kb.ingest_articles([article("signed", SIGNED, "2020-03-02")]).changes
        assert old
        config = watch_file(tmp_path)
        with watcher(config, kb) as watch:
            assert watch.run_round().alerts == []
            assert kb._read(store.cursor, str(config.resolve())) == kb._read(store.last_seq)  # stored at once
            new = kb.ingest_articles([article("unrelated", UNRELATED, "2020-03-02")]).changes
            assert [a["id"] for a in watch.run_round().alerts] == [a["id"] for a in new]
        assert logged_ids(tmp_path / "alerts.jsonl") == [a["id"] for a in new]


def test_two_watch_files_on_one_database_each_get_every_alert(db: str, tmp_path: Path) -> None:
    config_a = watch_file(tmp_path / "a")
    config_b = watch_file(tmp_path / "b", "b.toml", '[[alert]]\nto = ["log:b.jsonl", "console"]\n')
    (tmp_path / "a" / "drops" / "signed.txt").write_text(SIGNED, encoding="utf-8")
    os.utime(tmp_path / "a" / "drops" / "signed.txt", (OLD, OLD))
    with pactwatch.open(db) as kb, watcher(config_a, kb) as watch_a, watcher(config_b, kb) as watch_b:
        assert watch_b.run_round().alerts == []  # b starts now: nothing recorded yet
        assert [a["kind"] for a in watch_a.run_round().alerts] == ["new_agreement"]  # a ingests
        kb.ingest_articles([article("ratified", RATIFIED, "2020-06-11")])  # and somebody else
        assert len(watch_b.run_round().alerts) == 3  # b ingested nothing of its own, and gets all three
        assert len(watch_a.run_round().alerts) == 2
        every = recorded_ids(kb)
        assert len(every) == 3
        assert logged_ids(tmp_path / "a" / "alerts.jsonl") == every == logged_ids(tmp_path / "b" / "b.jsonl")
        assert len(watch_b.stdout.getvalue().splitlines()) == 3 + 2  # type: ignore[attr-defined] - alerts, rounds
        assert watch_a.run_round().alerts == watch_b.run_round().alerts == []


def test_a_backlog_goes_out_a_page_at_a_time_in_order_each_rule_filtering(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loop, "DELIVERY_PAGE", 2)
    config = watch_file(tmp_path, rules='[[alert]]\nto = "log:alerts.jsonl"\n'
                                        '[[alert]]\nparty = "GEO"\nto = "log:georgia.jsonl"\n')
    with pactwatch.open(f"sqlite:///{tmp_path / 'kb.db'}") as kb, watcher(config, kb) as watch:
        name = str(config.resolve())
        assert watch.run_round().alerts == [] and kb._read(store.cursor, name) == 0
        backlog = [fake_alert(f"agr-{n}", "GEO" if n % 2 else "TUR") for n in range(5)]
        kb.record_changes(backlog)
        moves: list[int] = []
        mark = kb.mark_delivered
        monkeypatch.setattr(kb, "mark_delivered", lambda cursor, seq: moves.append(seq) or mark(cursor, seq))
        assert [a["id"] for a in watch.run_round().alerts] == [a["id"] for a in backlog]
        assert moves == [2, 4, 5]  # the cursor after each page handed over
        assert logged_ids(tmp_path / "alerts.jsonl") == [a["id"] for a in backlog]
        assert logged_ids(tmp_path / "georgia.jsonl") == [a["id"] for a in backlog if "GEO" in a["parties"]]


def test_the_cursor_functions(db: str) -> None:
    """Seq order and limits; a cursor starts at the newest change and only ever moves forward;
    names (paths) of any length."""
    with pactwatch.open(db) as kb:
        assert kb._read(store.last_seq) == 0 and kb.undelivered("/srv/a.toml") == []
        kb.record_changes([fake_alert("agr-1", "GEO"), fake_alert("agr-2", "TUR")])
        long_name = "/srv/" + "w" * 5000 + ".toml"
        assert kb.start_delivery(long_name) == 2 == kb._read(store.last_seq)
        assert [a["record_id"] for _, a in kb.undelivered("/srv/a.toml")] == ["agr-1", "agr-2"]
        assert [seq for seq, _ in kb.undelivered("/srv/a.toml", limit=1)] == [1]
        assert kb.mark_delivered("/srv/a.toml", 1) == 1
        assert kb.mark_delivered("/srv/a.toml", 0) == 1  # never back
        kb.record_changes([fake_alert("agr-3", "GEO")])
        assert [a["record_id"] for _, a in kb.undelivered("/srv/a.toml")] == ["agr-2", "agr-3"]
        assert [a["record_id"] for _, a in kb.undelivered(long_name)] == ["agr-3"]
        assert kb._read(store.changes_after, 1, 5) == kb.undelivered("/srv/a.toml")
        assert kb.start_delivery(long_name) == 2  # an existing cursor is kept
