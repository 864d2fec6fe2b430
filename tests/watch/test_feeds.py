"""Feeds and their pages from a real feed server: RSS and Atom items, 304s, broken feeds, pages read as articles."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from articles import ATOM_STORIES, BAKU_SIGNING, DEEP_STORY, IN_FORCE, RSS_STORIES
from feed_server import MIXED_PATHS, FeedServer

from pactwatch.article import Article, Refusal
from pactwatch.watch.feeds import FeedItem, article_id, page_article, read_feed
from pactwatch.watch.fetch import Fetcher, FetchError, FetchSettings

QUICK = FetchSettings(timeout_s=0.5, retries=1, backoff_s=0.01, per_host_delay_s=0.0, max_bytes=200_000)


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(QUICK) as fetcher:
        yield fetcher


def test_rss_items_have_their_guid_link_title_and_day(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed = read_feed(fetcher, feed_server.feed_url("rss"))
    assert not feed.not_modified and feed.etag and feed.last_modified and feed.skipped == []
    assert feed.items == [
        FeedItem(f"caspian-baltic-wire:{story.slug}", feed_server.url(story.path), story.title, story.published)
        for story in reversed(RSS_STORIES)
    ]


def test_atom_entries_read_alike(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed = read_feed(fetcher, feed_server.feed_url("atom"))
    assert [(item.key, item.link, item.published) for item in feed.items] == [
        (f"tag:caspian-baltic-wire.test,2026:{story.slug}", feed_server.url(story.path), story.published)
        for story in reversed(ATOM_STORIES)
    ]


def test_an_unchanged_feed_is_not_modified_and_a_new_item_shows(feed_server: FeedServer, fetcher: Fetcher) -> None:
    first = read_feed(fetcher, feed_server.feed_url("atom"))
    again = read_feed(fetcher, feed_server.feed_url("atom"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.items == [] and again.etag == first.etag
    feed_server.add_item("atom", IN_FORCE)
    later = read_feed(fetcher, feed_server.feed_url("atom"), etag=first.etag, last_modified=first.last_modified)
    assert not later.not_modified and later.etag != first.etag
    assert later.items[0].link == feed_server.url(IN_FORCE.path) and later.items[1:] == first.items


def test_a_broken_feed_is_not_a_feed(feed_server: FeedServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as caught:
        read_feed(fetcher, feed_server.url("/broken.xml"))
    assert caught.value.url == feed_server.url("/broken.xml")
    assert re.fullmatch(r"not a feed: syntax error at line \d+, column \d+", caught.value.reason)


def test_a_page_where_a_feed_should_be_is_not_a_feed(feed_server: FeedServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match=r"\.html: not a feed: mismatched tag at line \d+, column \d+$"):
        read_feed(fetcher, feed_server.url(BAKU_SIGNING.path))
    feed_server.put("/page.xml", "<html><body><p>Just a page.</p></body></html>", "application/rss+xml")
    with pytest.raises(FetchError, match=r"page\.xml: not a feed: no RSS or Atom elements in it$"):
        read_feed(fetcher, feed_server.url("/page.xml"))


def test_a_feed_body_naming_a_local_file_is_never_opened(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.put("/path.xml", b"/etc/hostname", "application/rss+xml")
    with pytest.raises(FetchError, match="not a feed"):
        read_feed(fetcher, feed_server.url("/path.xml"))


def test_a_failing_feed_is_one_fetch_error(feed_server: FeedServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as caught:
        read_feed(fetcher, feed_server.url("/error"))
    assert caught.value.reason == "HTTP 500"


def test_items_without_a_followable_link_are_skipped_with_a_reason(feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed_server.put("/odd.xml", (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>odd</title>'
        '<item><title>No link here</title><guid isPermaLink="false">odd:1</guid></item>'
        "<item><title>Script</title><link>javascript:alert(1)</link></item>"
        "<item><title>Relative</title><link>news/relative.html</link></item>"
        "<item><title>Relative</title><link>news/relative.html</link></item>"
        "</channel></rss>"), "application/rss+xml")
    feed = read_feed(fetcher, feed_server.url("/odd.xml"))
    assert [item.link for item in feed.items] == [feed_server.url("/news/relative.html")]
    assert feed.items[0].key == feed.items[0].link and feed.items[0].published is None
    odd = feed_server.url("/odd.xml")
    assert feed.skipped == [
        f"{odd}: item 1 ('No link here') has no link; skipped, there is no page to read",
        f"{odd}: item 2 ('Script') links to 'javascript:alert(1)', not an http(s) page; skipped",
    ]


def test_the_mixed_feed_lists_the_bad_pages_and_notes_the_linkless_item(
        feed_server: FeedServer, fetcher: Fetcher) -> None:
    feed = read_feed(fetcher, feed_server.feed_url("mixed"))
    assert [item.link for item in feed.items] == [feed_server.url(path) for path in MIXED_PATHS]
    assert len(feed.skipped) == 1 and "has no link" in feed.skipped[0]


@pytest.mark.parametrize("story", [*RSS_STORIES, *ATOM_STORIES], ids=lambda story: story.slug)
def test_each_good_item_becomes_an_article(feed_server: FeedServer, fetcher: Fetcher, story) -> None:
    item = next(item for item in read_feed(fetcher, feed_server.feed_url(
        "rss" if story in RSS_STORIES else "atom")).items if item.link.endswith(story.path))
    article = page_article(fetcher.get(item.link), item)
    assert isinstance(article, Article), article
    assert article.source == item.link and article.url == item.link
    assert article.title == f"{story.title} - Caspian and Baltic Wire" or article.title == story.title
    assert article.published == story.published
    assert story.paragraphs[1] in article.text
    assert "Most read" not in article.text and "Privacy" not in article.text
    assert article.id == article_id(item.link) == page_article(fetcher.get(item.link), item).id


def test_the_feed_day_stands_in_when_the_page_has_no_date(feed_server: FeedServer, fetcher: Fetcher) -> None:
    link = feed_server.put("/undated.html", "<html><body><article><h1>Pact signed</h1>"
                                            + "<p>Poland and Lithuania signed a defence agreement on Tuesday in "
                                              "Vilnius, their ministers said in a joint statement.</p>" * 3
                                            + "</article></body></html>")
    article = page_article(fetcher.get(link), FeedItem("k", link, "Pact signed", "2026-09-15"))
    assert isinstance(article, Article) and article.published == "2026-09-15"


def test_a_pdf_is_refused_as_not_html(feed_server: FeedServer, fetcher: Fetcher) -> None:
    link = feed_server.url("/file.pdf")
    refusal = page_article(fetcher.get(link), FeedItem("k", link, None, None))
    assert refusal == Refusal(link, "not HTML (application/pdf)")
    assert refusal.message() == f"{link}: not HTML (application/pdf)"


def test_a_page_with_no_article_is_refused(feed_server: FeedServer, fetcher: Fetcher) -> None:
    link = feed_server.put("/empty.html", '<html><body><nav><a href="/">Home</a></nav></body></html>')
    refusal = page_article(fetcher.get(link), FeedItem("k", link, None, None))
    assert isinstance(refusal, Refusal) and refusal.source == link
    assert refusal.reason in ("HTML page has no article text", "no article text (only boilerplate or whitespace)")


def test_a_declared_charset_is_used_for_a_page_that_is_not_utf8(feed_server: FeedServer, fetcher: Fetcher) -> None:
    sentence = "Министры обороны подписали соглашение о сотрудничестве сроком на десять лет."
    page = f"<html><body><article><h1>Соглашение</h1><p>{sentence}</p><p>{sentence}</p></article></body></html>"
    link = feed_server.put("/cp1251.html", page.encode("cp1251"), "text/html; charset=windows-1251")
    article = page_article(fetcher.get(link), FeedItem("k", link, None, None))
    assert isinstance(article, Article) and sentence in article.text


def test_a_page_answered_304_cannot_be_read(feed_server: FeedServer, fetcher: Fetcher) -> None:
    first = fetcher.get(feed_server.url(BAKU_SIGNING.path))
    again = fetcher.get(first.url, etag=first.etag)
    with pytest.raises(ValueError, match="answered 304"):
        page_article(again, FeedItem("k", first.url, None, None))


def test_the_deep_page_keeps_its_article(feed_server: FeedServer, fetcher: Fetcher) -> None:
    link = feed_server.url("/deep.html")
    article = page_article(fetcher.get(link), FeedItem("k", link, None, None))
    assert isinstance(article, Article), article
    assert DEEP_STORY.paragraphs[1] in article.text
