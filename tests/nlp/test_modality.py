"""The one modality step: only what a clause says happened sets a stage, a date or an end.

Texts are ours; each pair says the same stage once as done and once as expected, conditional or
denied, so a test fails both when modality is ignored and when it swallows what did happen.
"""

from __future__ import annotations

import pytest

from pactwatch.article import Article
from pactwatch.data_files import DataFileError, table_rows
from pactwatch.extract import extract_article
from pactwatch.facts import schema_problems

OPENING = "Poland and Lithuania signed a defence treaty in Vilnius in March 2022. "


def treaty(text: str, published: str = "2024-05-10") -> dict:
    article = Article(id="t", text=text, source="test", published=published)
    out = extract_article(article).to_json()
    assert schema_problems(out, article.text) == []
    assert len(out["agreements"]) == 1, out["agreements"]
    return out["agreements"][0]


@pytest.mark.parametrize("sentence, status", [
    ("The treaty expired in 2023.", "expired"),
    ("The treaty will expire in 2030.", "signed"),
    ("The pact lapses in 2030 unless both sides extend it.", "signed"),
    ("Lithuania terminated the treaty last year.", "terminated"),
    ("Lithuania could terminate the treaty next year.", "signed"),
    ("The treaty entered into force in June 2022.", "in_force"),
    ("The treaty is expected to enter into force next year.", "signed"),
    ("The treaty was to remain in force for ten years.", "signed"),
    ("The treaty has not entered into force.", "signed"),
    ("The treaty enters into force thirty days after the two governments exchange diplomatic notes.", "signed"),
])
def test_an_end_or_entry_into_force_counts_only_when_it_happened(sentence: str, status: str) -> None:
    found = treaty(OPENING + sentence)
    assert found["status"] == status
    assert found["signed"] == "2022-03"


@pytest.mark.parametrize("sentence, ratified", [
    ("The Polish parliament ratified the treaty on 4 May 2022.", {"POL": "2022-05-04"}),
    ("The Polish Senate on 4 May 2022 gave its concurrence to the treaty.", {"POL": "2022-05-04"}),
    ("The Polish Senate concurred in the treaty on 4 May 2022.", {"POL": "2022-05-04"}),
    ("The treaty has not been ratified by the Polish parliament.", {}),
    ("The treaty takes effect once both parliaments ratify it.", {}),
    ("The Polish government approved a draft law to ratify the treaty.", {}),
    ("The treaty will not take effect until it has been ratified by the Polish parliament.", {}),
])
def test_a_ratification_is_recorded_only_when_it_happened(sentence: str, ratified: dict) -> None:
    assert treaty(OPENING + sentence)["ratified"] == ratified


def test_a_date_that_is_a_limit_dates_no_stage() -> None:
    text = ("Poland and Lithuania agreed to extend their defence treaty.\n\n"
            "The treaty will remain in force until 5 February 2031 in the form in which it was signed.")
    found = treaty(text)
    assert found["signed"] is None and found["in_force"] is None


def test_modality_phrasings_are_checked_data() -> None:
    assert {row.fields[0] for row in table_rows("modality.tsv")} >= {"pending", "condition", "modal_aux"}
    with pytest.raises(DataFileError, match=r"modality.tsv:2: unknown kind 'maybe'"):
        table_rows("modality.tsv", text="pending\tyet to\nmaybe\tperhaps\n")


@pytest.mark.parametrize("sentence", [
    "Lawmakers in Vilnius endorsed the treaty on 4 May 2022.",
    "Lawmakers in Lithuania endorsed the treaty on 4 May 2022.",
])
def test_lawmakers_in_a_state_or_its_capital_ratify_for_it(sentence: str) -> None:
    assert treaty(OPENING + sentence)["ratified"] == {"LTU": "2022-05-04"}


@pytest.mark.parametrize("sentence", [
    "The treaty entered into force on the date of signature.",
    "The treaty took effect immediately upon signing.",
])
def test_an_entry_into_force_upon_signature_is_dated_by_the_signature(sentence: str) -> None:
    found = treaty(OPENING.replace("in March 2022", "on 3 March 2022") + sentence)
    assert (found["status"], found["in_force"]) == ("in_force", "2022-03-03")


def test_a_modal_in_a_clause_describing_the_agreement_does_not_suspend_its_ratification() -> None:
    text = ("Baltic news\n\nLithuania's parliament on Wednesday approved a defence and economic cooperation "
            "agreement with Poland under which Warsaw will help rebuild the Lithuanian navy.")
    found = extract_article(Article(id="t", text=text, source="test", published="2024-02-22")).to_json()
    (pact,) = found["agreements"]
    assert (pact["ratified"], pact["domain"]) == ({"LTU": "2024-02-21"}, "security")


def test_a_target_year_dates_nothing() -> None:
    text = ("Asia news\n\nThe two sides signed a memorandum in June 2022 and adopted a joint vision statement on "
            "defence partnership towards 2030, India and Vietnam said.")
    found = extract_article(Article(id="t", text=text, source="test", published="2023-07-20")).to_json()
    assert "2030" not in {a["signed"] for a in found["agreements"]}


def test_a_state_that_praised_the_treaty_is_no_ratifier() -> None:
    text = ("Lithuania news\n\nLithuania and Poland signed a defence treaty in March. The treaty, praised as "
            "historic by both the US State Department and the Polish foreign minister, was approved by the "
            "Lithuanian Seimas on 4 May 2022.")
    (pact,) = extract_article(Article(id="t", text=text, source="test", published="2022-05-10")).to_json()["agreements"]
    assert pact["ratified"] == {"LTU": "2022-05-04"}
