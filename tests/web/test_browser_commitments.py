"""The Commitments page in chromium over the knowledge base built from our sample corpus: the
graph of who is bound to whom, the day changed with the date control (a duty that began between
two days appears and disappears with it), an arrow followed to its agreement's obligations and on
to the evidence sentence in its article, and the diff between two days.
Screenshots: tests/_artifacts/sample-commitments-*.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import quote

import pytest

from conftest import chromium, running, screenshot, watched_page
from pactwatch.web import create_app, vendor

pytestmark = pytest.mark.browser
BEFORE = "2015-01-01"

EDGES = """(id) => document.getElementById(id).cytoscape.edges().map(e => ({
  by: e.source().id(), to: e.target().id(), kind: e.data('kind'), href: e.data('href'),
  dashed: e.pstyle('line-style').value === 'dashed', faint: e.pstyle('opacity').value < 0.5}))"""


@pytest.fixture(scope="module")
def site(sample_kb: Any) -> Iterator[dict[str, Any]]:
    """The sample app, and a duty with its evidence that began to hold between BEFORE and today."""
    today = date.today().isoformat()
    begun = [r for r in sample_kb.commitments_diff(BEFORE, today)["begun"] if r["agreement_id"] and r["evidence"]]
    if not begun:
        pytest.skip(f"the sample corpus gives no duty that began between {BEFORE} and {today}")
    with running(create_app(kb=sample_kb)) as base:
        yield {"base": base, "duty": begun[0], "today": today,
               "rows": sample_kb.commitments(as_of=today), "rows_before": sample_kb.commitments(as_of=BEFORE)}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    with watched_page(browser) as page:
        yield page


def assert_quiet(page: Any) -> None:
    assert page.dialogs == [] and page.page_errors == []
    assert [m for m in page.console_messages if m.startswith("error")] == []


def drawn(rows: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return sorted((r["by"], r["to"], r["kind"]) for r in rows if r["holds_as_of"] is not False)


def table(page: Any) -> list[str]:
    return [" ".join(t.split()) for t in page.locator("#commitments-table tbody tr td.pair").all_inner_texts()]


def wait_for_graph(page: Any) -> list[dict[str, Any]]:
    """The arrows cytoscape drew; none when nothing holds or may hold that day (the page says so and
    has no graph) or without the library (the page keeps its SVG)."""
    if vendor.find_node_modules() is None or page.locator("#commitments-graph").count() == 0:
        return []
    page.wait_for_selector("#commitments-graph[data-state=ready]", state="attached")
    return page.evaluate(EDGES, "commitments-graph")


def test_changing_the_day_redraws_who_is_bound(site: dict[str, Any], page: Any) -> None:
    duty = site["duty"]
    page.goto(site["base"] + "/commitments?as_of=" + site["today"])
    edges = wait_for_graph(page)
    if edges:
        assert sorted((e["by"], e["to"], e["kind"]) for e in edges) == drawn(site["rows"])
        assert page.locator("#commitments-svg").is_hidden()
        for e, r in zip(sorted(edges, key=lambda e: (e["by"], e["to"], e["kind"])),
                        sorted((r for r in site["rows"] if r["holds_as_of"] is not False),
                               key=lambda r: (r["by"], r["to"], r["kind"])), strict=True):
            assert (e["dashed"], e["faint"]) == (r["conditional"], r["holds_as_of"] is not True)
    assert f"{duty['by']} → {duty['to']}" in table(page)
    screenshot(page, "sample-commitments-today")

    page.fill("input[name=as_of]", BEFORE)  # the form sends itself when the date changes
    page.wait_for_url(re.compile(rf"as_of={BEFORE}"))
    edges = wait_for_graph(page)
    assert (duty["by"], duty["to"], duty["kind"]) not in [(e["by"], e["to"], e["kind"]) for e in edges]
    if vendor.find_node_modules() is not None:
        assert sorted((e["by"], e["to"], e["kind"]) for e in edges) == drawn(site["rows_before"])
    if not drawn(site["rows_before"]):
        assert page.locator("#commitments-network p.empty").inner_text() == (
            f"No obligation holds or may hold on {BEFORE}.")
    row = page.locator("#commitments-table tbody tr", has=page.locator(
        "td.pair", has_text=re.compile(rf"^\s*{duty['by']}\s*→\s*{duty['to']}\s*$")))
    assert "does not hold" in row.first.inner_text() or row.count() == 0
    screenshot(page, "sample-commitments-before")
    assert_quiet(page)


def test_an_arrow_leads_to_its_agreement_and_on_to_the_evidence(site: dict[str, Any], page: Any) -> None:
    duty = site["duty"]
    page.goto(site["base"] + "/commitments?as_of=" + site["today"])
    edges = wait_for_graph(page)
    if edges:  # the interactive graph: hover the arrow, then click it
        at = page.evaluate("""([id, by, to, kind]) => {
          const c = document.getElementById(id); const r = c.getBoundingClientRect();
          const e = c.cytoscape.edges().filter(e => e.source().id() === by && e.target().id() === to
                                                   && e.data('kind') === kind)[0];
          const m = e.renderedMidpoint();
          return {x: r.left + m.x, y: r.top + m.y};
        }""", ["commitments-graph", duty["by"], duty["to"], duty["kind"]])
        page.mouse.move(at["x"], at["y"])
        tip = page.locator(".graph-tip")
        tip.wait_for(state="visible")
        assert tip.inner_text().startswith(f"{duty['by']} → {duty['to']}: {duty['kind'].replace('_', ' ')}")
        screenshot(page, "sample-commitments-hover")
        page.mouse.click(at["x"], at["y"])
    else:  # the SVG: the arrow is a link
        page.locator(f"#commitments-svg a[href^='/agreements/{quote(duty['agreement_id'], safe='')}']").first.click()
    page.wait_for_url(re.compile(rf"/agreements/{re.escape(quote(duty['agreement_id'], safe=''))}"
                                 rf"\?as_of={site['today']}#obligations$"))
    obligations = page.locator("#obligations li.obligation")
    assert obligations.count() >= 1
    item = obligations.filter(has=page.locator(f".kind.k-{duty['kind']}")).first
    assert duty["by"] in item.inner_text() and duty["to"] in item.inner_text()
    screenshot(page, "sample-commitments-agreement")

    quote_link = item.locator("blockquote a.quote").first
    expected = " ".join(quote_link.inner_text().split())
    assert expected in {" ".join(ev["quote"].split()) for ev in duty["evidence"]}
    quote_link.click()
    page.wait_for_url(re.compile(r"/articles/.+#s-\d+$"))
    target = page.locator(".sentence:target")
    assert target.count() == 1 and target.is_visible()
    assert " ".join(target.inner_text().split()) == expected
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 224, 71)"
    screenshot(page, "sample-commitments-evidence")
    assert_quiet(page)


def test_the_diff_lists_the_duty_that_began(site: dict[str, Any], page: Any) -> None:
    duty = site["duty"]
    page.goto(site["base"] + "/commitments?as_of=" + site["today"])
    page.fill("#diff input[name=start]", BEFORE)
    page.fill("#diff input[name=end]", site["today"])
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(rf"start={BEFORE}&end={site['today']}"))
    begun = page.locator("#diff-begun li")
    texts = [" ".join(t.split()) for t in begun.all_inner_texts()]
    assert any(t.startswith(f"{duty['by']} → {duty['to']} {duty['kind'].replace('_', ' ')}") for t in texts), texts
    link = begun.filter(has_text=f"{duty['by']} → {duty['to']}").locator("a.evidence-link").first
    assert re.match(r"^/articles/.+#s-\d+$", link.get_attribute("href"))
    page.locator("#diff").scroll_into_view_if_needed()
    screenshot(page, "sample-commitments-diff")
    assert_quiet(page)
