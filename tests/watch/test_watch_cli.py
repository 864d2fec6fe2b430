"""``pactwatch watch`` as a process: --once's exit status and problem lines, SIGTERM ends it cleanly,
a bad watch file is one Error line, what ``pactwatch ingest`` recorded between two runs is delivered."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from feed_server import FeedServer

WATCH = [sys.executable, "-m", "pactwatch.cli.main", "watch"]
INGEST = [sys.executable, "-m", "pactwatch.cli.main", "ingest"]
SIGNED = "Azerbaijan and Georgia signed the Caspian Shield Agreement in Baku on 1 March 2020."


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PACTWATCH_")}
    return {**env, "COLUMNS": "200", **extra}


def write_config(folder: Path, text: str) -> Path:
    (folder / "drops").mkdir(exist_ok=True)
    path = folder / "watch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_once_names_each_broken_source_and_exits_3(tmp_path: Path, feed_server: FeedServer) -> None:
    config = write_config(tmp_path, f"""
[[source]]
url = "{feed_server.url('/broken.xml')}"
name = "broken"
[[source]]
url = "{feed_server.url('/error')}"
[[source]]
path = "drops"
[fetch]
retries = 0
per_host_delay_s = 0
[[alert]]
to = "log:alerts.jsonl"
""")
    done = subprocess.run([*WATCH, "--config", str(config), "--once", "--db", str(tmp_path / "kb.db")],
                          capture_output=True, text=True, env=environment(), timeout=60)
    assert done.returncode == 3, done.stderr
    problems = done.stderr.splitlines()
    assert problems[0].startswith(f"broken: {feed_server.url('/broken.xml')}: not a feed: ")
    assert problems[1] == f"{feed_server.url('/error')}: HTTP 500"
    assert done.stdout.splitlines() == ["round 1: 2 feeds, 1 folder; 0 items new, 0 refused, 0 failed; 0 alerts; "
                                        "2 sources failed"]
    log = (tmp_path / "alerts.jsonl").read_text(encoding="utf-8")
    assert "not a feed" in log and "HTTP 500" in log  # problems go to every log: target too


def test_once_exits_0_when_every_source_was_read(tmp_path: Path) -> None:
    config = write_config(tmp_path, '[[source]]\npath = "drops"\n')
    done = subprocess.run([*WATCH, "--config", str(config), "--once"], capture_output=True, text=True,
                          env=environment(PACTWATCH_DB=str(tmp_path / "env.db")), timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    assert (tmp_path / "env.db").exists()  # $PACTWATCH_DB, as the other commands


def test_sigterm_ends_a_running_watch_cleanly(tmp_path: Path) -> None:
    config = write_config(tmp_path, '[[source]]\npath = "drops"\nevery = "1h"\n')
    process = subprocess.Popen([*WATCH, "--config", str(config), "--db", str(tmp_path / "kb.db")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment())
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # the first round's summary: it is now waiting for the next
        assert first.startswith("round 1: 0 feeds, 1 folder;")
        process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        assert process.wait(timeout=20) == 0
        assert time.monotonic() - started < 15  # it did not wait for the hour
        assert process.stderr is not None and process.stderr.read() == ""
    finally:
        process.kill()
        process.wait()


def test_a_bad_watch_file_is_one_error_line(tmp_path: Path) -> None:
    config = write_config(tmp_path, '[[source]]\nurl = "http://127.0.0.1:9/feed.xml"\nevery = "soon"\n')
    done = subprocess.run([*WATCH, "--config", str(config), "--once", "--db", str(tmp_path / "kb.db")],
                          capture_output=True, text=True, env=environment(), timeout=60)
    assert done.returncode == 1
    assert done.stderr == (f"Error: {config}: [[source]] 1: 'every' must look like 15m (a number and s, m, h or d), "
                           "got 'soon'\n")
    assert not (tmp_path / "kb.db").exists()


def test_a_bad_pinned_day_is_named(tmp_path: Path) -> None:
    config = write_config(tmp_path, '[[source]]\npath = "drops"\n')
    done = subprocess.run([*WATCH, "--config", str(config), "--once", "--db", str(tmp_path / "kb.db")],
                          capture_output=True, text=True, env=environment(PACTWATCH_TODAY="tomorrow"), timeout=60)
    assert (done.returncode, done.stderr) == (1, "Error: $PACTWATCH_TODAY must be a day like 2026-11-01, "
                                                 "got 'tomorrow'\n")


def test_what_an_ingest_recorded_between_two_runs_goes_out_with_the_next_run(tmp_path: Path) -> None:
    config = write_config(tmp_path, '[[source]]\npath = "drops"\n[[alert]]\nto = "log:alerts.jsonl"\n')
    db = str(tmp_path / "kb.db")
    first = subprocess.run([*WATCH, "--config", str(config), "--once", "--db", db], capture_output=True, text=True,
                           env=environment(), timeout=120)
    assert first.returncode == 0 and first.stdout.endswith("; 0 alerts\n"), first.stderr
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "signed.txt").write_text(SIGNED, encoding="utf-8")
    ingested = subprocess.run([*INGEST, str(tmp_path / "news"), "--db", db], capture_output=True, text=True,
                              env=environment(), timeout=300)
    assert ingested.returncode == 0, ingested.stderr
    for _ in range(2):  # delivered by the next run, and not again
        again = subprocess.run([*WATCH, "--config", str(config), "--once", "--db", db], capture_output=True,
                               text=True, env=environment(), timeout=300)
        assert again.returncode == 0, again.stderr
    log = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(a["kind"], a["title"]) for a in log] == [("new_agreement", "Caspian Shield Agreement")]
