"""``pactwatch bench``: its corpus is deterministic and mixed, and one small run prints every figure
issue 5 asks for. Nothing here is timed: the figures are printed, never asserted against targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pactwatch.bench.corpus import bench_corpus, sample_articles
from pactwatch.cli.main import main

REQUIRED = ("pipeline_articles_per_s", "spacy_articles_per_s", "ratio_vs_spacy", "workers2_speedup",
            "fingerprints_per_s", "cluster_100k_s", "rss_ratio_4x")


def test_the_corpus_is_deterministic_and_mostly_unrelated() -> None:
    first = [(a.id, a.text) for a in bench_corpus(400)]
    assert first == [(a.id, a.text) for a in bench_corpus(400)]
    assert len({i for i, _ in first}) == 400
    samples = {a.text for a in sample_articles()}
    relevant = [i for i, t in first if t in samples or i.endswith("-rw")]
    reworded = [i for i in relevant if i.endswith("-rw")]
    assert 0.01 * 400 <= len(relevant) <= 0.1 * 400  # a few percent, as in a year of news
    assert reworded, "some relevant articles come as reworded copies"


def test_too_small_a_corpus_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--articles", "3"]) == 1
    assert "at least 10" in capsys.readouterr().err


@pytest.mark.slow
def test_a_small_run_prints_and_writes_every_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench" / "results.json"
    code = main(["bench", "--articles", "12", "--spacy-articles", "6", "--cluster-n", "300", "--json",
                 "-o", str(out)])
    printed = json.loads(capsys.readouterr().out)
    assert code == 0 and json.loads(out.read_text()) == printed
    for key in REQUIRED:
        assert isinstance(printed[key], int | float) and printed[key] > 0, key
    assert printed["articles"] == 12 and printed["cluster_n"] == 300 and printed["cluster_100k_extrapolated"]
    assert printed["rss_4x_mb"] > 0 and printed["machine"] and printed["store_articles_per_s"] > 0
    print(json.dumps(printed, indent=1))
