"""The API and pages over the real knowledge base built from the sample corpus (``sample/``).

Exact values live in the fake-KB tests; here every list must resolve to its records, and every
evidence link of every agreement must land on an anchored sentence holding its quote verbatim.
"""

from __future__ import annotations

from urllib.parse import quote

from conftest import json_of

HTML = {"accept": "text/html"}


def all_items(client, path: str) -> list[dict]:
    return json_of(client.get(path, params={"limit": 500}))["items"]


def test_sample_corpus_gives_agreements_events_actors_and_duplicates(sample_client) -> None:
    body = json_of(sample_client.get("/api/agreements"))
    assert body["total"] >= 5 and len(body["items"]) == min(body["total"], 50)
    assert len(all_items(sample_client, "/api/events")) >= 3
    codes = {a["code"] for a in json_of(sample_client.get("/api/actors"))["items"]}
    assert {"AZE", "TUR", "FIN", "NATO"} <= codes
    duplicates = json_of(sample_client.get("/api/duplicates"))["items"]
    clusters = {frozenset(a["id"] for a in c["articles"]) for c in duplicates}
    assert {"shusha-declaration", "shusha-declaration-copy", "shusha-declaration-reworded"} in clusters
    assert {"finland-joins-nato", "finland-joins-nato-mirror"} in clusters
    assert json_of(sample_client.get("/api/network"))["edges"]
    assert json_of(sample_client.get("/api/timeline"))["items"]


def test_every_listed_record_resolves_and_renders(sample_client) -> None:
    for a in all_items(sample_client, "/api/agreements"):
        assert json_of(sample_client.get(f"/api/agreements/{quote(a['id'], safe='')}"))["id"] == a["id"]
        assert sample_client.get(f"/agreements/{quote(a['id'], safe='')}", headers=HTML).status_code == 200
    for e in all_items(sample_client, "/api/events"):
        assert json_of(sample_client.get(f"/api/events/{quote(e['id'], safe='')}"))["id"] == e["id"]
    for actor in json_of(sample_client.get("/api/actors"))["items"]:
        assert sample_client.get(f"/actors/{quote(actor['code'], safe='')}", headers=HTML).status_code == 200
    for article in all_items(sample_client, "/api/articles"):
        assert sample_client.get(f"/articles/{quote(article['id'], safe='')}", headers=HTML).status_code == 200
    for path in ("/agreements", "/events", "/timeline", "/network", "/actors", "/articles",
                 "/agreements?as_of=2024-01-01&sort=title&desc=1", "/network?domain=security&as_of=2024-01-01"):
        assert sample_client.get(path, headers=HTML).status_code == 200, path


def test_every_evidence_link_lands_on_its_sentence(sample_client) -> None:
    checked = 0
    for a in all_items(sample_client, "/api/agreements"):
        record = json_of(sample_client.get(f"/api/agreements/{quote(a['id'], safe='')}"))
        for ev in record["evidence"]:
            article = json_of(sample_client.get(f"/api/articles/{quote(ev['article_id'], safe='')}"))
            assert article["text"][ev["start"]:ev["end"]] == ev["quote"]
            page = sample_client.get(f"/articles/{quote(ev['article_id'], safe='')}", headers=HTML).text
            assert f'id="s-{ev["start"]}"' in page
            checked += 1
    assert checked >= 10


def test_unknown_ids_and_bad_filters_on_the_real_kb(sample_client) -> None:
    for path in ("/api/agreements/nope", "/api/events/nope", "/api/actors/ZZZ", "/api/articles/nope"):
        assert sample_client.get(path).status_code == 404, path
    assert sample_client.get("/api/agreements", params={"domain": "navy"}).status_code == 422
    assert sample_client.get("/api/agreements", params={"as_of": "2024-02-31"}).status_code == 422
    assert sample_client.get("/api/agreements", params={"party": "ZZZ"}).status_code in (200, 422)
