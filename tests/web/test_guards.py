"""The guards around every request: Host allow-list (DNS rebinding), no caching of token-protected
answers, a deadline on slow request bodies, bidi controls out of what pages print, a bounded
network page, "untitled" for blank titles, and lists that page."""

from __future__ import annotations

import re
import socket
import time
from typing import Any

import pytest
from fake_kb import FakeKnowledgeBase

from conftest import TOKEN, TestClient, running
from pactwatch.article import Article
from pactwatch.web import create_app, pages
from pactwatch.web.guards import SECURITY_HEADERS, host_allowed, host_names, host_of

HTML = {"accept": "text/html"}
AUTH = {"authorization": f"Bearer {TOKEN}"}
RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"


# --- Host allow-list ----------------------------------------------------------------------------

@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST",
                                  "testserver"])
def test_local_names_are_served(client, host) -> None:
    assert client.get("/agreements", headers={**HTML, "host": host}).status_code == 200


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "localhost.attacker.example",
                                  "127.0.0.1.nip.io", ""])
def test_a_foreign_host_is_refused_with_the_headers(client, host) -> None:
    response = client.get("/api/agreements", headers={"host": host})
    assert response.status_code == 400 and "--allowed-host" in response.json()["detail"]
    assert all(response.headers.get(k) == v for k, v in SECURITY_HEADERS.items())
    assert "Shusha" not in response.text


def test_allowed_hosts_add_names_and_wildcards(fake_kb) -> None:
    client = TestClient(create_app(kb=fake_kb, allowed_hosts=["pacts.example.org", "*.corp.example"]))
    for host, status in [("pacts.example.org", 200), ("PACTS.example.org:443", 200), ("db.corp.example", 200),
                         ("corp.example", 400), ("evilcorp.example", 400), ("localhost", 200)]:
        assert client.get("/api/actors", headers={"host": host}).status_code == status, host
    anywhere = TestClient(create_app(kb=fake_kb, allowed_hosts=["*"]))
    assert anywhere.get("/api/actors", headers={"host": "anything.example"}).status_code == 200


def test_host_names_and_parsing() -> None:
    assert host_names("0.0.0.0") == ("localhost", "127.0.0.1", "::1", "[::1]", "testserver")
    assert host_names("10.0.0.5", ["Pacts.Example.org "])[-2:] == ("10.0.0.5", "pacts.example.org")
    assert (host_of("[::1]:8000"), host_of("Example.ORG:80"), host_of("::1")) == ("[::1]", "example.org", "::1")
    assert host_allowed("a.b.example", ["*.example"]) and not host_allowed("example", ["*.example"])
    with pytest.raises(ValueError, match="not a host name"):
        host_names(None, ["http://pacts.example.org/"])


# --- Cache-Control: no-store ----------------------------------------------------------------------

@pytest.mark.parametrize(("method", "path", "headers"), [
    ("GET", "/upload", HTML),
    ("GET", "/api/upload/no-such-job", AUTH),
    ("GET", "/api/upload/no-such-job", {}),
    ("POST", "/api/upload", AUTH),
    ("POST", "/upload", {}),
    ("GET", "/api/agreements", AUTH),  # any request that sends credentials
])
def test_token_protected_answers_are_never_stored(writer, method, path, headers) -> None:
    response = writer.request(method, path, headers=headers)
    assert response.headers.get("cache-control") == "no-store", (response.status_code, response.headers)
    assert "etag" not in response.headers and "last-modified" not in response.headers


def test_public_reads_stay_cacheable(writer) -> None:
    assert writer.get("/agreements", headers=HTML).headers.get("cache-control") != "no-store"
    assert writer.get("/api/agreements").headers.get("cache-control") != "no-store"


# --- a deadline on request bodies ------------------------------------------------------------------

def test_a_body_that_trickles_in_is_cut_off_with_408(fake_kb) -> None:
    app = create_app(kb=fake_kb, token=TOKEN, body_timeout_s=0.5)
    with running(app) as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"Authorization: Bearer " + TOKEN.encode() + b"\r\n"
                         b"Content-Type: multipart/form-data; boundary=XX\r\nContent-Length: 100000\r\n\r\n--XX\r\n")
            started = time.monotonic()
            answer = sock.recv(65536).decode("latin-1")
            waited = time.monotonic() - started
    assert answer.startswith("HTTP/1.1 408"), answer[:200]
    assert 0.3 < waited < 5, waited
    assert "no-store" in answer.lower() and "content-security-policy" in answer.lower()


def test_a_body_sent_in_time_is_read(fake_kb, tmp_path) -> None:
    app = create_app(kb=fake_kb, token=TOKEN, body_timeout_s=5)
    with running(app) as base:
        import httpx

        response = httpx.post(f"{base}/api/upload", headers=AUTH, timeout=30,
                              files=[("files", ("a.txt", b"Greece and France met in Athens on Monday.", "text/plain"))])
    assert response.status_code == 200, response.text
    assert response.json()["articles_new"] == 1


# --- bidi controls ------------------------------------------------------------------------------------

