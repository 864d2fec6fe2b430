"""The API contract: every list is a page (total, limit, offset, next, items) whose ``next`` links
walk the whole list, and the OpenAPI document declares real models for every answer."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import json_of

LISTS = ["/api/agreements", "/api/events", "/api/timeline", "/api/actors", "/api/articles", "/api/duplicates",
         "/api/refused", "/api/commitments",
         "/api/review/queue", "/api/review/log", "/api/alerts"]
PAGE_KEYS = {"total", "limit", "offset", "next", "items"}


def walk(client, path: str, params: dict) -> tuple[list, list[dict]]:
    """Every item, following ``next`` from the first page; and every page seen."""
    pages = [json_of(client.get(path, params=params))]
    while pages[-1]["next"] is not None:
        assert len(pages) < 1000, "next never ends"
        pages.append(json_of(client.get(pages[-1]["next"])))
    return [item for p in pages for item in p["items"]], pages


def identity(item: dict) -> str:
    return repr(sorted(item.items()))


@pytest.mark.parametrize("path", LISTS)
def test_next_walks_every_item_exactly_once_on_the_fake_kb(client, path) -> None:
    everything = json_of(client.get(path, params={"limit": 500}))
    walked, pages = walk(client, path, {"limit": 1})
    assert [identity(i) for i in walked] == [identity(i) for i in everything["items"]]
    assert len(pages) == max(1, everything["total"]) and everything["next"] is None
    assert [p["offset"] for p in pages] == list(range(len(pages)))
    assert all(set(p) == PAGE_KEYS and p["total"] == everything["total"] and p["limit"] == 1 for p in pages)


@pytest.mark.parametrize("path", LISTS)
def test_next_walks_every_item_exactly_once_on_the_real_kb(sample_client, path) -> None:
    everything = json_of(sample_client.get(path, params={"limit": 500}))
    walked, pages = walk(sample_client, path, {"limit": 3})
    assert len(walked) == everything["total"] == len(everything["items"])
    assert sorted(map(identity, walked)) == sorted(map(identity, everything["items"]))
    assert len({identity(i) for i in walked}) == len(walked)  # none twice
    assert pages[-1]["next"] is None and all(p["next"] for p in pages[:-1])


def test_the_real_kb_has_lists_long_enough_to_page() -> None:
    """The walk above means something only if lists span several pages of 3."""
    from conftest import built_sample_kb

    kb = built_sample_kb()
    assert kb.count_agreements() > 6 and kb.count_events() > 3 and kb.count_actors() > 6
    assert kb.count_articles() > 6 and kb.count_timeline() > 6


def test_next_keeps_the_filters_and_encodes_them(client) -> None:
    body = json_of(client.get("/api/agreements", params={"status": "ratified", "sort": "title", "limit": 1}))
    link = urlsplit(body["next"])
    assert link.path == "/api/agreements" and not link.netloc
    assert parse_qs(link.query) == {"status": ["ratified"], "sort": ["title"], "limit": ["1"], "offset": ["1"]}
    odd = json_of(client.get("/api/articles", params={"q": "a & b=c #d", "limit": 1}))
    assert odd["total"] == 0 and odd["next"] is None
    many = json_of(client.get("/api/articles", params={"q": "Greece and France", "limit": 1}))
    assert parse_qs(urlsplit(many["next"]).query)["q"] == ["Greece and France"]


def test_a_page_past_the_end_is_empty_with_no_next(client) -> None:
    body = json_of(client.get("/api/events", params={"offset": 5}))
    assert body == {"total": 1, "limit": 50, "offset": 5, "next": None, "items": []}


def test_list_items_leave_out_lifecycle_columns_unless_asked(client) -> None:
    plain = json_of(client.get("/api/agreements"))["items"][0]
    assert "in_force_as_of" not in plain and "fields" not in plain and "evidence" not in plain
    dated = json_of(client.get("/api/agreements", params={"as_of": "2027-01-01"}))["items"][0]
    assert {"in_force_as_of", "in_force_reason", "term_ends", "next_renewal", "notice_deadline"} <= set(dated)


def test_one_actor_says_how_many_records_it_has(client) -> None:
    grc = json_of(client.get("/api/actors/GRC"))
    assert grc["agreements_total"] == len(grc["agreements"]) == 1
    assert grc["events_total"] == len(grc["events"]) == 1


def test_the_network_is_bounded(client) -> None:
    full = json_of(client.get("/api/network"))
    assert full["edges_total"] == 2 and not full["truncated"]
    one = json_of(client.get("/api/network", params={"limit": 1}))
    assert len(one["edges"]) == 1 and one["edges_total"] == 2 and one["truncated"]
    assert {n["id"] for n in one["nodes"]} == {one["edges"][0]["source"], one["edges"][0]["target"]}
    assert client.get("/api/network", params={"limit": 0}).status_code == 422


@pytest.mark.parametrize("value", ["0", "1700000000", "20210101", "2021-01-01T00:00:00", "2021-1-1"])
@pytest.mark.parametrize(("path", "name"), [("/api/agreements", "as_of"), ("/api/network", "as_of"),
                                            ("/api/timeline", "start"), ("/api/timeline", "end"),
                                            ("/api/agreements/agr-shusha", "as_of"), ("/api/alerts", "since")])
def test_dates_are_iso_days_only(client, path, name, value) -> None:
    """Left to pydantic, "0" would be read as a Unix timestamp and answered for 1 January 1970."""
    response = client.get(path, params={name: value})
    assert response.status_code == 422 and json_of(response)["detail"].startswith(f"{name}: ")


def _schema_of(doc: dict, ref_or_schema: dict) -> dict:
    ref = ref_or_schema.get("$ref", "")
    return doc["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else ref_or_schema


def test_every_answer_is_a_declared_model(client) -> None:
    doc = json_of(client.get("/openapi.json"))
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
            choices = ok.get("anyOf", [ok])
            for choice in choices:
                model = _schema_of(doc, choice)
                assert model.get("properties") and model.get("required"), (method, path, model)
            if path in LISTS:
                page = _schema_of(doc, ok)
                assert set(page["required"]) == PAGE_KEYS, path
                item = _schema_of(doc, page["properties"]["items"]["items"])
                assert item["properties"], path


def test_operation_ids_are_the_function_names(client) -> None:
    doc = json_of(client.get("/openapi.json"))
    ids = {op["operationId"] for ops in doc["paths"].values() for op in ops.values()}
    assert {"list_agreements", "get_agreement", "list_events", "get_event", "get_timeline", "list_actors",
            "get_actor", "get_network", "list_articles", "get_article", "list_duplicates", "list_refused",
            "post_upload", "get_upload_job", "list_commitments", "get_commitments_diff",
            "post_review", "post_review_merge", "post_review_split", "get_review_queue", "get_review_log",
            "get_review_stats", "list_alerts"} == ids


def test_the_agreement_model_is_precise(client) -> None:
    schemas = json_of(client.get("/openapi.json"))["components"]["schemas"]
    agreement = schemas["Agreement"]
    assert {"id", "parties", "fields", "evidence", "lifecycle", "signed", "ratified"} <= set(agreement["required"])
    assert agreement["properties"]["parties"] == {"type": "array", "items": {"type": "string"},
                                                  "title": "Parties", "description": "actor codes, e.g. AZE or NATO"}
    assert schemas["Lifecycle"]["properties"]["milestones"]["items"] == {"$ref": "#/components/schemas/Milestone"}
    assert {"start", "end", "kind", "label"} == set(schemas["Mention"]["required"])


def test_only_declared_keys_leave_the_server(client, fake_kb, monkeypatch) -> None:
    """A key the KB adds is not part of the contract until schemas.py declares it (nothing leaks)."""
    event = dict(fake_kb.event_records[0], stored_at="/srv/pactwatch/raw/greece-france.txt")
    monkeypatch.setattr(fake_kb, "event", lambda _id: event)
    body = json_of(client.get("/api/events/evt-frigates"))
    assert "stored_at" not in body and body["item"] == "frigates"


def test_an_answer_that_breaks_its_model_is_a_server_error(fake_kb, monkeypatch) -> None:
    from fastapi.testclient import TestClient

    from pactwatch.web import create_app

    monkeypatch.setattr(fake_kb, "event", lambda _id: {"id": "evt-x", "type": "visit"})
    response = TestClient(create_app(kb=fake_kb), raise_server_exceptions=False).get("/api/events/evt-x")
    assert response.status_code == 500
