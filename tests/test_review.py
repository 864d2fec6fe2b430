"""Reviewers' decisions (``pactwatch.store.reviews`` through ``KnowledgeBase.review*``): they win over the
extracted values, last through ingest, reextract and rebuild, flag disagreeing new evidence, and
bad input changes nothing. The fake extractor of ``tests/store/kb_helpers.py`` makes every
extracted value exact."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from kb_helpers import fake_extract as _base_extract

import pactwatch
from pactwatch.article import Article
from pactwatch.facts import ArticleFacts, Evidence

TERM = re.compile(r"It runs for (\d+) years\.")


def fake_extract(art: Article) -> ArticleFacts:
    """kb_helpers' fake extractor, plus "It runs for N years." as every agreement's duration."""
    facts = _base_extract(art)
    found = TERM.search(art.text)
    if found:
        for a in facts.agreements:
            a.duration_years = float(found.group(1))
            a.evidence.append(Evidence("duration_years", found.group(0), found.start(), found.end()))
    return facts


fake_extract.version = "fake-review-1"  # type: ignore[attr-defined]

PACT = "AZE and TUR signed the Shusha Declaration on 2021-06-15."
KARS = "AZE and TUR signed the Kars Accord on 2022-01-10."
DRILL = "AZE and PAK held exercise Three Brothers on 2021-09-12."


def article(name: str, text: str, day: str = "2021-10-01") -> Article:
    return Article(name, text, f"tests/{name}.txt", day, None, name.title())


def new_kb(tmp_path: Path) -> pactwatch.kb.KnowledgeBase:
    kb = pactwatch.open(f"sqlite:///{tmp_path / 'review.db'}", extractor=fake_extract)
    kb.ingest_articles([article("baku", f"Leaders met in Baku this week. {PACT} Azerbaijan called it historic."),
                        article("drills", f"{DRILL} Pakistan sent two ships to the Caspian.")])
    return kb


def only_agreement(kb: pactwatch.kb.KnowledgeBase, title: str = "Shusha Declaration") -> dict:
    found = [a for a in kb.agreements(limit=None) if a["title"] == title]
    assert len(found) == 1, found
    return kb.agreement(found[0]["id"])


def test_decisions_win_and_survive_ingest_reextract_and_rebuild(tmp_path: Path) -> None:
    kb = new_kb(tmp_path)
    record = only_agreement(kb)
    queue_before = kb.count_review_queue()
    assert any(q["record_id"] == record["id"] and q["field"] == "signed" for q in kb.review_queue(limit=None))

    kb.review("set", record["id"], "signed", reviewer="ann", value="2021-06-16", note="the ceremony was a day later")
    kb.review("reject", record["id"], "parties", party="TUR", reviewer="bob")
    kb.review("accept", record["id"], "title", reviewer="ann")
    kb.review("set", record["id"], "duration_years", reviewer="ann", value=5)
    assert kb.count_review_queue() < queue_before
    assert not any(q["record_id"] == record["id"] and q["field"] in ("signed", "title")
                   for q in kb.review_queue(limit=None))

    def check(kb: pactwatch.kb.KnowledgeBase) -> dict:
        shown = only_agreement(kb)
        assert shown["signed"] == "2021-06-16"
        assert shown["fields"]["signed"]["reviewed"]["by"] == "ann"
        assert shown["fields"]["signed"]["reviewed"]["action"] == "set"
        assert shown["fields"]["signed"]["confidence"] == (0.5 if shown["needs_review"] else 1.0)
        assert shown["parties"] == ["AZE"]
        assert shown["fields"]["title"]["reviewed"]["action"] == "accept"
        assert shown["duration_years"] == 5
        assert kb.agreements(party="TUR") == []  # the filter columns follow the reviewed values
        return shown

    check(kb)
    # a second source agreeing with the extracted date (but not the reviewed one) arrives
    kb.ingest_articles([article("ankara", f"Ankara welcomed the news. {PACT} Turkey's parliament will debate it.")])
    shown = check(kb)
    assert sorted(shown["documents"]) == ["ankara", "baku"]
    assert shown["needs_review"] == ["signed"] and shown["fields"]["signed"]["needs_review"] is True
    kb.reextract(everything=True)
    check(kb)
    kb.rebuild()
    check(kb)
    entries = kb.review_log()
    assert [(e["reviewer"], e["action"], e["field"]) for e in entries] == [
        ("ann", "set", "signed"), ("bob", "reject", "parties"), ("ann", "accept", "title"),
        ("ann", "set", "duration_years")]
    assert entries[0]["old"] == "2021-06-15" and entries[0]["new"] == "2021-06-16"
    assert entries[0]["note"] == "the ceremony was a day later" and entries[0]["record"] == record["id"]
    assert (entries[1]["party"], entries[1]["old"], entries[1]["new"]) == ("TUR", ["AZE", "TUR"], ["AZE"])
    assert set(entries[0]) >= {"reviewer", "at", "record", "field", "action", "old", "new", "note"}
    kb.close()
    reopened = pactwatch.open(kb.url, extractor=fake_extract)  # migrations run again on open
    check(reopened)
    reopened.close()


def test_a_conflicting_new_article_flags_the_reviewed_value_and_a_new_decision_clears_it(tmp_path: Path) -> None:
    kb = new_kb(tmp_path)
    record = only_agreement(kb)
    kb.review("set", record["id"], "duration_years", value=5, reviewer="ann")
    kb.ingest_articles([article("same", f"Ankara agreed. {PACT} It runs for 5 years.")])
    assert only_agreement(kb)["needs_review"] == []  # agreeing evidence flags nothing
    kb.ingest_articles([article("late", f"Reports differ. {PACT} It runs for 10 years.")])
    shown = only_agreement(kb)
    assert shown["duration_years"] == 5  # never silently overwritten
    assert shown["needs_review"] == ["duration_years"]
    flagged = [q for q in kb.review_queue(limit=None) if q["record_id"] == shown["id"]
               and q["field"] == "duration_years"]
    assert flagged and flagged[0] == kb.review_queue()[0]  # re-review comes first
    assert [e["article_id"] for e in flagged[0]["evidence"]] == ["late"]
    kb.review("accept", shown["id"], "duration_years", reviewer="bob", note="10 is the renewal term")
    again = only_agreement(kb)
    assert again["needs_review"] == [] and again["duration_years"] == 5
    kb.reextract(everything=True)
    assert only_agreement(kb)["needs_review"] == []
    kb.close()


def test_reject_shows_the_next_best_value_or_none(tmp_path: Path) -> None:
    kb = new_kb(tmp_path)
    record = only_agreement(kb)
    kb.review("reject", record["id"], "signed", reviewer="ann")
    assert only_agreement(kb)["signed"] is None
    kb.ingest_articles([article("vague", "In June AZE and TUR signed the Shusha Declaration on 2021-06-15. More.")])
    shown = only_agreement(kb)
    assert shown["signed"] is None  # the rejected value stays rejected, whoever repeats it
    assert shown["needs_review"] == ["signed"]  # but the reviewer is asked to look again
    kb.review("reject", record["id"], "signed", reviewer="bob")
    kb.reextract(everything=True)
    assert only_agreement(kb)["needs_review"] == [] and only_agreement(kb)["signed"] is None
    kb.close()


def test_bad_input_raises_and_changes_nothing(tmp_path: Path) -> None:
    kb = new_kb(tmp_path)
    record = only_agreement(kb)
    event = kb.events()[0]
    before = (json.dumps(kb.agreement(record["id"]), sort_keys=True), kb.review_log())
    bad = [
        (("accept", "agr-nope", "signed"), {}, "no agreement or event"),
        (("accept", record["id"], "colour"), {}, "allowed: parties"),
        (("accept", event["id"], "signed"), {}, "for an event"),
        (("reject", record["id"], "parties"), {"party": "XYZ"}, "not an actor code"),
        (("reject", record["id"], "parties"), {"party": "PAK"}, "not among the parties"),
        (("set", record["id"], "signed"), {"value": "2021-13-01"}, "not a date"),
        (("set", record["id"], "signed"), {"value": "15 June 2021"}, "not a date"),
        (("set", record["id"], "duration_years"), {"value": "five"}, "not a number"),
        (("set", record["id"], "parties"), {"value": "AZE"}, "list of actor codes"),
        (("set", record["id"], "parties"), {"value": ["AZE", "QQQ"]}, "not an actor code"),
        (("set", record["id"], "domain"), {"value": "space"}, "one of security"),
        (("set", record["id"], "ratified"), {"value": "2021-07-01"}, "needs a party"),
        (("accept", record["id"], "in_force"), {}, "shows no in_force"),
        (("approve", record["id"], "signed"), {}, "unknown action"),
        (("accept", record["id"], "signed"), {"reviewer": " "}, "reviewer"),
        (("accept", record["id"], "signed"), {"value": "2021-06-15"}, "takes no value"),
    ]
    for args, options, message in bad:
        options = {"reviewer": "ann", **options}
        with pytest.raises(ValueError, match=message):
            kb.review(*args, **options)
    with pytest.raises(ValueError, match="not among the documents"):
        kb.review_split(record["id"], "drills", reviewer="ann")
    with pytest.raises(ValueError, match="only records of one kind"):
        kb.review_merge(record["id"], event["id"], reviewer="ann")
    assert (json.dumps(kb.agreement(record["id"]), sort_keys=True), kb.review_log()) == before
    kb.close()


def test_party_ratification_and_event_fields(tmp_path: Path) -> None:
    kb = new_kb(tmp_path)
    record = only_agreement(kb)
    kb.review("set", record["id"], "ratified", party="AZE", value="2021-07-01", reviewer="ann")
    assert only_agreement(kb)["ratified"] == {"AZE": "2021-07-01"}
    event = kb.events()[0]
    kb.review("set", event["id"], "location", value="Baku", reviewer="ann")
    kb.review("set", event["id"], "participants", value=["AZE", "PAK", "TUR"], reviewer="ann")
    kb.rebuild()
    shown = kb.event(kb.events()[0]["id"])
    assert shown["location"] == "Baku" and shown["participants"] == ["AZE", "PAK", "TUR"]
    assert shown["fields"]["location"]["reviewed"]["by"] == "ann"
    kb.close()


def test_merge_and_split_persist(tmp_path: Path) -> None:
    kb = new_kb(tmp_path)
    kb.ingest_articles([article("kars", f"In Kars today. {KARS} Officials praised it."),
                        article("ankara", f"Ankara welcomed the news. {PACT} Turkey's parliament will debate it.")])
    shusha, kars = only_agreement(kb), only_agreement(kb, "Kars Accord")
    assert sorted(shusha["documents"]) == ["ankara", "baku"]
    kb.review_split(shusha["id"], "ankara", reviewer="ann", note="a different declaration")
    baku = next(r for r in kb.agreements(limit=None) if kb.agreement(r["id"])["documents"] == ["baku"])
    kb.review_merge(baku["id"], kars["id"], reviewer="bob")

    def check() -> None:
        docs = sorted(sorted(a["documents"]) for a in (kb.agreement(r["id"]) for r in kb.agreements(limit=None)))
        assert docs == [["ankara"], ["baku", "kars"]]

    check()
    kb.reextract(everything=True)
    check()
    kb.ingest_articles([article("more", "Nothing about agreements here, only weather in Baku.")])
    check()
    assert [e["action"] for e in kb.review_log()] == ["split", "merge"]
    kb.close()


def test_confidence_and_queue_shape(tmp_path: Path) -> None:
    kb = new_kb(tmp_path)
    record = only_agreement(kb)
    assert record["fields"]["signed"]["confidence"] == 0.7  # one direct source
    assert record["fields"]["signed"]["values"][0]["confidence"] == 0.7
    kb.ingest_articles([article("ankara", f"Ankara welcomed the news. {PACT} Turkey's parliament will debate it.")])
    assert only_agreement(kb)["fields"]["signed"]["confidence"] == 0.91  # two agree
    kb.ingest_articles([article("five", f"One says. {PACT} It runs for 5 years."),
                        article("ten", f"Another says. {PACT} It runs for 10 years.")])
    fields = only_agreement(kb)["fields"]["duration_years"]
    assert fields["conflict"] and fields["confidence"] == round(0.7 * 1 / 2, 2)  # one source against one
    items = kb.review_queue(limit=None)
    assert items and all(set(q) == {"record_id", "record_kind", "title", "field", "party", "value", "confidence",
                                    "reasons", "evidence"} for q in items)
    term = next(q for q in items if q["field"] == "duration_years")
    assert "conflicting values" in term["reasons"] and term["evidence"]
    assert [q["confidence"] for q in items] == sorted(q["confidence"] for q in items)
    assert kb.count_review_queue() == len(items) and kb.review_queue(limit=1, offset=1) == items[1:2]
    kb.close()


def test_stats_and_reviewed_export(tmp_path: Path) -> None:
    kb = new_kb(tmp_path)
    record = only_agreement(kb)
    event = kb.events()[0]
    kb.review("accept", record["id"], "signed", reviewer="ann")
    kb.review("accept", record["id"], "title", reviewer="ann")
    kb.review("set", record["id"], "domain", value="trade", reviewer="ann")
    kb.review("reject", event["id"], "date", reviewer="ann")
    kb.review("set", record["id"], "in_force", value="2021-08-01", reviewer="ann")  # nothing extracted: added
    stats = kb.review_stats()
    assert stats["fields"]["signed"] == {"accepted": 1, "rejected": 0, "changed": 0, "added": 0, "precision": 1.0}
    assert stats["fields"]["domain"]["changed"] == 1 and stats["fields"]["domain"]["precision"] == 0.0
    assert stats["fields"]["date"]["rejected"] == 1
    assert stats["fields"]["in_force"] == {"accepted": 0, "rejected": 0, "changed": 0, "added": 1, "precision": None}
    assert stats["total"]["precision"] == 0.5
    out = tmp_path / "reviewed.jsonl"
    assert kb.export("reviewed", out) == 2
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["record_kind"] for r in rows} == {"agreement", "event"}
    agreement = next(r for r in rows if r["record_kind"] == "agreement")
    assert agreement["domain"] == "trade" and agreement["reviewed"]["domain"]["by"] == "ann"
    assert agreement["evidence"]
    kb.close()


def test_provisions_and_records_merged_before_reviews(tmp_path: Path) -> None:
    from sqlalchemy import select, update

    from pactwatch.store import models as m

    kb = new_kb(tmp_path)
    record = only_agreement(kb)
    kb.review("set", record["id"], "provisions", value=["mutual_defense", "training"], reviewer="ann")
    assert only_agreement(kb)["provisions"] == ["mutual_defense", "training"]
    kb.review("reject", record["id"], "provisions", reviewer="ann")
    kb.rebuild()
    assert only_agreement(kb)["provisions"] == []
    with pytest.raises(ValueError, match="list of provision codes"):
        kb.review("set", record["id"], "provisions", value=["telepathy"], reviewer="ann")
    # a record stored by an older version (no confidence, no needs_review) reads as reviewable
    table = m.MergedEvent.__table__
    with kb.engine.begin() as conn:
        stored = dict(conn.execute(select(table.c.record)).scalar_one())
        stored.pop("needs_review", None)
        for f in stored["fields"].values():
            f.pop("confidence", None)
            for v in f["values"]:
                v.pop("confidence", None)
        conn.execute(update(table).values(record=stored))
    shown = kb.event(stored["id"])
    assert shown["needs_review"] == [] and shown["fields"]["date"]["confidence"] == 0.7
    kb.review("accept", stored["id"], "date", reviewer="ann")
    assert kb.event(stored["id"])["fields"]["date"]["reviewed"]["by"] == "ann"
    kb.close()
