"""Accuracy is gated like tests are: pinned floors on the shared dev set.

A floor is raised when the extractor improves and never lowered silently. The dev set is for
finding errors; the floors only stop a change from making things worse unnoticed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"

FLOORS = {"overall_f1": 0.95, "agreements_found_precision": 0.97}
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


# Our own articles, scored against gold we wrote: (texts, gold, overall F1 floor, agreements-found
# precision floor). "fresh" was annotated before the extractor ran on it (0.640 then) and tuned on
# since; "fresh2" was written blind and held out from all tuning until its figure was recorded
# (0.705 overall on 2026-11-29, dev 0.974 at the time; 0.715 once extraction stopped depending on
# the hash seed): the most honest of the four.
OWN_SETS = {
    "sample": ("sample", "tests/texts/sample-gold.jsonl", 0.93, 0.95),
    "fresh": ("tests/texts/fresh", "tests/texts/fresh-gold.jsonl", 0.95, 0.95),
    "fresh2": ("tests/texts/fresh2", "tests/texts/fresh2-gold.jsonl", 0.65, 0.7),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(OWN_SETS))
def test_own_sets_score_above_their_floors(name: str, dev_docs, tmp_path: Path) -> None:
    from pactwatch.cli.main import main

    texts, gold, f1_floor, precision_floor = OWN_SETS[name]
    out = tmp_path / "facts.jsonl"
    assert main(["facts", str(REPO / texts), "-o", str(out), "--quiet"]) == 0
    scorer = load_scorer()
    tally = scorer.score(scorer.read_jsonl(REPO / gold), scorer.read_jsonl(out))
    _, _, overall_f1, *_ = tally.prf()
    found_precision, *_ = tally.prf(["agreement"])
    assert overall_f1 >= f1_floor, f"{name} overall F1 {overall_f1:.3f} fell below its floor {f1_floor}"
    assert found_precision >= precision_floor, (
        f"{name} agreements-found precision {found_precision:.3f} fell below its floor {precision_floor}")
