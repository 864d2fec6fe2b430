"""Conditional GETs, HEAD and gzip (``pactwatch.web.http_cache``): a client that asks again for
what it already has gets a 304 with no body; HEAD answers GET's headers; large answers are gzipped."""

from __future__ import annotations

import gzip
import time
from email.utils import formatdate, parsedate_to_datetime

import httpx
import pytest

from conftest import json_of, running
from pactwatch.web import create_app
from pactwatch.web.http_cache import FirstSeen, not_modified

READS = ["/api/agreements", "/api/agreements/agr-shusha", "/api/events", "/api/events/evt-frigates",
         "/api/timeline", "/api/actors", "/api/actors/GRC", "/api/network", "/api/articles",
         "/api/articles/shusha-pact", "/api/duplicates", "/api/refused", "/openapi.json"]


@pytest.mark.parametrize("path", READS)
def test_every_read_has_validators_and_a_304_for_its_etag(client, path) -> None:
    first = client.get(path)
    assert first.status_code == 200
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('W/"') and first.headers["cache-control"] == "no-cache"
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag and again.headers["last-modified"] == modified
    assert "content-length" not in again.headers or again.headers["content-length"] == "0"
    assert again.headers["x-content-type-options"] == "nosniff"  # the security headers as on the 200


def test_a_changed_answer_gets_a_new_etag_and_a_later_last_modified(client, fake_kb) -> None:
    first = client.get("/api/agreements/agr-shusha")
    fake_kb.records[0]["title"] = "Shusha Declaration (amended)"
    changed = client.get("/api/agreements/agr-shusha", headers={"If-None-Match": first.headers["etag"],
                                                               "If-Modified-Since": first.headers["last-modified"]})
    assert changed.status_code == 200 and json_of(changed)["title"] == "Shusha Declaration (amended)"
    assert changed.headers["etag"] != first.headers["etag"]
    assert parsedate_to_datetime(changed.headers["last-modified"]) > parsedate_to_datetime(
        first.headers["last-modified"])
    since = client.get("/api/agreements/agr-shusha", headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 200  # changed after the time the client holds, even within the same second


def test_if_modified_since_answers_304_when_nothing_changed(client) -> None:
    first = client.get("/api/events")
    same = client.get("/api/events", headers={"If-Modified-Since": first.headers["last-modified"]})
    assert same.status_code == 304 and same.content == b""
    earlier = formatdate(parsedate_to_datetime(first.headers["last-modified"]).timestamp() - 60, usegmt=True)
    assert client.get("/api/events", headers={"If-Modified-Since": earlier}).status_code == 200
    assert client.get("/api/events", headers={"If-Modified-Since": "not a date"}).status_code == 200


def test_etags_differ_by_query_and_match_in_any_form(client) -> None:
    one = client.get("/api/agreements", params={"limit": 1})
    two = client.get("/api/agreements", params={"limit": 2})
    assert one.headers["etag"] != two.headers["etag"]
    strong = one.headers["etag"].removeprefix("W/")
    for header in (strong, f'"other", {one.headers["etag"]}', "*"):
        assert client.get("/api/agreements", params={"limit": 1},
                          headers={"If-None-Match": header}).status_code == 304
    assert client.get("/api/agreements", params={"limit": 1}, headers={"If-None-Match": '"other"'}).status_code == 200


def test_if_none_match_wins_over_if_modified_since(client) -> None:
    first = client.get("/api/actors")
    stale = client.get("/api/actors", headers={"If-None-Match": '"something-else"',
                                               "If-Modified-Since": first.headers["last-modified"]})
    assert stale.status_code == 200


def test_errors_and_pages_carry_no_validators(client) -> None:
    missing = client.get("/api/agreements/nope")
    assert missing.status_code == 404 and "etag" not in missing.headers
    assert "etag" not in client.get("/agreements").headers


@pytest.mark.parametrize("path", ["/api/agreements", "/api/articles/shusha-pact", "/agreements", "/openapi.json",
                                  "/static/style.css"])
def test_head_answers_the_get_headers_without_a_body(client, path) -> None:
    get = client.get(path, headers={"Accept-Encoding": "identity"})
    head = client.head(path, headers={"Accept-Encoding": "identity"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers.get("etag") == get.headers.get("etag")


def test_head_on_unknown_ids_and_post_only_paths(client) -> None:
    assert client.head("/api/agreements/nope").status_code == 404
    refused = client.head("/api/upload")
    assert refused.status_code == 405 and refused.content == b""


def test_head_over_a_real_connection(fake_kb) -> None:
    """uvicorn sees HEAD and sends no body; the client must not wait for one."""
    with running(create_app(kb=fake_kb)) as url:
        head = httpx.head(f"{url}/api/articles/shusha-pact", headers={"Accept-Encoding": "gzip"}, timeout=5)
        get = httpx.get(f"{url}/api/articles/shusha-pact", headers={"Accept-Encoding": "gzip"}, timeout=5)
    assert head.status_code == 200 and head.content == b"" and head.headers["content-encoding"] == "gzip"
    assert head.headers["etag"] == get.headers["etag"]


def test_large_answers_are_gzipped_small_ones_not(client) -> None:
    big = client.get("/api/articles/shusha-pact", headers={"Accept-Encoding": "gzip"})
    assert big.headers["content-encoding"] == "gzip" and big.headers["vary"] == "Accept-Encoding"
    raw = client.get("/api/articles/shusha-pact", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers and len(raw.content) >= 1024
    assert big.json() == raw.json()
    assert big.headers["etag"] == raw.headers["etag"]  # the same representation, compressed or not
    small = client.get("/api/refused", headers={"Accept-Encoding": "gzip"})
    assert len(small.content) < 1024 and "content-encoding" not in small.headers


def test_gzip_on_the_wire(fake_kb) -> None:
    with running(create_app(kb=fake_kb)) as url, httpx.stream(
            "GET", f"{url}/openapi.json", headers={"Accept-Encoding": "gzip"}, timeout=5) as response:
        wire = b"".join(response.iter_raw())
    assert response.headers["content-encoding"] == "gzip"
    plain = gzip.decompress(wire)
    assert plain.startswith(b'{"openapi"') and len(wire) < len(plain) / 4


def test_first_seen_times_only_move_forward() -> None:
    seen = FirstSeen(size=2)
    first = seen.time_of("/a", "x")
    assert seen.time_of("/a", "x") == first
    assert seen.time_of("/a", "y") == first + 1  # changed within the same second: still later
    assert seen.time_of("/a", "x") == first + 2  # back to an earlier body: a new time, never an old one
    seen.time_of("/b", "x")
    seen.time_of("/c", "x")  # forgets /a (the least recently used)
    assert seen.time_of("/a", "x") > first + 2
    assert seen.time_of("/d", "x") >= int(time.time())


def test_not_modified_reads_http_dates_in_gmt() -> None:
    from starlette.datastructures import Headers

    moment = 1_700_000_000
    assert not_modified(Headers({"if-modified-since": formatdate(moment, usegmt=True)}), 'W/"a"', moment)
    assert not not_modified(Headers({"if-modified-since": formatdate(moment - 1, usegmt=True)}), 'W/"a"', moment)
    assert not_modified(Headers({"if-modified-since": "Tue, 14 Nov 2023 22:13:20 -0000"}), 'W/"a"', moment)
    assert not not_modified(Headers({}), 'W/"a"', moment)
