"""``kill -9`` in the middle of a round loses nothing and stores nothing twice: the next round resumes."""

from __future__ import annotations

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
