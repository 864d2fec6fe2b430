"""The benchmark's measurements, each a function returning plain numbers.

Throughput is wall-clock time over the same texts; memory is the peak RSS of a child process
that streams the corpus through reading and extraction, so the parent's state does not count.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

from pactwatch.article import Article


def words(articles: Iterable[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by ``fn()`` and its result."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


REPEATS = 3  # throughput is the best of this many runs: one run on a shared 2-core VM varies by 20%


def pipeline_serial(articles: list[Article]) -> float:
    """Seconds for pactwatch's own extraction of every article, one process (best of ``REPEATS``)."""
    from pactwatch.extract import extract_article

    _warm_worker()  # model and lexicon loads are not throughput
    return min(timed(lambda: [extract_article(a) for a in articles])[0] for _ in range(REPEATS))


def pipeline_workers(articles: list[Article], workers: int) -> float:
    """Seconds for the same extraction on a LocalCluster, every worker warmed first (best of
    ``REPEATS``)."""
    from pactwatch.extract import extract_article
    from pactwatch.run.dask import dask_client, extract_distributed

    with dask_client(workers=workers) as client:
        client.run(_warm_worker)
        return min(timed(lambda: list(extract_distributed(articles, extract_article, client)))[0]
                   for _ in range(REPEATS))


def _warm_worker() -> None:
    """Load everything extraction loads lazily (model, lexicons, gazetteers) by extracting texts
    that reach every frame: our own sample articles, or one sentence without a source checkout."""
    from pactwatch.bench.corpus import sample_articles
    from pactwatch.extract import extract_article

    try:
        texts = sample_articles()
    except FileNotFoundError:
        texts = [Article(id="warm", text="Turkey and Azerbaijan signed a defence pact.", source="warm")]
    for article in texts:
        extract_article(article)


def bare_spacy(articles: list[Article]) -> float:
    """Seconds for the same texts through the full spaCy model (all components), no filtering."""
    import spacy

    from pactwatch.nlp.pipeline import MODEL_NAME

    nlp = spacy.load(MODEL_NAME)
    list(nlp.pipe(["warm up"]))
    seconds, _ = timed(lambda: list(nlp.pipe((a.text for a in articles), batch_size=16)))
    return seconds


def fingerprint_rate(texts: list[str]) -> float:
    """Fingerprints per second, one core."""
    from pactwatch.dedup import fingerprints

    fingerprints(texts[:50])
    seconds, _ = timed(lambda: fingerprints(texts))
    return len(texts) / seconds


def cluster_seconds(n: int) -> float:
    """Seconds to cluster ``n`` articles' fingerprints (fingerprinting itself not counted)."""
    import random

    from pactwatch.bench.corpus import unrelated_article
    from pactwatch.dedup import cluster_fingerprints, fingerprints

    rng = random.Random(11)
    texts = {f"c{i:07d}": unrelated_article(rng, i, words=120).text for i in range(n)}
    ids = list(texts)
    fps = fingerprints([texts[i] for i in ids])
    seconds, _ = timed(lambda: cluster_fingerprints(ids, fps, texts.__getitem__))
    return seconds


def peak_rss_mb(n_articles: int) -> float:
    """Peak RSS (MiB) of a child process streaming ``n_articles`` through read and extraction."""
    proc = subprocess.run([sys.executable, "-m", "pactwatch.bench.rss", str(n_articles)],
                          capture_output=True, text=True, check=True)
    return float(json.loads(proc.stdout.strip().splitlines()[-1])["peak_rss_mb"])


def store_rate(n_articles: int, batch_size: int = 1000) -> float:
    """Articles per second through ingest's storing side (write, extend clusters, merge) into a
    fresh SQLite file, extraction replaced by an empty one: what a batch costs besides the NLP."""
    import tempfile
    from pathlib import Path

    from pactwatch.bench.corpus import bench_corpus
    from pactwatch.kb import KnowledgeBase

    with tempfile.TemporaryDirectory() as folder:
        kb = KnowledgeBase(f"sqlite:///{Path(folder) / 'bench.db'}", extractor=_no_facts, extractor_version="bench")
        try:
            seconds, _ = timed(lambda: kb.ingest_articles(bench_corpus(n_articles), batch_size=batch_size))
        finally:
            kb.close()
    return n_articles / seconds


def _no_facts(article: Article) -> Any:
    from pactwatch.facts import ArticleFacts

    return ArticleFacts(doc_id=article.id, published=article.published)
