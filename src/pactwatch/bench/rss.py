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
    print(json.dumps({"articles": done, "peak_rss_mb": round(peak_kib() / 1024, 1)}))


def peak_kib() -> int:
    """This process's peak resident memory in KiB. Linux's VmHWM, which starts afresh at exec:
    ``ru_maxrss`` would carry over the peak of the (large) benchmark process this one was forked from."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    main(int(sys.argv[1]))
