"""The commitments set (``../shared/eval/commitments``: 8 articles and ``expected.json``) reproduced
end to end: ``pactwatch ingest`` of the articles, then ``pactwatch commitments --json`` on the set's
date and on each of its other dates.

``expected.json`` names each row's article (``doc``); a row of ours belongs to it when its agreement's
record lists that article among its documents. Every expected commitment must be there with the
same conditional flag, condition types and ``holds_as_of``; no ``absent`` row may hold on the set's
date; every ``at_other_dates`` row must hold or not as stated.

A second part runs the same comparison over facts written by hand for the eight articles (what a
correct extraction gives), so the commitments logic is held to the set whatever extraction does.
Everything here skips cleanly where ``../shared`` is absent.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from pactwatch.cli.main import main
from pactwatch.commitments import commitments
from pactwatch.facts import Agreement, Condition, Evidence, Obligation, Renewal
from pactwatch.merge import SourcedAgreement, merge_agreements

SET = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "commitments"
EXPECTED: dict[str, Any] = json.loads((SET / "expected.json").read_text()) if (SET / "expected.json").exists() else {}
pytestmark = pytest.mark.skipif(not EXPECTED, reason="../shared/eval/commitments is not here")


def cli_json(*argv: str) -> Any:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(list(argv)) == 0
    return json.loads(out.getvalue())


def mismatches(rows_on: Any, documents: dict[str, list[str]]) -> tuple[list[str], int]:
    """Every way the rows (``rows_on(day)``) differ from ``expected.json``, and the number of expected
    rows checked. ``documents``: agreement id -> its articles."""
    problems: list[str] = []
    checked = 0

    def of(row: dict[str, Any], day: str) -> list[dict[str, Any]]:
        return [r for r in rows_on(day) if (r["by"], r["to"], r["kind"]) == (row["by"], row["to"], row["kind"])
                and row["doc"] in documents.get(r["agreement_id"] or "", [])]

    day = EXPECTED["as_of"]
    for want in EXPECTED["commitments"]:
        checked += 1
        found = [(r["conditional"], r["conditions"], r["holds_as_of"]) for r in of(want, day)]
        if (want["conditional"], want["conditions"], want["holds_as_of"]) not in found:
            problems.append(f"{day} {want['doc']} {want['by']}->{want['to']} {want['kind']}: want "
                            f"{want['conditions']} {want['holds_as_of']}, found {found or 'no row'}")
    for absent in EXPECTED["absent"]:
        checked += 1
        if any(r["holds_as_of"] is True for r in of(absent, day)):
            problems.append(f"{day} {absent['doc']} {absent['by']}->{absent['to']} {absent['kind']}: holds, "
                            f"but must not ({absent['why']})")
    for want in EXPECTED["at_other_dates"]:
        checked += 1
        found_holds = [r["holds_as_of"] for r in of(want, want["as_of"])]
        if want["holds_as_of"] not in found_holds:
            problems.append(f"{want['as_of']} {want['doc']} {want['by']}->{want['to']} {want['kind']}: want "
                            f"{want['holds_as_of']}, found {found_holds or 'no row'}")
    return problems, checked


# --- end to end ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('commitments') / 'kb.db'}"
    with redirect_stdout(io.StringIO()):
        assert main(["ingest", str(SET / "docs"), "--db", url]) == 0
    return url


def test_ingest_and_commitments_reproduce_the_set(database: str) -> None:
    documents = {a["id"]: a["documents"] for a in cli_json("agreements", "--json", "--db", database)}
    answers: dict[str, list[dict[str, Any]]] = {}

    def rows_on(day: str) -> list[dict[str, Any]]:
        if day not in answers:
            answers[day] = cli_json("commitments", "--json", "--as-of", day, "--db", database)
        return answers[day]

    problems, checked = mismatches(rows_on, documents)
    assert not problems, f"{checked - len(problems)}/{checked} rows as expected:\n" + "\n".join(problems)


def test_the_json_rows_have_the_documented_keys(database: str) -> None:
    rows = cli_json("commitments", "--json", "--as-of", EXPECTED["as_of"], "--db", database)
    assert rows, "no commitments at all"
    assert all({"by", "to", "kind", "conditional", "conditions", "agreement_id", "holds_as_of", "why",
                "evidence"} <= set(r) for r in rows)


# --- the same set from facts written by hand ------------------------------------------------------------

def duty(kind: str, by: list[str], to: list[str], *conditions: str) -> Obligation:
    return Obligation(kind, by, to, [Condition(c, f"({c} clause)") for c in conditions],
                      Evidence("obligations", f"({kind} clause)", 0, 10))


def both(kind: str, a: str, b: str, *conditions: str) -> Obligation:
    return duty(kind, [a, b], [a, b], *conditions)


HAND_FACTS = {
    "c01_arg-ury-mutual-aid": [Agreement(["ARG", "URY"], title="Treaty of Friendship and Mutual Assistance",
                                         status="in_force", signed="2024-04-19", in_force="2025-06-04",
                                         duration_years=20, renewal=Renewal(True, 5), termination_notice_months=12,
                                         obligations=[both("defend", "ARG", "URY", "after_consultation")])],
    "c02_dnk-nld-europe-clause": [
        Agreement(["DNK", "NLD"], title="Treaty on Mutual Defence Assistance", status="in_force",
                  signed="2021-09-14", in_force="2023-01-01", termination_notice_months=12,
                  obligations=[both("defend", "DNK", "NLD", "location")]),
        Agreement(["BEL", "DNK"], status="signed", signed="2026-10-02",
                  obligations=[both("defend", "BEL", "DNK", "location")])],
    "c03_est-swe-named-aggressor": [Agreement(["EST", "SWE"], title="Agreement on Defence Assistance",
                                              status="in_force", signed="2025-02-24", in_force="2025-08-01",
                                              duration_years=10, renewal=Renewal(True, 5),
                                              termination_notice_months=6,
                                              obligations=[both("defend", "EST", "SWE", "adversary", "on_request")])],
    "c04_gha-civ-consultation": [
        Agreement(["CIV", "GHA"], title="Accord on Security Consultation", status="in_force", signed="2019-03-12",
                  in_force="2019-07-01", duration_years=5, renewal=Renewal(True, 5), termination_notice_months=6,
                  obligations=[both("consult", "CIV", "GHA")]),
        Agreement(["GHA", "TGO"], title="customs and transit agreement", domain="trade", status="signed")],
    "c05_bol-pry-nonaggression": [Agreement(["BOL", "PRY"], title="treaty of non-aggression and neutrality",
                                            status="in_force", signed="2024-08-14", in_force="2025-06-12",
                                            duration_years=25, obligations=[
                                                both("not_attack", "BOL", "PRY"),
                                                both("stay_neutral", "BOL", "PRY", "non_provocation")])],
    "c06_zaf-lso-guarantee": [Agreement(["LSO", "ZAF"], title="Treaty of Guarantee", status="in_force",
                                        signed="2025-10-04", in_force="2026-03-01", termination_notice_months=12,
                                        obligations=[duty("defend", ["ZAF"], ["LSO"], "on_request"),
                                                     duty("consult", ["LSO"], ["ZAF"])])],
    "c07_lka-mdv-pact-ended": [Agreement(["LKA", "MDV"], title="Treaty on Mutual Defence", status="terminated",
                                         signed="2013-01-15", in_force="2013-04-01", ended="2024-05-02",
                                         termination_notice_months=12,
                                         obligations=[both("defend", "LKA", "MDV")])],
    "c08_swe-nato-accession": [Agreement(["NATO", "SWE"], status="in_force", in_force="2024-03-07"),
                               Agreement(["FIN", "NATO"], status="in_force", in_force="2023-04-04")],
}


def test_the_commitments_logic_reproduces_the_set_from_hand_made_facts() -> None:
    assert sorted(HAND_FACTS) == sorted({row["doc"] for part in ("commitments", "absent") for row in EXPECTED[part]})
    items = [SourcedAgreement(doc, f"c-{doc}", None, agreement)
             for doc, agreements in HAND_FACTS.items() for agreement in agreements]
    records = [r.to_json() for r in merge_agreements(items)]
    documents = {r["id"]: r["documents"] for r in records}
    problems, checked = mismatches(lambda day: commitments(records, day), documents)
    assert checked == len(EXPECTED["commitments"]) + len(EXPECTED["absent"]) + len(EXPECTED["at_other_dates"])
    assert not problems, "\n".join(problems)
