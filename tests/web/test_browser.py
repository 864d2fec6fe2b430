"""The pages in a real browser (Debian's chromium through Playwright): load, click, filter, screenshot."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import chromium, running, screenshot, watched_page
from fake_kb import FakeKnowledgeBase

from pactwatch.web import create_app

pytestmark = pytest.mark.browser

PAGES = {
    "agreements": "/agreements",
    "agreement": "/agreements/agr-grc-fra",
    "actor": "/actors/GRC",
    "actors": "/actors",
    "network": "/network",
    "timeline": "/timeline",
    "events": "/events",
    "articles": "/articles",
    "article": "/articles/greece-france",
    "upload": "/upload",
}


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with running(create_app(kb=FakeKnowledgeBase(), token="browser-token-1")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    with watched_page(browser) as page:
        yield page


def assert_quiet(page: Any) -> None:
    """No dialog opened, no script error, no CSP violation reported on the console."""
    assert page.dialogs == []
    assert page.page_errors == []
    assert [m for m in page.console_messages if m.startswith("error")] == []


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_loads_cleanly(base_url: str, page: Any, name: str) -> None:
    response = page.goto(base_url + PAGES[name])
    assert response.status == 200
    assert page.locator("h1").count() == 1
    screenshot(page, name)
    assert_quiet(page)
