"""Ingest: read, extract and store articles batch by batch, one transaction per batch.

For each batch: articles already stored (same id, same text) are skipped before extraction;
the rest are extracted and fingerprinted outside any lock (the slow part); then one write
transaction stores the new articles, their facts and the batch's refusals, and rebuilds the
duplicate clusters and merged records. A crash (even ``kill -9``) loses at most the batch in
flight, which the next run stores; a retried or concurrent batch adds nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from pactwatch.article import Article, Refusal
from pactwatch.facts import ArticleFacts
from pactwatch.read.dateline import read_dateline
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

Extractor = Callable[[Article], ArticleFacts]
Progress = Any  # an object with ``advance(n)`` (``pactwatch.run.progress.ArticleProgress``) or a callable(n)
# (articles, extractor, done) -> one ``Extracted`` or ``Refusal`` per article, in input order
StageRunner = Callable[[list[Article], Extractor, Callable[[int], None]], list[Extracted | Refusal]]
STAGE_CHUNK = 16  # articles per serial stage call: small enough for a smooth progress bar


@dataclass
class IngestReport:
    """What one ingest did. ``agreements`` and ``events`` count the merged records the knowledge
    base holds afterwards; ``duplicates`` counts articles read that were already stored."""

    articles_read: int = 0
    articles_new: int = 0
    duplicates: int = 0
    agreements: int = 0
    events: int = 0
    refused: list[Refusal] = field(default_factory=list)

    def line(self) -> str:
        """The summary line the CLI prints."""
        text = (f"{self.articles_read} articles read: {self.articles_new} new, {self.duplicates} already stored; "
                f"the knowledge base holds {self.agreements} agreements and {self.events} events; "
                f"{len(self.refused)} inputs refused")
        return text + "." if not self.refused else text + ":"

    def to_json(self) -> dict[str, Any]:
        return {"articles_read": self.articles_read, "articles_new": self.articles_new,
                "duplicates": self.duplicates, "agreements": self.agreements, "events": self.events,
                "refused": [{"source": r.source, "line": r.line, "reason": r.reason} for r in self.refused]}


def ingest_items(engine: Engine, items: Iterable[Article | Refusal], *, extractor: Extractor, extractor_version: str,
                 batch_size: int, progress: Progress = None, command: str = "ingest",
                 paths: list[str] | None = None, stage: StageRunner | None = None) -> IngestReport:
    """Store every article of ``items`` (and record every refusal), ``batch_size`` at a time.
    ``stage`` runs extraction and fingerprinting (serially by default; see ``prepare``); storing,
    clustering and merging stay in this process, one transaction per batch."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
    report = IngestReport()
    run_id = with_retries(engine, lambda conn: start_run(conn, command, paths or []))
    for batch in batched(items, batch_size):
        articles = [it for it in batch if isinstance(it, Article)]
        refusals = [it for it in batch if isinstance(it, Refusal)]
        report.articles_read += len(articles)
        ready, failed = prepare(engine, articles, extractor, stage, lambda n: advance(progress, n))
        outcome = with_retries(engine, lambda conn, ready=ready, failed=failed, refusals=refusals: _store_and_rebuild(
            conn, run_id, ready, [*refusals, *failed], extractor_version))
        report.articles_new += outcome.new
        report.duplicates += len(articles) - len(ready) - len(failed) + outcome.duplicates
        report.refused += [*refusals, *failed, *outcome.refused]
        advance(progress, len(articles) - len(ready) - len(failed))  # those skipped as already stored
    with_retries(engine, lambda conn: finish_run(conn, run_id, report.articles_read, report.articles_new,
                                                 len(report.refused)))
    report.agreements, report.events = merged_counts(engine)
    return report


def _store_and_rebuild(conn: Connection, run_id: int, ready: list[Extracted], refusals: list[Refusal],
                       version: str) -> BatchOutcome:
    outcome = store_batch(conn, run_id, ready, refusals, version)
    if outcome.new:
        rebuild(conn, outcome.new_ids)
    return outcome


def prepare(engine: Engine, articles: list[Article], extractor: Extractor,
            stage: StageRunner | None = None, done: Callable[[int], None] | None = None,
            ) -> tuple[list[Extracted], list[Refusal]]:
    """Extract and fingerprint the articles not already stored; an article whose extraction
    fails is refused alone. An id stored with another text goes on, so the write refuses it.
    ``stage`` runs ``extract_and_fingerprint`` over the articles (serially by default, on a Dask
    cluster with ``pactwatch.run.dask.stage_on_cluster``); ``done(n)`` is told as articles finish."""
    with engine.connect() as conn:
        known = stored_hashes(conn, [a.id for a in articles])
    todo = [a for a in articles if known.get(a.id, ("",))[0] != content_hash(a.text)]
    results = (stage or stage_serially)(todo, extractor, done or (lambda _n: None))
    ready = [r for r in results if isinstance(r, Extracted)]
    failed = [r for r in results if isinstance(r, Refusal)]
    return ready, failed


