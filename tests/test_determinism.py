"""Extraction gives the same facts whatever the process's string-hash seed. Ties once fell to set
order (``main_states``, ``main_actors``), so a Dask worker and the serial run disagreed on an
article; two subprocesses with different seeds over all our own articles catch that."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FOLDERS = [REPO / "sample", REPO / "tests" / "texts" / "fresh", REPO / "tests" / "texts" / "fresh2"]


def facts_with_seed(seed: int) -> str:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    code = "import sys; from pactwatch.cli.main import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run([sys.executable, "-c", code, "facts", *map(str, FOLDERS), "--quiet"],
                          capture_output=True, text=True, env=env, check=True)
    return done.stdout


@pytest.mark.slow
def test_facts_do_not_depend_on_the_hash_seed() -> None:
    first = facts_with_seed(1)  # seeds 1 and 4 split the old set-order tie in main_actors
    assert first.count("\n") >= 40  # every article of the three folders, one line each
    for seed in (4, 5):
        assert facts_with_seed(seed) == first, f"PYTHONHASHSEED={seed} gave other facts than seed 1"
