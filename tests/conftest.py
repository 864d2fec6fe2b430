"""Shared fixtures: where the repo, the sample corpus and the shared eval set are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("fuzz", max_examples=5000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

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
