"""Child process of the benchmark: stream N articles through extraction, print peak RSS (MiB)."""

from __future__ import annotations

import json
import resource
import sys


def main(n_articles: int) -> None:
    from pactwatch.bench.corpus import bench_corpus
    from pactwatch.extract import extract_article

    done = 0
    for article in bench_corpus(n_articles):
        extract_article(article)
        done += 1
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"articles": done, "peak_rss_mb": round(peak_kib / 1024, 1)}))


if __name__ == "__main__":
    main(int(sys.argv[1]))
