"""The Fetcher against a real HTTP server on 127.0.0.1: limits, retries, manners, one clear error each."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from articles import BAKU_SIGNING, VILNIUS_WARSAW
from feed_server import FeedServer

from pactwatch.watch.fetch import Fetcher, FetchError, FetchSettings

# Small numbers keep the file fast; the behaviour is the same at the defaults.
QUICK = FetchSettings(timeout_s=0.5, retries=2, backoff_s=0.01, per_host_delay_s=0.0, max_bytes=100_000,
                      max_retry_after_s=5.0)


class FakeTime:
    """A clock that moves only when someone sleeps: waits are recorded, never spent."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds

    def clock(self) -> float:
        return self.now


def fetch_error(fetcher: Fetcher, url: str, site: str | None = None) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url, site=site)
    return caught.value


def test_a_page_comes_with_its_validators_and_our_user_agent(feed_server: FeedServer) -> None:
    with Fetcher(QUICK) as fetcher:
        page = fetcher.get(feed_server.url(BAKU_SIGNING.path))
    assert page.status == 200 and not page.not_modified
    assert BAKU_SIGNING.title.encode() in page.body
    assert page.content_type == "text/html; charset=utf-8"
    assert page.etag and page.last_modified
    assert page.final_url == page.url == feed_server.url(BAKU_SIGNING.path)
    assert feed_server.paths_requested() == ["/robots.txt", BAKU_SIGNING.path]
    assert all(seen.user_agent == QUICK.user_agent for seen in feed_server.requests)
    assert QUICK.user_agent.startswith("pactwatch/")


def test_a_second_fetch_with_the_stored_validators_is_answered_304(feed_server: FeedServer) -> None:
    with Fetcher(QUICK) as fetcher:
        first = fetcher.get(feed_server.feed_url("rss"))
        by_etag = fetcher.get(first.url, etag=first.etag)
        by_date = fetcher.get(first.url, last_modified=first.last_modified)
    assert by_etag.not_modified and by_etag.body == b"" and by_etag.etag == first.etag
    assert by_date.status == 304 and by_date.last_modified == first.last_modified
    seen = [request for request in feed_server.requests if request.path == "/rss.xml"]
    assert [(request.if_none_match, request.if_modified_since) for request in seen] == [
        (None, None), (first.etag, None), (None, first.last_modified)]


def test_a_changed_feed_is_fetched_again_despite_old_validators(feed_server: FeedServer) -> None:
    with Fetcher(QUICK) as fetcher:
        first = fetcher.get(feed_server.feed_url("rss"))
        feed_server.put("/rss.xml", first.body + b"<!-- changed -->", "application/rss+xml")
        second = fetcher.get(first.url, etag=first.etag, last_modified=first.last_modified)
    assert second.status == 200 and second.etag != first.etag


def test_a_500_is_retried_with_backoff_then_gives_one_clear_error(feed_server: FeedServer) -> None:
    waits = FakeTime()
    with Fetcher(QUICK, sleep=waits.sleep, clock=waits.clock) as fetcher:
        error = fetch_error(fetcher, feed_server.url("/error"))
    assert str(error) == feed_server.url("/error") + ": HTTP 500"
    assert error.status == 500 and error.url == feed_server.url("/error")
    assert feed_server.paths_requested().count("/error") == 3
    assert waits.sleeps == [0.01, 0.02]


def test_a_page_that_fails_twice_is_read_on_the_third_try(feed_server: FeedServer) -> None:
    feed_server.fail(BAKU_SIGNING.path, 2, status=503)
    with Fetcher(QUICK) as fetcher:
        page = fetcher.get(feed_server.url(BAKU_SIGNING.path))
    assert page.status == 200 and feed_server.paths_requested().count(BAKU_SIGNING.path) == 3


def test_retry_after_is_honoured_up_to_its_cap(feed_server: FeedServer) -> None:
    feed_server.fail(BAKU_SIGNING.path, 1, status=429, retry_after="2")
    feed_server.fail(VILNIUS_WARSAW.path, 1, status=503, retry_after="3600")
    waits = FakeTime()
    with Fetcher(QUICK, sleep=waits.sleep, clock=waits.clock) as fetcher:
        fetcher.get(feed_server.url(BAKU_SIGNING.path))
        fetcher.get(feed_server.url(VILNIUS_WARSAW.path))
    assert waits.sleeps == [2.0, 5.0]


