"""Every page in chromium over the real knowledge base built from the sample corpus.

Loads each page (screenshots in tests/_artifacts/sample-*.png), clicks from an agreement to one
of its evidence sentences (highlighted in its article), and filters the agreements table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from conftest import chromium, running, screenshot, watched_page
from pactwatch.web import create_app

pytestmark = pytest.mark.browser
TOKEN = "sample-browser-token"


@pytest.fixture(scope="module")
def site(sample_kb: Any) -> Iterator[dict[str, Any]]:
    agreements = sample_kb.agreements(limit=500)
    richest = max(agreements, key=lambda a: (len(sample_kb.agreement(a["id"])["evidence"]), a["id"]))
    actor = max(sample_kb.actors(), key=lambda a: (a["n_agreements"], a["code"]))
    with running(create_app(kb=sample_kb, token=TOKEN)) as base:
        yield {"base": base, "agreement": sample_kb.agreement(richest["id"]), "actor": actor["code"],
               "n_agreements": sample_kb.count_agreements()}


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


def paths(site: dict[str, Any]) -> dict[str, str]:
    evidence = site["agreement"]["evidence"][0]
    return {"agreements": "/agreements", "agreement": f"/agreements/{quote(site['agreement']['id'], safe='')}",
            "actor": f"/actors/{site['actor']}", "actors": "/actors", "network": "/network",
            "commitments": "/commitments",
            "timeline": "/timeline", "events": "/events", "articles": "/articles",
            "article": f"/articles/{quote(evidence['article_id'], safe='')}", "upload": "/upload"}


@pytest.mark.parametrize("name", ["agreements", "agreement", "actor", "actors", "network", "commitments", "timeline",
                                  "events", "articles", "article", "upload"])
def test_every_page_loads_on_the_sample_corpus(site: dict[str, Any], page: Any, name: str) -> None:
    response = page.goto(site["base"] + paths(site)[name])
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator("p.empty").filter(has_text="No agreement matches").count() == 0
    if name in ("network", "commitments") and page.locator("[data-graph][data-library]").count():
        page.wait_for_selector(f"#{name}-graph[data-state=ready]", state="attached")
    screenshot(page, f"sample-{name}")
    assert_quiet(page)


def test_click_from_an_agreement_to_its_evidence(site: dict[str, Any], page: Any) -> None:
    record = site["agreement"]
    page.goto(site["base"] + "/agreements?limit=200")
    page.locator(f"#agreements-table a.title[href^='/agreements/{quote(record['id'], safe='')}']").click()
    page.wait_for_url(re.compile(re.escape(quote(record["id"], safe=""))))
    first = page.locator("#evidence a.quote").first
    expected = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/articles/.+#s-\d+$"))
    target = page.locator(".sentence:target")
    assert target.count() == 1 and target.is_visible()
    assert " ".join(target.inner_text().split()) == " ".join(expected.split())
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 224, 71)"
    screenshot(page, "sample-evidence-highlighted")
    assert_quiet(page)


def test_filter_the_agreements_table(site: dict[str, Any], page: Any) -> None:
    page.goto(site["base"] + "/agreements")
    count = page.locator("#agreement-count")
    assert int(count.inner_text()) == site["n_agreements"]
    page.select_option("select[name=domain]", "security")
    page.wait_for_url(re.compile(r"domain=security"))
    tags = page.locator("#agreements-table tbody tr td:nth-child(3)").all_inner_texts()
    assert tags and set(tags) == {"security"} and len(tags) == int(count.inner_text()) < site["n_agreements"]
    page.select_option("select[name=party]", site["actor"])
    page.wait_for_url(re.compile(rf"party={site['actor']}"))
    rows = page.locator("#agreements-table tbody tr")
    assert all(site["actor"] in r.inner_text() for r in rows.all())
    screenshot(page, "sample-agreements-filtered")
    assert_quiet(page)
