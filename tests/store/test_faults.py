"""Faults: ``kill -9`` at random points during ingest, and two ingests on one database at once.

Each run is a real subprocess ingesting with the fake extractor (slowed down a little so kills land
inside batches, commits and rebuilds). After every kill the database must be consistent: committed
batches whole, every article with its facts, merged records equal to a fresh merge of the stored
facts; and a final re-run must complete the job.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kb_helpers import write_stories
from sqlalchemy import text

import pactwatch
from pactwatch.store.engine import create_db_engine
from pactwatch.store.rebuild import rebuild

HELPERS = Path(__file__).resolve().parent
SCRIPT = """
import sys
sys.path.insert(0, {helpers!r})
from kb_helpers import fake_extract
import pactwatch
with pactwatch.open({url!r}, extractor=fake_extract) as kb:
    report = kb.ingest([{folder!r}], batch_size={batch})
print(report.articles_new, report.duplicates, len(report.refused))
"""


def ingest_process(url: str, folder: Path, batch: int, delay: float) -> subprocess.Popen[str]:
    code = SCRIPT.format(helpers=str(HELPERS), url=url, folder=str(folder), batch=batch)
    env = {**os.environ, "PACTWATCH_FAKE_DELAY": str(delay)}
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def assert_consistent(url: str, batch: int, total: int) -> int:
    """Committed batches are whole, every article has its facts, merged records follow from them."""
    engine = create_db_engine(url)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        ids = list(conn.execute(text("SELECT id FROM articles ORDER BY id")).scalars())
        with_facts = conn.execute(text("SELECT count(*) FROM article_facts")).scalar()
        fact_rows = conn.execute(text("SELECT count(*) FROM fact_agreements")).scalar()
        stored = conn.execute(text("SELECT id, record FROM merged_agreements ORDER BY id")).all()
        clusters = conn.execute(text("SELECT id, cluster_id, cluster_kind FROM articles ORDER BY id")).all()
    assert ids == [f"story-{n:03d}" for n in range(len(ids))]  # a prefix of the input order
    assert len(ids) % batch == 0 or len(ids) == total
    assert with_facts == len(ids) and fact_rows == len(ids)
    with engine.connect() as conn, conn.begin() as tx:  # a fresh cluster + merge, rolled back: the same?
        rebuild(conn)
        fresh = conn.execute(text("SELECT id, record FROM merged_agreements ORDER BY id")).all()
        fresh_clusters = conn.execute(text("SELECT id, cluster_id, cluster_kind FROM articles ORDER BY id")).all()
        tx.rollback()
    assert [(i, str(r)) for i, r in fresh] == [(i, str(r)) for i, r in stored]
    assert [tuple(c) for c in fresh_clusters] == [tuple(c) for c in clusters]  # batch-by-batch == whole
    engine.dispose()
    return len(ids)


KILLS = {"sqlite": 20, "postgres": 8}


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_kill_9_at_random_points_never_corrupts_and_a_rerun_completes(tmp_path: Path, backend: str) -> None:
    from kb_helpers import postgres_url

    total, batch = 24, 3
    folder = tmp_path / "in"
    write_stories(folder, total)
    for copy, original in ((4, 1), (11, 8), (17, 16), (22, 2)):  # copies arriving in later batches
        (folder / f"story-{copy:03d}.txt").write_bytes((folder / f"story-{original:03d}.txt").read_bytes())
    url = f"sqlite:///{tmp_path / 'kill.db'}" if backend == "sqlite" else postgres_url()
    if url is None:
        pytest.skip("PACTWATCH_TEST_PG is not set")
    pactwatch.open(url).close()
    rng = random.Random(20260101)
    counts = []
    for _ in range(KILLS[backend]):
        proc = ingest_process(url, folder, batch, delay=0.05)
        time.sleep(rng.uniform(0.4, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        counts.append(assert_consistent(url, batch, total))
    assert counts == sorted(counts)
    final = ingest_process(url, folder, batch, delay=0)
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err
    assert assert_consistent(url, batch, total) == total
    assert int(out.split()[0]) == total - counts[-1]
    with pactwatch.open(url) as kb:
        clusters = [{a["id"] for a in c["articles"]} for c in kb.duplicates()]
    for pair in ({"story-001", "story-004"}, {"story-002", "story-022"}, {"story-008", "story-011"},
                 {"story-016", "story-017"}):
        assert any(pair <= cluster for cluster in clusters), pair


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_two_concurrent_ingests_both_finish_without_duplicates(tmp_path: Path, backend: str) -> None:
    from kb_helpers import postgres_url

    total, batch = 12, 2
    folder = tmp_path / "in"
    write_stories(folder, total)
    url = f"sqlite:///{tmp_path / 'both.db'}" if backend == "sqlite" else postgres_url()
    if url is None:
        pytest.skip("PACTWATCH_TEST_PG is not set")
    procs = [ingest_process(url, folder, batch, delay=0.02) for _ in range(2)]  # both also migrate the new db
    results = [p.communicate(timeout=180) for p in procs]
    for proc, (_out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
    new = [int(out.split()[0]) for out, _ in results]
    duplicates = [int(out.split()[1]) for out, _ in results]
    assert sum(new) == total and [n + d for n, d in zip(new, duplicates, strict=True)] == [total, total]
    assert assert_consistent(url, batch, total) == total
    with pactwatch.open(url) as kb:
        assert kb.count_agreements() == total and kb.count_events() == total
