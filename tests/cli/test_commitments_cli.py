"""``pactwatch commitments``: the table fits 100 columns, unknown answers carry their reasons, --json
prints the documented rows, --diff lists what began and ended, and bad input is one clear error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pactwatch.article import Article
from pactwatch.cli.main import main
from pactwatch.facts import Agreement, ArticleFacts, Condition, Evidence, Obligation

LONG_TITLE = "Treaty of Friendship, Good Neighbourliness, Mutual Assistance and Cooperation in Matters of Defence"
TEXTS = {
    "pact": "Kenya and Tanzania will aid each other if attacked, once their cabinets have conferred.",
    "guarantee": "Namibia guarantees Botswana's security when Gaborone asks for help.",
    "pending": "Chile and Peru signed a defence treaty that still awaits both parliaments.",
    "joins": "Finland joined NATO on 4 April 2023.",
}


def duty_extract(article: Article) -> ArticleFacts:
    """The facts of each article above, by hand."""
    text = article.text
    evidence = Evidence("obligations", text, 0, len(text))
    if article.id == "pact":
        agreement = Agreement(["KEN", "TZA"], title=LONG_TITLE, status="in_force", in_force="2020-06-01",
                              obligations=[Obligation("defend", ["KEN", "TZA"], ["KEN", "TZA"],
                                                      [Condition("after_consultation", "once their cabinets have "
                                                                 "conferred")], evidence)])
    elif article.id == "guarantee":
        agreement = Agreement(["BWA", "NAM"], title="Guarantee Treaty", status="in_force", in_force="2022-03-01",
                              obligations=[Obligation("defend", ["NAM"], ["BWA"],
                                                      [Condition("on_request", "when Gaborone asks")], evidence)])
    elif article.id == "pending":
        agreement = Agreement(["CHL", "PER"], title="defence treaty", status="signed", signed="2026-10-02",
                              obligations=[Obligation("defend", ["CHL", "PER"], ["CHL", "PER"], [], evidence)])
    else:
        agreement = Agreement(["FIN", "NATO"], status="in_force", in_force="2023-04-04",
                              evidence=[Evidence("in_force", text, 0, len(text))])
    return ArticleFacts(article.id, article.published, [agreement])


duty_extract.version = "cli-duties-1"  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def duty_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    import pactwatch

    url = f"sqlite:///{tmp_path_factory.mktemp('duties') / 'kb.db'}"
    with pactwatch.open(url, extractor=duty_extract) as kb:
        kb.ingest_articles([Article(i, t, f"news/{i}.txt", "2026-11-01") for i, t in TEXTS.items()])
    return url


@pytest.fixture(autouse=True)
def columns_100(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def header_cells(table: str) -> list[str]:
    line = next(line for line in table.splitlines() if line.startswith("┃"))
    return [part.strip() for part in line.strip("┃").split("┃")]


def fits(text: str, width: int = 100) -> bool:
    return all(len(line) <= width for line in text.splitlines())


def test_the_table_fits_100_columns_and_says_why_a_duty_is_unknown(duty_db, capsys) -> None:
    code, out, _ = run(capsys, "commitments", "--as-of", "2026-12-01", "--db", duty_db)
    assert code == 0 and fits(out)
    assert header_cells(out) == ["by", "to", "kind", "conditions", "holds", "agreement", "id"]
    assert "7 commitments as of 2026-12-01 (5 hold)" in out
    assert "after_consultation" in out and "on_request" in out and "untitled" not in out
    assert "Neighbourliness," in out and "Matters of Defence" in out  # the long title wraps, words whole
    assert "accession of" in out and "Finland to NATO" in out
    assert "unknown [1]" in out
    assert "[1] holds unknown: no entry-into-force date known (signed 2026-10-02; status signed)" in out


def test_expanded_members_fit_too_and_show_the_organisation(duty_db, capsys) -> None:
    code, out, _ = run(capsys, "commitments", "--as-of", "2026-12-01", "--party", "FIN", "--expand-members",
                       "--db", duty_db)
    assert code == 0 and fits(out)
    assert header_cells(out)[-1] == "via" and "North Atlantic" in out and "│ EU   │" in out


def test_wide_adds_since_and_until(duty_db, capsys) -> None:
    out = run(capsys, "commitments", "--as-of", "2026-12-01", "--wide", "--db", duty_db)[1]
    assert header_cells(out) == ["by", "to", "kind", "conditions", "holds", "agreement", "id", "since", "until"]


def test_json_prints_the_rows_with_their_evidence(duty_db, capsys) -> None:
    code, out, _ = run(capsys, "commitments", "--as-of", "2026-12-01", "--party", "NAM", "--json", "--db", duty_db)
    rows = json.loads(out)
    assert code == 0 and len(rows) == 1
    row = rows[0]
    assert {k: row[k] for k in ("by", "to", "kind", "conditional", "conditions", "holds_as_of")} == {
        "by": "NAM", "to": "BWA", "kind": "defend", "conditional": True, "conditions": ["on_request"],
        "holds_as_of": True}
    assert row["agreement_id"].startswith("agr-") and row["agreement_title"] == "Guarantee Treaty"
    assert row["evidence"] == [{"article_id": "guarantee", "quote": TEXTS["guarantee"], "start": 0,
                                "end": len(TEXTS["guarantee"])}]
    assert row["why"].startswith("entered into force 2022-03-01")
    kinds = json.loads(run(capsys, "commitments", "--kind", "consult", "--json", "--db", duty_db)[1])
    assert kinds == []


def test_diff_lists_what_began_and_what_ended(duty_db, capsys) -> None:
    code, out, _ = run(capsys, "commitments", "--diff", "2021-01-01", "2023-06-01", "--db", duty_db)
    assert code == 0 and fits(out)
    assert "3 commitments began between 2021-01-01 and 2023-06-01" in out
    assert "0 commitments ended between 2021-01-01 and 2023-06-01" in out
    diff = json.loads(run(capsys, "commitments", "--diff", "2021-01-01", "2023-06-01", "--json", "--db", duty_db)[1])
    assert [(r["by"], r["to"]) for r in diff["begun"]] == [("FIN", "NATO"), ("NAM", "BWA"), ("NATO", "FIN")]
    assert diff["start"] == "2021-01-01" and diff["end"] == "2023-06-01" and diff["ended"] == []


@pytest.mark.parametrize(("argv", "message"), [
    (["--party", "Kenya"], "Error: --party 'Kenya' is not an actor code; did you mean KEN (Kenya)?"),
    (["--kind", "protect"], "Error: unknown kind 'protect': choose one of defend, consult, not_attack, stay_neutral"),
    (["--as-of", "2026-02-30"], "Error: as_of '2026-02-30' is not a date: use YYYY-MM-DD"),
    (["--diff", "2026-01-01", "2025-01-01"], "Error: start 2026-01-01 is after end 2025-01-01"),
    (["--diff", "2025-01-01", "2026-01-01", "--as-of", "2025-06-01"],
     "Error: give either --as-of or --diff START END, not both"),
])
def test_bad_input_is_one_clear_error(duty_db, capsys, argv, message) -> None:
    code, out, err = run(capsys, "commitments", *argv, "--db", duty_db)
    assert code == 1 and out == "" and err.strip() == message


def test_a_missing_database_is_refused_not_created(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nothing.db"
    code, _, err = run(capsys, "commitments", "--db", f"sqlite:///{missing}")
    assert code == 1 and err.startswith("Error: no database at") and not missing.exists()
