"""The HTML pages over the fake KB: empty form fields mean "any", pagination, sorting, content."""

from __future__ import annotations

import re

import pytest

HTML = {"accept": "text/html"}


def test_empty_form_fields_mean_any(client) -> None:
    page = client.get("/agreements?party=&domain=&status=&provision=&as_of=&q=&sort=signed", headers=HTML)
    assert page.status_code == 200
    assert re.search(r'id="agreement-count">2<', page.text)


def test_pagination_links_keep_the_filters(client) -> None:
    page = client.get("/agreements?status=ratified&limit=1", headers=HTML).text
    assert "1–1 of 2" in page
    assert 'href="/agreements?status=ratified&amp;sort=signed&amp;limit=1&amp;offset=1" rel="next"' in page
    second = client.get("/agreements?status=ratified&limit=1&offset=1", headers=HTML).text
    assert "2–2 of 2" in second and 'rel="prev"' in second and 'rel="next"' not in second


def test_sort_headers_toggle_the_direction(client) -> None:
    page = client.get("/agreements?sort=title", headers=HTML).text
    assert 'aria-sort="ascending"' in page
    assert 'href="/agreements?sort=title&amp;desc=1">Title ▲</a>' in page


def test_as_of_adds_an_in_force_column(client) -> None:
    page = client.get("/agreements?as_of=2027-01-01", headers=HTML).text
    assert "<th>On 2027-01-01</th>" in page and "in force" in page


def test_agreement_page_shows_conflicts_lifecycle_and_evidence_links(client) -> None:
    page = client.get("/agreements/agr-grc-fra?as_of=2027-01-01", headers=HTML).text
    assert '<span class="flag conflict">conflict</span>' in page
    assert "2021-09-27 <span class=\"muted\">(also reported)</span>" in page
    assert 'class="strip"' in page and "today 2027-01-01" in page
    assert re.search(r'href="/articles/greece-france#s-\d+">The Greek parliament approved', page)
    assert "Next renewal" in page and "2031-10-07" in page


def test_article_page_anchors_evidence_and_marks_actors(client) -> None:
    page = client.get("/articles/greece-france", headers=HTML).text
    assert '<mark class="m m-actor" title="actor: GRC">Greece</mark>' in page
    assert len(re.findall(r'<span class="sentence" id="s-\d+">', page)) == 5  # four fields' sentences, one duty's
    cluster = client.get("/articles/shusha-pact", headers=HTML).text
    assert 'href="/articles/shusha-pact-copy"' in cluster


@pytest.mark.parametrize(("path", "text"), [
    ("/network", 'class="edge d-security"'),
    ("/network?domain=trade", "No agreement between known actors with these filters"),
    ("/timeline?party=AZE", "ratified by TUR"),
    ("/events?type=arms_deal", "$3 billion"),
    ("/actors/AZE", "Shusha Declaration"),
    ("/articles?q=frigates", "Greece and France seal defence partnership"),
    ("/changes", "Türkiye ratified the Shusha Declaration on Allied Relations (2022-02-01)"),
    ("/changes?kind=notice_due", "last day to give 6 months&#39; notice is 2031-04-07"),
])
def test_pages_show_what_the_api_returns(client, path, text) -> None:
    page = client.get(path, headers=HTML)
    assert page.status_code == 200 and text in page.text


@pytest.mark.parametrize("path", ["/agreements", "/agreements/agr-shusha", "/events", "/timeline", "/network",
                                  "/commitments", "/actors", "/actors/AZE", "/articles", "/articles/shusha-pact",
                                  "/review", "/changes"])
def test_every_page_links_to_the_changes_and_names_their_feed(client, path) -> None:
    """Feed readers given any page's address find the Atom feed of changes (its ``<head>``)."""
    page = client.get(path, headers=HTML).text
    head = page[:page.index("</head>")]
    assert '<link rel="alternate" type="application/atom+xml" title="pactwatch: changes" href="/alerts.atom">' in head
    assert re.search(r'<a href="/changes"( class="active" aria-current="page")?>Changes</a>', page)


def test_home_redirects_to_the_agreements(client) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/agreements"


def test_upload_link_only_with_a_token(client, writer) -> None:
    assert 'href="/upload"' not in client.get("/agreements", headers=HTML).text
    assert 'href="/upload"' in writer.get("/agreements", headers=HTML).text


def test_the_upload_form_sends_the_token_before_the_files(writer) -> None:
    """Without JavaScript a browser sends fields in document order; the server reads the token
    before any file, so the form must put it first."""
    page = writer.get("/upload", headers=HTML).text
    assert page.index('name="token"') < page.index('name="files"')
    oslo = ("oslo.txt", b"Norway and Denmark signed a defence pact in Oslo.", "text/plain")
    sent = writer.post("/upload", headers=HTML, data={"token": "s3cret-upload-token"}, files=[("files", oslo)])
    assert sent.status_code == 200 and "<dt>New articles</dt><dd>1</dd>" in sent.text
