"""``/alerts.atom``: an Atom 1.0 feed of the changes that feed readers accept (feedparser with no
bozo flag), each entry linking to its record's page at the address the feed was asked from, and
hostile alert text kept as text in a well-formed document."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import feedparser
import httpx
import pytest
from alert_samples import ALERTS, HOSTILE, ChangesKB, alert
from fastapi.testclient import TestClient

from conftest import running
from pactwatch.web import create_app
from pactwatch.web.atom import entry_id, feed_xml, xml_text

ATOM_NS = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def kb() -> ChangesKB:
    return ChangesKB()


@pytest.fixture
def web(kb: ChangesKB) -> TestClient:
    return TestClient(create_app(kb=kb))


def parsed(response) -> feedparser.FeedParserDict:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_feed_has_one_entry_per_change_newest_first(web) -> None:
    feed = parsed(web.get("/alerts.atom"))
    assert feed.feed.title == "pactwatch: changes"
    assert feed.feed.id == "http://testserver/alerts.atom"
    assert feed.feed.updated == ALERTS[0]["at"]
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": "http://testserver/alerts.atom", "alternate": "http://testserver/changes"}
    assert [e.title for e in feed.entries] == [a["summary"] for a in ALERTS]
    assert [e.id for e in feed.entries] == [entry_id(a["id"]) for a in ALERTS]
    assert [e.updated for e in feed.entries] == [a["at"] for a in ALERTS]
    assert [e.link for e in feed.entries] == ["http://testserver/agreements/agr-shusha",
                                              "http://testserver/agreements/agr-grc-fra",
                                              "http://testserver/agreements/agr-shusha"]
    assert [e.tags[0].term for e in feed.entries] == ["ratified", "status_changed", "new_agreement"]


def test_an_entry_says_the_change_and_quotes_its_evidence_with_the_source(web) -> None:
    ratified, status, new = parsed(web.get("/alerts.atom")).entries
    assert ratified.summary == "Türkiye ratified the Shusha Declaration (2022-02-01)"
    body = ratified.content[0].value
    assert "ratified.TUR: 2022-02-01" in body
    assert "<blockquote>The Turkish parliament ratified the declaration on 1 February 2022.</blockquote>" in body
    assert '<a href="http://testserver/articles/shusha-pact">shusha-pact</a>' in body
    assert '<a href="https://news.example.org/shusha">https://news.example.org/shusha</a>' in body
    assert "status: signed → ratified" in status.content[0].value
    assert "sample/greece-france.txt" in status.content[0].value  # a file source is named, not linked
    assert "source" not in new.content[0].value.split("</blockquote>")[1]  # no source: none named


def test_entry_ids_are_stable_and_distinct() -> None:
    assert entry_id("chg-00000000000000a1") == entry_id("chg-00000000000000a1")
    assert entry_id("chg-00000000000000a1") != entry_id("chg-00000000000000b2")
    assert entry_id("chg-00000000000000a1").startswith("urn:uuid:")


def test_the_feed_filters_like_the_api_and_names_itself_with_them(web, kb) -> None:
    feed = parsed(web.get("/alerts.atom", params={"kind": "status_changed", "since": "2026-11-01"}))
    assert [e.title for e in feed.entries] == [ALERTS[1]["summary"]]
    assert feed.feed.id == "http://testserver/alerts.atom?kind=status_changed&since=2026-11-01"
    assert kb.calls[-1] == {"since": "2026-11-01", "kind": "status_changed", "limit": 100, "offset": 0}
    assert parsed(web.get("/alerts.atom", params={"since": "2027-01-01"})).entries == []


@pytest.mark.parametrize(("params", "word"), [({"kind": "storm"}, "new_agreement"), ({"since": "soon"}, "since"),
                                              ({"limit": "0"}, "limit"), ({"limit": "501"}, "limit")])
def test_bad_filters_are_refused_naming_them(web, params, word) -> None:
    response = web.get("/alerts.atom", params=params)
    assert response.status_code == 422 and word in response.json()["detail"]


def test_the_newest_hundred_by_default_and_limit_asks_for_more_or_fewer(web, kb) -> None:
    kb.alerts = [alert(f"chg-{i:016x}", "new_agreement", f"2026-11-01T{i // 60:02d}:{i % 60:02d}:00Z", f"agr-{i}",
                       f"Pact {i}", f"New agreement: Pact {i}") for i in range(150, 0, -1)]
    assert len(parsed(web.get("/alerts.atom")).entries) == 100
    assert len(parsed(web.get("/alerts.atom", params={"limit": "150"})).entries) == 150
    assert [e.title for e in parsed(web.get("/alerts.atom", params={"limit": "2"})).entries] == [
        "New agreement: Pact 150", "New agreement: Pact 149"]


def test_an_empty_knowledge_base_gives_a_valid_feed_with_no_entry(web, kb) -> None:
    kb.alerts = []
    feed = parsed(web.get("/alerts.atom"))
    assert feed.entries == [] and feed.feed.title == "pactwatch: changes" and feed.feed.updated
    assert web.get("/alerts.atom").content == web.get("/alerts.atom").content  # the same document until a change


def test_hostile_text_stays_text_in_well_formed_xml(web, kb) -> None:
    kb.alerts = [HOSTILE]
    response = web.get("/alerts.atom")
    root = ET.fromstring(response.content)  # well-formed XML 1.0, or this raises
    assert "<script>" not in response.text and "]]>" not in response.text
    assert not any(c in response.text for c in "\x00\x07\x1b\x7f\x85\u202e\u202c\ufffe")
    entry = root.find(f"{ATOM_NS}entry")
    assert entry.find(f"{ATOM_NS}title").text == xml_text(HOSTILE["summary"])
    assert "<script>alert(1)</script> ]]> &" in entry.find(f"{ATOM_NS}title").text
    feed = parsed(response)
    [item] = feed.entries
    assert item.link == "http://testserver/agreements/agr-%3Cx%3E%26%22y%22"
    content = item.content[0].value
    assert "<script" not in content and "javascript:" not in content.split("source:")[0]
    assert 'href="javascript:' not in content  # a javascript: source is named as text, never linked
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_xml_text_drops_what_xml_forbids_and_what_reorders_text() -> None:
    assert xml_text("a\x00b\x08c\td\ne\rf\x1fg\x7fh\x9fi\ud800j\uffffk") == "abc\td\ne\rfghijk"
    assert xml_text("Pact \u202egnp.exe\u2066x\u2069") == "Pact gnp.exex"
    assert xml_text(None) == "" and xml_text(5) == "5"


def test_a_document_built_directly_is_valid_atom() -> None:
    xml = feed_xml(ALERTS, base_url="https://watch.example.org/pactwatch/",
                   self_url="https://watch.example.org/pactwatch/alerts.atom",
                   quiet_since="2026-11-07T00:00:00Z")
    feed = feedparser.parse(xml)
    assert feed.bozo == 0 and len(feed.entries) == 3
    assert feed.entries[0].link == "https://watch.example.org/pactwatch/agreements/agr-shusha"
    assert feed.feed.links[1].href == "https://watch.example.org/pactwatch/changes"


def test_a_reader_on_a_real_socket_gets_links_to_the_address_it_used(kb) -> None:
    with running(create_app(kb=kb)) as base:
        response = httpx.get(f"{base}/alerts.atom", headers={"accept-encoding": "gzip"})
    feed = parsed(response)
    assert feed.feed.id == f"{base}/alerts.atom"
    assert [e.link for e in feed.entries][:2] == [f"{base}/agreements/agr-shusha", f"{base}/agreements/agr-grc-fra"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_the_sample_kb_feed_is_valid_and_every_link_opens_a_page(sample_client, sample_kb) -> None:
    """On the knowledge base built from sample/, whose ingest recorded what it created."""
    feed = parsed(sample_client.get("/alerts.atom"))
    assert len(feed.entries) == min(100, sample_kb.count_changes()) > 3
    assert [e.id for e in feed.entries] == [entry_id(a["id"]) for a in sample_kb.changes(limit=100)]
    paths = {e.link.removeprefix("http://testserver") for e in feed.entries}
    paths |= {link.removeprefix("http://testserver") for e in feed.entries
              for link in re.findall(r'href="(http://testserver/articles/[^"]+)"', e.content[0].value)}
    assert any(p.startswith("/articles/") for p in paths) and any(p.startswith("/agreements/") for p in paths)
    for path in sorted(paths):
        assert sample_client.get(path, headers={"accept": "text/html"}).status_code == 200, path
