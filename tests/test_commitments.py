"""Commitments on a date from merged records built by hand (no NLP, no database): directed rows,
their conditions, whether they hold, organisations and their members, filters, the diff."""

from __future__ import annotations

import pytest

from pactwatch.commitments import (
    accession_org,
    commitment_rows,
    commitments,
    commitments_diff,
    memberships,
    organisations,
)
from pactwatch.facts import Agreement, Condition, Evidence, Obligation
from pactwatch.merge import SourcedAgreement, merge_agreements


def duty(kind: str, by: list[str], to: list[str], quote: str, *conditions: tuple[str, str]) -> Obligation:
    return Obligation(kind, by, to, [Condition(t, q) for t, q in conditions],
                      Evidence("obligations", quote, 5, 5 + len(quote)))


def record(article: str, agreement: Agreement) -> dict:
    return merge_agreements([SourcedAgreement(article, f"c-{article}", None, agreement)])[0].to_json()


# Invented agreements, in our own words.
MUTUAL = record("a-mutual", Agreement(
    ["KEN", "TZA"], title="Treaty of Mutual Aid", status="in_force", signed="2020-02-01", in_force="2020-06-01",
    obligations=[duty("defend", ["KEN", "TZA"], ["KEN", "TZA"], "Each will aid the other if attacked.",
                      ("after_consultation", "troops move only after the two cabinets have conferred"))]))
GUARANTEE = record("a-guarantee", Agreement(
    ["BWA", "NAM"], title="Guarantee Treaty", status="in_force", in_force="2022-03-01", obligations=[
        duty("defend", ["NAM"], ["BWA"], "Namibia will defend Botswana when asked.",
             ("on_request", "when Gaborone asks")),
        duty("consult", ["BWA"], ["NAM"], "Botswana consults Windhoek when threatened.")]))
ENDED = record("a-ended", Agreement(
    ["FJI", "TON"], title="Pacific Defence Treaty", status="terminated", in_force="2010-01-01", ended="2021-07-01",
    obligations=[duty("defend", ["FJI", "TON"], ["FJI", "TON"], "Each defends the other.")]))
SIGNED = record("a-signed", Agreement(
    ["CHL", "PER"], title="Andean Defence Treaty", status="signed", signed="2026-10-02",
    obligations=[duty("defend", ["CHL", "PER"], ["CHL", "PER"], "Each defends the other.")]))
PROPOSED = record("a-proposed", Agreement(
    ["MNG", "KOR"], title="defence pact", status="proposed",
    obligations=[duty("defend", ["KOR", "MNG"], ["KOR", "MNG"], "The pact would bind each to defend the other.")]))
FIN_JOINS = record("a-fin", Agreement(
    ["FIN", "NATO"], status="in_force", in_force="2023-04-04",
    evidence=[Evidence("in_force", "Finland joined NATO on 4 April 2023.", 0, 36)]))
SWE_JOINS = record("a-swe", Agreement(["NATO", "SWE"], status="in_force", in_force="2024-03-07"))
COL_NATO = record("a-col", Agreement(["COL", "NATO"], status="signed", provisions=["intelligence"]))
EU_TRADE = record("a-nzl", Agreement(["EU", "NZL"], title="free trade agreement", domain="trade",
                                     status="in_force", in_force="2024-05-01"))
RECORDS = [MUTUAL, GUARANTEE, ENDED, SIGNED, PROPOSED, FIN_JOINS, SWE_JOINS, COL_NATO, EU_TRADE]


def rows_of(rows: list[dict], agreement: dict | None = None) -> list[tuple]:
    return [(r["by"], r["to"], r["kind"], r["conditions"], r["holds_as_of"]) for r in rows
            if agreement is None or r["agreement_id"] == agreement["id"]]


def test_a_mutual_duty_gives_one_row_per_direction_with_its_conditions_and_evidence() -> None:
    rows = [r for r in commitments(RECORDS, "2026-12-01") if r["agreement_id"] == MUTUAL["id"]]
    assert rows_of(rows) == [("KEN", "TZA", "defend", ["after_consultation"], True),
                             ("TZA", "KEN", "defend", ["after_consultation"], True)]
    row = rows[0]
    assert row["conditional"] is True and row["agreement_title"] == "Treaty of Mutual Aid" and row["via"] is None
    assert row["evidence"] == [{"article_id": "a-mutual", "quote": "Each will aid the other if attacked.",
                                "start": 5, "end": 41}]
    assert row["condition_details"][0]["quote"].startswith("troops move only after")
    assert row["begins"] == "2020-06-01" and row["ends"] is None and "entered into force 2020-06-01" in row["why"]


def test_a_guarantee_runs_one_way_and_the_return_duty_is_its_own_kind() -> None:
    assert rows_of(commitments(RECORDS, "2026-12-01"), GUARANTEE) == [
        ("BWA", "NAM", "consult", [], True), ("NAM", "BWA", "defend", ["on_request"], True)]


