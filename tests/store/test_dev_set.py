"""The dev set through the real extractor: ingesting twice gives the same database, the two reworded
articles about the Azerbaijan–Turkey pact form one cluster, and the pact is one record citing both
with one independent source. Reads ../shared/eval/dev/docs (skipped when absent), copies nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_helpers import snapshot

import pactwatch

DEV_DOCS = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev" / "docs"
PACT_DOCS = ["000_b10224e504890ddf", "001_5bba00772b36d52c"]


@pytest.fixture(scope="module")
def dev_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not DEV_DOCS.is_dir():
        pytest.skip(f"{DEV_DOCS} is absent")
    url = f"sqlite:///{tmp_path_factory.mktemp('dev') / 'dev.db'}"
    with pactwatch.open(url) as kb:
        report = kb.ingest([str(DEV_DOCS)], batch_size=10)
    assert report.articles_new == report.articles_read > 0 and not report.refused
    return url


@pytest.mark.slow
def test_ingesting_the_dev_set_twice_gives_the_same_database(dev_db: str) -> None:
    before = snapshot(dev_db)
    with pactwatch.open(dev_db) as kb:
        again = kb.ingest([str(DEV_DOCS)], batch_size=10)
    assert again.articles_new == 0 and again.duplicates == again.articles_read
    assert snapshot(dev_db) == before


@pytest.mark.slow
def test_the_reworded_pair_is_the_only_cluster(dev_db: str) -> None:
    with pactwatch.open(dev_db) as kb:
        clusters = kb.duplicates()
    assert [[a["id"] for a in c["articles"]] for c in clusters] == [PACT_DOCS]


@pytest.mark.slow
def test_the_azerbaijan_turkey_defence_pact_is_one_record_with_one_independent_source(dev_db: str) -> None:
    with pactwatch.open(dev_db) as kb:
        pacts = [a for a in kb.agreements(party="AZE", domain="security", limit=None) if a["parties"] == ["AZE", "TUR"]
                 and "mutual_defense" in a["provisions"]]
        assert len(pacts) == 1
        assert pacts[0]["documents"] == PACT_DOCS
        assert pacts[0]["independent_sources"] == 1
        detail = kb.agreement(pacts[0]["id"], as_of="2026-11-22")
    assert detail["ratified"].get("AZE") == "2010-12-21"
    assert {e["article_id"] for e in detail["evidence"]} == set(PACT_DOCS)
    assert detail["lifecycle"]["in_force_as_of"] is None  # no entry into force known: said, not guessed


@pytest.mark.slow
def test_ingest_on_two_dask_workers_gives_the_same_database_as_a_serial_run(dev_db: str, tmp_path: Path) -> None:
    """Extraction and fingerprints run on a LocalCluster; storing, clustering and merging stay in
    this process, so every table (articles, facts, clusters, merged records) matches the serial run."""
    url = f"sqlite:///{tmp_path / 'dask.db'}"
    done: list[int] = []
    with pactwatch.open(url) as kb:
        report = kb.ingest([str(DEV_DOCS)], done.append, batch_size=10, workers=2)
    assert report.articles_new == report.articles_read == sum(done) and not report.refused
    assert snapshot(url) == snapshot(dev_db)
