"""Fixtures for the web tests: an app over the fake KB (always) and over the real KB built from sample/."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pactwatch.web import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fake_kb import FakeKnowledgeBase  # noqa: E402  (a test helper beside this file)

TOKEN = "s3cret-upload-token"


@pytest.fixture
def fake_kb() -> FakeKnowledgeBase:
    return FakeKnowledgeBase()


@pytest.fixture
def client(fake_kb: FakeKnowledgeBase) -> TestClient:
    """A read-only app over the fake KB."""
    return TestClient(create_app(kb=fake_kb))


@pytest.fixture
def writer(fake_kb: FakeKnowledgeBase) -> TestClient:
    """An app that accepts uploads with ``TOKEN`` (limit 4,000 bytes)."""
    return TestClient(create_app(kb=fake_kb, token=TOKEN, max_upload_bytes=4000))


def json_of(response: Any) -> Any:
    assert response.headers["content-type"].startswith("application/json"), response.text
    return response.json()
