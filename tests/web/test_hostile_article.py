"""Article text is hostile: an article carrying a script and an onerror image is shown, never run."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fake_kb import FakeKnowledgeBase

from conftest import TestClient, chromium, real_kb, running, screenshot, watched_page
from pactwatch.article import Article
from pactwatch.web import create_app

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
HOSTILE = Article(
    id="hostile-pact",
    title=f"Pact {IMAGE} signed",
    source="tests/hostile.txt",
    published="2024-05-02",
    url="javascript:alert(1)",
    text=(f"Azerbaijan and Turkey signed a defence cooperation agreement {SCRIPT} in Baku on 1 May 2024.\n\n"
          f"The agreement {IMAGE} covers joint exercises and training, officials said."),
)


def hostile_kb(kb: Any) -> Any:
    kb.ingest_articles([HOSTILE])
    return kb


def pages_showing_it(kb: Any) -> list[str]:
    """The article page, the lists, and every agreement page the article is a source of."""
    ids = [a["id"] for a in kb.agreements(limit=500) if HOSTILE.id in a.get("documents", [])]
    return (["/articles/" + HOSTILE.id, "/articles", "/agreements", "/timeline", "/network"]
            + [f"/agreements/{quote(i, safe='')}" for i in ids])


@pytest.fixture(params=["fake", "real"])
def any_kb(request, tmp_path) -> Any:
    """The article goes through the fake KB and through the real one (skipped until it exists)."""
    return FakeKnowledgeBase() if request.param == "fake" else real_kb(tmp_path / "hostile.db")


def test_script_and_onerror_are_escaped_in_every_page(any_kb) -> None:
    kb = hostile_kb(any_kb)
    client = TestClient(create_app(kb=kb))
    for path in pages_showing_it(kb):
        html = client.get(path, headers={"accept": "text/html"}).text
        assert SCRIPT not in html and "<img src=x" not in html, path
        assert 'href="javascript:' not in html, path
    article = client.get("/articles/" + HOSTILE.id, headers={"accept": "text/html"}).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
    assert article.count("<script") == 1  # only the bundled /static/app.js


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.mark.browser
def test_nothing_executes_in_the_browser(browser: Any, any_kb: Any) -> None:
    kb = hostile_kb(any_kb)
    with running(create_app(kb=kb)) as base, watched_page(browser) as page:
        for path in pages_showing_it(kb):
            assert page.goto(base + path).status == 200
            page.wait_for_load_state("load")
            scripts = page.eval_on_selector_all("script", "els => els.map(e => e.getAttribute('src'))")
            assert scripts == ["/static/app.js"], path
            assert page.locator("img").count() == 0, path
        page.goto(base + "/articles/" + HOSTILE.id)
        assert SCRIPT in page.locator("#article-text").inner_text()
        assert IMAGE in page.locator("h1").inner_text()
        screenshot(page, f"hostile-article-{type(kb).__name__}")
        assert page.dialogs == [] and page.page_errors == []
        assert [m for m in page.console_messages if m.startswith("error")] == []
