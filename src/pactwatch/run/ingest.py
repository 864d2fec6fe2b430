"""Ingest: read -> extract and fingerprint -> store, batch by batch, one transaction per batch.

For each batch: articles already stored (same id, same text) are skipped before extraction;
the rest go through the pure stage ``extract_and_fingerprint`` outside any lock (the slow part,
serially or on a Dask cluster); then the store (``pactwatch.store.ingest.store_extracted``)
writes the new articles, their facts and the batch's refusals and rebuilds the duplicate clusters
and merged records in one transaction. A crash (even ``kill -9``) loses at most the batch in
flight, which the next run stores; a retried or concurrent batch adds nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Engine

from pactwatch.article import Article, Refusal
from pactwatch.facts import ArticleFacts
from pactwatch.read.dateline import read_dateline
from pactwatch.run.local import Extractor, batched, extract_safely
from pactwatch.store.ingest import (
    Extracted,
    begin_run,
    end_run,
    load_articles,
    merged_counts,
    replace_facts,
    stale_ids,
    store_extracted,
    unstored,
)

Progress = Any  # an object with ``advance(n)`` (``pactwatch.run.progress.ArticleProgress``) or a callable(n)
# (articles, extractor, done) -> one ``Extracted`` or ``Refusal`` per article, in input order
StageRunner = Callable[[list[Article], Extractor, Callable[[int], None]], list[Extracted | Refusal]]
STAGE_CHUNK = 16  # articles per serial stage call: small enough for a smooth progress bar


@dataclass
class IngestReport:
    """What one ingest did. ``agreements`` and ``events`` count the merged records the knowledge
    base holds afterwards; ``duplicates`` counts articles read that were already stored; ``changes``
    are the alerts it caused that were never recorded before (``pactwatch.alerts``; the knowledge
    base fills them in)."""

    articles_read: int = 0
    articles_new: int = 0
    duplicates: int = 0
    agreements: int = 0
    events: int = 0
    refused: list[Refusal] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)

    def line(self) -> str:
        """The summary line the CLI prints."""
        text = (f"{self.articles_read} articles read: {self.articles_new} new, {self.duplicates} already stored; "
                f"the knowledge base holds {self.agreements} agreements and {self.events} events; "
                f"{len(self.refused)} inputs refused")
        return text + "." if not self.refused else text + ":"

    def to_json(self) -> dict[str, Any]:
        return {"articles_read": self.articles_read, "articles_new": self.articles_new,
                "duplicates": self.duplicates, "agreements": self.agreements, "events": self.events,
                "refused": [{"source": r.source, "line": r.line, "reason": r.reason} for r in self.refused],
                "changes": self.changes}


def ingest_items(engine: Engine, items: Iterable[Article | Refusal], *, extractor: Extractor, extractor_version: str,
                 batch_size: int, progress: Progress = None, command: str = "ingest",
                 paths: list[str] | None = None, stage: StageRunner | None = None) -> IngestReport:
    """Store every article of ``items`` (and record every refusal), ``batch_size`` at a time.
    ``stage`` runs extraction and fingerprinting (serially by default; see ``prepare``); storing,
    clustering and merging stay in this process, one transaction per batch."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
    report = IngestReport()
    run_id = begin_run(engine, command, paths or [])
    for batch in batched(items, batch_size):
        articles = [it for it in batch if isinstance(it, Article)]
        refusals = [it for it in batch if isinstance(it, Refusal)]
        report.articles_read += len(articles)
        ready, failed = prepare(engine, articles, extractor, stage, lambda n: advance(progress, n))
        outcome = store_extracted(engine, run_id, ready, [*refusals, *failed], extractor_version)
        report.articles_new += outcome.new
        report.duplicates += len(articles) - len(ready) - len(failed) + outcome.duplicates
        report.refused += [*refusals, *failed, *outcome.refused]
        advance(progress, len(articles) - len(ready) - len(failed))  # those skipped as already stored
    end_run(engine, run_id, report.articles_read, report.articles_new, len(report.refused))
    report.agreements, report.events = merged_counts(engine)
    return report


def prepare(engine: Engine, articles: list[Article], extractor: Extractor,
            stage: StageRunner | None = None, done: Callable[[int], None] | None = None,
            ) -> tuple[list[Extracted], list[Refusal]]:
    """Extract and fingerprint the articles not already stored; an article whose extraction
    fails is refused alone. ``stage`` runs ``extract_and_fingerprint`` over the articles (serially
    by default, on a Dask cluster with ``pactwatch.run.dask.stage_on_cluster``); ``done(n)`` is
    told as articles finish."""
    todo = unstored(engine, articles)
    results = (stage or stage_serially)(todo, extractor, done or (lambda _n: None))
    ready = [r for r in results if isinstance(r, Extracted)]
    failed = [r for r in results if isinstance(r, Refusal)]
    return ready, failed


def extract_and_fingerprint(articles: list[Article], extractor: Extractor) -> list[Extracted | Refusal]:
    """The pure per-chunk stage, the same serially and on a cluster: each article's facts (or its
    refusal) and both dedup fingerprints, in input order. Fingerprints are computed here, in
    parallel on a cluster; clustering happens once per batch, in the store, over the whole collection."""
    from pactwatch.dedup import fingerprints, salient_fingerprints

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
    ids = stale_ids(engine, extractor_version, everything)
    report = IngestReport()
    run_id = begin_run(engine, "reextract", [])
    for start in range(0, len(ids), batch_size):
        articles = with_datelines(load_articles(engine, ids[start:start + batch_size]))
        report.articles_read += len(articles)
        done, failed = extract_all(articles, extractor)
        replace_facts(engine, run_id, done, failed, extractor_version)
        report.articles_new += len(done)
        report.refused += failed
        advance(progress, len(articles))
    end_run(engine, run_id, report.articles_read, report.articles_new, len(report.refused))
    report.agreements, report.events = merged_counts(engine)
    return report


def with_datelines(articles: list[Article]) -> list[Article]:
    """Stored articles with their dateline read again from the text, as the reader read it (the
    store keeps the text, not the dateline)."""
    return [replace(a, dateline=read_dateline(a.text, a.published)[1]) for a in articles]


def extract_all(articles: list[Article], extractor: Extractor) -> tuple[list[tuple[str, ArticleFacts]],
                                                                        list[Refusal]]:
    """Each article's facts by id, and the refusals of those whose extraction failed."""
    done, failed = [], []
    for article in articles:
        result = extract_safely(article, extractor)
        if isinstance(result, Refusal):
            failed.append(result)
        else:
            done.append((article.id, result))
    return done, failed


def advance(progress: Progress, n: int) -> None:
    """Tell ``progress`` (an object with ``advance`` or a callable, or None) that ``n`` articles are done."""
    if progress is None or n == 0:
        return
    if hasattr(progress, "advance"):
        progress.advance(n)
    else:
        progress(n)
