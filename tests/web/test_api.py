"""The HTTP API over the fake KB: every endpoint, its filters, pagination, 404 and 422."""

from __future__ import annotations

import pytest

from conftest import json_of


def test_agreements_lists_every_record_with_total_and_page(client) -> None:
    body = json_of(client.get("/api/agreements"))
    assert body["total"] == 2 and body["limit"] == 50 and body["offset"] == 0
    assert [a["id"] for a in body["items"]] == ["agr-shusha", "agr-grc-fra"]
    assert body["items"][0]["parties"] == ["AZE", "TUR"]


def test_agreements_paginate_with_limit_and_offset(client) -> None:
    body = json_of(client.get("/api/agreements", params={"limit": 1, "offset": 1}))
    assert body["total"] == 2
    assert [a["id"] for a in body["items"]] == ["agr-grc-fra"]


@pytest.mark.parametrize(("params", "ids"), [
    ({"party": "GRC"}, ["agr-grc-fra"]),
    ({"party": "aze"}, ["agr-shusha"]),
    ({"domain": "trade"}, []),
    ({"status": "ratified"}, ["agr-shusha", "agr-grc-fra"]),
    ({"provision": "mutual_defense"}, ["agr-shusha"]),
    ({"q": "third country"}, ["agr-shusha"]),
    ({"sort": "title", "desc": "true"}, ["agr-grc-fra", "agr-shusha"]),
])
def test_agreement_filters_match_the_cli(client, params, ids) -> None:
    body = json_of(client.get("/api/agreements", params=params))
    assert [a["id"] for a in body["items"]] == ids
    assert body["total"] == len(ids)


def test_as_of_adds_the_lifecycle_columns(client) -> None:
    items = json_of(client.get("/api/agreements", params={"as_of": "2027-01-01"}))["items"]
    grc = next(a for a in items if a["id"] == "agr-grc-fra")
    assert grc["in_force_as_of"] is True
    assert grc["next_renewal"] == "2031-10-07" and grc["notice_deadline"] == "2031-04-07"


def test_one_agreement_has_fields_evidence_and_lifecycle(client) -> None:
    body = json_of(client.get("/api/agreements/agr-grc-fra", params={"as_of": "2022-01-01"}))
    assert body["title"] == "Strategic Partnership for Defence and Security"
    assert [v["value"] for v in body["fields"]["signed"]["values"]] == ["2021-09-28", "2021-09-27"]
    assert body["conflicts"][0]["field"] == "signed"
    assert {e["article_id"] for e in body["evidence"]} == {"greece-france", "greece-france-brief"}
    assert body["lifecycle"]["term_ends"] == "2026-10-07"
    assert [m["kind"] for m in body["lifecycle"]["milestones"]][:3] == ["signed", "ratified", "in_force"]


def test_events_event_and_filters(client) -> None:
    body = json_of(client.get("/api/events", params={"party": "FRA", "type": "arms_deal"}))
    assert body["total"] == 1 and body["items"][0]["value_usd"] == 3000000000
    assert json_of(client.get("/api/events", params={"type": "visit"}))["items"] == []
    assert json_of(client.get("/api/events/evt-frigates"))["item"] == "frigates"


def test_timeline_is_sorted_and_filtered_by_party_and_dates(client) -> None:
    items = json_of(client.get("/api/timeline"))["items"]
    assert [i["date"] for i in items] == sorted(i["date"] for i in items)
    aze = json_of(client.get("/api/timeline", params={"party": "AZE"}))["items"]
    assert [(i["date"], i["kind"]) for i in aze] == [("2021-06-15", "signed"), ("2022-02-01", "ratified")]
    late = json_of(client.get("/api/timeline", params={"start": "2022-01-01"}))["items"]
    assert [i["date"] for i in late] == ["2022-02-01"]


def test_actors_and_one_actor(client) -> None:
    codes = [a["code"] for a in json_of(client.get("/api/actors"))["items"]]
    assert codes == ["AZE", "FRA", "GRC", "TUR"]
    grc = json_of(client.get("/api/actors/grc"))
    assert grc["name"] == "Greece" and grc["partners"] == [{"code": "FRA", "name": "France", "n_agreements": 1}]


def test_network_filters_by_domain_and_date(client) -> None:
    full = json_of(client.get("/api/network"))
    assert len(full["edges"]) == 2 and len(full["nodes"]) == 4
    assert json_of(client.get("/api/network", params={"domain": "trade"}))["edges"] == []
    before = json_of(client.get("/api/network", params={"as_of": "2021-01-01"}))
    assert before["edges"] == []


