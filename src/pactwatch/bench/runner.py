"""Run every benchmark measurement on one deterministic corpus and collect the figures."""

from __future__ import annotations

import os
import platform
from collections.abc import Callable
from typing import Any

from pactwatch.bench import measure
from pactwatch.bench.corpus import bench_corpus

TARGETS = {
    "ratio_vs_spacy": ">= 5",
    "workers2_speedup": ">= 1.7",
    "fingerprints_per_s": ">= 5000",
    "cluster_100k_s": "< 60",
    "rss_ratio_4x": "<= 1.2",
}


def machine() -> str:
    """Where the figures came from: they mean little without it."""
    return (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()}")


def run_bench(n_articles: int = 2000, spacy_articles: int = 300, cluster_n: int = 100_000,
              say: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """All figures of issue 5 in one dict (the keys ``pactwatch bench --json`` prints)."""
    articles = list(bench_corpus(n_articles))
    n_words = measure.words(articles)
    subset = articles[: min(spacy_articles, len(articles))]

    say(f"pipeline, serial, {len(articles)} articles ...")
    serial_s = measure.pipeline_serial(articles)
    say("pipeline, 2 workers ...")
    workers2_s = measure.pipeline_workers(articles, 2)
    say(f"pipeline vs bare spaCy on the same {len(subset)} articles ...")
    subset_pipeline_s = measure.pipeline_serial(subset)
    subset_spacy_s = measure.bare_spacy(subset)
    say("dedup fingerprints ...")
    fp_rate = measure.fingerprint_rate([a.text for a in articles])
    say(f"clustering {cluster_n} articles ...")
    cluster_s = measure.cluster_seconds(cluster_n)
    store_n = max(n_articles, 1000)
    say(f"storing {store_n} articles (extraction left out) ...")
    store_rate = measure.store_rate(store_n)
    say("peak memory at 1x and 4x ...")
    rss_1x = measure.peak_rss_mb(n_articles)
    rss_4x = measure.peak_rss_mb(4 * n_articles)

    return {
        "machine": machine(),
        "articles": len(articles),
        "words": n_words,
        "pipeline_articles_per_s": round(len(articles) / serial_s, 1),
        "pipeline_words_per_s": round(n_words / serial_s, 0),
        "workers2_articles_per_s": round(len(articles) / workers2_s, 1),
        "workers2_speedup": round(serial_s / workers2_s, 2),
        "spacy_subset_articles": len(subset),
        "spacy_articles_per_s": round(len(subset) / subset_spacy_s, 1),
        "spacy_words_per_s": round(measure.words(subset) / subset_spacy_s, 0),
        "pipeline_subset_articles_per_s": round(len(subset) / subset_pipeline_s, 1),
        "ratio_vs_spacy": round(subset_spacy_s / subset_pipeline_s, 2),
        "fingerprints_per_s": round(fp_rate, 0),
        "cluster_n": cluster_n,
        "cluster_n_s": round(cluster_s, 2),
        # measured at 100,000 by default; a smaller --cluster-n is scaled linearly and says so
        "cluster_100k_s": round(cluster_s * (100_000 / cluster_n), 2),
        "cluster_100k_extrapolated": cluster_n != 100_000,
        "store_articles": store_n,
        "store_articles_per_s": round(store_rate, 1),
        "rss_1x_mb": rss_1x,
        "rss_4x_mb": rss_4x,
        "rss_ratio_4x": round(rss_4x / rss_1x, 3),
        "targets": TARGETS,
    }
