"""``kill -9`` in the middle of a round loses nothing and stores nothing twice: the next round resumes,
and delivers the alerts a killed round recorded but never sent."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from articles import ATOM_STORIES, RSS_STORIES
from feed_server import FeedServer

WATCH = [sys.executable, "-m", "pactwatch.cli.main", "watch"]
STORIES = len(RSS_STORIES) + len(ATOM_STORIES)
SIGNED = ("Azerbaijan and Georgia signed the Caspian Shield Agreement in Baku on 1 March 2020. The agreement "
          "runs for five years and renews automatically for further five-year periods unless either side gives "
          "six months' notice.")
UNRELATED = ("Armenia and Greece signed the Aegean Training Agreement in Athens on 1 March 2020, and it entered "
             "into force on 1 March 2020.")
# `pactwatch watch` whose first delivery is a real SIGKILL of itself: it dies after its ingest
# recorded the changes, before any target got one.
KILLED_AT_DELIVERY = """
import os, signal, sys
from pactwatch.cli.main import main
from pactwatch.watch.deliver import Delivery

def killed(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

Delivery.send = killed
sys.exit(main(sys.argv[1:]))
"""


def count(db: Path, table: str) -> int:
    """Rows in ``table``, read without the knowledge base (the writer may be killed at any moment)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608 - our own names
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_a_killed_round_resumes_without_losing_or_repeating_an_item(tmp_path: Path, feed_server: FeedServer) -> None:
    config = tmp_path / "watch.toml"
    # a slow round: half a second between two requests to the server, so the kill lands mid-round
    config.write_text(f"""
[[source]]
url = "{feed_server.url('/rss.xml')}"
[[source]]
url = "{feed_server.url('/atom.xml')}"
[fetch]
per_host_delay_s = 0.5
[[alert]]
to = "log:alerts.jsonl"
""", encoding="utf-8")
    db = tmp_path / "kb.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PACTWATCH_")}
    command = [*WATCH, "--config", str(config), "--db", str(db)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 60
        while count(db, "watch_items") < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        assert process.poll() is None, process.communicate()
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        process.kill()
        process.wait()
    stored = count(db, "articles")
    assert 2 <= stored < STORIES  # killed mid-round

    again = subprocess.run([*command, "--once"], capture_output=True, text=True, env=env, timeout=120)
    assert again.returncode == 0, again.stderr
    assert count(db, "articles") == STORIES  # every story once
    assert count(db, "watch_items") == STORIES
    with sqlite3.connect(db) as conn:
        outcomes = conn.execute("SELECT outcome, count(*) FROM watch_items GROUP BY outcome").fetchall()
        alerts = conn.execute("SELECT count(*), count(DISTINCT id) FROM changes").fetchone()
    assert outcomes == [("ingested", STORIES)]
    assert alerts[0] == alerts[1] > 0
    pages = [p for p in feed_server.paths_requested() if p.startswith("/news/")]
    assert len(set(pages)) == STORIES and len(pages) - STORIES <= 1  # at most the page in hand was read twice


def test_alerts_recorded_by_a_round_killed_before_delivering_them_go_out_with_the_next_once(tmp_path: Path) -> None:
    (tmp_path / "drops").mkdir()
    for name, text in (("signed.txt", SIGNED), ("unrelated.txt", UNRELATED)):
        (tmp_path / "drops" / name).write_text(text, encoding="utf-8")
        os.utime(tmp_path / "drops" / name, (time.time() - 60, time.time() - 60))
    config = tmp_path / "watch.toml"
    config.write_text('[[source]]\npath = "drops"\n[[alert]]\nto = "log:alerts.jsonl"\n', encoding="utf-8")
    db, log = tmp_path / "kb.db", tmp_path / "alerts.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PACTWATCH_")}
    arguments = ["watch", "--config", str(config), "--db", str(db), "--once"]

    killed = subprocess.run([sys.executable, "-c", KILLED_AT_DELIVERY, *arguments], capture_output=True, text=True,
                            env=env, timeout=300)
    assert killed.returncode == -signal.SIGKILL, (killed.returncode, killed.stdout, killed.stderr)
    with sqlite3.connect(db) as conn:
        recorded = [row[0] for row in conn.execute("SELECT id FROM changes ORDER BY seq")]
    assert len(recorded) >= 2  # the round recorded its alerts (two new agreements) ...
    assert logged(log) == []  # ... and delivered none

    again = subprocess.run([*WATCH, *arguments[1:]], capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1].endswith(f"0 items new, 0 refused, 0 failed; {len(recorded)} alerts")
    assert logged(log) == recorded  # every alert, once, in the order recorded
    last = subprocess.run([*WATCH, *arguments[1:]], capture_output=True, text=True, env=env, timeout=300)
    assert last.returncode == 0 and logged(log) == recorded  # nothing sent twice


def logged(log: Path) -> list[str]:
    """The alert ids in a ``log:`` file, in the order written."""
    if not log.exists():
        return []
    return [line["id"] for line in map(json.loads, log.read_text(encoding="utf-8").splitlines()) if "id" in line]
