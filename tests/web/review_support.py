"""Helpers for the review tests: an app over the fake KB with named accounts."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("pactwatch.web.auth", reason="accounts (contract A) are not in this tree yet")

from conftest import TOKEN  # noqa: E402
from pactwatch.web import create_app  # noqa: E402


@pytest.fixture
def tokens(fake_kb: Any) -> dict[str, str]:
    """Tokens of two reviewers and an admin account, in the fake KB's accounts table."""
    from pactwatch import accounts

    return {name: accounts.add_user(fake_kb.engine, name, role)
            for name, role in (("maria", "review"), ("omar", "review"), ("chief", "admin"))}


@pytest.fixture
def reviewing_client(fake_kb: Any, tokens: dict[str, str]) -> Any:
    """An app over the fake KB that has accounts (and the server token ``TOKEN``)."""
    from fastapi.testclient import TestClient

    return TestClient(create_app(kb=fake_kb, token=TOKEN))