def test_nothing_binds_before_entry_into_force() -> None:
    assert {r[4] for r in rows_of(commitments(RECORDS, "2020-05-31"), MUTUAL)} == {False}
    why = commitments(RECORDS, "2020-05-31", party="KEN")[0]["why"]
    assert why.startswith("not yet in force: enters into force 2020-06-01")


def test_a_terminated_agreement_binds_no_one_after_its_end() -> None:
    assert {r[4] for r in rows_of(commitments(RECORDS, "2026-12-01"), ENDED)} == {False}
    assert {r["ends"] for r in commitments(RECORDS, "2026-12-01", party="FJI")} == {"2021-07-01"}


def test_a_terminated_agreement_bound_its_parties_until_its_end() -> None:
    assert {r[4] for r in rows_of(commitments(RECORDS, "2019-06-01"), ENDED)} == {True}
    assert {r[4] for r in rows_of(commitments(RECORDS, "2021-07-01"), ENDED)} == {False}


def test_signed_but_not_in_force_is_unknown_with_the_reason_and_proposed_binds_no_one() -> None:
    signed = [r for r in commitments(RECORDS, "2026-12-01") if r["agreement_id"] == SIGNED["id"]]
    assert [r["holds_as_of"] for r in signed] == [None, None]
    assert signed[0]["why"].startswith("no entry-into-force date known (signed 2026-10-02")
    assert [r["holds_as_of"] for r in commitments(RECORDS, "2026-09-01", party="CHL")] == [False, False]
    proposed = [r for r in commitments(RECORDS, "2026-12-01") if r["agreement_id"] == PROPOSED["id"]]
    assert [r["holds_as_of"] for r in proposed] == [False, False]
    assert proposed[0]["why"].startswith("only proposed")


def test_an_accession_binds_the_state_to_and_by_the_organisation_from_its_day() -> None:
    assert rows_of(commitments(RECORDS, "2023-06-01", party="NATO")) == [
        ("FIN", "NATO", "defend", [], True), ("NATO", "FIN", "defend", [], True),
        ("NATO", "SWE", "defend", [], False), ("SWE", "NATO", "defend", [], False)]
    fin = commitments(RECORDS, "2023-06-01", party="FIN")[0]
    assert fin["evidence"] == [{"article_id": "a-fin", "quote": "Finland joined NATO on 4 April 2023.",
                                "start": 0, "end": 36}]
    assert fin["why"].startswith("accession to NATO (North Atlantic Treaty, Article 5): entered into force")
    assert fin["agreement_title"] == "accession of Finland to NATO" and fin["begins"] == "2023-04-04"
    assert {r[4] for r in rows_of(commitments(RECORDS, "2024-03-07"), SWE_JOINS)} == {True}


def test_state_organisation_records_of_another_kind_are_no_accession() -> None:
    assert accession_org(COL_NATO) is None and accession_org(EU_TRADE) is None
    assert accession_org(record("x", Agreement(["GEO", "NATO"], title="Substantial NATO-Georgia Package"))) is None
    assert accession_org(FIN_JOINS).code == "NATO"
    assert accession_org(record("x", Agreement(["MKD", "NATO"], title="accession protocol"))).code == "NATO"
    assert commitments(RECORDS, "2026-12-01", party="COL") == [] and commitments(RECORDS, party="NZL") == []


def test_expanding_members_spreads_the_organisation_duties_to_member_pairs() -> None:
    rows = commitments(RECORDS, "2023-06-01", party="FIN", expand_members=True)
    by_pair = {(r["by"], r["to"], r["via"]): r for r in rows}
    assert by_pair[("FIN", "SWE", "NATO")]["holds_as_of"] is False  # Sweden joined in 2024
    assert by_pair[("FIN", "NOR", "NATO")]["holds_as_of"] is True
    assert by_pair[("FIN", "NOR", "NATO")]["agreement_title"] == "North Atlantic Treaty, Article 5"
    assert by_pair[("FIN", "NOR", "NATO")]["agreement_id"] is None
    assert by_pair[("FIN", "SWE", "EU")]["holds_as_of"] is True  # both EU members since 1995
    assert by_pair[("FIN", "NATO", None)]["agreement_id"] == FIN_JOINS["id"]  # the news record, not the table
    assert ("FIN", "NATO", "NATO") not in by_pair
    later = {(r["by"], r["to"], r["via"]): r for r in commitments(RECORDS, "2024-06-01", party="FIN",
                                                                   expand_members=True)}
    assert later[("FIN", "SWE", "NATO")]["holds_as_of"] is True
    assert later[("FIN", "SWE", "NATO")]["begins"] == "2024-03-07"
    assert not any(r["via"] for r in commitments(RECORDS, "2024-06-01", party="FIN"))


