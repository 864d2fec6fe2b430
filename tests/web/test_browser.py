"""The pages in a real browser (Debian's chromium through Playwright): load, click, filter, screenshot."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fake_kb import FakeKnowledgeBase

from conftest import chromium, running, screenshot, watched_page
from pactwatch.web import create_app, vendor

pytestmark = pytest.mark.browser

PAGES = {
    "agreements": "/agreements",
    "agreement": "/agreements/agr-grc-fra",
    "actor": "/actors/GRC",
    "actors": "/actors",
    "network": "/network",
    "commitments": "/commitments",
    "timeline": "/timeline",
    "events": "/events",
    "articles": "/articles",
    "article": "/articles/greece-france",
    "upload": "/upload",
    "changes": "/changes",
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
    if name in ("network", "commitments") and vendor.find_node_modules() is not None:
        page.wait_for_selector(f"#{name}-graph[data-state=ready]", state="attached")
    screenshot(page, name)
    assert_quiet(page)


GRAPHS = {"network": ("/network", "#network-svg"), "commitments": ("/commitments?as_of=2026-12-01", "#commitments-svg")}


@pytest.mark.skipif(vendor.find_node_modules() is None, reason="the graph library is not installed (make setup)")
@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_graphs_replace_their_drawing_and_open_what_is_clicked(base_url: str, page: Any, name: str) -> None:
    path, svg = GRAPHS[name]
    page.goto(base_url + path)
    page.wait_for_selector(f"#{name}-graph[data-state=ready]")
    assert page.locator(svg).is_hidden()
    # every node is on the canvas, inside the container, with its label shown (few actors: room for all)
    nodes = page.evaluate("""(id) => { const c = document.getElementById(id); const cy = c.cytoscape;
      return cy.nodes().map(n => { const p = n.renderedPosition();
        return {id: n.id(), inside: p.x > 0 && p.y > 0 && p.x < c.clientWidth && p.y < c.clientHeight,
                label: n.pstyle('text-opacity').value > 0, at: [c.getBoundingClientRect().left + p.x,
                                                               c.getBoundingClientRect().top + p.y]}; }); }""",
                          f"{name}-graph")
    assert sorted(n["id"] for n in nodes) == ["AZE", "FRA", "GRC", "TUR"]
    assert all(n["inside"] and n["label"] for n in nodes)
    grc = next(n for n in nodes if n["id"] == "GRC")
    page.mouse.move(*grc["at"])
    assert "GRC" in page.locator(".graph-tip").inner_text().splitlines()[0]  # "Greece (GRC)", "GRC"
    page.mouse.click(*grc["at"])
    page.wait_for_url(re.compile(r"/actors/GRC$"))
    assert_quiet(page)


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_without_javascript_the_svg_drawing_stays(browser: Any, base_url: str, name: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    path, svg = GRAPHS[name]
    page.goto(base_url + path)
    assert page.locator(svg).is_visible() and page.locator(f"#{name}-graph").is_hidden()
    page.locator(f"{svg} a.node text", has_text="GRC").click()
    page.wait_for_url(re.compile(r"/actors/GRC$"))
    page.goto(base_url + path)
    screenshot(page, f"{name}-without-javascript")
    context.close()


def test_without_the_library_the_pages_keep_their_svg(browser: Any, monkeypatch, tmp_path) -> None:
    monkeypatch.delenv(vendor.NODE_MODULES_ENV, raising=False)
    monkeypatch.setattr(vendor, "REPO_NODE_MODULES", tmp_path / "node_modules")
    with running(create_app(kb=FakeKnowledgeBase())) as base, watched_page(browser) as page:
        for name, (path, svg) in GRAPHS.items():
            page.goto(base + path)
            page.wait_for_load_state("load")
            assert page.locator(svg).is_visible() and page.locator(f"#{name}-graph").count() == 0
        assert_quiet(page)


def test_click_from_an_agreement_to_its_evidence_sentence(base_url: str, page: Any) -> None:
    page.goto(base_url + "/agreements")
    page.get_by_role("link", name="Strategic Partnership for Defence and Security").click()
    page.wait_for_url(re.compile(r"/agreements/agr-grc-fra"))
    quote = page.locator("#evidence a.quote").filter(has_text="approved the partnership")
    quote.click()
    page.wait_for_url(re.compile(r"/articles/greece-france#s-\d+$"))
    target = page.locator(".sentence:target")
    assert target.count() == 1
    assert target.inner_text() == "The Greek parliament approved the partnership on 7 October 2021."
    assert target.is_visible() and target.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 224, 71)"
    box, viewport = target.bounding_box(), page.viewport_size
    assert 0 <= box["y"] < viewport["height"]
    screenshot(page, "evidence-highlighted")
    assert_quiet(page)


def test_filter_and_sort_the_agreements_table(base_url: str, page: Any) -> None:
    page.goto(base_url + "/agreements")
    rows = page.locator("#agreements-table tbody tr")
    assert rows.count() == 2
    page.select_option("select[name=party]", "AZE")  # the form submits itself on change
    page.wait_for_url(re.compile(r"party=AZE"))
    assert rows.count() == 1 and "Shusha Declaration" in rows.first.inner_text()
    assert page.locator("#agreement-count").inner_text() == "1"
    page.goto(base_url + "/agreements")
    page.fill("input[name=q]", "five years")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"q=five\+years"))
    assert [r.inner_text().split("\t")[0].strip() for r in rows.all()] == [
        "Strategic Partnership for Defence and Security CONFLICT"]
    page.goto(base_url + "/agreements")
    page.get_by_role("link", name="Title").click()
    page.get_by_role("link", name="Title ▲").click()
    page.wait_for_url(re.compile(r"desc=1"))
    assert "Strategic Partnership" in rows.first.inner_text()
    screenshot(page, "agreements-sorted")
    assert_quiet(page)


def test_upload_shows_progress_and_the_report(base_url: str, page: Any, tmp_path) -> None:
    article = tmp_path / "lisbon-pact.txt"
    article.write_text(" date 2024-03-01\nPortugal and Spain signed a defence agreement on Friday.\n", encoding="utf-8")
    odd = tmp_path / "notes.pdf"
    odd.write_bytes(b"%PDF-1.4")
    page.goto(base_url + "/upload")
    page.set_input_files("#upload-files", [str(article), str(odd)])
    page.fill("input[name=token]", "browser-token-1")
    page.get_by_role("button", name="Upload and ingest").click()
    page.wait_for_selector("#upload-result:not([hidden]) .refused")
    assert page.locator("#upload-status").inner_text() == "Done: 1 article(s) processed."
    assert "notes.pdf" in page.locator("#upload-result .refused").inner_text()
    screenshot(page, "upload-result")
    assert_quiet(page)
