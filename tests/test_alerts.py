"""``pactwatch.alerts`` on hand-made merged records: what ``detect`` says between two snapshots,
``notice_due`` on a simulated clock, and a rule's filters (``matches``)."""

from __future__ import annotations

from typing import Any

import pytest

from pactwatch.alerts import ALERT_KINDS, check_kinds, check_since, detect, matches, notice_due, snapshot_of, stamp

NOW = "2026-11-03T09:15:00Z"


def value(v: Any, article: str, quote: str) -> dict[str, Any]:
    return {"value": v, "articles": [article], "evidence": [{"article_id": article, "field": "x", "quote": quote,
                                                               "start": 0, "end": len(quote)}]}


def record(rid: str = "agr-1", docs: tuple[str, ...] = ("a",), status: str = "signed", **shown: Any) -> dict:
    """A merged record (the merge's ``to_json`` shape) whose every shown value has one sentence."""
    out: dict[str, Any] = {"id": rid, "title": "Caspian Shield Agreement", "parties": ["AZE", "GEO"],
                           "domain": "security", "status": status, "signed": "2020-03-01", "ratified": {},
                           "in_force": None, "ended": None, "duration_years": None, "renewal": None,
                           "termination_notice_months": None, "provisions": ["mutual_defense"],
                           "obligations": [{"kind": "defend"}], "documents": list(docs)}
    out.update(shown)
    fields = {name: {"shown": out[name], "conflict": False, "values": [value(out[name], docs[-1], f"{name} said")]}
              for name in ("title", "status", "signed", "in_force", "ended", "termination_notice_months")
              if out[name] is not None}
    for party, day in out["ratified"].items():
        fields[f"ratified.{party}"] = {"shown": day, "conflict": False,
                                       "values": [value(day, docs[-1], f"{party} ratified")]}
    out["fields"] = fields
    return out


def changes(before: list[dict], after: list[dict]) -> list[tuple[str, str | None, Any]]:
    return [(a["kind"], a["field"], a["new"]) for a in detect(snapshot_of(before), snapshot_of(after), now=NOW)]


def test_a_new_record_is_one_new_agreement_and_the_same_state_is_no_change() -> None:
    [alert] = detect({}, snapshot_of([record()]), now=NOW)
    assert alert["kind"] == "new_agreement" and alert["at"] == NOW and alert["day"] == "2020-03-01"
    assert alert["id"].startswith("chg-") and len(alert["id"]) == 20
    assert alert["provisions"] == ["defend", "mutual_defense"] and alert["url"] == "/agreements/agr-1"
    assert alert["evidence"] == {"quote": "title said", "article_id": "a", "source": None}
    assert changes([record()], [record()]) == []
    again = detect({}, snapshot_of([record()]), now="2027-01-01T00:00:00Z")[0]
    assert again["id"] == alert["id"] and again["at"] != alert["at"]  # the same change, the same id


def test_a_record_whose_id_changed_is_matched_by_its_articles() -> None:
    before = [record("agr-old", ("a",))]
    after = [record("agr-new", ("a", "b"), status="ratified", title="Caspian Shield Agreement of Baku",
                    ratified={"GEO": "2020-06-10"})]
    found = detect(snapshot_of(before), snapshot_of(after), now=NOW)
    assert [(a["kind"], a["record_id"]) for a in found] == [("status_changed", "agr-new"), ("ratified", "agr-new")]
    assert changes(before, [record("agr-other", ("c",))]) == [("new_agreement", None, "signed")]


def test_each_party_s_ratification_alerts_and_the_last_one_says_so() -> None:
    before = [record(ratified={"AZE": "2020-05-01"}, status="ratified")]
    after = [record(ratified={"AZE": "2020-05-01", "GEO": "2020-06-10"}, status="ratified")]
    [alert] = detect(snapshot_of(before), snapshot_of(after), now=NOW)
    assert (alert["kind"], alert["party"], alert["day"]) == ("ratified", "GEO", "2020-06-10")
    assert alert["summary"] == ("Georgia ratified the Caspian Shield Agreement (2020-06-10); every party (2) has "
                                "now ratified it")
    two = changes([record()], [record(ratified={"AZE": None, "GEO": "2020-06-10"}, status="ratified")])
    assert two == [("status_changed", "status", "ratified"), ("ratified", "ratified.AZE", None),
                   ("ratified", "ratified.GEO", "2020-06-10")]