def test_the_eu_clause_binds_only_from_the_lisbon_treaty_and_leavers_stop_being_bound() -> None:
    def pair(day: str, a: str, b: str) -> dict:
        return next(r for r in commitments([], day, party=a, expand_members=True)
                    if (r["by"], r["to"], r["via"]) == (a, b, "EU"))
    assert pair("2005-01-01", "FRA", "DEU")["holds_as_of"] is False
    assert pair("2010-01-01", "FRA", "DEU")["holds_as_of"] is True
    assert pair("2015-01-01", "GBR", "HRV")["holds_as_of"] is True
    left = pair("2021-01-01", "GBR", "HRV")
    assert left["holds_as_of"] is False and left["ends"] == "2020-02-01"


def test_news_of_joining_and_leaving_extends_the_membership_table() -> None:
    """Hypothetical news: Uzbekistan back in the CSTO from 2030, Armenia out from 2031."""
    back = record("n1", Agreement(["CSTO", "UZB"], status="in_force", in_force="2030-01-01"))
    out = record("n2", Agreement(["ARM", "CSTO"], status="terminated", in_force="1994-04-20", ended="2031-01-01"))
    def holds(day: str, a: str, b: str) -> bool | None:
        return next(r["holds_as_of"] for r in commitments([back, out], day, party=a, expand_members=True)
                    if (r["by"], r["to"], r["via"]) == (a, b, "CSTO"))
    assert holds("2029-01-01", "UZB", "RUS") is False and holds("2030-06-01", "UZB", "RUS") is True
    assert holds("2030-06-01", "ARM", "RUS") is True
    assert holds("2031-06-01", "ARM", "RUS") is False


def test_filters_and_their_errors() -> None:
    assert {r["kind"] for r in commitments(RECORDS, "2026-12-01", kind="consult")} == {"consult"}
    assert {r["by"] for r in commitments(RECORDS, "2026-12-01", party="bwa")} == {"BWA", "NAM"}
    with pytest.raises(ValueError, match="as_of '2026-13-01' is not a date: use YYYY-MM-DD"):
        commitments(RECORDS, "2026-13-01")
    with pytest.raises(ValueError, match="unknown kind 'protect': choose one of defend, consult, not_attack, "
                                         "stay_neutral"):
        commitments(RECORDS, kind="protect")
    with pytest.raises(ValueError, match="unknown party code 'XYZ'"):
        commitments(RECORDS, party="XYZ")
    assert commitments(RECORDS, party="QQQ", known_codes={"QQQ"}) == []


def test_rows_are_sorted_and_every_row_has_the_documented_keys() -> None:
    rows = commitments(RECORDS, "2026-12-01", expand_members=True)
    assert rows == sorted(rows, key=lambda r: (r["by"], r["to"], r["kind"], r["agreement_id"] or "", r["via"] or ""))
    keys = {"by", "to", "kind", "conditional", "conditions", "condition_details", "agreement_id", "agreement_title",
            "holds_as_of", "why", "evidence", "via", "begins", "ends"}
    assert all(set(r) == keys for r in rows)
    assert all(r["by"] != r["to"] for r in rows)


def test_the_diff_lists_what_began_and_what_ended() -> None:
    diff = commitments_diff(RECORDS, "2021-01-01", "2023-06-01")
    assert diff["start"] == "2021-01-01" and diff["end"] == "2023-06-01"
    assert rows_of(diff["begun"]) == [("BWA", "NAM", "consult", [], True), ("FIN", "NATO", "defend", [], True),
                                      ("NAM", "BWA", "defend", ["on_request"], True),
                                      ("NATO", "FIN", "defend", [], True)]
    ended = [(r["by"], r["to"], r["holds_at_start"], r["holds_as_of"]) for r in diff["ended"]]
    assert ended == [("FJI", "TON", True, False), ("TON", "FJI", True, False)]  # ceased 2021-07-01
    with pytest.raises(ValueError, match="start 2024-01-01 is after end 2023-01-01"):
        commitments_diff(RECORDS, "2024-01-01", "2023-01-01")


def test_the_membership_data_holds_the_public_record() -> None:
    def members(org: str, day: str) -> set[str]:
        return {m.member for m in memberships()[org] if m.covers(day)}
    assert len(members("NATO", "2026-12-01")) == 32 and len(members("NATO", "2024-03-06")) == 31
    assert len(members("EU", "2026-12-01")) == 27 and "GBR" in members("EU", "2020-01-31")
    assert members("CSTO", "2026-12-01") == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert {o.code: o.kinds for o in organisations().values()} == {"NATO": ("defend",), "CSTO": ("defend",),
                                                                  "EU": ("defend",)}
    from pactwatch.gazetteer import actor_kind
    assert {actor_kind(m.member) for rows in memberships().values() for m in rows} == {"state"}


def test_rows_of_one_day_are_pure() -> None:
    assert commitment_rows(RECORDS, "2026-12-01") == commitment_rows(list(reversed(RECORDS)), "2026-12-01")
