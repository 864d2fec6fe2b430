"""``/api/commitments`` and ``/api/commitments/diff`` over a real knowledge base of our own facts:
the page shape, the filters, the diff, 422s for bad input, the models in the OpenAPI document, and
an agreement's obligations in ``/api/agreements/{id}``."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import json_of
from pactwatch.article import Article
from pactwatch.facts import Agreement, ArticleFacts, Condition, Evidence, Obligation
from pactwatch.web import create_app

TEXTS = {
    "pact": "Kenya and Tanzania will aid each other if attacked, once their cabinets have conferred.",
    "guarantee": "Namibia guarantees Botswana's security when Gaborone asks for help.",
    "joins": "Finland joined NATO on 4 April 2023.",
}


def duty_extract(article: Article) -> ArticleFacts:
    text = article.text
    evidence = Evidence("obligations", text, 0, len(text))
    if article.id == "pact":
        agreement = Agreement(["KEN", "TZA"], title="Treaty of Mutual Aid", status="in_force", in_force="2020-06-01",
                              obligations=[Obligation("defend", ["KEN", "TZA"], ["KEN", "TZA"],
                                                      [Condition("after_consultation", "once their cabinets have "
                                                                 "conferred")], evidence)])
    elif article.id == "guarantee":
        agreement = Agreement(["BWA", "NAM"], title="Guarantee Treaty", status="in_force", in_force="2022-03-01",
                              obligations=[Obligation("defend", ["NAM"], ["BWA"],
                                                      [Condition("on_request", "when Gaborone asks")], evidence),
                                           Obligation("consult", ["BWA"], ["NAM"], [], evidence)])
    else:
        agreement = Agreement(["FIN", "NATO"], status="in_force", in_force="2023-04-04",
                              evidence=[Evidence("in_force", text, 0, len(text))])
    return ArticleFacts(article.id, article.published, [agreement])


duty_extract.version = "api-duties-1"  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def duty_client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from fastapi.testclient import TestClient

    import pactwatch

    kb = pactwatch.open(f"sqlite:///{tmp_path_factory.mktemp('api-duties') / 'kb.db'}", extractor=duty_extract)
    kb.ingest_articles([Article(i, t, f"news/{i}.txt", "2026-11-01") for i, t in TEXTS.items()])
    yield TestClient(create_app(kb=kb))
    kb.close()


def test_commitments_answer_one_page_of_rows(duty_client) -> None:
    body = json_of(duty_client.get("/api/commitments", params={"as_of": "2023-06-01"}))
    assert set(body) == {"total", "limit", "offset", "next", "items"}
    assert body["total"] == 6 and body["next"] is None
    assert [(r["by"], r["to"], r["kind"], r["conditions"], r["holds_as_of"]) for r in body["items"]] == [
        ("BWA", "NAM", "consult", [], True), ("FIN", "NATO", "defend", [], True),
        ("KEN", "TZA", "defend", ["after_consultation"], True), ("NAM", "BWA", "defend", ["on_request"], True),
        ("NATO", "FIN", "defend", [], True), ("TZA", "KEN", "defend", ["after_consultation"], True)]
    row = body["items"][2]
    assert row["agreement_title"] == "Treaty of Mutual Aid" and row["conditional"] is True
    assert row["evidence"] == [{"article_id": "pact", "quote": TEXTS["pact"], "start": 0, "end": len(TEXTS["pact"])}]
    assert row["condition_details"] == [{"type": "after_consultation", "quote": "once their cabinets have conferred",
                                         "article_id": "pact"}]
    assert row["via"] is None and row["begins"] == "2020-06-01" and row["why"].startswith("entered into force")


def test_filters_paging_and_member_expansion(duty_client) -> None:
    nam = json_of(duty_client.get("/api/commitments", params={"party": "nam", "kind": "defend"}))
    assert [(r["by"], r["to"]) for r in nam["items"]] == [("NAM", "BWA")]
    first = json_of(duty_client.get("/api/commitments", params={"as_of": "2023-06-01", "limit": 3}))
    assert first["total"] == 6 and len(first["items"]) == 3
    assert first["next"] == "/api/commitments?as_of=2023-06-01&limit=3&offset=3"
    before = json_of(duty_client.get("/api/commitments", params={"as_of": "2021-01-01", "party": "KEN"}))
    assert {r["holds_as_of"] for r in before["items"]} == {True}
    early = json_of(duty_client.get("/api/commitments", params={"as_of": "2019-01-01", "party": "KEN"}))
    assert {r["holds_as_of"] for r in early["items"]} == {False}
    members = json_of(duty_client.get("/api/commitments", params={"as_of": "2023-06-01", "party": "FIN",
                                                                  "expand_members": "true", "limit": 500}))
    assert {r["via"] for r in members["items"]} == {None, "NATO", "EU"}
    pair = next(r for r in members["items"] if (r["by"], r["to"], r["via"]) == ("FIN", "NOR", "NATO"))
    assert pair["holds_as_of"] is True and pair["agreement_id"] is None


def test_the_diff_lists_what_began_and_what_ended(duty_client) -> None:
    diff = json_of(duty_client.get("/api/commitments/diff", params={"start": "2021-01-01", "end": "2023-06-01"}))
    assert diff["start"] == "2021-01-01" and diff["end"] == "2023-06-01" and diff["ended"] == []
    assert [(r["by"], r["to"], r["kind"], r["holds_at_start"]) for r in diff["begun"]] == [
        ("BWA", "NAM", "consult", False), ("FIN", "NATO", "defend", False), ("NAM", "BWA", "defend", False),
        ("NATO", "FIN", "defend", False)]
    back = json_of(duty_client.get("/api/commitments/diff", params={"start": "2019-01-01", "end": "2021-01-01",
                                                                     "party": "TZA"}))
    assert [(r["by"], r["to"]) for r in back["begun"]] == [("KEN", "TZA"), ("TZA", "KEN")]


@pytest.mark.parametrize(("path", "params", "word"), [
    ("/api/commitments", {"kind": "protect"}, "kind"),
    ("/api/commitments", {"as_of": "soon"}, "as_of"),
    ("/api/commitments", {"as_of": "0"}, "as_of"),
    ("/api/commitments", {"expand_members": "maybe"}, "expand_members"),
    ("/api/commitments/diff", {"start": "2023-01-01"}, "end"),
    ("/api/commitments/diff", {"start": "2024-01-01", "end": "2023-01-01"}, "start"),
    ("/api/commitments/diff", {"start": "2023-02-30", "end": "2024-01-01"}, "start"),
])
def test_bad_parameters_give_422_with_a_message(duty_client, path, params, word) -> None:
    response = duty_client.get(path, params=params)
    assert response.status_code == 422
    detail = json_of(response)["detail"]
    assert isinstance(detail, str) and word in detail


def test_a_code_no_actor_has_binds_no_one(duty_client) -> None:
    body = json_of(duty_client.get("/api/commitments", params={"party": "ZZZ"}))
    assert body["total"] == 0 and body["items"] == []
    diff = json_of(duty_client.get("/api/commitments/diff", params={"start": "2020-01-01", "end": "2021-01-01",
                                                                     "party": "ZZZ"}))
    assert diff == {"start": "2020-01-01", "end": "2021-01-01", "begun": [], "ended": []}


def test_the_openapi_document_declares_the_commitment_models(duty_client) -> None:
    doc = json_of(duty_client.get("/openapi.json"))
    assert {"/api/commitments", "/api/commitments/diff"} <= set(doc["paths"])
    schemas = doc["components"]["schemas"]
    listed = doc["paths"]["/api/commitments"]["get"]
    assert listed["operationId"] == "list_commitments"
    assert listed["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CommitmentPage"}
    assert {"by", "to", "kind", "conditional", "conditions", "agreement_id", "holds_as_of", "why",
            "evidence"} <= set(schemas["Commitment"]["required"])
    assert schemas["ObligationKind"]["enum"] == ["defend", "consult", "not_attack", "stay_neutral"]
    assert set(schemas["CommitmentDiff"]["required"]) == {"start", "end", "begun", "ended"}
    assert {p["name"] for p in listed["parameters"]} == {"as_of", "party", "kind", "expand_members", "limit",
                                                          "offset"}
    assert "obligations" in schemas["AgreementSummary"]["properties"]


def test_an_agreement_answers_its_obligations_and_ended_date(duty_client) -> None:
    row = json_of(duty_client.get("/api/commitments", params={"party": "NAM", "kind": "defend"}))["items"][0]
    agreement = json_of(duty_client.get(f"/api/agreements/{row['agreement_id']}"))
    assert agreement["ended"] is None
    assert [(o["kind"], o["by"], o["to"], o["condition_types"], o["independent_sources"])
            for o in agreement["obligations"]] == [("defend", ["NAM"], ["BWA"], ["on_request"], 1),
                                                   ("consult", ["BWA"], ["NAM"], [], 1)]
    article = json_of(duty_client.get("/api/articles/guarantee"))
    assert article["facts"]["agreements"][0]["obligations"][0]["conditions"] == [
        {"type": "on_request", "quote": "when Gaborone asks"}]
