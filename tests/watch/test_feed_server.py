"""The feed server itself: a smoke test that it serves, validates and records over a real socket."""

from __future__ import annotations

import httpx
from feed_server import FeedServer


def test_serves_feeds_pages_and_answers_conditional_gets(feed_server: FeedServer) -> None:
    first = httpx.get(feed_server.url("/rss.xml"), headers={"User-Agent": "smoke/1"})
    assert first.status_code == 200 and "<rss" in first.text
    again = httpx.get(feed_server.url("/rss.xml"), headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    since = httpx.get(feed_server.url("/rss.xml"), headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    assert httpx.get(feed_server.url("/error")).status_code == 500
    assert httpx.get(feed_server.url("/loop")).headers["Location"] == "/loop-again"
    assert feed_server.requests[0] == ("/rss.xml", None, None, "smoke/1")


def test_an_added_item_changes_the_feed(feed_server: FeedServer) -> None:
    from articles import IN_FORCE

    before = httpx.get(feed_server.feed_url("atom"))
    page = feed_server.add_item("atom", IN_FORCE)
    after = httpx.get(feed_server.feed_url("atom"), headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and page in after.text
    assert httpx.get(page).status_code == 200
