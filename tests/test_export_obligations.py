"""``pactwatch export --format obligations-csv``: one row per directed pair per agreement, exact cells
from hand-built records, the documented pandas line loading it typed, and the CLI writing it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pactwatch.cli.main import main
from pactwatch.export import OBLIGATION_CSV_COLUMNS, export_obligations_csv
from pactwatch.facts import CONDITION_TYPES, OBLIGATION_KINDS, Agreement, Condition, Evidence, Obligation, Renewal
from pactwatch.merge import SourcedAgreement, merge_agreements

REPO = Path(__file__).resolve().parents[1]


def duty(kind: str, by: list[str], to: list[str], *conditions: str) -> Obligation:
    return Obligation(kind, by, to, [Condition(c, f"the {c} words") for c in conditions],
                      Evidence("obligations", "The clause.", 0, 11))


# Invented agreements.
PACT = Agreement(["KEN", "TZA"], title="Treaty of Mutual Aid", status="in_force", in_force="2020-06-01",
                 obligations=[duty("defend", ["KEN", "TZA"], ["KEN", "TZA"], "after_consultation"),
                              duty("consult", ["KEN", "TZA"], ["KEN", "TZA"])])
GUARANTEE = Agreement(["BWA", "NAM"], title="Guarantee Treaty", status="in_force", in_force="2022-03",
                      duration_years=10, obligations=[duty("defend", ["NAM"], ["BWA"], "on_request", "location")])
ENDED = Agreement(["FJI", "TON"], title="Pacific Defence Treaty", status="terminated", in_force="2010-01-01",
                  ended="2021-07-01", obligations=[duty("defend", ["FJI", "TON"], ["FJI", "TON"])])
RENEWING = Agreement(["CHL", "PER"], title="NA", status="in_force", in_force="2015-01-01", duration_years=5,
                     renewal=Renewal(True, 5), obligations=[duty("not_attack", ["CHL", "PER"], ["CHL", "PER"])])
JOINS = Agreement(["FIN", "NATO"], status="in_force", in_force="2023-04-04")


def records() -> list[dict[str, Any]]:
    items = [SourcedAgreement(f"a{i}", f"c{i}", None, a) for i, a in enumerate([PACT, GUARANTEE, ENDED, RENEWING,
                                                                                JOINS])]
    return [r.to_json() for r in merge_agreements(items)]


def exported(as_of: str | None = None) -> str:
    out = io.StringIO()
    export_obligations_csv(records(), out, as_of=as_of)
    return out.getvalue()


def by_pair(text: str) -> dict[tuple[str, str], dict[str, str]]:
    import csv

    return {(r["by"], r["to"]): r for r in csv.DictReader(io.StringIO(text))}


def test_header_is_fixed_kinds_then_conditionals_then_condition_types() -> None:
    header = exported().splitlines()[0].split(",")
    assert header == list(OBLIGATION_CSV_COLUMNS)
    assert header[9:13] == list(OBLIGATION_KINDS) and header[17:23] == list(CONDITION_TYPES)
    assert exported("2026-12-01").splitlines()[0] == exported().splitlines()[0]


def test_one_row_per_directed_pair_with_every_kind_and_condition() -> None:
    rows = by_pair(exported("2026-12-01"))
    assert sorted(rows) == [("CHL", "PER"), ("FIN", "NATO"), ("FJI", "TON"), ("KEN", "TZA"), ("NAM", "BWA"),
                            ("NATO", "FIN"), ("PER", "CHL"), ("TON", "FJI"), ("TZA", "KEN")]
    ken = rows[("KEN", "TZA")]
    assert (ken["defend"], ken["consult"], ken["not_attack"], ken["defend_conditional"], ken["consult_conditional"],
            ken["after_consultation"], ken["location"]) == ("1", "1", "0", "1", "0", "1", "0")
    assert (ken["begins"], ken["begins_precision"], ken["ends"], ken["holds_as_of"]) == (
        "2020-06-01", "day", "", "true")
    nam = rows[("NAM", "BWA")]
    assert (nam["on_request"], nam["location"], nam["begins"], nam["begins_precision"]) == ("1", "1", "2022-03",
                                                                                            "month")
    assert (nam["ends"], nam["ends_precision"]) == ("2032-03-01", "day")  # ten years, no renewal
    fji = rows[("FJI", "TON")]
    assert (fji["ends"], fji["holds_as_of"], fji["status"]) == ("2021-07-01", "false", "terminated")
    assert "ceased to have effect on 2021-07-01" in fji["why"]
    assert rows[("CHL", "PER")]["ends"] == ""  # renews itself every five years: no end known
    fin = rows[("FIN", "NATO")]
    assert (fin["agreement_title"], fin["defend"], fin["defend_conditional"]) == (
        "accession of Finland to NATO", "1", "0")
    plain = by_pair(exported())
    assert plain[("KEN", "TZA")]["holds_as_of"] == "" and plain[("KEN", "TZA")]["why"] == ""


def docs_line() -> str:
    lines = [line for line in (REPO / "docs" / "exports.md").read_text(encoding="utf-8").splitlines()
             if "read_csv(" in line and "obligations.csv" in line]
    assert len(lines) == 1, lines
    return lines[0]


def test_pandas_loads_it_typed_with_the_documented_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "obligations.csv").write_text(exported("2026-12-01"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scope: dict[str, Any] = {}
    exec(f"import pandas\n{docs_line()}", scope)  # noqa: S102 - the documented line itself is under test
    df: pd.DataFrame = scope["obligations"]
    dtypes = {name: str(dtype) for name, dtype in df.dtypes.items()}
    assert list(df.columns) == list(OBLIGATION_CSV_COLUMNS) and len(df) == 9
    assert pd.api.types.is_datetime64_dtype(df["begins"]) and pd.api.types.is_datetime64_dtype(df["ends"])
    assert {dtypes[c] for c in (*OBLIGATION_KINDS, *CONDITION_TYPES)} == {"int64"}
    assert {dtypes[f"{k}_conditional"] for k in OBLIGATION_KINDS} == {"int64"}
    assert dtypes["independent_sources"] == "Int64" and dtypes["holds_as_of"] == "boolean"
    assert all(pd.api.types.is_string_dtype(df[c]) for c in ("agreement_id", "agreement_title", "by", "to", "why"))
    chile = df[df["by"] == "CHL"].iloc[0]
    assert chile["agreement_title"] == "NA" and pd.isna(chile["ends"])  # a title "NA" stays text
    assert df[df["by"] == "NAM"].iloc[0]["begins"] == pd.Timestamp("2022-03-01")
    holding = df[(df.defend == 1) & df.holds_as_of.fillna(False)]
    assert sorted(zip(holding["by"], holding["to"], strict=True)) == [
        ("FIN", "NATO"), ("KEN", "TZA"), ("NAM", "BWA"), ("NATO", "FIN"), ("TZA", "KEN")]


def test_the_cli_writes_it_and_refuses_it_for_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pactwatch
    from pactwatch.article import Article
    from pactwatch.facts import ArticleFacts

    def extract(article: Article) -> ArticleFacts:
        return ArticleFacts(article.id, article.published, [PACT if article.id == "pact" else JOINS])

    url = f"sqlite:///{tmp_path / 'kb.db'}"
    with pactwatch.open(url, extractor=extract) as kb:
        kb.ingest_articles([Article("pact", "Kenya and Tanzania made a pact.", "news/pact.txt", "2021-01-01"),
                            Article("joins", "Finland joined NATO.", "news/joins.txt", "2023-04-05")])
    target = tmp_path / "obligations.csv"
    assert main(["export", "--format", "obligations-csv", "-o", str(target), "--as-of", "2026-12-01",
                 "--db", url]) == 0
    assert capsys.readouterr().out.strip() == f"4 records written to {target}."
    assert sorted(by_pair(target.read_text(encoding="utf-8"))) == [("FIN", "NATO"), ("KEN", "TZA"), ("NATO", "FIN"),
                                                                   ("TZA", "KEN")]
    assert main(["export", "--format", "obligations-csv", "--events", "-o", "-", "--db", url]) == 1
    assert "events export is JSON Lines only" in capsys.readouterr().err
