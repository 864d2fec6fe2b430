"""A real news site on 127.0.0.1 for the watch tests: pages, feeds, and every way a site can misbehave.

It is a ``ThreadingHTTPServer`` in a daemon thread on a free port, so the fetcher under test talks
HTTP over a real socket. Paths it serves:

``/news/<slug>.html``   our stories (``articles.py``) as pages with navigation, an aside and a footer
``/rss.xml``            RSS 2.0 of ``RSS_STORIES``        ``/atom.xml``  Atom 1.0 of ``ATOM_STORIES``
``/mixed.xml``          RSS whose items point at the bad pages below (and one item with no link)
``/broken.xml``         200 with a body that is no feed  ``/error``      always 500
``/slow``               answers after ``slow_s`` seconds  ``/trickle``   a body that drips for ``slow_s``
``/huge``               ``huge_bytes`` of HTML, streamed with no Content-Length (read until close)
``/huge-declared``      the same with its Content-Length stated
``/loop``               302 to ``/loop-again``, which redirects back (relative Location)
``/moved``              301 to a story page (relative Location)
``/file.pdf``           application/pdf                   ``/deep.html`` a story under 5,000 nested divs
``/robots.txt``         disallows ``/private/`` (``/private/briefing.html`` holds a story)

Feeds and pages send ETag and Last-Modified and answer 304 to a matching conditional GET (If-None-Match
first, else If-Modified-Since). ``add_item`` publishes a story while the server runs (its feed's ETag
and Last-Modified change); ``fail(path, times)`` makes the next requests to a path fail; ``requests``
records every request as ``Seen(path, if_none_match, if_modified_since, user_agent)``.

>>> with FeedServer() as server:  # doctest: +SKIP
...     httpx.get(server.url("/rss.xml")).status_code
200
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, formatdate, parsedate_to_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple
from xml.sax.saxutils import escape as xml_escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from articles import (  # noqa: E402  (the stories beside this file)
    ATOM_STORIES,
    BAKU_SIGNING,
    DEEP_STORY,
    PRIVATE_STORY,
    RSS_STORIES,
    Story,
)

FEEDS = ("rss", "atom", "mixed")
DEEP_NESTING = 5000
ROBOTS = "User-agent: *\nDisallow: /private/\n"
BROKEN_FEED = b"This is a note about the feed we used to publish, and not a feed at all.\n"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = "text/html; charset=utf-8"
CHUNK = 16_384


class Seen(NamedTuple):
    """One request as the server saw it."""

    path: str
    if_none_match: str | None
    if_modified_since: str | None
    user_agent: str | None


@dataclass(frozen=True)
class Resource:
    """A body with its validators (ETag from the body's hash; Last-Modified grows with every change)."""

    body: bytes
    content_type: str
    etag: str
    last_modified: str


class FeedServer:
    """The site; a context manager that starts and stops it. Timings are attributes tests may lower.

    ``slow_s``: how long ``/slow`` waits and ``/trickle`` drips; ``huge_bytes``: the size of ``/huge``.
    """

    def __init__(self, *, slow_s: float = 3.0, huge_bytes: int = 2_000_000) -> None:
        self.slow_s = slow_s
        self.huge_bytes = huge_bytes
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._failures: dict[str, list[tuple[int, str | None]]] = {}
        self._resources: dict[str, Resource] = {}
        self._feeds: dict[str, list[Story]] = {"rss": list(RSS_STORIES), "atom": list(ATOM_STORIES), "mixed": []}
        self._clock = int(time.time()) - 86_400  # Last-Modified stamps: strictly increasing, in the past
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.site = self
        self._thread: threading.Thread | None = None
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._publish_static()

    # -- running -------------------------------------------------------------------------------
    def __enter__(self) -> FeedServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="feed-server", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving; handlers still sleeping in ``/slow`` wake up and end."""
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # -- what tests use ------------------------------------------------------------------------
    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base_url + path

    def add_item(self, feed: str, story: Story) -> str:
        """Publish ``story`` as a page and as the newest item of ``feed`` ("rss", "atom" or "mixed");
        returns the page's URL."""
        if feed not in FEEDS:
            raise ValueError(f"unknown feed {feed!r}; the server has {', '.join(FEEDS)}")
        with self._lock:
            self._put(story.path, story_page(story).encode("utf-8"), HTML)
            self._feeds[feed].append(story)
            self._publish_feed(feed)
        return self.url(story.path)

    def put(self, path: str, body: bytes | str, content_type: str = HTML) -> str:
        """Serve ``body`` at ``path`` (a new page or a changed one; validators change); returns its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self._put(path, data, content_type)
        return self.url(path)

    def fail(self, path: str, times: int, status: int = 503, retry_after: str | None = None) -> None:
        """The next ``times`` requests to ``path`` answer ``status`` (with Retry-After when given)."""
        with self._lock:
            self._failures[path] = [(status, retry_after)] * times

    def paths_requested(self) -> list[str]:
        with self._lock:
            return [seen.path for seen in self.requests]

    def feed_url(self, feed: str) -> str:
        return self.url(f"/{feed}.xml")

    # -- content -------------------------------------------------------------------------------
    def _publish_static(self) -> None:
        for story in (*RSS_STORIES, *ATOM_STORIES):
            self._put(story.path, story_page(story).encode("utf-8"), HTML)
        self._put("/deep.html", deep_page(DEEP_STORY, DEEP_NESTING).encode("utf-8"), HTML)
        self._put("/private/briefing.html", story_page(PRIVATE_STORY).encode("utf-8"), HTML)
        self._put("/file.pdf", PDF, "application/pdf")
        self._put("/robots.txt", ROBOTS.encode("ascii"), "text/plain; charset=utf-8")
        for feed in FEEDS:
            self._publish_feed(feed)

    def _publish_feed(self, feed: str) -> None:
        stories = self._feeds[feed]
        if feed == "atom":
            self._put("/atom.xml", atom_feed(self.base_url, stories).encode("utf-8"), "application/atom+xml")
        elif feed == "rss":
            self._put("/rss.xml", rss_feed(self.base_url, stories).encode("utf-8"), "application/rss+xml")
        else:
            body = rss_feed(self.base_url, stories, extra_items=mixed_items(self.base_url))
            self._put("/mixed.xml", body.encode("utf-8"), "application/rss+xml")

    def _put(self, path: str, body: bytes, content_type: str) -> None:
        self._clock += 1
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        self._resources[path] = Resource(body, content_type, etag, formatdate(self._clock, usegmt=True))

    # -- called by the handler -----------------------------------------------------------------
    def _record(self, seen: Seen) -> tuple[int, str | None] | None:
        with self._lock:
            self.requests.append(seen)
            planned = self._failures.get(seen.path)
            return planned.pop(0) if planned else None

    def _resource(self, path: str) -> Resource | None:
        with self._lock:
            return self._resources.get(path)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: FeedServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-body (the fetcher refusing a huge page) is expected; stay quiet."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "feed-server/1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  (the base class's name)
        """Quiet: tests read ``FeedServer.requests`` instead of a log."""

    def do_GET(self) -> None:  # noqa: N802  (http.server's name)
        site = self.server.site
        path = self.path.split("?", 1)[0]
        failure = site._record(Seen(path, self.headers.get("If-None-Match"),
                                    self.headers.get("If-Modified-Since"), self.headers.get("User-Agent")))
        if failure is not None:
            status, retry_after = failure
            self._plain(status, f"planned failure {status}\n", {"Retry-After": retry_after} if retry_after else {})
            return
        special = SPECIAL.get(path)
        if special is not None:
            special(self, site)
            return
        resource = site._resource(path)
        if resource is None:
            self._plain(404, "not found\n")
        elif _not_modified(resource, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")):
            self._send_head(304, None, {"ETag": resource.etag, "Last-Modified": resource.last_modified})
        else:
            headers = {"ETag": resource.etag, "Last-Modified": resource.last_modified}
            self._send_head(200, resource.content_type, {**headers, "Content-Length": str(len(resource.body))})
            self.wfile.write(resource.body)

    # -- helpers -------------------------------------------------------------------------------
    def _send_head(self, status: int, content_type: str | None, headers: dict[str, str]) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def _plain(self, status: int, text: str, headers: dict[str, str] | None = None) -> None:
        body = text.encode("utf-8")
        self._send_head(status, "text/plain; charset=utf-8", {**(headers or {}), "Content-Length": str(len(body))})
        self.wfile.write(body)

    def _error(self, site: FeedServer) -> None:
        self._plain(500, "internal server error\n")

    def _broken(self, site: FeedServer) -> None:
        self._send_head(200, "application/rss+xml", {"Content-Length": str(len(BROKEN_FEED))})
        self.wfile.write(BROKEN_FEED)

    def _slow(self, site: FeedServer) -> None:
        if site._stopping.wait(site.slow_s):
            return
        self._plain(200, "finally\n")

    def _trickle(self, site: FeedServer) -> None:
        self._send_head(200, HTML, {})
        deadline = time.monotonic() + site.slow_s
        try:
            while time.monotonic() < deadline and not site._stopping.wait(0.05):
                self.wfile.write(b"<p>.</p>\n")
                self.wfile.flush()
        except OSError:
            return

    def _huge(self, site: FeedServer, declared: bool = False) -> None:
        headers = {"Content-Length": str(site.huge_bytes)} if declared else {}
        self._send_head(200, HTML, headers)
        line = b"<p>" + b"filler text " * 100 + b"</p>\n"
        sent = 0
        try:
            while sent < site.huge_bytes and not site._stopping.is_set():
                piece = (line * (CHUNK // len(line) + 1))[: min(CHUNK, site.huge_bytes - sent)]
                self.wfile.write(piece)
                sent += len(piece)
        except OSError:
            return  # the client stopped reading, as a fetcher with a size limit should

    def _huge_declared(self, site: FeedServer) -> None:
        self._huge(site, declared=True)

    def _redirect(self, status: int, location: str) -> None:
        self._send_head(status, None, {"Location": location, "Content-Length": "0"})

    def _loop(self, site: FeedServer) -> None:
        self._redirect(302, "/loop-again")

    def _loop_again(self, site: FeedServer) -> None:
        self._redirect(302, "loop")

    def _moved(self, site: FeedServer) -> None:
        self._redirect(301, BAKU_SIGNING.path.lstrip("/"))


SPECIAL = {
    "/error": _Handler._error,
    "/broken.xml": _Handler._broken,
    "/slow": _Handler._slow,
    "/trickle": _Handler._trickle,
    "/huge": _Handler._huge,
    "/huge-declared": _Handler._huge_declared,
    "/loop": _Handler._loop,
    "/loop-again": _Handler._loop_again,
    "/moved": _Handler._moved,
}


def _not_modified(resource: Resource, if_none_match: str | None, if_modified_since: str | None) -> bool:
    """RFC 9110: If-None-Match decides when present; else If-Modified-Since against Last-Modified."""
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or resource.etag in tags
    if if_modified_since is None:
        return False
    try:
        return parsedate_to_datetime(resource.last_modified) <= parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False


# -- rendering ---------------------------------------------------------------------------------
def _story_body(story: Story) -> str:
    paragraphs = "\n".join(f"<p>{escape(paragraph)}</p>" for paragraph in story.paragraphs)
    return f"<h1>{escape(story.title)}</h1>\n{paragraphs}"


def _page(story: Story, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f"<title>{escape(story.title)} - Caspian and Baltic Wire</title>\n"
        f'<meta property="article:published_time" content="{story.published}T09:00:00Z">\n'
        "</head><body>\n"
        '<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/defence">Defence</a> | '
        '<a href="/markets">Markets</a></nav>\n'
        f"{body}\n"
        '<aside><h2>Most read</h2><ul><li><a href="/a">Ferry timetable changes</a></li>'
        '<li><a href="/b">Harvest festival this weekend</a></li></ul></aside>\n'
        '<footer>© Caspian and Baltic Wire. <a href="/privacy">Privacy</a> <a href="/contact">Contact</a></footer>\n'
        "</body></html>\n"
    )


def story_page(story: Story) -> str:
    """The story as a news site's page: the article between navigation and footer."""
    return _page(story, f"<article>\n{_story_body(story)}\n</article>")


def deep_page(story: Story, depth: int) -> str:
    """The story under ``depth`` nested ``<div>``s: hostile markup that still carries the article."""
    return _page(story, "<div>" * depth + f"<article>\n{_story_body(story)}\n</article>" + "</div>" * depth)


def _rfc822(day: str) -> str:
    return format_datetime(datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC), usegmt=True)


