"""The store's side of an ingest: which articles are new, and one write transaction per batch.

The store receives articles already extracted and fingerprinted (``Extracted``, made by the
executors in ``pactwatch.run``) and only writes, clusters, merges and counts: ``store_extracted``
stores a batch's new articles, their facts and its refusals, and rebuilds the duplicate clusters
and merged records, all in one transaction. A crash (even ``kill -9``) loses at most the batch in
flight, which the next run stores; a retried or concurrent batch adds nothing twice. The loop
that reads, extracts and calls these functions is ``pactwatch.run.ingest``.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, func, select, text, update

from pactwatch.article import Article, Refusal
from pactwatch.facts import ArticleFacts
from pactwatch.store import models as m
from pactwatch.store.engine import with_retries
from pactwatch.store.rebuild import rebuild
from pactwatch.store.write import (
    BatchOutcome,
    Extracted,
    content_hash,
    finish_run,
    record_refusals,
    start_run,
    store_batch,
    stored_hashes,
    utc_now,
    write_facts,
)

__all__ = ["BatchOutcome", "Extracted", "begin_run", "end_run", "load_articles", "merged_counts", "rebuild_all",
           "replace_facts", "stale_ids", "store_extracted", "unstored"]


def begin_run(engine: Engine, command: str, paths: list[str]) -> int:
    """Record the start of an ingest or re-extraction; its id tags what the run stores."""
    return with_retries(engine, lambda conn: start_run(conn, command, paths))


def end_run(engine: Engine, run_id: int, articles_read: int, articles_new: int, refused: int) -> None:
    with_retries(engine, lambda conn: finish_run(conn, run_id, articles_read, articles_new, refused))
    if articles_new:
        refresh_statistics(engine)


def refresh_statistics(engine: Engine) -> None:
    """On PostgreSQL, ANALYZE the searched tables after a run that stored articles: until its
    planner has statistics (autovacuum's come up to a minute later), it may answer a search by
    computing every article's tsvector (seconds on 20,000 articles) instead of using the GIN index
    (milliseconds). SQLite's FTS5 tables need nothing."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        conn.execute(text("ANALYZE articles, merged_agreements, merged_events"))


def unstored(engine: Engine, articles: list[Article]) -> list[Article]:
    """The articles not already stored with the same text, so only they are extracted. An id
    stored with another text is kept: the write refuses it, naming where the first came from."""
    with engine.connect() as conn:
        known = stored_hashes(conn, [a.id for a in articles])
    return [a for a in articles if known.get(a.id, ("",))[0] != content_hash(a.text)]


def store_extracted(engine: Engine, run_id: int, ready: list[Extracted], refusals: list[Refusal],
                    version: str) -> BatchOutcome:
    """Store one batch and rebuild clusters and merged records, in one (retried) transaction."""
    return with_retries(engine, lambda conn: _store_and_rebuild(conn, run_id, ready, refusals, version))


def _store_and_rebuild(conn: Connection, run_id: int, ready: list[Extracted], refusals: list[Refusal],
                       version: str) -> BatchOutcome:
    outcome = store_batch(conn, run_id, ready, refusals, version)
    if outcome.new:
        rebuild(conn, outcome.new_ids)
    return outcome


def stale_ids(engine: Engine, extractor_version: str, everything: bool = False) -> list[str]:
    """Ids of stored articles whose facts another extractor version made (all with ``everything``)."""
    table = m.Article.__table__
    query = select(table.c.id).order_by(table.c.id)
    if not everything:
        query = query.where(table.c.extractor_version != extractor_version)
    with engine.connect() as conn:
        return list(conn.execute(query).scalars())


def replace_facts(engine: Engine, run_id: int, done: list[tuple[str, ArticleFacts]], failed: list[Refusal],
                  version: str) -> None:
    """Replace re-extracted facts, record refusals and rebuild, in one (retried) transaction."""
    with_retries(engine, lambda conn: _replace_facts(conn, run_id, done, failed, version))


def _replace_facts(conn: Connection, run_id: int, done: list[tuple[str, ArticleFacts]], failed: list[Refusal],
                   version: str) -> None:
    table = m.Article.__table__
    now = utc_now()
    for article_id, facts in done:
        write_facts(conn, article_id, facts, version, now)
        conn.execute(update(table).where(table.c.id == article_id).values(extractor_version=version))
    record_refusals(conn, run_id, failed, now)
    if done:
        rebuild(conn)


def rebuild_all(engine: Engine) -> tuple[int, int]:
    """Re-cluster and re-merge the whole collection in one transaction (after a dedup or merge change)."""
    counts = with_retries(engine, rebuild)
    return counts.agreements, counts.events


def load_articles(engine: Engine, ids: list[str]) -> list[Article]:
    """Stored articles as the reader made them, less the dateline, which is not stored: whoever
    extracts them again reads it again from the text (``pactwatch.read.dateline``)."""
    table = m.Article.__table__
    with engine.connect() as conn:
        rows = conn.execute(select(table).where(table.c.id.in_(ids)).order_by(table.c.id)).all()
    return [Article(r.id, r.text, r.source, r.published, r.url, r.title) for r in rows]


def merged_counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        agreements = conn.execute(select(func.count()).select_from(m.MergedAgreement.__table__)).scalar_one()
        events = conn.execute(select(func.count()).select_from(m.MergedEvent.__table__)).scalar_one()
    return int(agreements), int(events)
