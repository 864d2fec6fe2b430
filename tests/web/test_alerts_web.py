"""``/api/alerts``: the changes as a page of the API's list shape, filtered by ``since`` and ``kind``,
with the caching headers every API read has."""

from __future__ import annotations

import pytest
from alert_samples import ALERTS, HOSTILE, ChangesKB, alert
from fastapi.testclient import TestClient

from conftest import json_of
from pactwatch.web import create_app


@pytest.fixture
def kb() -> ChangesKB:
    return ChangesKB()


@pytest.fixture
def api(kb: ChangesKB) -> TestClient:
    return TestClient(create_app(kb=kb))


def test_alerts_are_a_page_of_changes_newest_first(api) -> None:
    body = json_of(api.get("/api/alerts"))
    assert set(body) == {"total", "limit", "offset", "next", "items"}
    assert (body["total"], body["limit"], body["offset"], body["next"]) == (3, 50, 0, None)
    assert [a["id"] for a in body["items"]] == [a["id"] for a in ALERTS]
    first = body["items"][0]
    assert first == ALERTS[0]
    assert first["evidence"] == {"quote": "The Turkish parliament ratified the declaration on 1 February 2022.",
                                 "article_id": "shusha-pact", "source": "https://news.example.org/shusha"}


def test_alerts_page_with_limit_offset_and_next_keeping_the_filters(api) -> None:
    body = json_of(api.get("/api/alerts", params={"since": "2026-10-01", "limit": 1}))
    assert body["next"] == "/api/alerts?since=2026-10-01&limit=1&offset=1"
    second = json_of(api.get(body["next"]))
    assert [a["id"] for a in second["items"]] == [ALERTS[1]["id"]] and second["offset"] == 1


@pytest.mark.parametrize(("params", "ids"), [
    ({"kind": "ratified"}, [ALERTS[0]["id"]]),
    ({"kind": "notice_due"}, []),
    ({"since": "2026-11-01"}, [ALERTS[0]["id"], ALERTS[1]["id"]]),
    ({"since": "2026-11-03", "kind": "status_changed"}, []),
    ({"since": "2026-11-02", "kind": "status_changed"}, [ALERTS[1]["id"]]),
])
def test_alerts_filter_by_since_and_kind(api, kb, params, ids) -> None:
    body = json_of(api.get("/api/alerts", params=params))
    assert [a["id"] for a in body["items"]] == ids and body["total"] == len(ids)
    assert kb.calls[-1] == {"since": params.get("since"), "kind": params.get("kind"), "limit": 50, "offset": 0}


@pytest.mark.parametrize(("params", "words"), [
    ({"kind": "earthquake"}, ["kind", "new_agreement", "ratified", "notice_due", "conflict"]),
    ({"since": "yesterday"}, ["since", "YYYY-MM-DD"]),
    ({"since": "2026-02-30"}, ["since"]),
    ({"since": "1700000000"}, ["since"]),
    ({"limit": 0}, ["limit"]),
    ({"offset": -1}, ["offset"]),
])
def test_bad_filters_are_refused_naming_the_parameter(api, params, words) -> None:
    response = api.get("/api/alerts", params=params)
    assert response.status_code == 422
    detail = json_of(response)["detail"]
    assert all(word in detail for word in words), detail


def test_an_empty_knowledge_base_has_no_alerts(kb, api) -> None:
    kb.alerts = []
    assert json_of(api.get("/api/alerts")) == {"total": 0, "limit": 50, "offset": 0, "next": None, "items": []}


def test_alerts_carry_validators_and_answer_304_when_unchanged(api, kb) -> None:
    first = api.get("/api/alerts")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert api.get("/api/alerts", headers={"if-none-match": etag}).status_code == 304
    assert api.get("/api/alerts", headers={"if-modified-since": modified}).status_code == 304
    kb.alerts.insert(0, alert("chg-00000000000000e5", "in_force", "2026-11-06T06:00:00Z", "agr-shusha",
                              "Shusha Declaration", "The Shusha Declaration entered into force"))
    changed = api.get("/api/alerts", headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag and json_of(changed)["total"] == 4


def test_hostile_alert_text_comes_back_as_data(kb, api) -> None:
    kb.alerts = [HOSTILE]
    item = json_of(api.get("/api/alerts"))["items"][0]
    assert item["summary"] == HOSTILE["summary"] and item["evidence"] == HOSTILE["evidence"]


def test_only_declared_alert_keys_leave_the_server(kb, api) -> None:
    kb.alerts = [{**ALERTS[0], "digest": "internal", "evidence": {**ALERTS[0]["evidence"], "start": 4}}]
    item = json_of(api.get("/api/alerts"))["items"][0]
    assert "digest" not in item and "start" not in item["evidence"]


def test_the_openapi_document_lists_the_alert_kinds(api) -> None:
    doc = json_of(api.get("/openapi.json"))
    operation = doc["paths"]["/api/alerts"]["get"]
    assert operation["operationId"] == "list_alerts"
    kinds = doc["components"]["schemas"]["AlertKind"]["enum"]
    assert kinds == ["new_agreement", "status_changed", "ratified", "in_force", "terminated", "notice_due",
                     "conflict"]
    assert {"id", "kind", "at", "day", "record_id", "summary", "evidence", "url"} <= set(
        doc["components"]["schemas"]["Alert"]["required"])
