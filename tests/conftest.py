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


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database on each backend: a SQLite file, or $PACTWATCH_TEST_PG emptied of every table
    (skipped without it). Modules that want one backend define their own ``db``."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kb.db'}"
    url = os.environ.get("PACTWATCH_TEST_PG")
    if not url:
        pytest.skip("PACTWATCH_TEST_PG is not set (.ci/start-postgres.sh prints one)")
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url
