"""The Network page in chromium on a generated database of 300 actors and 1,000 agreements: it is
drawn (all 300 actors, every link) within 3 seconds of navigating to it, no two labels shown at the
first zoom overlap, labels stay readable and more appear on zooming in, hovering an actor tells its
name and clicking it opens its page. And on the dev set with the sample corpus (real extraction,
from ../shared, skipped without it), every actor is labelled and no label overlaps another.
Screenshots: tests/_artifacts/network-300-*.png, network-dev-sample.png."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from big_network import build_network_kb

from conftest import REPO, chromium, real_kb, running, screenshot, watched_page
from pactwatch.web import create_app, vendor

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(vendor.find_node_modules() is None,
                                 reason="the graph library is not installed (make setup runs npm ci)")]
DEV_DOCS = REPO.parent / "shared" / "eval" / "dev" / "docs"
LOAD_LIMIT_MS = 3000
LOADS = 3

# Every label cytoscape shows (not made transparent by the de-cluttering), as its box on the
# screen (model box x zoom; the same relation between boxes as on the screen).
LABEL_BOXES = """(id) => {
  const cy = document.getElementById(id).cytoscape;
  const z = cy.zoom();
  return cy.nodes().filter(n => n.visible() && n.pstyle('label').strValue && n.pstyle('text-opacity').value > 0)
    .map(n => { const b = n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true,
                                         includeOverlays: false, includeUnderlays: false});
                return {id: n.id(), x1: b.x1 * z, x2: b.x2 * z, y1: b.y1 * z, y2: b.y2 * z,
                        px: n.pstyle('font-size').pfValue * z}; });
}"""


def overlapping(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]:
                out.append((a["id"], b["id"]))
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    kb = build_network_kb(tmp_path_factory.mktemp("network-300") / "kb.db")
    network = kb.network()
    assert len(network["nodes"]) == 300 and kb.count_agreements() == 1000
    with running(create_app(kb=kb)) as base:
        # the server's first answers compile templates and lay out the SVG and the graph the browser
        # draws (both kept for the next ones)
        page = httpx.get(base + "/network", headers={"accept": "text/html"}, timeout=60)
        assert page.status_code == 200
        source = re.search(r'data-source="([^"]+)"', page.text)
        assert source and httpx.get(base + source.group(1).replace("&amp;", "&"), timeout=60).status_code == 200
        yield {"base": base, "edges": len(network["edges"])}
    kb.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


def load(browser: Any, base: str) -> tuple[Any, Any, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # a cold browser cache every time
    page = context.new_page()
    page.goto(base + "/network")
    page.wait_for_selector("#network-graph[data-state=ready]", state="attached", timeout=30_000)
    ready = page.evaluate("() => performance.getEntriesByName('pactwatch:ready')[0].startTime")
    return context, page, ready


def test_three_hundred_actors_are_drawn_within_three_seconds(site: dict[str, Any], browser: Any) -> None:
    """Milliseconds from navigating to the page until the graph is laid out, labelled and shown;
    the best of three loads, each in a fresh browser context, so that another process hogging the
    machine's cores for a moment does not decide it."""
    times = []
    for _ in range(LOADS):
        context, page, ready = load(browser, site["base"])
        times.append(round(ready))
        drawn = page.evaluate("() => { const cy = document.getElementById('network-graph').cytoscape;"
                              " return [cy.nodes().length, cy.edges().length]; }")
        assert drawn == [300, site["edges"]]
        assert page.locator("#network-svg").is_hidden() and page.locator("#network-count").inner_text() == (
            f"300 actors · {site['edges']} links")
        context.close()
    print(f"network page with 300 actors drawn in {times} ms")
    assert min(times) < LOAD_LIMIT_MS, f"loads took {times} ms"


def test_no_two_labels_overlap_at_the_first_zoom_and_more_show_when_zooming_in(site: dict[str, Any],
                                                                               browser: Any) -> None:
    context, page, _ = load(browser, site["base"])
    with watched_page(browser) as quiet:  # the same page again, for its console
        quiet.goto(site["base"] + "/network")
        quiet.wait_for_selector("#network-graph[data-state=ready]", state="attached", timeout=30_000)
        assert quiet.page_errors == [] and [m for m in quiet.console_messages if m.startswith("error")] == []
    boxes = page.evaluate(LABEL_BOXES, "network-graph")
    assert overlapping(boxes) == []
    assert len(boxes) >= 75, f"only {len(boxes)} of 300 labels shown"  # a quarter at least, the rest on zooming in
    assert all(11.5 <= b["px"] <= 12.5 for b in boxes)  # 12 px on screen, whatever the zoom
    screenshot(page, "network-300-actors")

    page.evaluate("() => { const c = document.getElementById('network-graph'); const cy = c.cytoscape;"
                  " cy.zoom({level: cy.zoom() * 2.5,"
                  "          renderedPosition: {x: c.clientWidth / 2, y: c.clientHeight / 2}}); }")
    page.wait_for_timeout(600)  # labels are re-placed 150 ms after the zoom stops
    zoomed = page.evaluate(LABEL_BOXES, "network-graph")
    assert overlapping(zoomed) == [] and all(11.5 <= b["px"] <= 12.5 for b in zoomed)
    assert len(zoomed) > len(boxes)
    screenshot(page, "network-300-zoomed")
    context.close()


def test_hover_tells_the_actor_and_a_click_opens_it(site: dict[str, Any], browser: Any) -> None:
    context, page, _ = load(browser, site["base"])
    target = page.evaluate("""() => {
      const c = document.getElementById('network-graph'); const cy = c.cytoscape; const r = c.getBoundingClientRect();
      const n = cy.nodes().filter(n => !n.hasClass('label-hidden')).sort((a, b) => b.degree() - a.degree())[0];
      const p = n.renderedPosition();
      return {id: n.id(), x: r.left + p.x, y: r.top + p.y};
    }""")
    page.mouse.move(target["x"], target["y"])
    tip = page.locator(".graph-tip")
    tip.wait_for(state="visible")
    assert re.match(rf"^(.+ \({target['id']}\)|{target['id']})\d+ links? drawn$", tip.inner_text().replace("\n", ""))
    screenshot(page, "network-300-hover")
    page.mouse.click(target["x"], target["y"])
    page.wait_for_url(re.compile(rf"/actors/{target['id']}$"))
    assert page.locator("h1 .code").inner_text() == target["id"]
    context.close()


@pytest.mark.skipif(not DEV_DOCS.is_dir(), reason=f"{DEV_DOCS} is absent")
def test_the_dev_set_and_sample_network_labels_every_actor(browser: Any) -> None:
    """The collection the issue found unreadable (the dev set and the sample corpus, ~34 actors):
    drawn with every actor labelled, no label over another."""
    with tempfile.TemporaryDirectory(prefix="pactwatch-dev-network-") as folder:
        kb = real_kb(Path(folder) / "dev.db")
        kb.ingest([str(REPO / "sample"), str(DEV_DOCS)])
        actors = len(kb.network()["nodes"])
        with running(create_app(kb=kb)) as base, watched_page(browser) as page:
            page.goto(base + "/network")
            page.wait_for_selector("#network-graph[data-state=ready]", state="attached", timeout=30_000)
            boxes = page.evaluate(LABEL_BOXES, "network-graph")
            assert overlapping(boxes) == [] and len(boxes) == actors > 20
            screenshot(page, "network-dev-sample")
            assert page.page_errors == [] and [m for m in page.console_messages if m.startswith("error")] == []
        kb.close()
