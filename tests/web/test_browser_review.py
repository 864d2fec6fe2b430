"""Reviewing in a real browser (chromium through Playwright) as a person would: sign in with a
token, reject a wrong party with the keyboard, correct a date, accept a value, and watch the queue
shrink; every decision then shows on the Agreement page and in the log, under the reviewer's name."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fake_kb import FakeKnowledgeBase

from conftest import chromium, running, screenshot, watched_page
from pactwatch.web import create_app

pytest.importorskip("pactwatch.web.auth", reason="accounts (contract A) are not in this tree yet")
pytestmark = pytest.mark.browser


def count(page: Any) -> int:
    return int(page.locator("#review-count").inner_text())


def item_for(page: Any, record: str, field: str, party: str | None = None) -> Any:
    """The queue item of ``record``'s ``field`` (and ``party``)."""
    form = f'form:has(input[name=record_id][value="{record}"]):has(input[name=field][value="{field}"])'
    if party:
        form += f':has(input[name=party][value="{party}"])'
    return page.locator(f"#review-queue li.review-item:has({form})")


def test_a_reviewer_rejects_corrects_and_accepts_and_the_queue_shrinks() -> None:
    from pactwatch import accounts

    kb = FakeKnowledgeBase()
    token = accounts.add_user(kb.engine, "maria", "review")
    with running(create_app(kb=kb)) as base, chromium() as browser, watched_page(browser) as page:
        page.goto(base + "/review")
        start = count(page)
        assert start > 3 and page.locator("#review-keys").is_visible()
        page.fill("#sign-in input[name=token]", token)
        page.click("#sign-in button[type=submit]")
        page.wait_for_url(base + "/review")
        assert page.locator("#reviewer-name").inner_text() == "maria"

        # reject a wrong party with the keyboard: move the selection onto it with j, press r
        target = item_for(page, "agr-grc-fra", "parties", "GRC")
        items = page.locator("#review-queue li.review-item")
        index = next(i for i in range(items.count()) if items.nth(i).get_attribute("id") ==
                     target.get_attribute("id"))
        page.locator("body").click(position={"x": 5, "y": 5})
        for _ in range(index):
            page.keyboard.press("j")
        assert "current" in (target.get_attribute("class") or "")
        with page.expect_navigation():
            page.keyboard.press("r")
        assert count(page) < start
        after_reject = count(page)

        # correct a date: s goes to the value box, Enter sets it
        signed = item_for(page, "agr-grc-fra", "signed")
        signed.locator("input[name=value]").focus()
        page.keyboard.press("Escape")
        signed.click(position={"x": 5, "y": 5})
        page.keyboard.press("s")
        assert signed.locator("input[name=value]").evaluate("el => el === document.activeElement")
        page.keyboard.type("2021-09-27")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert count(page) == after_reject - 1

        # accept a value with a click
        with page.expect_navigation():
            item_for(page, "agr-shusha", "title").locator("button[value=accept]").click()
        assert count(page) == after_reject - 2
        screenshot(page, "review-queue")
        log = page.locator("#review-log").inner_text()
        assert log.count("maria") == 3

        page.goto(base + "/agreements/agr-grc-fra")
        signed_row = page.locator("#field-signed").inner_text()
        assert "2021-09-27" in signed_row and "reviewed by maria" in signed_row
        assert "reviewed by maria" in page.locator("#field-parties").inner_text()
        assert page.dialogs == [] and page.page_errors == []
        assert [m for m in page.console_messages if m.startswith("error")] == []
    assert [(e["action"], e["field"], e["new"]) for e in kb.review_log()] == [
        ("reject", "parties", ["FRA"]), ("set", "signed", "2021-09-27"), ("accept", "title", kb.records[0]["title"])]
    assert re.fullmatch(r"\d{4}-.*", kb.review_log()[0]["at"])
