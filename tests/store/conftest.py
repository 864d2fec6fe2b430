"""Fixtures for the store tests: a database URL per backend (SQLite always, PostgreSQL when
$PACTWATCH_TEST_PG is set)."""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_helpers import postgres_url, sqlite_url  # loaded by tests/conftest.py


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    url = postgres_url()
    if url is None:
        pytest.skip("PACTWATCH_TEST_PG is not set (.ci/start-postgres.sh prints one)")
    return url