def test_entry_into_force_and_an_end_with_or_without_a_date() -> None:
    assert changes([record()], [record(status="in_force")]) == [("status_changed", "status", "in_force"),
                                                                ("in_force", "status", "in_force")]
    assert changes([record(status="in_force")], [record(status="in_force", in_force="2020-07-01")]) == []
    assert changes([record(status="in_force")], [record(status="expired")]) == [
        ("status_changed", "status", "expired"), ("terminated", "status", "expired")]
    ended = detect(snapshot_of([record()]), snapshot_of([record(status="terminated", ended="2024-05-02")]), now=NOW)
    assert ended[1]["summary"] == "Caspian Shield Agreement terminated (2024-05-02)" and ended[1]["day"] == "2024-05-02"


def test_a_contradicting_value_is_a_conflict_and_a_more_precise_one_is_not() -> None:
    before = record()
    disputed = record(docs=("a", "b"))
    disputed["fields"]["signed"] = {"shown": "2020-03-01", "conflict": True, "values": [
        value("2020-03-01", "a", "signed on 1 March"), value("2020-03-03", "b", "signed on 3 March")]}
    [alert] = detect(snapshot_of([before]), snapshot_of([disputed]), now=NOW)
    assert (alert["kind"], alert["field"], alert["old"], alert["new"]) == ("conflict", "signed", "2020-03-01",
                                                                          "2020-03-03")
    assert alert["evidence"]["quote"] == "signed on 3 March" and alert["day"] == NOW[:10]
    vague = record(signed="2020")
    finer = record(docs=("a", "b"), signed="2020")
    finer["fields"]["signed"] = {"shown": "2020-03-01", "conflict": True, "values": [
        value("2020-03-01", "b", "1 March"), value("2020", "a", "2020"), value("2021", "c", "2021")]}
    assert changes([vague], [finer]) == [("conflict", "signed", "2021")]  # 2020-03-01 refines 2020


def test_notice_due_fires_from_the_first_day_its_deadline_is_in_the_window() -> None:
    term = record(status="in_force", in_force="2020-03-01", duration_years=5, termination_notice_months=6,
                  renewal={"automatic": True, "period_years": 5})
    assert notice_due([term], "2024-05-03", 120, now=NOW) == []
    [alert] = notice_due([term], "2024-05-04", 120, now=NOW)
    assert (alert["kind"], alert["day"], alert["new"]) == ("notice_due", "2024-09-01", "2024-09-01")
    assert notice_due([term], "2024-09-01", 0, now=NOW)[0]["id"] == alert["id"]
    assert notice_due([term], "2024-09-02", 120, now=NOW) == []
    assert notice_due([record(status="in_force", in_force="2020-03-01", duration_years=5)], "2024-05-04", 365) == []
    with pytest.raises(ValueError, match="within_days must be a whole number"):
        notice_due([term], "2024-05-04", -1)


def test_a_rule_s_filters() -> None:
    [alert] = detect({}, snapshot_of([record()]), now=NOW)
    assert matches(alert) and matches(alert, when=["new_agreement"], party=["geo"], domain="security",
                                      kind=["defend"])
    assert not matches(alert, when=["ratified", "in_force"])
    assert not matches(alert, party=["TUR"]) and not matches(alert, domain=["trade"])
    assert matches(alert, kind="mutual_defense") and not matches(alert, kind=["consult"])
    assert check_kinds(["ratified"]) == ["ratified"] and set(ALERT_KINDS) >= set(check_kinds(ALERT_KINDS))
    with pytest.raises(ValueError, match="unknown alert kind 'ratification' in when: choose from new_agreement"):
        check_kinds(["ratification"])


def test_times_are_utc_strings() -> None:
    assert stamp("2026-11-03T10:15:00+01:00") == "2026-11-03T09:15:00Z"
    assert check_since("2026-11-03") == "2026-11-03T00:00:00Z" and check_since(None) is None
    with pytest.raises(ValueError, match="since must be an ISO day or time"):
        check_since("yesterday")