def test_a_404_is_not_retried(feed_server: FeedServer) -> None:
    with Fetcher(QUICK) as fetcher:
        error = fetch_error(fetcher, feed_server.url("/gone.html"))
    assert error.reason == "HTTP 404"
    assert feed_server.paths_requested().count("/gone.html") == 1


def test_a_slow_page_times_out(feed_server: FeedServer) -> None:
    settings = FetchSettings(timeout_s=0.3, retries=1, backoff_s=0.01, per_host_delay_s=0.0)
    with Fetcher(settings) as fetcher:
        error = fetch_error(fetcher, feed_server.url("/slow"))
    assert error.reason == "timed out after 0.3 s"
    assert feed_server.paths_requested().count("/slow") == 2  # a timeout is worth one more try


def test_a_page_that_drips_its_body_times_out_as_a_whole(feed_server: FeedServer) -> None:
    settings = FetchSettings(timeout_s=0.4, retries=0, per_host_delay_s=0.0)
    started = time.monotonic()
    with Fetcher(settings) as fetcher:
        error = fetch_error(fetcher, feed_server.url("/trickle"))
    assert error.reason == "timed out after 0.4 s"
    assert time.monotonic() - started < feed_server.slow_s  # it did not wait for the whole drip


def test_a_huge_page_is_refused_while_streaming_and_early_when_declared(feed_server: FeedServer) -> None:
    with Fetcher(QUICK) as fetcher:
        streamed = fetch_error(fetcher, feed_server.url("/huge"))
        declared = fetch_error(fetcher, feed_server.url("/huge-declared"))
    assert streamed.reason == "larger than 100000 bytes"
    assert declared.reason == f"larger than 100000 bytes (Content-Length {feed_server.huge_bytes})"
    assert feed_server.paths_requested().count("/huge") == 1  # a size refusal is final


def test_a_redirect_loop_is_capped(feed_server: FeedServer) -> None:
    with Fetcher(QUICK) as fetcher:
        error = fetch_error(fetcher, feed_server.url("/loop"))
    assert str(error) == feed_server.url("/loop") + ": more than 5 redirects"
    hops = [path for path in feed_server.paths_requested() if path.startswith("/loop")]
    assert hops == ["/loop", "/loop-again"] * 3


def test_a_relative_redirect_is_followed(feed_server: FeedServer) -> None:
    with Fetcher(QUICK) as fetcher:
        page = fetcher.get(feed_server.url("/moved"))
    assert page.url == feed_server.url("/moved")
    assert page.final_url == feed_server.url(BAKU_SIGNING.path)
    assert BAKU_SIGNING.title.encode() in page.body


def test_robots_txt_is_obeyed_and_read_once_per_site(feed_server: FeedServer) -> None:
    with Fetcher(QUICK) as fetcher:
        error = fetch_error(fetcher, feed_server.url("/private/briefing.html"))
        fetcher.get(feed_server.url(BAKU_SIGNING.path))
        fetcher.get(feed_server.url(VILNIUS_WARSAW.path))
    assert error.reason == "disallowed by robots.txt"
    assert "/private/briefing.html" not in feed_server.paths_requested()
    assert feed_server.paths_requested().count("/robots.txt") == 1


def test_robots_txt_can_be_ignored_when_the_settings_say_so(feed_server: FeedServer) -> None:
    settings = FetchSettings(respect_robots=False, per_host_delay_s=0.0)
    with Fetcher(settings) as fetcher:
        page = fetcher.get(feed_server.url("/private/briefing.html"))
    assert page.status == 200 and "/robots.txt" not in feed_server.paths_requested()


def test_a_site_without_robots_txt_may_be_read(feed_server: FeedServer) -> None:
    feed_server.fail("/robots.txt", 1, status=404)
    with Fetcher(QUICK) as fetcher:
        page = fetcher.get(feed_server.url("/private/briefing.html"))
    assert page.status == 200


def test_a_robots_txt_that_cannot_be_read_refuses_the_site_for_a_while(feed_server: FeedServer) -> None:
    feed_server.fail("/robots.txt", 3, status=503)
    with Fetcher(QUICK) as fetcher:
        first = fetch_error(fetcher, feed_server.url(BAKU_SIGNING.path))
        second = fetch_error(fetcher, feed_server.url(VILNIUS_WARSAW.path))
    assert first.reason == "robots.txt could not be read (HTTP 503); the site is not read until it answers"
    assert second.reason == first.reason
    assert feed_server.paths_requested() == ["/robots.txt"] * 3  # no page, and robots.txt not asked again


