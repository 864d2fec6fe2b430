"""No server path in anything the knowledge base gives out: sources are relative to the folder
ingested, a name clash names the other file that way, and databases written with absolute paths
are rewritten by migration 0003 and, whatever remains, shown by file name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from kb_helpers import fake_extract
from sqlalchemy import insert, select

import pactwatch
from pactwatch.store import models as m
from pactwatch.store.engine import MIGRATIONS, create_db_engine
from pactwatch.store.sources import shown_reason, shown_source
from pactwatch.store.write import utc_now

PACT = "AZE and TUR signed the Shusha Declaration on 2021-06-15."
DRILL = "AZE and PAK held exercise Three Brothers on 2021-09-12."


def news_folder(root: Path) -> Path:
    folder = root / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(f"Baku, 16 June.\n\n{PACT} Officials praised it.\n", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(f"Karachi.\n\n{DRILL} Ships joined.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "c.jsonl").write_text(json.dumps({"id": "c1", "text": f"{PACT} Ankara agreed."}) + "\n{broken\n",
                                    encoding="utf-8")
    return folder


def everything_shown(kb: Any) -> str:
    """Every reading method's output over everything stored, as one JSON text."""
    out: list[Any] = [kb.articles(limit=None), kb.refused(limit=None), kb.duplicates(), kb.agreements(limit=None),
                      kb.events(limit=None), kb.timeline(), kb.actors(), kb.network()]
    out += [kb.article(a["id"]) for a in kb.articles(limit=None)]
    out += [kb.agreement(a["id"]) for a in kb.agreements(limit=None)]
    out += [kb.event(e["id"]) for e in kb.events(limit=None)]
    out += [kb.actor(a["code"]) for a in kb.actors()]
    return json.dumps(out)


def test_sources_are_relative_to_the_folder_ingested(db_url: str, tmp_path: Path) -> None:
    folder = news_folder(tmp_path / "srv" / "data")
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "single.txt").write_text(f"{DRILL} Again.\n", encoding="utf-8")
    with pactwatch.open(db_url, extractor=fake_extract) as kb:
        report = kb.ingest([str(folder), str(tmp_path / "one" / "single.txt")])
        assert sorted(a["source"] for a in kb.articles(limit=None)) == [
            "news/a.txt", "news/c.jsonl:1", "news/sub/b.txt", "single.txt"]
        assert sorted((r["source"], r["line"]) for r in kb.refused(limit=None)) == [
            ("news/c.jsonl", 2), ("news/empty.txt", None)]
        assert sorted(r.source for r in report.refused) == ["news/c.jsonl", "news/empty.txt"]
        assert str(tmp_path) not in everything_shown(kb)


def test_a_name_clash_names_the_other_file_relative_to_its_folder(db_url: str, tmp_path: Path) -> None:
    news_folder(tmp_path)
    other = tmp_path / "elsewhere" / "inbox"
    other.mkdir(parents=True)
    (other / "a.txt").write_text(f"{DRILL} A different text under the same id.\n", encoding="utf-8")
    (other / "twice.jsonl").write_text("\n".join(json.dumps({"id": "t", "text": f"{PACT} {n}"}) for n in (1, 2)),
                                       encoding="utf-8")
    with pactwatch.open(db_url, extractor=fake_extract) as kb:
        kb.ingest([str(tmp_path / "news")])
        report = kb.ingest([str(other)])
        reasons = {r.source: r.reason for r in report.refused}
        assert reasons["inbox/a.txt"] == ("id 'a' is already stored with a different text (read from news/a.txt); "
                                          "rename one of them")
        assert reasons["inbox/twice.jsonl"] == "duplicate id 't' (first read from inbox/twice.jsonl:1)"
        assert str(tmp_path) not in everything_shown(kb) + json.dumps([r.message() for r in report.refused])


