"""Shared fixtures: where the repo, the sample corpus and the shared eval set are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV = SHARED / "eval" / "dev"


@pytest.fixture
def dev_docs() -> Path:
    """The shared dev articles; tests that need them skip cleanly where ../shared is absent."""
    docs = DEV / "docs"
    if not docs.is_dir():
        pytest.skip("../shared/eval/dev is not here")
    return docs


@pytest.fixture
def sample_dir() -> Path:
    return REPO / "sample"
