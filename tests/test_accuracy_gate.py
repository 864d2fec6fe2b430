"""Accuracy is gated like tests are: pinned floors per evaluation set, in ``accuracy_floors.toml``.

A floor is raised when the extractor improves and never lowered silently; the file records each
raise. The dev sets are for finding errors; the floors only stop a change from making things
worse unnoticed.
"""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
FLOORS_FILE = Path(__file__).resolve().parent / "accuracy_floors.toml"
FLOORS = ("overall_f1", "agreements_found_precision")


def load_floors() -> dict[str, dict[str, Any]]:
    """Set name -> its table (texts, gold, floors, raised), in file order."""
    with FLOORS_FILE.open("rb") as fh:
        return tomllib.load(fh)


SETS = load_floors()


def load_scorer():
    """The shared scorer, imported from ../shared (never copied into the project)."""
    spec = importlib.util.spec_from_file_location("pactwatch_dev_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def set_path(relative: str) -> Path:
    """A path from the floors file; one under ../shared skips the test where ../shared is absent."""
    path = (REPO / relative).resolve()
    if not path.exists() and path.is_relative_to(SHARED.resolve()):
        pytest.skip(f"{relative} is not here (../shared is absent)")
    return path


@pytest.mark.parametrize("name", list(SETS))
def test_each_set_has_its_paths_and_floors_and_floors_only_went_up(name: str) -> None:
    table = SETS[name]
    assert isinstance(table["texts"], str) and isinstance(table["gold"], str)
    raised = table["raised"]
    assert raised, f"{name}: record the first floors in `raised`, with the date and the figure measured"
    for floor in FLOORS:
        history = [entry[floor] for entry in raised]
        assert history == sorted(history), f"{name}: {floor} was lowered ({history})"
        assert table[floor] == history[-1], f"{name}: {floor} {table[floor]} is not the last one raised"
    assert [e["date"] for e in raised] == sorted(e["date"] for e in raised)
    assert all(e["measured"] for e in raised)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SETS))
def test_scores_stay_above_their_floors(name: str, tmp_path: Path) -> None:
    from pactwatch.cli.main import main

    table = SETS[name]
    texts, gold = set_path(table["texts"]), set_path(table["gold"])
    if not SCORER.is_file():
        pytest.skip("../shared/eval/score.py is not here")
    out = tmp_path / "facts.jsonl"
    assert main(["facts", str(texts), "-o", str(out), "--quiet"]) == 0
    scorer = load_scorer()
    tally = scorer.score(scorer.read_jsonl(gold), scorer.read_jsonl(out))
    _, _, overall_f1, *_ = tally.prf()
    found_precision, *_ = tally.prf(["agreement"])
    floor_f1, floor_precision = table["overall_f1"], table["agreements_found_precision"]
    assert overall_f1 >= floor_f1, f"{name} overall F1 {overall_f1:.3f} fell below its floor {floor_f1}"
    assert found_precision >= floor_precision, (
        f"{name} agreements-found precision {found_precision:.3f} fell below its floor {floor_precision}")
