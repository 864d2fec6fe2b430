"""The review API over the fake KB: decisions attributed to the token's account, 401/403 for writes
without one, 422 with a clear message for bad input (nothing changed), and the queue, log and stats."""

from __future__ import annotations

import pytest

from conftest import json_of

pytest_plugins = ["review_support"]  # its fixtures: tokens, reviewing_client


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def test_a_decision_is_attributed_to_the_account_of_the_token(reviewing_client, tokens, fake_kb) -> None:
    before = json_of(reviewing_client.get("/api/review/queue"))["total"]
    answer = reviewing_client.post("/api/review", headers=bearer(tokens["maria"]),
                                   json={"action": "set", "record_id": "agr-grc-fra", "field": "signed",
                                         "value": "2021-09-27", "note": "the ceremony was on the 27th"})
    entry = json_of(answer)
    assert answer.status_code == 200
    assert entry["reviewer"] == "maria" and entry["action"] == "set"
    assert entry["old"] == "2021-09-28" and entry["new"] == "2021-09-27"
    assert entry["note"] == "the ceremony was on the 27th"
    record = json_of(reviewing_client.get("/api/agreements/agr-grc-fra"))
    assert record["fields"]["signed"]["shown"] == "2021-09-27"
    assert record["fields"]["signed"]["reviewed"]["by"] == "maria"
    assert json_of(reviewing_client.get("/api/review/queue"))["total"] == before - 1
    assert [e["reviewer"] for e in json_of(reviewing_client.get("/api/review/log"))["items"]] == ["maria"]


def test_a_reviewer_cannot_act_under_another_name(reviewing_client, tokens, fake_kb) -> None:
    answer = reviewing_client.post("/api/review", headers=bearer(tokens["maria"]),
                                   json={"action": "accept", "record_id": "agr-shusha", "field": "title",
                                         "reviewer": "omar"})
    assert answer.status_code == 403 and "another name" in json_of(answer)["detail"]
    assert fake_kb.review_log() == []


def test_the_server_token_reviews_as_admin(reviewing_client, fake_kb) -> None:
    from conftest import TOKEN

    answer = reviewing_client.post("/api/review", headers=bearer(TOKEN),
                                   json={"action": "accept", "record_id": "agr-shusha", "field": "title"})
    assert answer.status_code == 200 and json_of(answer)["reviewer"] == "admin"


@pytest.mark.parametrize("headers, status", [({}, 401), (bearer("0123456789abcdef.wrong"), 401),
                                             (bearer("not a token"), 401)])
def test_writes_need_a_valid_token(reviewing_client, fake_kb, headers, status) -> None:
    for path, body in (("/api/review", {"action": "reject", "record_id": "agr-shusha", "field": "signed"}),
                       ("/api/review/merge", {"record_id": "agr-shusha", "other_id": "agr-grc-fra"}),
                       ("/api/review/split", {"record_id": "agr-shusha", "article_id": "shusha-pact"})):
        answer = reviewing_client.post(path, headers={**headers, "origin": "http://testserver"}, json=body)
        assert answer.status_code == status, (path, answer.text)
    assert fake_kb.review_log() == [] and len(fake_kb.records) == 2


def test_a_revoked_account_may_no_longer_review(reviewing_client, tokens, fake_kb) -> None:
    from pactwatch import accounts

    accounts.revoke_user(fake_kb.engine, "omar")
    answer = reviewing_client.post("/api/review", headers=bearer(tokens["omar"]),
                                   json={"action": "accept", "record_id": "agr-shusha", "field": "title"})
    assert answer.status_code == 401 and fake_kb.review_log() == []


def test_a_read_only_server_refuses_reviews(client, fake_kb) -> None:
    answer = client.post("/api/review", headers=bearer("anything"),
                         json={"action": "accept", "record_id": "agr-shusha", "field": "title"})
    assert answer.status_code == 403 and "read-only" in json_of(answer)["detail"]
    assert fake_kb.review_log() == []


@pytest.mark.parametrize("body, message", [
    ({"action": "accept", "record_id": "agr-nowhere", "field": "signed"}, "agr-nowhere"),
    ({"action": "accept", "record_id": "agr-shusha", "field": "colour"}, "colour"),
    ({"action": "set", "record_id": "agr-shusha", "field": "signed", "value": "15 June 2021"}, "not a date"),
    ({"action": "set", "record_id": "agr-shusha", "field": "signed", "value": "2021-02-30"}, "not a date"),
    ({"action": "set", "record_id": "agr-grc-fra", "field": "duration_years", "value": "five"}, "whole number"),
    ({"action": "set", "record_id": "agr-shusha", "field": "parties", "value": ["AZE", "XXQ"]}, "XXQ"),
    ({"action": "reject", "record_id": "agr-shusha", "field": "parties", "party": "ZZZ"}, "ZZZ"),
    ({"action": "set", "record_id": "agr-shusha", "field": "signed"}, "value"),
    ({"action": "approve", "record_id": "agr-shusha", "field": "signed"}, "action"),
])
def test_bad_input_gets_a_clear_422_and_changes_nothing(reviewing_client, tokens, fake_kb, body, message) -> None:
    before = json_of(reviewing_client.get("/api/agreements/agr-shusha"))
    answer = reviewing_client.post("/api/review", headers=bearer(tokens["maria"]), json=body)
    assert answer.status_code == 422, answer.text
    assert message in json_of(answer)["detail"]
    assert fake_kb.review_log() == []
    assert json_of(reviewing_client.get("/api/agreements/agr-shusha")) == before


