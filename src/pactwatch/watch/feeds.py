"""Feeds to items, and an item's fetched page to an Article: the reading half of watching a news feed.

The Fetcher downloads (with its limits and manners); feedparser only parses the bytes it is handed,
so it never opens a URL or a file by itself. RSS 0.9x/1.0/2.0 and Atom read alike: each item gives
a key (its id or guid, else its link), its link, title and publication day. A page is read like an
HTML file (``pactwatch.read``): the same decoding, the same article extraction, the same cleaning.

>>> with Fetcher() as fetcher:  # doctest: +SKIP
...     feed = read_feed(fetcher, "https://example.org/defence/rss.xml")
...     for item in feed.items:
...         print(page_article(fetcher.get(item.link), item))
"""

from __future__ import annotations

import codecs
import hashlib
import io
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXParseException

import feedparser

from pactwatch.article import Article, Refusal
from pactwatch.read.clean import article_from_text
from pactwatch.read.encoding import Decoded, decode_bytes
from pactwatch.read.html import HtmlUnreadable, extract_html
from pactwatch.read.ids import sanitise_id
from pactwatch.read.limits import ReadLimits
from pactwatch.watch.fetch import Fetched, Fetcher, FetchError

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MAX_KEY_CHARS = 500  # a longer id or link is stored by its hash: keys are database keys
MAX_TITLE_CHARS = 300
MAX_DETAIL_CHARS = 160
ID_READABLE_CHARS = 80
STRICT_UNICODE = ("utf-8", "utf-16", "utf-32")


@dataclass(frozen=True)
class FeedItem:
    """One feed entry: ``key`` identifies it across rounds (id/guid, else link); ``published`` is YYYY-MM-DD."""

    key: str
    link: str
    title: str | None
    published: str | None


@dataclass(frozen=True)
class FeedRead:
    """A feed's items in feed order, with the validators for the next conditional GET.

    ``not_modified``: the server answered 304, so ``items`` is empty and the last round's reading stands.
    ``skipped``: one line per entry that cannot be followed (no link, or a link that is not http(s)).
    """

    items: list[FeedItem]
    etag: str | None
    last_modified: str | None
    not_modified: bool
    skipped: list[str] = field(default_factory=list)