def extract_and_fingerprint(articles: list[Article], extractor: Extractor) -> list[Extracted | Refusal]:
    """The pure per-chunk stage, the same serially and on a cluster: each article's facts (or its
    refusal) and both dedup fingerprints, in input order. Fingerprints are computed here, in
    parallel on a cluster; clustering happens once per batch over the whole collection."""
    from pactwatch.dedup import fingerprints, salient_fingerprints
    from pactwatch.run.local import extract_safely

    results: list[tuple[Article, ArticleFacts] | Refusal] = []
    for article in articles:
        outcome = extract_safely(article, extractor)
        results.append(outcome if isinstance(outcome, Refusal) else (article, outcome))
    texts = [r[0].text for r in results if isinstance(r, tuple)]
    fps = iter(fingerprints(texts)) if texts else iter(())
    salient = iter(salient_fingerprints(texts)) if texts else iter(())
    return [r if isinstance(r, Refusal) else Extracted(r[0], r[1], next(fps), next(salient)) for r in results]


def stage_serially(articles: list[Article], extractor: Extractor,
                   done: Callable[[int], None]) -> list[Extracted | Refusal]:
    """Run the stage in this process, a chunk at a time so progress moves smoothly."""
    out: list[Extracted | Refusal] = []
    for chunk in batched(articles, STAGE_CHUNK):
        out += extract_and_fingerprint(chunk, extractor)
        done(len(chunk))
    return out


def reextract(engine: Engine, *, extractor: Extractor, extractor_version: str, everything: bool = False,
              batch_size: int = 200, progress: Progress = None) -> IngestReport:
    """Re-run extraction on stored articles whose extractor version differs (all with ``everything``),
    one transaction per batch; an article whose extraction now fails keeps its old facts."""
    table = m.Article.__table__
    query = select(table.c.id).order_by(table.c.id)
    if not everything:
        query = query.where(table.c.extractor_version != extractor_version)
    with engine.connect() as conn:
        ids = list(conn.execute(query).scalars())
    report = IngestReport()
    run_id = with_retries(engine, lambda conn: start_run(conn, "reextract", []))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start:start + batch_size]
        articles = load_articles(engine, chunk)
        report.articles_read += len(articles)
        done, failed = _extract_all(articles, extractor)
        with_retries(engine, lambda conn, done=done, failed=failed: _replace_facts(
            conn, run_id, done, failed, extractor_version))
        report.articles_new += len(done)
        report.refused += failed
        advance(progress, len(articles))
    with_retries(engine, lambda conn: finish_run(conn, run_id, report.articles_read, report.articles_new,
                                                 len(report.refused)))
    report.agreements, report.events = merged_counts(engine)
    return report


def _extract_all(articles: list[Article], extractor: Extractor) -> tuple[list[tuple[str, ArticleFacts]],
                                                                         list[Refusal]]:
    from pactwatch.run.local import extract_safely

    done, failed = [], []
    for article in articles:
        result = extract_safely(article, extractor)
        if isinstance(result, Refusal):
            failed.append(result)
        else:
            done.append((article.id, result))
    return done, failed


def _replace_facts(conn: Connection, run_id: int, done: list[tuple[str, ArticleFacts]], failed: list[Refusal],
                   version: str) -> None:
    from sqlalchemy import update

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
    table = m.Article.__table__
    with engine.connect() as conn:
        rows = conn.execute(select(table).where(table.c.id.in_(ids)).order_by(table.c.id)).all()
    # The dateline is not stored: it is read again from the text, as the reader read it.
    return [Article(r.id, r.text, r.source, r.published, r.url, r.title, read_dateline(r.text, r.published)[1])
            for r in rows]


def merged_counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        agreements = conn.execute(select(func.count()).select_from(m.MergedAgreement.__table__)).scalar_one()
        events = conn.execute(select(func.count()).select_from(m.MergedEvent.__table__)).scalar_one()
    return int(agreements), int(events)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def advance(progress: Progress, n: int) -> None:
    if progress is None or n == 0:
        return
    if hasattr(progress, "advance"):
        progress.advance(n)
    else:
        progress(n)
