"""``pactwatch changes``: the changes ingests recorded, as a table and as JSON, filtered."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import pactwatch
from pactwatch.article import Article
from pactwatch.cli.main import main
from pactwatch.facts import Agreement, ArticleFacts, Evidence

SIGNED = re.compile(r"([A-Z]{3}) and ([A-Z]{3}) signed the ([A-Z]\w+ Pact) on (\d{4}-\d{2}-\d{2})"
                    r"(?:, and both ratified it on (\d{4}-\d{2}-\d{2}))?\.")


def pact_extractor(article: Article) -> ArticleFacts:
    """"AZE and TUR signed the Shusha Pact on 2021-06-15[, and both ratified it on 2021-09-01]." -> that
    agreement (ratified by both when the sentence says so)."""
    agreements = []
    for m in SIGNED.finditer(article.text):
        parties = sorted(m.group(1, 2))
        ratified = dict.fromkeys(parties, m.group(5)) if m.group(5) else {}
        fields = ["parties", "title", "signed", "status"] + (["ratified"] if ratified else [])
        agreements.append(Agreement(parties=parties, title=m.group(3), signed=m.group(4), ratified=ratified,
                                    status="ratified" if ratified else "signed",
                                    evidence=[Evidence(f, m.group(0), m.start(), m.end()) for f in fields]))
    return ArticleFacts(article.id, article.published, agreements, [])


pact_extractor.version = "changes-fake-1"  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def changed_kb(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A knowledge base where two pacts were signed, then one was ratified by both parties."""
    base = tmp_path_factory.mktemp("changes")
    url = f"sqlite:///{base / 'kb.db'}"
    first, second = base / "first", base / "second"
    first.mkdir()
    second.mkdir()
    (first / "shusha.txt").write_text("AZE and TUR signed the Shusha Pact on 2021-06-15. It was welcomed.\n")
    (first / "tbilisi.txt").write_text("GEO and UKR signed the Black Pact on 2022-02-02. Talks took a year.\n")
    (second / "ratify.txt").write_text("AZE and TUR signed the Shusha Pact on 2021-06-15, and both ratified it on "
                                       "2021-09-01. Parliaments voted.\n")
    with pactwatch.open(url, extractor=pact_extractor) as kb:
        assert len(kb.ingest([str(first)]).changes) == 2
        assert kb.ingest([str(second)]).changes
    return url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_table_lists_the_changes_newest_first(changed_kb: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "changes", "--db", changed_kb, "--since", "2000-01-01")
    assert code == 0
    kinds = [kind for kind in ("ratified", "status_changed", "new_agreement") if kind in out]
    assert kinds and "new_agreement" in out and "changes since 2000-01-01" in out
    assert out.index("new_agreement") > min(out.index(k) for k in kinds)  # the signings came first


def test_json_filters_by_kind_and_party(changed_kb: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "changes", "--db", changed_kb, "--kind", "new_agreement", "--json")
    rows = json.loads(out)
    assert code == 0 and sorted(r["title"] for r in rows) == ["Black Pact", "Shusha Pact"]
    assert all(r["evidence"]["quote"].endswith("Pact on 2021-06-15.") or "Black Pact" in r["evidence"]["quote"]
               for r in rows)
    _, out, _ = run(capsys, "changes", "--db", changed_kb, "--party", "GEO", "--json")
    assert [r["title"] for r in json.loads(out)] == ["Black Pact"]
    _, out, _ = run(capsys, "changes", "--db", changed_kb, "--limit", "1", "--json")
    assert len(json.loads(out)) == 1
    _, out, _ = run(capsys, "changes", "--db", changed_kb, "--since", "2999-01-01", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize(("argv", "message"), [
    (["--party", "Georgia"], "Error: --party 'Georgia' is not an actor code; did you mean GEO (Georgia)?"),
    (["--since", "last week"], "Error: --since 'last week' is not a date: use YYYY-MM-DD"),
    (["--limit", "0"], "Error: --limit must be a positive number, got 0"),
])
def test_bad_filters_are_named(changed_kb: str, capsys: pytest.CaptureFixture[str], argv: list[str],
                               message: str) -> None:
    code, _, err = run(capsys, "changes", "--db", changed_kb, *argv)
    assert (code, err.strip()) == (1, message)


def test_an_unknown_kind_lists_the_kinds(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["changes", "--db", str(tmp_path / "none.db"), "--kind", "signed"])
    assert exited.value.code == 2 and "new_agreement" in capsys.readouterr().err


def test_a_missing_database_is_not_created(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "changes", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no database at" in err and not (tmp_path / "none.db").exists()