def read_feed(fetcher: Fetcher, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FeedRead:
    """The items of the feed at ``url``; FetchError when it cannot be fetched or is not a feed."""
    fetched = fetcher.get(url, etag=etag, last_modified=last_modified)
    if fetched.not_modified:
        return FeedRead([], fetched.etag, fetched.last_modified, True)
    items, skipped = parse_feed(fetched)
    return FeedRead(items, fetched.etag, fetched.last_modified, False, skipped)


def parse_feed(fetched: Fetched) -> tuple[list[FeedItem], list[str]]:
    """Items and skipped-entry notes of a fetched feed body; FetchError "not a feed: ..." when it holds
    no entries and is no RSS or Atom document (feedparser's bozo reason says why). A feed with small
    faults but entries is read, as feed readers do; a valid feed with no items is just empty."""
    headers = {"content-location": fetched.final_url}
    if fetched.content_type:
        headers["content-type"] = fetched.content_type
    # A file-like object, never bytes or str: feedparser would open a str URL or a bytes path itself.
    parsed = feedparser.parse(io.BytesIO(fetched.body), response_headers=headers, sanitize_html=False,
                              resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries and not parsed.get("version"):
        raise FetchError(fetched.url, f"not a feed: {_not_a_feed(fetched.body, parsed.get('bozo_exception'))}")
    items: list[FeedItem] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        item = _feed_item(entry, fetched.final_url)
        if isinstance(item, str):
            skipped.append(f"{fetched.url}: item {number}{item}")
        elif item.key not in seen:  # the same entry listed twice is one item
            seen.add(item.key)
            items.append(item)
    return items, skipped


def _feed_item(entry: Any, base_url: str) -> FeedItem | str:
    """The entry as a FeedItem, or why it cannot be followed (a phrase after "item N")."""
    title = _short(entry.get("title"), MAX_TITLE_CHARS)
    named = f" ({title!r})" if title else ""
    raw_link = (entry.get("link") or "").strip()
    if not raw_link:
        return f"{named} has no link; skipped, there is no page to read"
    link = urljoin(base_url, raw_link)
    if urlsplit(link).scheme.lower() not in ("http", "https"):
        return f"{named} links to {raw_link[:MAX_DETAIL_CHARS]!r}, not an http(s) page; skipped"
    key = (entry.get("id") or "").strip() or link
    if len(key) > MAX_KEY_CHARS:
        key = "sha256:" + hashlib.sha256(key.encode("utf-8", errors="replace")).hexdigest()
    return FeedItem(key=key, link=link, title=title, published=_day(entry))


def _day(entry: Any) -> str | None:
    """The entry's publication (else update) day as YYYY-MM-DD; feedparser gives it in UTC."""
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp: time.struct_time | None = entry.get(name)
        if stamp is not None:
            try:
                return date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday).isoformat()
            except ValueError:
                continue
    return None


def page_article(fetched: Fetched, item: FeedItem, limits: ReadLimits | None = None) -> Article | Refusal:
    """The article on an item's page, or a Refusal naming the item's link and why it was not read.

    The page's own date wins; the feed's date stands in when the page states none. The id comes from
    the link (readable part plus a hash), so the same item read again is the same article.
    """
    if fetched.not_modified:
        raise ValueError(f"page_article needs a page body; {fetched.url} was answered 304 (fetch it without "
                         "validators)")
    media_type = (fetched.content_type or "").split(";", 1)[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        return Refusal(item.link, f"not HTML ({media_type[:MAX_DETAIL_CHARS]})")
    decoded = decode_page(fetched.body, fetched.content_type)
    if decoded.text is None:
        return Refusal(item.link, decoded.problem or "not text")
    try:
        content = extract_html(decoded.text, fetched.final_url)
    except HtmlUnreadable as error:
        return Refusal(item.link, str(error))
    if content is None:
        return Refusal(item.link, "HTML page has no article text")
    return article_from_text(article_id(item.link), content.text, item.link, limits or ReadLimits(),
                             published=content.date or item.published, url=fetched.final_url,
                             title=content.title or item.title)


def decode_page(body: bytes, content_type: str | None) -> Decoded:
    """Text of a page: the project's decoding, except that a charset the server declares wins over a
    guess when the bytes are valid in it (a byte-order mark or valid UTF-8 still wins over both)."""
    decoded = decode_bytes(body)
    declared = _declared_charset(content_type)
    if decoded.text is None or declared is None or (decoded.encoding or "").startswith(STRICT_UNICODE):
        return decoded
    try:
        return Decoded(body.decode(declared), declared)
    except (UnicodeDecodeError, LookupError):
        return decoded


def _declared_charset(content_type: str | None) -> str | None:
    for parameter in (content_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
            try:
                return codecs.lookup(charset).name
            except LookupError:
                return None
    return None


def article_id(link: str) -> str:
    """A stable, safe id for the article at ``link``: its host and path, readable, plus a hash.

    >>> article_id("https://news.example/defence/2026/pact.html?ref=rss")
    'news.example_defence_2026_pact.html-dcc3c31a21'
    """
    parts = urlsplit(link)
    readable = sanitise_id(parts.netloc + parts.path)[:ID_READABLE_CHARS].strip("._-") or "page"
    return f"{readable}-{hashlib.sha256(link.encode('utf-8', errors='replace')).hexdigest()[:10]}"


def _short(value: object, most: int) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text[:most] or None


def _not_a_feed(body: bytes, error: object) -> str:
    """Why a body is not a feed, in words: the XML error and where, else what is missing."""
    if not body.strip():
        return "empty body"
    if isinstance(error, SAXParseException):
        where = f"line {error.getLineNumber()}, column {error.getColumnNumber()}"
        return f"{error.getMessage()[:MAX_DETAIL_CHARS]} at {where}"
    return "no RSS or Atom elements in it"