def test_articles_article_duplicates_refused(client) -> None:
    body = json_of(client.get("/api/articles", params={"limit": 2}))
    assert [a["id"] for a in body["items"]] == ["greece-france", "greece-france-brief"]
    assert body["total"] == 4 and body["next"] == "/api/articles?limit=2&offset=2"
    assert [a["id"] for a in json_of(client.get("/api/articles", params={"q": "frigates"}))["items"]] == [
        "greece-france"]
    article = json_of(client.get("/api/articles/shusha-pact"))
    assert article["duplicates"] == ["shusha-pact", "shusha-pact-copy"]
    assert article["text"].startswith("Azerbaijan and Turkey signed")
    assert json_of(client.get("/api/duplicates"))["items"][0]["kind"] == "exact"
    assert json_of(client.get("/api/refused"))["items"][0]["reason"] == "no text after cleaning"


@pytest.mark.parametrize("path", ["/api/agreements/nope", "/api/events/nope", "/api/actors/XYZ",
                                  "/api/articles/nope"])
def test_unknown_ids_give_404_with_a_message(client, path) -> None:
    response = client.get(path)
    assert response.status_code == 404
    detail = json_of(response)["detail"]
    assert detail.startswith("No ") and path.rsplit("/", 1)[1] in detail


@pytest.mark.parametrize(("path", "params", "word"), [
    ("/api/agreements", {"domain": "navy"}, "domain"),
    ("/api/agreements", {"status": "maybe"}, "status"),
    ("/api/agreements", {"provision": "x"}, "provision"),
    ("/api/agreements", {"as_of": "2021-02-30"}, "as_of"),
    ("/api/agreements", {"as_of": "yesterday"}, "as_of"),
    ("/api/agreements", {"sort": "colour"}, "sort"),
    ("/api/agreements", {"limit": 0}, "limit"),
    ("/api/agreements", {"limit": 100000}, "limit"),
    ("/api/agreements", {"offset": -1}, "offset"),
    ("/api/agreements", {"party": "<script>"}, "party"),
    ("/api/events", {"type": "parade"}, "type"),
    ("/api/timeline", {"start": "2022-13-01"}, "start"),
    ("/api/timeline", {"start": "2023-01-01", "end": "2022-01-01"}, "start"),
    ("/api/network", {"domain": "navy"}, "domain"),
    ("/api/agreements/agr-shusha", {"as_of": "soon"}, "as_of"),
    ("/api/refused", {"limit": "many"}, "limit"),
    ("/api/alerts", {"kind": "rumour"}, "kind"),
    ("/api/alerts", {"since": "2026-11-31"}, "since"),
])
def test_bad_parameters_give_422_with_a_message(client, path, params, word) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    detail = json_of(response)["detail"]
    assert isinstance(detail, str) and word in detail


def test_kb_value_errors_become_422(client, fake_kb, monkeypatch) -> None:
    def refuse(**_):
        raise ValueError("unknown party 'ZZZ': no such actor")

    monkeypatch.setattr(fake_kb, "count_agreements", refuse)
    response = client.get("/api/agreements", params={"party": "ZZZ"})
    assert response.status_code == 422 and json_of(response) == {"detail": "unknown party 'ZZZ': no such actor"}


def test_openapi_lists_every_endpoint_and_the_enums(client) -> None:
    doc = json_of(client.get("/openapi.json"))
    assert set(doc["paths"]) == {
        "/api/agreements", "/api/agreements/{agreement_id}", "/api/events", "/api/events/{event_id}",
        "/api/timeline", "/api/actors", "/api/actors/{code}", "/api/network", "/api/articles",
        "/api/articles/{article_id}", "/api/duplicates", "/api/refused", "/api/upload", "/api/upload/{job_id}",
        "/api/commitments", "/api/commitments/diff", "/api/review", "/api/review/merge", "/api/review/split",
        "/api/review/queue", "/api/review/log", "/api/review/stats", "/api/alerts"}
    assert "defense_industry" in str(doc["components"]["schemas"]["Domain"])
    assert "notice_due" in str(doc["components"]["schemas"]["AlertKind"])


@pytest.mark.parametrize("path", ["/api/agreements", "/agreements", "/agreements/agr-shusha", "/api/nothing",
                                  "/static/style.css", "/api/alerts", "/changes", "/alerts.atom"])
def test_security_headers_on_every_response(client, path) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"].startswith(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        "frame-ancestors 'none'")
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_pages_answer_errors_as_pages_and_machines_as_json(client) -> None:
    page = client.get("/agreements/nope", headers={"accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "No agreement &#39;nope&#39;." in page.text
    bad = client.get("/agreements", params={"domain": "navy"}, headers={"accept": "text/html"})
    assert bad.status_code == 422 and "security, defense_industry" in bad.text
    assert client.get("/agreements/nope").json() == {"detail": "No agreement 'nope'."}
