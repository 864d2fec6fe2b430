"""The Changes page: recent changes newest first with their records, values and evidence, paged and
filtered like the API, discoverable as a feed, and safe with hostile alert text."""

from __future__ import annotations

import re

import pytest
from alert_samples import ALERTS, HOSTILE, ChangesKB, alert
from fastapi.testclient import TestClient

from pactwatch.web import create_app

HTML = {"accept": "text/html"}


@pytest.fixture
def kb() -> ChangesKB:
    return ChangesKB()


@pytest.fixture
def web(kb: ChangesKB) -> TestClient:
    return TestClient(create_app(kb=kb))


def rows_of(page: str) -> list[str]:
    return re.findall(r'<tr id="(chg-[0-9a-f]+)">', page)


def test_the_page_lists_changes_newest_first_with_record_change_and_evidence(web) -> None:
    page = web.get("/changes", headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    assert rows_of(text) == [a["id"] for a in ALERTS]
    assert 'id="change-count">3<' in text
    assert '<time datetime="2026-11-04T09:15:00Z" title="UTC">2026-11-04 09:15</time>' in text
    assert '<span class="tag change c-ratified">ratified</span>' in text
    assert '<a class="record" href="/agreements/agr-shusha">Shusha Declaration</a>' in text
    assert '<a class="party" href="/actors/TUR">TUR</a>' in text
    assert '<code class="change-line">status: signed → ratified</code>' in text
    assert ('<a href="/articles/shusha-pact">The Turkish parliament ratified the declaration on 1 February 2022.</a>'
            in text)
    assert '<a href="https://news.example.org/shusha" rel="noopener noreferrer nofollow">' in text
    assert "· sample/greece-france.txt" in text  # a file source is named, not linked
    assert "for 2022-02-01" in text  # the day the ratification concerns


def test_changes_are_in_the_navigation_and_the_feed_is_discoverable(web) -> None:
    text = web.get("/changes", headers=HTML).text
    assert '<a href="/changes" class="active" aria-current="page">Changes</a>' in text
    assert ('<link rel="alternate" type="application/atom+xml" title="pactwatch: changes" href="/alerts.atom">'
            in text)
    assert '<a class="feed-link" href="/alerts.atom" type="application/atom+xml">' in text
    other = web.get("/agreements", headers=HTML).text
    assert '<a href="/changes">Changes</a>' in other and 'href="/alerts.atom"' in other


def test_filters_narrow_the_list_and_the_feed_follows_them(web) -> None:
    text = web.get("/changes?kind=status_changed&since=2026-11-01", headers=HTML).text
    assert rows_of(text) == [ALERTS[1]["id"]]
    assert '<option value="status_changed" selected>status changed</option>' in text
    assert 'name="since" value="2026-11-01"' in text
    assert 'type="application/atom+xml" title="pactwatch: changes" href="/alerts.atom?kind=status_changed&amp;' \
           'since=2026-11-01">' in text
    assert rows_of(web.get("/changes?kind=&since=", headers=HTML).text) == [a["id"] for a in ALERTS]


def test_the_page_is_paged_fifty_at_a_time_keeping_the_filters(web, kb) -> None:
    kb.alerts = [alert(f"chg-{i:016x}", "new_agreement", f"2026-11-01T{i // 60:02d}:{i % 60:02d}:00Z", f"agr-{i}",
                       f"Pact {i}", f"New agreement: Pact {i}") for i in range(120, 0, -1)]
    first = web.get("/changes?kind=new_agreement", headers=HTML).text
    assert len(rows_of(first)) == 50 and "1–50 of 120" in first
    assert 'href="/changes?kind=new_agreement&amp;offset=50" rel="next"' in first
    last = web.get("/changes?kind=new_agreement&offset=100", headers=HTML).text
    assert len(rows_of(last)) == 20 and 'rel="next"' not in last and 'rel="prev"' in last
    assert kb.calls[-1] == {"since": None, "kind": "new_agreement", "limit": 50, "offset": 100}


@pytest.mark.parametrize(("query", "word"), [("kind=flood", "new_agreement"), ("since=someday", "since"),
                                             ("offset=-5", "offset")])
def test_bad_filters_give_a_page_that_says_what_is_allowed(web, query, word) -> None:
    page = web.get(f"/changes?{query}", headers=HTML)
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html") and word in page.text


def test_an_empty_list_says_so(web, kb) -> None:
    kb.alerts = []
    assert "No change recorded yet" in web.get("/changes", headers=HTML).text
    assert "No change with these filters" in web.get("/changes?kind=conflict", headers=HTML).text
    assert "back to the first" in web.get("/changes?offset=50", headers=HTML).text


def test_hostile_alert_text_is_escaped_and_unlinked(web, kb) -> None:
    kb.alerts = [HOSTILE]
    page = web.get("/changes", headers=HTML)
    text = page.text
    assert "<script>alert" not in text and "<b>Pact</b>" not in text and "<i>2021</i>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "&lt;b&gt;Pact&lt;/b&gt;" in text
    assert "\u202e" not in text and "\u202c" not in text
    assert 'href="/agreements/agr-%3Cx%3E%26%22y%22"' in text
    assert 'href="/articles/a%3Crt%3E%26%22cle%22"' in text
    assert 'href="javascript:' not in text
    assert "unsafe-inline" not in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"


def test_the_fake_kb_changes_show_with_their_evidence(client) -> None:
    """The fake KB's own alerts (tests/web/fake_kb.py), as the API lists them."""
    api = client.get("/api/alerts").json()
    text = client.get("/changes", headers=HTML).text
    assert rows_of(text) == [a["id"] for a in api["items"]] and api["total"] >= 5
    assert "notice_deadline: 2031-04-07" in text and "status: signed → ratified" in text


def test_the_sample_kb_changes_page_matches_the_api(sample_client) -> None:
    api = sample_client.get("/api/alerts", params={"limit": 50}).json()
    text = sample_client.get("/changes", headers=HTML).text
    assert rows_of(text) == [a["id"] for a in api["items"]] and len(api["items"]) > 3
    assert f'id="change-count">{api["total"]}<' in text