def test_a_relative_path_is_shown_from_its_own_name(db_url: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    news_folder(tmp_path / "deep")
    monkeypatch.chdir(tmp_path / "deep" / "news")
    with pactwatch.open(db_url, extractor=fake_extract) as kb:
        kb.ingest(["../news/sub", "."])
        assert sorted(a["source"] for a in kb.articles(limit=None)) == [
            "a.txt", "c.jsonl:1", "sub/b.txt"]  # ".": the folder's contents; "../news/sub": from "sub"


def _database_at(db_url: str, revision: str) -> None:
    engine = create_db_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()


def _old_rows(db_url: str, root: str) -> None:
    """What an earlier pactwatch stored after ``ingest ROOT``: absolute sources everywhere."""
    engine = create_db_engine(db_url)
    now = utc_now()
    with engine.begin() as conn:
        run = conn.execute(insert(m.IngestRun.__table__).values(
            command="ingest", paths=[root], started_at=now, articles_read=2, articles_new=2, refused=2))
        run_id = run.inserted_primary_key[0]
        conn.execute(insert(m.Article.__table__), [
            {"id": i, "source": source, "text": f"{PACT} {i}", "content_hash": i, "extractor_version": "v0",
             "ingested_at": now, "run_id": rid}
            for i, source, rid in (("a", f"{root}/a.txt", run_id), ("j", f"{root}/sub/j.jsonl:4", run_id),
                                   ("w", "/var/other/x.warc#rec-1", None))])
        conn.execute(insert(m.Refusal.__table__), [
            {"key": key, "source": source, "line": None, "reason": reason, "at": now, "run_id": run_id}
            for key, source, reason in (
                ("k1", f"{root}/empty.txt", "empty file"),
                ("k2", f"{root}/dup.txt", f"duplicate id 'a' (first read from {root}/a.txt)"),
                ("k3", "/elsewhere/dup.txt", "duplicate id 'a' (first read from /x/a.txt)"),
                ("k4", "/other/dup.txt", "duplicate id 'a' (first read from /y/a.txt)"))])
    engine.dispose()


def test_migration_rewrites_absolute_sources_of_an_older_database(db_url: str) -> None:
    root = "/home/someone/corpus/news"
    _database_at(db_url, "0002_full_text_search")
    _old_rows(db_url, root)
    with pactwatch.open(db_url) as kb:
        engine = kb.engine
        with engine.connect() as conn:
            stored = dict(conn.execute(select(m.Article.__table__.c.id, m.Article.__table__.c.source)).all())
            refusals = conn.execute(select(m.Refusal.__table__.c.source, m.Refusal.__table__.c.reason)).all()
        assert stored == {"a": "news/a.txt", "j": "news/sub/j.jsonl:4", "w": "x.warc#rec-1"}
        assert sorted(tuple(r) for r in refusals) == [  # the two that now read the same are one
            ("dup.txt", "duplicate id 'a' (first read from a.txt)"),
            ("news/dup.txt", "duplicate id 'a' (first read from a.txt)"), ("news/empty.txt", "empty file")]
        assert "/home" not in everything_shown(kb) and "/var" not in everything_shown(kb)


def test_an_absolute_source_written_after_the_migration_is_shown_by_name(db_url: str) -> None:
    with pactwatch.open(db_url, extractor=fake_extract) as kb:
        _old_rows(db_url, "/srv/news")
        assert sorted(a["source"] for a in kb.articles()) == ["a.txt", "j.jsonl:4", "x.warc#rec-1"]
        assert kb.article("a")["source"] == "a.txt"
        shown = everything_shown(kb)
        assert "/srv" not in shown and "/elsewhere" not in shown and "/x/" not in shown


@pytest.mark.parametrize(("source", "shown"), [
    ("/srv/news/a.txt", "a.txt"), ("news/a.txt", "news/a.txt"), ("/srv/a.jsonl:12", "a.jsonl:12"),
    ("/srv/x.warc#<urn:uuid:1/2>", "x.warc#<urn:uuid:1/2>"), ("C:\\Users\\me\\a.txt", "a.txt"),
    ("\\\\host\\share\\a.txt", "a.txt"), ("upload:a.txt", "upload:a.txt"), ("a.txt", "a.txt"),
])
def test_shown_source(source: str, shown: str) -> None:
    assert shown_source(source) == shown


def test_shown_reason_cuts_every_absolute_path_to_its_name() -> None:
    assert shown_reason("id 'a' is stored (read from /srv/news/a.txt); see /tmp/x/b.jsonl:3") == (
        "id 'a' is stored (read from a.txt); see b.jsonl:3")
    for plain in ("file is 2,000 bytes, over the limit of 1,000", "broken JSON (expecting ',' at column 3)",
                  "a date 2021/06/15 and a ratio 3/4"):
        assert shown_reason(plain) == plain
