"""Accuracy is gated like tests are: pinned floors on the shared dev set.

A floor is raised when the extractor improves and never lowered silently. The dev set is for
finding errors; the floors only stop a change from making things worse unnoticed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"

FLOORS = {"overall_f1": 0.93, "agreements_found_precision": 0.95}
# Our own sample corpus (tests/texts/sample-gold.jsonl): texts the extractor was not tuned on first.
SAMPLE_FLOORS = {"overall_f1": 0.88, "agreements_found_precision": 0.9}
# A second set of our own (tests/texts/fresh, gold tests/texts/fresh-gold.jsonl), annotated before the extractor
# ever ran on it: measured 0.640 overall F1 and 0.812 agreements-found precision, floors 0.05 below.
FRESH_FLOORS = {"overall_f1": 0.58, "agreements_found_precision": 0.76}
REPO = Path(__file__).resolve().parents[1]


def load_scorer():
    """The shared scorer, imported from ../shared (never copied into the project)."""
    spec = importlib.util.spec_from_file_location("pactwatch_dev_score", DEV.parent / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_dev_set_scores_stay_above_their_floors(dev_docs, tmp_path: Path) -> None:
    from pactwatch.cli.main import main

    out = tmp_path / "facts.jsonl"
    assert main(["facts", str(dev_docs), "-o", str(out), "--quiet"]) == 0
    scorer = load_scorer()
    tally = scorer.score(scorer.read_jsonl(DEV / "gold.jsonl"), scorer.read_jsonl(out))
    _, _, overall_f1, *_ = tally.prf()
    found_precision, *_ = tally.prf(["agreement"])
    assert overall_f1 >= FLOORS["overall_f1"], f"overall F1 {overall_f1:.3f} fell below its floor"
    assert found_precision >= FLOORS["agreements_found_precision"], (
        f"agreements-found precision {found_precision:.3f} fell below its floor")


@pytest.mark.slow
def test_sample_corpus_scores_stay_above_their_floors(dev_docs, tmp_path: Path) -> None:
    from pactwatch.cli.main import main

    out = tmp_path / "facts.jsonl"
    assert main(["facts", str(REPO / "sample"), "-o", str(out), "--quiet"]) == 0
    scorer = load_scorer()
    tally = scorer.score(scorer.read_jsonl(REPO / "tests" / "texts" / "sample-gold.jsonl"), scorer.read_jsonl(out))
    _, _, overall_f1, *_ = tally.prf()
    found_precision, *_ = tally.prf(["agreement"])
    assert overall_f1 >= SAMPLE_FLOORS["overall_f1"], f"sample overall F1 {overall_f1:.3f} fell below its floor"
    assert found_precision >= SAMPLE_FLOORS["agreements_found_precision"]


@pytest.mark.slow
def test_fresh_set_scores_stay_above_their_floors(dev_docs, tmp_path: Path) -> None:
    from pactwatch.cli.main import main

    out = tmp_path / "facts.jsonl"
    assert main(["facts", str(REPO / "tests" / "texts" / "fresh"), "-o", str(out), "--quiet"]) == 0
    scorer = load_scorer()
    tally = scorer.score(scorer.read_jsonl(REPO / "tests" / "texts" / "fresh-gold.jsonl"), scorer.read_jsonl(out))
    _, _, overall_f1, *_ = tally.prf()
    found_precision, *_ = tally.prf(["agreement"])
    assert overall_f1 >= FRESH_FLOORS["overall_f1"], f"fresh overall F1 {overall_f1:.3f} fell below its floor"
    assert found_precision >= FRESH_FLOORS["agreements_found_precision"], (
        f"fresh agreements-found precision {found_precision:.3f} fell below its floor")