def test_the_per_host_delay_separates_requests_to_one_host_only(feed_server: FeedServer) -> None:
    waits = FakeTime()
    settings = FetchSettings(per_host_delay_s=2.0, retries=0)
    with FeedServer() as other, Fetcher(settings, sleep=waits.sleep, clock=waits.clock) as fetcher:
        fetcher.get(feed_server.url(BAKU_SIGNING.path))  # robots.txt, a full wait, the page
        waits.now += 0.5  # half a second passes before the next page of the same host
        fetcher.get(feed_server.url(VILNIUS_WARSAW.path))  # the rest of the wait
        fetcher.get(other.url(BAKU_SIGNING.path))  # another host: its robots.txt at once, a wait, the page
    assert waits.sleeps == [2.0, 1.5, 2.0]


def test_only_http_and_https_urls_are_fetched() -> None:
    with Fetcher(QUICK) as fetcher:
        error = fetch_error(fetcher, "file:///etc/passwd")
    assert str(error) == "file:///etc/passwd: not an http(s) URL"


def test_a_refused_connection_is_retried_then_named() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/rss.xml"
    waits = FakeTime()
    with Fetcher(FetchSettings(retries=1, backoff_s=0.5, respect_robots=False), sleep=waits.sleep,
                 clock=waits.clock) as fetcher:
        error = fetch_error(fetcher, url)
    assert error.url == url and error.reason.startswith("connection failed (")
    assert waits.sleeps[0] == 0.5


def test_settings_that_make_no_sense_are_refused_at_once() -> None:
    with pytest.raises(ValueError, match="timeout_s must be positive"):
        FetchSettings(timeout_s=0)
    with pytest.raises(ValueError, match="retries must be zero or more"):
        FetchSettings(retries=-1)


def test_a_failure_says_whether_trying_again_could_help(feed_server: FeedServer) -> None:
    """A watcher gives up at once on what would fail the same way again, and retries the rest later."""
    server_side = {"/error": False, "/slow": False, "/gone.html": True, "/loop": True, "/huge": True,
                   "/private/briefing.html": True}
    with Fetcher(FetchSettings(timeout_s=0.3, retries=0, per_host_delay_s=0.0, max_bytes=100_000)) as fetcher:
        lasting = {path: fetch_error(fetcher, feed_server.url(path)).lasting for path in server_side}
        lasting["ftp"] = fetch_error(fetcher, "ftp://127.0.0.1/x").lasting
    assert lasting == {**server_side, "ftp": True}


def test_a_link_to_another_host_on_the_local_network_is_refused(feed_server: FeedServer) -> None:
    """A feed on 127.0.0.1 is the operator's choice; its item pointing at "localhost" (another name,
    a loopback address) or at a cloud metadata address is a third party's, refused before any request."""
    port = feed_server.url("/").split(":")[-1].rstrip("/")
    with Fetcher(QUICK) as fetcher:
        assert fetcher.get(feed_server.url(BAKU_SIGNING.path), site="127.0.0.1").status == 200
        local = fetch_error(fetcher, f"http://localhost:{port}{BAKU_SIGNING.path}", site="127.0.0.1")
        metadata = fetch_error(fetcher, "http://169.254.169.254/latest/meta-data/", site="127.0.0.1")
    assert local.reason.startswith("localhost is a private address (") and local.lasting
    assert metadata.reason.startswith("169.254.169.254 is a private address (169.254.169.254)") and metadata.lasting
    assert feed_server.paths_requested().count(BAKU_SIGNING.path) == 1
    with Fetcher(FetchSettings(timeout_s=0.5, retries=0, per_host_delay_s=0.0, allow_private=True)) as fetcher:
        assert fetcher.get(f"http://localhost:{port}{BAKU_SIGNING.path}", site="127.0.0.1").status == 200


def test_a_redirect_to_the_local_network_is_refused(feed_server: FeedServer) -> None:
    port = feed_server.url("/").split(":")[-1].rstrip("/")

    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{port}{BAKU_SIGNING.path}")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings = FetchSettings(timeout_s=0.5, retries=0, per_host_delay_s=0.0, respect_robots=False)
        with Fetcher(settings) as fetcher:
            error = fetch_error(fetcher, f"http://127.0.0.1:{server.server_port}/go", site="127.0.0.1")
    finally:
        server.shutdown()
        server.server_close()
    assert "localhost is a private address" in error.reason and "(redirected to http://localhost:" in error.reason
    assert BAKU_SIGNING.path not in feed_server.paths_requested()
