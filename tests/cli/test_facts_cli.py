"""`pactwatch facts`: files and folders in, JSON lines out in input order, bad input refused by name."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from pactwatch.cli.main import main

PACT = "Turkey and Qatar signed a defence cooperation agreement in Doha on 2 December 2015.\n"


def write_batch(folder: Path) -> None:
    folder.mkdir()
    (folder / "a_good.txt").write_text(PACT, encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "d_bad_utf8.txt").write_bytes("Ankara et Doha ont signé un accord. ".encode("latin-1") + b"\xff\xfe\x00")
    (folder / "e_lines.jsonl").write_text(
        json.dumps({"id": "j1", "text": PACT, "published": "2016-01-01"}) + "\n{broken json\n"
        + json.dumps({"id": "j2", "text": "Nothing about pacts here."}) + "\n", encoding="utf-8")
    (folder / "f_empty.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    (folder / "g_not.jsonl.gz").write_bytes(b"this is not gzip")
    with gzip.open(folder / "h_ok.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "gz1", "text": PACT}) + "\n")


def test_batch_with_bad_inputs_keeps_going_and_says_what_was_refused(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "in"
    write_batch(folder)
    out = tmp_path / "facts.jsonl"
    code = main(["facts", str(folder), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 3
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    ids = [line["doc_id"] for line in lines]
    assert ids[0] == "a_good" and "j1" in ids and "j2" in ids and "gz1" in ids
    assert ids.index("j1") < ids.index("j2") < ids.index("gz1")
    assert lines[0]["agreements"][0]["parties"] == ["QAT", "TUR"]
    refused = [line for line in err.splitlines() if line.startswith("refused:")]
    for name in ("b_empty.txt", "c_binary.txt", "f_empty.html", "g_not.jsonl.gz"):
        assert any(name in line for line in refused), (name, refused)
    assert any("e_lines.jsonl:2" in line for line in refused)
    assert "inputs refused" in err.splitlines()[-1]


def test_a_clean_run_exits_zero_and_writes_to_stdout(tmp_path: Path, capsys) -> None:
    path = tmp_path / "one.txt"
    path.write_text(PACT, encoding="utf-8")
    assert main(["facts", str(path)]) == 0
    captured = capsys.readouterr()
    obj = json.loads(captured.out)
    assert obj["doc_id"] == "one" and obj["agreements"][0]["signed"] == "2015-12-02"
    assert captured.err.strip() == "1 articles read, 1 agreements and 0 events found, 0 inputs refused."


def test_a_missing_path_is_an_error_of_its_own(tmp_path: Path, capsys) -> None:
    """A typo is not a run that read nothing: exit 1, the path named, no output file, no summary."""
    good = tmp_path / "one.txt"
    good.write_text(PACT, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["facts", str(good), str(tmp_path / "nope"), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"Error: {tmp_path / 'nope'}: no such file or folder\n"
    assert not out.exists()
