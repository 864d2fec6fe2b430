"""Shared fixtures: where the repo, the sample corpus and the shared eval set are."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("fuzz", max_examples=5000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

REPO = Path(__file__).resolve().parents[1]


def _load_kb_helpers() -> None:
    """Make ``tests/store/kb_helpers.py`` importable as ``kb_helpers`` from any test folder, without
    putting tests/store on sys.path (where its conftest would shadow other folders' ``from conftest
    import ...``)."""
    if "kb_helpers" not in sys.modules:
        spec = importlib.util.spec_from_file_location("kb_helpers", Path(__file__).resolve().parent / "store" /
                                                      "kb_helpers.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["kb_helpers"] = module
        spec.loader.exec_module(module)


_load_kb_helpers()
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
    from kb_helpers import postgres_url

    url = postgres_url()
    if url is None:
        pytest.skip("PACTWATCH_TEST_PG is not set (.ci/start-postgres.sh prints one)")
    return url
