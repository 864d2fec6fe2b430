"""Reads stay fast while the server is abused: ``pactwatch serve`` in its own process over a SQLite
knowledge base, hit by clients that fetch the 10,000-mention article page and agreement pages at
the calendar's ends as fast as they can, while readers time ordinary pages and API calls.

The figures are printed (``pytest -s``); the readers' p95 must stay under 200 ms (the issue's
bound). Before the linear highlighter, one abusive GET took ~39 s of CPU and the readers queued
behind it for minutes.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from test_load import articles

from conftest import free_port, real_kb
from pactwatch.article import Article

READERS = 4
READS_PER_READER = 60
ABUSERS = 3
P95_BOUND_S = 0.200
READ_PATHS = ["/api/agreements", "/agreements", "/api/actors", "/actors", "/api/events", "/events",
              "/api/articles?limit=20", "/articles", "/api/timeline", "/network"]


def build_db(path: Path) -> list[str]:
    """The knowledge base the server reads: 30 reports, the repeated article, one dated 9999-12-30.
    Returns the agreement ids."""
    kb = real_kb(path)
    far = Article("far-future", "ATHENS, December 30 (Test Wire) - Greece and France signed a defence cooperation "
                  "agreement in Athens on Wednesday. It runs for five years and renews automatically.",
                  "far.txt", "9999-12-30", None, "Far future pact")
    repeated = Article("repeated", "France and Spain. " * 5000, "repeated.txt", "2024-01-01", None, "Repeated")
    kb.ingest_articles([Article(r["id"], r["text"], f"{r['id']}.txt", r["published"], None, None)
                        for r in articles("load", 30)] + [far, repeated])
    ids = [a["id"] for a in kb.agreements(limit=500)]
    kb.close()
    return ids


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """``pactwatch serve`` on a free loopback port, in a process of its own."""
    db = tmp_path / "abuse.db"
    ids = build_db(db)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from pactwatch.cli.main import main; raise SystemExit(main())", "serve",
         "--db", f"sqlite:///{db}", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        yield base, ids
    finally:
        process.terminate()
        process.wait(10)


def wait_until_up(base: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"pactwatch serve exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            if httpx.get(base + "/api/actors", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    pytest.fail("pactwatch serve did not answer in time")


ABUSER_SCRIPT = """
import json, sys, time, httpx
base, stop_file, paths = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
got, failures, n = [], [], 0
with httpx.Client(base_url=base, timeout=60, headers={"accept": "text/html"}) as client:
    while True:
        try:
            open(stop_file).close()
            break
        except FileNotFoundError:
            pass
        path = paths[n % len(paths)]
        n += 1
        started = time.perf_counter()
        status = client.get(path).status_code
        got.append((path, time.perf_counter() - started))
        if status != 200:
            failures.append(f"{path}: {status}")
print(json.dumps([got, failures]))
"""


def start_abuser(base: str, paths: list[str], stop_file: Path) -> subprocess.Popen[str]:
    """A client in a process of its own that GETs ``paths`` in turn until ``stop_file`` exists and
    then prints ((path, latency) each, failures) as JSON: its CPU is not the readers' process's, so
    the readers' latencies measure the server, not this test's threads."""
    return subprocess.Popen([sys.executable, "-c", ABUSER_SCRIPT, base, str(stop_file), json.dumps(paths)],
                            stdout=subprocess.PIPE, text=True)


def abuser_result(process: subprocess.Popen[str]) -> tuple[list[tuple[str, float]], list[str]]:
    out, _ = process.communicate(timeout=120)
    got, failures = json.loads(out)
    return [(path, float(x)) for path, x in got], failures


def read(base: str, count: int, offset: int) -> tuple[list[tuple[str, float]], list[str]]:
    """GET the read paths in turn, pausing between requests as a person does: ((path, latency) each,
    failures)."""
    latencies, failures = [], []
    with httpx.Client(base_url=base, timeout=60) as client:
        for n in range(count):
            path = READ_PATHS[(n + offset) % len(READ_PATHS)]
            started = time.perf_counter()
            status = client.get(path).status_code
            latencies.append((path, time.perf_counter() - started))
            if status != 200:
                failures.append(f"{path}: {status}")
            time.sleep(0.02)  # a reader clicks; it does not hammer
    return latencies, failures


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def figures(name: str, values: list[float]) -> str:
    return (f"{name}: {len(values)} requests, p50 {statistics.median(values) * 1000:.0f} ms, "
            f"p95 {p95(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms")


def test_reads_stay_fast_while_abusive_pages_are_fetched(server: tuple[str, list[str]], tmp_path: Path) -> None:
    base, ids = server
    abusive = ["/articles/repeated", "/timeline"]
    abusive += [f"/agreements/{i}?as_of={day}" for i in ids[:4] for day in ("9999-12-31", "0001-01-01")]
    with httpx.Client(base_url=base, timeout=60) as warm:  # templates compiled, caches filled
        for path in abusive + READ_PATHS:
            assert warm.get(path, headers={"accept": "text/html"}).status_code == 200, path
    quiet = [x for _, x in read(base, 20, 0)[0]]
    stop_file = tmp_path / "stop-abusing"
    abusers = [start_abuser(base, abusive[n:] + abusive[:n], stop_file) for n in range(ABUSERS)]
    try:
        time.sleep(1.0)
        with ThreadPoolExecutor(READERS) as pool:
            readers = [pool.submit(read, base, READS_PER_READER, n * 3) for n in range(READERS)]
            results = [r.result() for r in readers]
    finally:
        stop_file.touch()
        abused = [abuser_result(a) for a in abusers]
    reads = [x for got, _ in results for _, x in got]
    by_path: dict[str, list[float]] = {}
    for got, _ in results:
        for path, x in got:
            by_path.setdefault(path, []).append(x)
    abusive_times = [x for got, _ in abused for _, x in got]
    repeated = [x for got, _ in abused for path, x in got if path == "/articles/repeated"]
    print(f"\nquiet {figures('reads', quiet)}")
    print(f"under abuse ({ABUSERS} clients fetching the 10,000-mention page, /timeline and as_of 0001/9999 "
          f"agreement pages back to back): {figures('reads', reads)}; {figures('abusive', abusive_times)}; "
          f"{figures('the 10,000-mention page', repeated)}")
    print("reads by path: " + "; ".join(f"{path} p95 {p95(xs) * 1000:.0f} ms" for path, xs in sorted(by_path.items())))
    assert [f for _, failed in results for f in failed] + [f for _, failed in abused for f in failed] == []
    assert len(abusive_times) > 3 * ABUSERS
    assert p95(reads) < P95_BOUND_S, figures("reads", reads)
