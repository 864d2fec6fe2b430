"""Test helpers for the knowledge-base tests: a fast, exact fake extractor, article writers,
database URLs (SQLite files; PostgreSQL from $PACTWATCH_TEST_PG) and a whole-database snapshot.

The fake extractor reads sentences of one fixed form, so tests know the exact facts:
  "AZE and TUR signed the Shusha Declaration on 2021-06-15."  -> an agreement (title, date, evidence)
  "AZE and PAK held exercise Three Brothers on 2021-09-12."    -> an exercise event
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, text

from pactwatch.article import Article
from pactwatch.facts import Agreement, ArticleFacts, Event, Evidence

AGREEMENT = re.compile(r"([A-Z]{3}) and ([A-Z]{3}) signed the ([A-Z][\w ]+?) on (\d{4}-\d{2}-\d{2})\.")
EXERCISE = re.compile(r"([A-Z]{3}) and ([A-Z]{3}) held exercise ([A-Z][\w ]+?) on (\d{4}-\d{2}-\d{2})\.")
VOLATILE = {"ingest_runs": None, "refusals": ("at", "run_id", "id"), "articles": ("run_id", "ingested_at"),
            "article_facts": ("extracted_at",), "fact_evidence": ("id",),
            # when a change was found (also inside the alert), and when the compared state was first stored
            "changes": ("seq", "at", "alert"), "compared_agreements": ("state",)}


def fake_extract(article: Article) -> ArticleFacts:
    """Agreements and exercises of the fixed sentence forms above, with exact evidence offsets.
    Sleeps ``$PACTWATCH_FAKE_DELAY`` seconds per article (the kill test needs a slow run)."""
    delay = float(os.environ.get("PACTWATCH_FAKE_DELAY", "0"))
    if delay:
        time.sleep(delay)
    if "EXPLODE" in article.text:
        raise ValueError("the fake extractor was told to fail")
    agreements = []
    for m in AGREEMENT.finditer(article.text):
        evidence = [Evidence(name, m.group(0), m.start(), m.end()) for name in ("title", "signed", "parties")]
        agreements.append(Agreement(parties=sorted({m.group(1), m.group(2)}), title=m.group(3), domain="security",
                                    status="signed", signed=m.group(4), evidence=evidence))
    events = [Event("exercise", sorted({m.group(1), m.group(2)}), date=m.group(4), item=None,
                    evidence=Evidence("event", m.group(0), m.start(), m.end()))
              for m in EXERCISE.finditer(article.text)]
    return ArticleFacts(article.id, article.published, agreements, events)


fake_extract.version = "fake-1"  # type: ignore[attr-defined]


def story(n: int) -> str:
    """A distinct little article of our own: a pact between two states, and an exercise."""
    states = ["AZE", "TUR", "PAK", "GEO", "KAZ", "UZB", "ARM", "IRN", "GRC", "FRA", "ITA", "ESP"]
    a, b = states[n % len(states)], states[(n * 5 + 1) % len(states)]
    if a == b:
        b = "USA"
    day = f"20{10 + n % 14:02d}-{1 + n % 12:02d}-{1 + n % 27:02d}"
    return (f"Report number {n} from the wire desk, on matters of regional security number {n * 7}.\n\n"
            f"{a} and {b} signed the Accord Number {n} on {day}. Officials in both capitals praised "
            f"the talks as frank and long, lasting {n + 3} hours in all.\n\n"
            f"{a} and {b} held exercise Steel Harbour {n} on {day}. Observers counted {n * 11 + 40} vehicles "
            f"and {n * 3 + 9} ships, reporter {n} wrote.")


def write_stories(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"story-{n:03d}.txt"
        path.write_text(f" date 2024-05-{1 + n % 28:02d}\n{story(n)}\n", encoding="utf-8")
        paths.append(path)
    return paths


def sqlite_url(tmp_path: Path, name: str = "kb.db") -> str:
    return f"sqlite:///{tmp_path / name}"


def postgres_url() -> str | None:
    """$PACTWATCH_TEST_PG, emptied of every table so the test starts from nothing."""
    url = os.environ.get("PACTWATCH_TEST_PG")
    if not url:
        return None
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, without the columns that record when or by which run."""
    engine = create_engine(url)
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            drop = VOLATILE.get(table, ())
            if drop is None and table in VOLATILE:
                continue
            columns = [c["name"] for c in inspect(conn).get_columns(table) if c["name"] not in drop]
            quoted = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(text(f'SELECT {quoted} FROM "{table}"')).all()
            out[table] = sorted(tuple(repr(v) for v in r) for r in rows)
    engine.dispose()
    return out
