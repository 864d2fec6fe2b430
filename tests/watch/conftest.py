"""Fixtures for the watch tests: a real feed server on 127.0.0.1 (``feed_server.py`` beside this file)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from feed_server import FeedServer  # noqa: E402  (a test helper beside this file)


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A running feed server; ``/slow`` waits 3 s and ``/huge`` is 2 MB unless a test lowers them."""
    with FeedServer() as server:
        yield server
