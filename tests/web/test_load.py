"""A bounded load test on loopback: the real app under uvicorn over a fresh SQLite knowledge base,
concurrent readers while an upload ingests in the background, and two uploads at once. Every
request must answer 200 and every uploaded article must be stored; the figures are printed
(``pytest -s``), never asserted on."""

from __future__ import annotations

import json
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import TOKEN, real_kb, running
from pactwatch.web import create_app

READERS = 8
REQUESTS = 200
PATHS = ["/api/agreements", "/agreements", "/api/articles", "/api/events", "/api/timeline", "/timeline",
         "/api/actors", "/articles", "/api/network", "/events"]
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PAIRS = [("Norway", "Denmark", "Oslo"), ("Portugal", "Spain", "Lisbon"), ("Poland", "Lithuania", "Warsaw"),
         ("Japan", "Australia", "Tokyo"), ("Greece", "France", "Athens"), ("Chile", "Peru", "Santiago"),
         ("Kenya", "Uganda", "Nairobi"), ("Canada", "Mexico", "Ottawa"), ("Egypt", "Jordan", "Cairo"),
         ("Ghana", "Nigeria", "Accra")]
KINDS = ["defence cooperation agreement", "maritime security pact", "memorandum of understanding on defence"]


def articles(prefix: str, count: int) -> list[dict[str, str]]:
    """``count`` short wire reports in our own words, each a distinct agreement."""
    out = []
    for n in range(count):
        first, second, city = PAIRS[n % len(PAIRS)]
        kind = KINDS[n % len(KINDS)]
        text = (f"{city.upper()}, March {n % 27 + 1} (Test Wire) - {first} and {second} signed a {kind} in {city} "
                f"on Tuesday, the two defence ministries said. Report {prefix}-{n} covers joint training.")
        out.append({"id": f"{prefix}-{n:03d}", "text": text, "published": f"2024-03-{n % 27 + 1:02d}"})
    return out


def as_jsonl(records: list[dict[str, str]]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def upload(base: str, name: str, records: list[dict[str, str]], wait: bool) -> dict[str, Any]:
    response = httpx.post(f"{base}/api/upload", params={"wait": str(wait).lower()}, headers=AUTH, timeout=120,
                          files=[("files", (name, as_jsonl(records), "application/x-ndjson"))])
    assert response.status_code == 200, response.text
    return dict(response.json())


def read_many(base: str, count: int, offset: int) -> tuple[list[float], list[str]]:
    """``count`` GETs over PATHS: (latencies in seconds, failures as 'path: status or error')."""
    latencies, failures = [], []
    with httpx.Client(base_url=base, timeout=60) as client:
        for n in range(count):
            path = PATHS[(n + offset) % len(PATHS)]
            started = time.perf_counter()
            try:
                status = client.get(path).status_code
            except httpx.HTTPError as error:
                failures.append(f"{path}: {type(error).__name__}")
                continue
            latencies.append(time.perf_counter() - started)
            if status != 200:
                failures.append(f"{path}: {status}")
    return latencies, failures


def wait_for(base: str, job_id: str, seconds: float = 90) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = dict(httpx.get(f"{base}/api/upload/{job_id}", headers=AUTH, timeout=30).json())
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    pytest.fail(f"upload job {job_id} did not finish in {seconds} s")


@pytest.fixture
def served(tmp_path: Path) -> Any:
    kb = real_kb(tmp_path / "load.db")
    with running(create_app(kb=kb, token=TOKEN)) as base:
        yield base, kb


def test_readers_during_a_background_upload(served: tuple[str, Any]) -> None:
    base, kb = served
    records = articles("load", 30)
    started = time.perf_counter()
    job = upload(base, "load.jsonl", records, wait=False)
    per_reader = REQUESTS // READERS
    with ThreadPoolExecutor(READERS) as pool:
        results = list(pool.map(lambda r: read_many(base, per_reader, r), range(READERS)))
    reading = time.perf_counter() - started
    finished = wait_for(base, job["job"])
    total = time.perf_counter() - started
    latencies = sorted(x for got, _ in results for x in got)
    failures = [f for _, failed in results for f in failed]
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    print(f"\nload: {READERS} readers, {READERS * per_reader} requests in {reading:.2f} s while a 30-article upload "
          f"ingested (job done after {total:.2f} s); errors {len(failures)}; latency p50 "
          f"{statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    assert failures == []
    assert (finished["state"], finished["error"]) == ("done", None)
    assert finished["report"]["articles_new"] == 30 and finished["report"]["refused"] == []
    stored = {a["id"] for a in kb.articles(limit=None)}
    assert {r["id"] for r in records} <= stored


def test_two_uploads_at_once_both_land(served: tuple[str, Any]) -> None:
    base, kb = served
    batches = {"east": articles("east", 12), "west": articles("west", 12)}
    started = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}

    def send(name: str) -> None:
        results[name] = upload(base, f"{name}.jsonl", batches[name], wait=True)

    threads = [threading.Thread(target=send, args=(name,)) for name in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    print(f"\ntwo concurrent uploads of 12 articles each finished in {time.perf_counter() - started:.2f} s")
    assert {name: r["articles_new"] for name, r in results.items()} == {"east": 12, "west": 12}
    stored = {a["id"] for a in kb.articles(limit=None)}
    assert {r["id"] for batch in batches.values() for r in batch} <= stored
    assert len(kb.articles(limit=None)) == 24
