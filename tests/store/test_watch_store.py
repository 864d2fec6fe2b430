"""What keeping watch stores (``pactwatch.store.watch`` through the KnowledgeBase): items seen per
source, each source's last answer, and alerts kept once by id and read back newest first, on
SQLite and (with $PACTWATCH_TEST_PG) PostgreSQL."""

from __future__ import annotations

import pytest

import pactwatch
from pactwatch.alerts import alert_id


def alert(kind: str, record: str, new: str, at: str, day: str | None = None) -> dict:
    return {"id": alert_id(kind, record, "status", new), "kind": kind, "at": at, "day": day or at[:10],
            "record_id": record, "record_kind": "agreement", "title": "Caspian Shield Agreement",
            "parties": ["AZE", "GEO"], "domain": "security", "field": "status", "old": None, "new": new,
            "party": None, "summary": f"{record} is {new}", "evidence": None, "provisions": ["defend"],
            "url": f"/agreements/{record}"}


def test_items_are_remembered_per_source_and_updated_in_place(db_url: str) -> None:
    kb = pactwatch.open(db_url)
    feed, other = "https://news.example.org/rss.xml", "drops/"
    assert kb.seen_items(feed) == {}
    kb.mark_seen(feed, "https://news.example.org/a", digest="d1", article_id="art-a", outcome="ingested",
                 fetched_at="2026-11-02T08:00:00Z")
    kb.mark_seen(feed, "tag:news.example.org,2026:b", digest=None, article_id=None, outcome="failed",
                 fetched_at="2026-11-02T08:00:01Z")
    kb.mark_seen(other, "x.txt", digest="d9", article_id="art-x", outcome="ingested", fetched_at="2026-11-02T08:00:02Z")
    assert kb.seen_items(feed) == {"https://news.example.org/a": "d1", "tag:news.example.org,2026:b": None}
    kb.mark_seen(feed, "tag:news.example.org,2026:b", digest="d2", article_id="art-b", outcome="ingested",
                 fetched_at="2026-11-02T09:00:00Z")
    assert kb.seen_items(feed)["tag:news.example.org,2026:b"] == "d2"
    assert kb.seen_items(other) == {"x.txt": "d9"}
    long_key = "https://news.example.org/" + "p" * 5000  # hostile lengths are keyed by digest
    kb.mark_seen(feed, long_key, digest="d3", article_id=None, outcome="refused", fetched_at="2026-11-02T09:00:01Z")
    assert kb.seen_items(feed)[long_key] == "d3"
    with pytest.raises(ValueError, match="unknown outcome 'lost': choose one of ingested, refused, failed"):
        kb.mark_seen(feed, "z", digest=None, article_id=None, outcome="lost", fetched_at="2026-11-02T09:00:02Z")
    kb.close()


def test_a_source_state_is_saved_and_replaced(db_url: str) -> None:
    kb = pactwatch.open(db_url)
    feed = "https://news.example.org/atom.xml"
    assert kb.source_state(feed) is None
    kb.save_source_state(feed, etag='"v1"', last_modified="Mon, 02 Nov 2026 08:00:00 GMT",
                         checked_at="2026-11-02T08:00:00Z", problem=None)
    kb.save_source_state(feed, etag=None, last_modified=None, checked_at="2026-11-02T08:15:00Z",
                         problem=f"{feed}: HTTP 500")
    assert kb.source_state(feed) == {"etag": None, "last_modified": None, "checked_at": "2026-11-02T08:15:00Z",
                                     "problem": f"{feed}: HTTP 500"}
    kb.close()


def test_each_alert_is_recorded_once_and_read_newest_first(db_url: str) -> None:
    kb = pactwatch.open(db_url)
    first = [alert("new_agreement", "agr-1", "signed", "2026-11-02T08:00:00Z"),
             alert("new_agreement", "agr-2", "signed", "2026-11-02T08:00:00Z")]
    assert kb.record_changes(first) == first
    later = [alert("status_changed", "agr-1", "ratified", "2026-11-03T09:00:00Z"),
             alert("new_agreement", "agr-1", "signed", "2026-11-03T09:00:00Z")]  # the same change, detected again
    assert [a["id"] for a in kb.record_changes(later)] == [later[0]["id"]]
    assert kb.record_changes([]) == []
    assert [a["record_id"] for a in kb.changes()] == ["agr-1", "agr-2", "agr-1"]
    assert kb.changes()[0] == later[0]
    assert kb.count_changes() == 3
    assert kb.count_changes(since="2026-11-03") == 1
    assert kb.count_changes(since="2026-11-03T10:00:00+02:00") == 1  # 08:00 UTC
    assert kb.count_changes(since="2026-11-03T09:00:01Z") == 0
    assert kb.count_changes(kind="new_agreement") == 2
    assert [a["record_id"] for a in kb.changes(kind="new_agreement", limit=1, offset=1)] == ["agr-1"]
    with pytest.raises(ValueError, match="unknown kind 'ratify': choose one of new_agreement"):
        kb.changes(kind="ratify")
    with pytest.raises(ValueError, match="since must be an ISO day or time"):
        kb.count_changes(since="last tuesday")
    kb.close()