def test_bidi_controls_never_reach_a_page(fake_kb) -> None:
    title = f"Pact {RLO}gnp.exe{LRI} signed{PDI}"
    fake_kb.ingest_articles([Article("bidi", f"Greece and France {RLO}met.", "bidi.txt", "2024-01-01", None, title)])
    fake_kb.records[0]["title"] = f"Shusha {RLO}Declaration"
    client = TestClient(create_app(kb=fake_kb))
    for path in ["/articles/bidi", "/articles", "/agreements", "/agreements/agr-shusha", "/actors/AZE", "/network",
                 "/timeline"]:
        html = client.get(path, headers=HTML).text
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", _outside_body(html)), path
    article = client.get("/articles/bidi", headers=HTML).text
    assert "<h1>Pact gnp.exe signed</h1>" in article
    assert "Shusha Declaration" in client.get("/agreements", headers=HTML).text


def _outside_body(html: str) -> str:
    """The page without the article body, which shows the article's text as written."""
    return re.sub(r'<div class="body">.*?</div>', "", html, flags=re.S)


# --- untitled -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_agreement_titles_read_untitled(fake_kb, blank) -> None:
    fake_kb.records[0]["title"] = blank
    client = TestClient(create_app(kb=fake_kb))
    assert "<h1>untitled</h1>" in client.get("/agreements/agr-shusha", headers=HTML).text
    assert re.search(r'<a class="title" href="/agreements/agr-shusha">untitled</a>',
                     client.get("/agreements", headers=HTML).text)
    assert ">untitled</a>" in client.get("/actors/AZE", headers=HTML).text
    assert "<strong>untitled</strong>" in client.get("/articles/shusha-pact", headers=HTML).text
    assert "<title>untitled (AZE – TUR" in client.get("/network", headers=HTML).text


# --- the network page's edges ----------------------------------------------------------------------------

class CrowdedKB(FakeKnowledgeBase):
    """A network of 30 actors: every pair once, and GRC-FRA twelve times (the strongest tie)."""

    def network(self, as_of: Any = None, domain: Any = None) -> dict[str, Any]:
        codes = [f"C{n:02d}" for n in range(28)] + ["FRA", "GRC"]
        edges = [{"source": a, "target": b, "agreement_id": f"agr-{a}-{b}", "title": f"{a}-{b}", "domain": "trade",
                  "status": "signed", "signed": "2020-01-01"} for i, a in enumerate(codes) for b in codes[i + 1:]]
        edges += [{"source": "GRC", "target": "FRA", "agreement_id": f"agr-gf-{n}", "title": f"GF {n}",
                   "domain": "security", "status": "signed", "signed": f"2021-01-{n + 1:02d}"} for n in range(11)]
        return {"nodes": [{"id": c, "name": c, "n_agreements": 1} for c in codes], "edges": edges}


def test_the_network_page_draws_the_strongest_edges_and_says_how_many_it_left_out() -> None:
    page = TestClient(create_app(kb=CrowdedKB())).get("/network", headers=HTML).text
    drawn = re.findall(r'<path class="edge', page)
    assert len(drawn) == pages.MAX_EDGES == 300
    assert "Showing the 300 strongest of 446 links" in page and "146 left out" in page
    assert page.count('href="/agreements/agr-gf-') == 11 and 'href="/agreements/agr-FRA-GRC"' in page


# --- lists page ----------------------------------------------------------------------------------------------

def test_actors_page_in_pages(client, monkeypatch) -> None:
    monkeypatch.setattr(pages, "ACTORS_PER_PAGE", 3)
    first = client.get("/actors", headers=HTML).text
    assert '<span class="count">4</span>' in first and "1–3 of 4" in first
    assert 'href="/actors?offset=3" rel="next"' in first
    second = client.get("/actors?offset=3", headers=HTML).text
    assert "4–4 of 4" in second and len(re.findall(r'<a class="party"', second)) == 1


def test_articles_duplicates_and_refusals_page_separately(client, fake_kb, monkeypatch) -> None:
    monkeypatch.setattr(pages, "SECTION_PER_PAGE", 1)
    fake_kb.refusals.append({"source": "tests/other.txt", "line": 3, "reason": "not text", "at": "2026-01-01"})
    page = client.get("/articles?refused_offset=1", headers=HTML).text
    assert "tests/other.txt:3" in page and "tests/empty.txt" not in page
    assert 'href="/articles?#refused" rel="prev"' in page
    assert '<span class="count">4</span>' in page  # the four articles, all on this page
    assert client.get("/articles?offset=-1", headers=HTML).status_code == 422


def test_timeline_pages(client, monkeypatch) -> None:
    monkeypatch.setattr(pages, "TIMELINE_PER_PAGE", 2)
    page = client.get("/timeline", headers=HTML).text
    total = int(re.search(r'<h1>Timeline <span class="count">(\d+)</span>', page).group(1))
    assert total > 2 and f"1–2 of {total}" in page and 'href="/timeline?offset=2" rel="next"' in page
    assert len(re.findall(r"<tr>\s*<td", page)) == 2