def rss_feed(base_url: str, stories: Iterable[Story], extra_items: str = "") -> str:
    """RSS 2.0, the last added item first; each item's guid is a stable tag, not the link."""
    items = "".join(
        f"<item><title>{xml_escape(story.title)}</title><link>{base_url}{story.path}</link>"
        f'<guid isPermaLink="false">caspian-baltic-wire:{story.slug}</guid>'
        f"<pubDate>{_rfc822(story.published)}</pubDate></item>\n"
        for story in reversed(list(stories))
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n'
        f"<title>Caspian and Baltic Wire: defence</title><link>{base_url}/</link>\n"
        "<description>Security agreements in the news</description>\n"
        f"{extra_items}{items}</channel></rss>\n"
    )


def atom_feed(base_url: str, stories: Iterable[Story]) -> str:
    """Atom 1.0, the last added entry first; entry ids are tag URIs."""
    entries = "".join(
        f"<entry><title>{xml_escape(story.title)}</title>"
        f'<link rel="alternate" href="{base_url}{story.path}"/>'
        f"<id>tag:caspian-baltic-wire.test,2026:{story.slug}</id>"
        f"<published>{story.published}T09:00:00Z</published><updated>{story.published}T09:00:00Z</updated>"
        "</entry>\n"
        for story in reversed(list(stories))
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"<title>Caspian and Baltic Wire: treaties</title><id>{base_url}/atom.xml</id>\n"
        f'<link rel="self" href="{base_url}/atom.xml"/><updated>2026-11-03T09:00:00Z</updated>\n'
        f"{entries}</feed>\n"
    )


MIXED_PATHS = ("/error", "/slow", "/huge", "/loop", "/file.pdf", "/private/briefing.html", "/deep.html")


def mixed_items(base_url: str) -> str:
    """Items pointing at the bad pages (and the deep one), plus one item with no link at all."""
    items = "".join(
        f"<item><title>Item at {path}</title><link>{base_url}{path}</link>"
        f'<guid isPermaLink="false">mixed:{path}</guid><pubDate>{_rfc822("2026-10-01")}</pubDate></item>\n'
        for path in MIXED_PATHS
    )
    return items + '<item><title>An item without a link</title><guid isPermaLink="false">mixed:nolink</guid></item>\n'