def test_rejecting_one_party_keeps_the_others(reviewing_client, tokens) -> None:
    entry = json_of(reviewing_client.post("/api/review", headers=bearer(tokens["chief"]),
                                          json={"action": "reject", "record_id": "agr-grc-fra",
                                                "field": "parties", "party": "grc"}))
    assert entry["old"] == ["FRA", "GRC"] and entry["new"] == ["FRA"] and entry["reviewer"] == "chief"
    assert json_of(reviewing_client.get("/api/agreements/agr-grc-fra"))["parties"] == ["FRA"]


def test_merge_and_split_are_logged(reviewing_client, tokens, fake_kb) -> None:
    split = reviewing_client.post("/api/review/split", headers=bearer(tokens["maria"]),
                                  json={"record_id": "agr-grc-fra", "article_id": "greece-france-brief"})
    assert split.status_code == 200 and json_of(split)["action"] == "split"
    bad = reviewing_client.post("/api/review/split", headers=bearer(tokens["maria"]),
                                json={"record_id": "agr-grc-fra", "article_id": "shusha-pact"})
    assert bad.status_code == 422 and "shusha-pact" in json_of(bad)["detail"]
    merge = reviewing_client.post("/api/review/merge", headers=bearer(tokens["omar"]),
                                  json={"record_id": "agr-shusha", "other_id": "agr-grc-fra", "note": "same"})
    assert merge.status_code == 200 and json_of(merge)["reviewer"] == "omar"
    log = json_of(reviewing_client.get("/api/review/log"))
    assert [(e["action"], e["reviewer"]) for e in log["items"]] == [("split", "maria"), ("merge", "omar")]


def test_queue_and_log_are_pages_whose_next_walks_every_item(reviewing_client, tokens) -> None:
    for field in ("title", "signed", "status"):
        reviewing_client.post("/api/review", headers=bearer(tokens["maria"]),
                              json={"action": "accept", "record_id": "agr-shusha", "field": field})
    for path in ("/api/review/queue", "/api/review/log"):
        everything = json_of(reviewing_client.get(path, params={"limit": 500}))
        assert set(everything) == {"total", "limit", "offset", "next", "items"}
        walked, url = [], f"{path}?limit=2"
        while url:
            page = json_of(reviewing_client.get(url))
            walked += page["items"]
            url = page["next"]
        assert walked == everything["items"] and len(walked) == everything["total"] > 2


def test_queue_items_carry_value_confidence_reasons_and_evidence(reviewing_client) -> None:
    items = json_of(reviewing_client.get("/api/review/queue"))["items"]
    confidences = [i["confidence"] for i in items]
    assert confidences == sorted(confidences)  # least confident first
    first = items[0]
    assert first["record_id"] == "agr-grc-fra" and first["field"] == "signed"
    assert "sources disagree" in first["reasons"]
    assert first["evidence"][0]["quote"].startswith("Greece and France signed")


def test_stats_count_decisions_per_field(reviewing_client, tokens) -> None:
    decide = [("accept", "agr-shusha", "signed", None), ("set", "agr-grc-fra", "signed", "2021-09-27"),
              ("reject", "agr-grc-fra", "duration_years", None), ("accept", "agr-grc-fra", "title", None)]
    for action, record, field, value in decide:
        body = {"action": action, "record_id": record, "field": field}
        if value:
            body["value"] = value
        assert reviewing_client.post("/api/review", headers=bearer(tokens["maria"]), json=body).status_code == 200
    stats = json_of(reviewing_client.get("/api/review/stats"))
    assert stats["fields"]["signed"] == {"accepted": 1, "rejected": 0, "changed": 1, "precision": 0.5}
    assert stats["fields"]["duration_years"]["precision"] == 0.0
    assert stats["total"]["accepted"] == 2 and stats["total"]["precision"] == 0.5


def test_reading_stays_open(client) -> None:
    for path in ("/api/review/queue", "/api/review/log", "/api/review/stats"):
        assert client.get(path).status_code == 200
