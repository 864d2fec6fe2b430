"""Ingest into real databases: idempotent, one transaction per batch, refusals recorded, re-extraction."""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_helpers import fake_extract, snapshot, write_stories
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

import pactwatch
from pactwatch.article import Article
from pactwatch.store import write


def open_fake(url: str, **options: object) -> pactwatch.kb.KnowledgeBase:
    return pactwatch.open(url, extractor=fake_extract, **options)


def test_ingest_stores_articles_facts_and_merged_records(db_url: str, tmp_path: Path) -> None:
    write_stories(tmp_path / "in", 4)
    with open_fake(db_url) as kb:
        report = kb.ingest([str(tmp_path / "in")], batch_size=3)
        assert (report.articles_read, report.articles_new, report.duplicates, report.refused) == (4, 4, 0, [])
        assert (report.agreements, report.events) == (4, 4)
        first = kb.agreements(q="accord number 1")
        assert [a["title"] for a in first] == ["Accord Number 1"]
        assert first[0]["documents"] == ["story-001"] and first[0]["independent_sources"] == 1
        assert kb.count_agreements() == 4 and kb.count_events(type="exercise") == 4


def test_ingesting_twice_changes_nothing(db_url: str, tmp_path: Path) -> None:
    write_stories(tmp_path / "in", 5)
    with open_fake(db_url) as kb:
        kb.ingest([str(tmp_path / "in")], batch_size=2)
        before = snapshot(db_url)
        again = kb.ingest([str(tmp_path / "in")], batch_size=2)
    assert (again.articles_new, again.duplicates) == (0, 5)
    assert snapshot(db_url) == before


def test_same_text_under_another_id_is_stored_and_clustered_as_one_source(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_stories(folder, 2)
    (folder / "story-copy.txt").write_bytes((folder / "story-001.txt").read_bytes())
    with open_fake(db_url) as kb:
        kb.ingest([str(folder)])
        assert kb.duplicates() == [{"cluster_id": "story-001", "kind": "exact", "articles": [
            {"id": "story-001", "title": None}, {"id": "story-copy", "title": None}]}]
        [pact] = kb.agreements(q="accord number 1")
        assert pact["documents"] == ["story-001", "story-copy"] and pact["independent_sources"] == 1


def test_an_id_already_stored_with_another_text_is_refused_and_the_first_kept(db_url: str, tmp_path: Path) -> None:
    with open_fake(db_url) as kb:
        kb.ingest_articles([Article("a1", "AZE and TUR signed the Baku Pact on 2021-06-15.", "first.txt")])
        report = kb.ingest_articles([Article("a1", "Something else entirely.", "second.txt")])
        assert report.articles_new == 0
        assert [r.message() for r in report.refused] == [
            "second.txt: id 'a1' is already stored with a different text (read from first.txt); rename one of them"]
        assert kb.article("a1")["text"].startswith("AZE and TUR")
        assert kb.refused()[0]["source"] == "second.txt"


def test_a_crash_inside_a_batch_leaves_the_database_as_before_it(db_url: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    write_stories(tmp_path / "in", 6)
    real_write_facts = write.write_facts
    calls = {"n": 0}

    def crashing_write_facts(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 4:  # the second article of the second batch
            raise RuntimeError("simulated crash")
        real_write_facts(*args, **kwargs)  # type: ignore[arg-type]

    with open_fake(db_url) as kb:
        kb.ingest_articles([Article("x", "GEO and ARM signed the Tbilisi Accord on 2019-03-01.", "x.txt")])
        monkeypatch.setattr(write, "write_facts", crashing_write_facts)
        with pytest.raises(RuntimeError, match="simulated crash"):
            kb.ingest([str(tmp_path / "in")], batch_size=3)
        after_crash = snapshot(db_url)
        monkeypatch.setattr(write, "write_facts", real_write_facts)
        assert [a["id"] for a in kb.articles()] == ["story-000", "story-001", "story-002", "x"]
        assert kb.count_agreements() == 4  # the committed batch is merged, the crashed one left no trace
        report = kb.ingest([str(tmp_path / "in")], batch_size=3)
        assert (report.articles_new, report.duplicates) == (3, 3)
        assert kb.count_agreements() == 7
    assert len(after_crash["articles"]) == 4


def test_refusals_are_recorded_once_and_listed(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_stories(folder, 1)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "boom.txt").write_text("EXPLODE. AZE and TUR signed the Baku Pact on 2021-06-15.", encoding="utf-8")
    with open_fake(db_url) as kb:
        first = kb.ingest([str(folder)])
        second = kb.ingest([str(folder)])
        listed = kb.refused()
    refused_sources = sorted(Path(r.source).name for r in first.refused)
    assert refused_sources == ["binary.txt", "boom.txt", "empty.txt"]
    assert len(second.refused) == 3
    assert sorted(Path(r["source"]).name for r in listed) == refused_sources
    assert all(r["reason"] and r["at"] for r in listed)
    boom = next(r for r in listed if r["source"].endswith("boom.txt"))
    assert boom["reason"] == "extraction failed: ValueError: the fake extractor was told to fail"


def test_reextract_runs_only_where_the_extractor_version_differs(db_url: str, tmp_path: Path) -> None:
    write_stories(tmp_path / "in", 3)
    with pactwatch.open(db_url, extractor=fake_extract, extractor_version="1") as kb:
        kb.ingest([str(tmp_path / "in")])
        assert kb.reextract().articles_new == 0
    with pactwatch.open(db_url, extractor=fake_extract, extractor_version="2") as kb:
        assert kb.reextract().articles_new == 3
        assert kb.reextract().articles_new == 0
        assert kb.reextract(everything=True).articles_new == 3
        assert kb.count_agreements() == 3


def test_reextract_finds_facts_of_older_rules_and_leaves_those_of_the_current_ones(db_url: str,
                                                                                  tmp_path: Path) -> None:
    from sqlalchemy import text

    from pactwatch.rules_version import extractor_version

    current = extractor_version()
    write_stories(tmp_path / "old", 2)
    write_stories(tmp_path / "new", 3, start=2)
    with open_fake(db_url, extractor_version="0.1.0") as kb:  # the hand-set version before the digest
        kb.ingest([str(tmp_path / "old")])
    with open_fake(db_url, extractor_version=current) as kb:
        kb.ingest([str(tmp_path / "new")])
        assert kb.reextract().articles_new == 2
        assert kb.reextract().articles_new == 0
    engine = create_engine(db_url)
    with engine.connect() as conn:
        stored = set(conn.execute(text("SELECT extractor_version FROM articles")).scalars())
    engine.dispose()
    assert stored == {current}
    with pactwatch.open(db_url) as kb:  # the packaged extractor's version is the digest
        assert kb.extractor_version == current


def test_write_retries_while_the_database_is_locked(tmp_path: Path) -> None:
    from pactwatch.store.engine import create_db_engine, with_retries

    url = f"sqlite:///{tmp_path / 'locked.db'}"
    engine = create_db_engine(url)
    attempts = {"n": 0}

    def flaky(conn: object) -> str:
        attempts["n"] += 1
        if attempts["n"] < 3:
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        return "done"

    assert with_retries(engine, flaky) == "done" and attempts["n"] == 3
    create_engine(url).dispose()
