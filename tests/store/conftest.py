"""Fixtures for the store tests: a database URL per backend (SQLite always, PostgreSQL when
$PACTWATCH_TEST_PG is set)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


def _load_helpers() -> object:
    """Import ``kb_helpers.py`` beside this file as ``kb_helpers`` without putting this folder on
    sys.path (where its conftest would shadow other folders' ``from conftest import ...``)."""
    if "kb_helpers" not in sys.modules:
        spec = importlib.util.spec_from_file_location("kb_helpers", Path(__file__).resolve().parent / "kb_helpers.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["kb_helpers"] = module
        spec.loader.exec_module(module)
    return sys.modules["kb_helpers"]


_load_helpers()
from kb_helpers import postgres_url, sqlite_url  # noqa: E402


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    url = postgres_url()
    if url is None:
        pytest.skip("PACTWATCH_TEST_PG is not set (.ci/start-postgres.sh prints one)")
    return url
