"""Every hostile input of issue 6 through the upload endpoint, into the real knowledge base: one
refusal line per bad file (or JSON line), the good files around it stored, the refusal recorded;
and a 200 MB upload refused (413) without the server holding it."""

from __future__ import annotations

import asyncio
import gzip
import importlib.util
import io
import json
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import TOKEN, TestClient, json_of, real_kb
from pactwatch.read import ReadLimits
from pactwatch.web import create_app


def _load_cases() -> Any:
    """``tests/hostile_inputs.py``, loaded by path (tests/ is not on sys.path)."""
    if "hostile_inputs" not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "hostile_inputs.py"
        spec = importlib.util.spec_from_file_location("hostile_inputs", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["hostile_inputs"] = module
        spec.loader.exec_module(module)
    return sys.modules["hostile_inputs"]


_cases = _load_cases()
GOOD, OTHER, LIMITS, REFUSED, READ = _cases.GOOD, _cases.OTHER, _cases.LIMITS, _cases.REFUSED, _cases.READ
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def upload(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Any]]:
    kb = real_kb(tmp_path_factory.mktemp("hostile") / "kb.db")
    yield TestClient(create_app(kb=kb, token=TOKEN, read_limits=LIMITS)), kb


def send(client: TestClient, case: str, name: str, content: bytes) -> dict[str, Any]:
    """Upload ``name`` between two good articles named after ``case``."""
    files = [("files", (f"{case}-before.txt", GOOD.encode(), "text/plain")),
             ("files", (name, content, "application/octet-stream")),
             ("files", (f"{case}-after.txt", OTHER.encode(), "text/plain"))]
    response = client.post("/api/upload", files=files, headers=AUTH)
    assert response.status_code == 200, response.text
    return json_of(response)


@pytest.mark.parametrize(("name", "content", "refusals", "ids"), REFUSED, ids=[c[0] for c in REFUSED])
def test_hostile_file_is_refused_and_the_rest_is_stored(upload: tuple[TestClient, Any], name: str, content: bytes,
                                                        refusals: list[tuple[int | None, str]],
                                                        ids: list[str]) -> None:
    client, kb = upload
    case = name.replace(".", "_")
    report = send(client, case, name, content)
    assert [(r["source"], r["line"]) for r in report["refused"]] == [(name, line) for line, _ in refusals]
    for got, (_, reason) in zip(report["refused"], refusals, strict=True):
        assert reason in got["reason"]
    assert report["articles_new"] == 2 + len(ids)
    stored = {a["id"] for a in kb.articles(limit=None)}
    assert {f"{case}-before", f"{case}-after", *ids} <= stored
    recorded = [(r["source"], r["line"]) for r in kb.refused(limit=None)]
    for line, _ in refusals:  # recorded in the database too, so ``pactwatch refused`` lists it
        assert (f"upload:{name}", line) in recorded  # named as sent, not by the server's temporary folder


@pytest.mark.parametrize(("name", "content", "doc_id", "phrase"), READ, ids=[c[2] for c in READ])
def test_odd_but_readable_file_is_stored(upload: tuple[TestClient, Any], name: str, content: bytes, doc_id: str,
                                         phrase: str) -> None:
    client, kb = upload
    report = send(client, doc_id, name, content)
    assert report["refused"] == [] and report["articles_new"] == 3
    article = kb.article(doc_id)
    assert phrase in article["text"] and "\x00" not in article["text"]


# --- 200 MB: driven over ASGI so the test controls (and counts) every body chunk ---

BIG = 200_000_000
CHUNK = 1 << 20
MULTIPART = {"host": "127.0.0.1:8000", "authorization": f"Bearer {TOKEN}",
             "content-type": "multipart/form-data; boundary=pwboundary"}


def post_chunks(app: Any, chunks: Iterator[bytes], headers: dict[str, str]) -> tuple[int, dict[str, Any], int]:
    """POST /api/upload with a body made of ``chunks``: (status, JSON body, bytes the app pulled)."""
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        chunk = next(chunks, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send_message(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/api/upload", "raw_path": b"/api/upload", "query_string": b"",
             "root_path": "", "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    asyncio.run(app(scope, receive, send_message))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, json.loads(body), pulled


def huge_multipart(size: int) -> Iterator[bytes]:
    """A multipart body holding one .txt file of ``size`` spaces, made chunk by chunk, never whole."""
    yield (b'--pwboundary\r\nContent-Disposition: form-data; name="files"; filename="huge.txt"\r\n'
           b"Content-Type: text/plain\r\n\r\n")
    for start in range(0, size, CHUNK):
        yield b" " * min(CHUNK, size - start)
    yield b"\r\n--pwboundary--\r\n"


def test_upload_declaring_200_mb_is_refused_before_a_byte_is_read(tmp_path: Path) -> None:
    app = create_app(kb=real_kb(tmp_path / "kb.db"), token=TOKEN, max_upload_bytes=20_000_000)
    status, body, pulled = post_chunks(app, huge_multipart(BIG), {**MULTIPART, "content-length": str(BIG + 200)})
    assert (status, body, pulled) == (413, {"detail": "Upload too large: at most 20000000 bytes."}, 0)


def test_upload_streaming_200_mb_without_a_length_is_cut_off_at_the_limit(tmp_path: Path) -> None:
    kb = real_kb(tmp_path / "kb.db")
    app = create_app(kb=kb, token=TOKEN, max_upload_bytes=20_000_000)
    tracemalloc.start()
    try:
        status, body, pulled = post_chunks(app, huge_multipart(BIG), MULTIPART)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (status, body) == (413, {"detail": "Upload too large: at most 20000000 bytes."})
    assert 20_000_000 < pulled <= 20_000_000 + CHUNK
    assert peak < 10_000_000  # the parser spools files to disk: not even the 20 MB it counted is held
    after = TestClient(app).post("/api/upload", files=[("files", ("next.txt", GOOD.encode(), "text/plain"))],
                                 headers=AUTH)
    assert json_of(after)["articles_new"] == 1  # the server goes on with the next upload


def test_a_file_over_the_file_limit_is_refused_and_the_rest_ingested(tmp_path: Path) -> None:
    app = create_app(kb=real_kb(tmp_path / "kb.db"), token=TOKEN, max_upload_bytes=5_000_000,
                     read_limits=ReadLimits(max_file_bytes=1_000_000))
    files = [("files", ("a_good.txt", GOOD.encode(), "text/plain")),
             ("files", ("huge.txt", b" " * 2_000_000, "text/plain")),
             ("files", ("z_good.txt", OTHER.encode(), "text/plain"))]
    report = json_of(TestClient(app).post("/api/upload", files=files, headers=AUTH))
    assert (report["articles_read"], report["articles_new"]) == (2, 2)
    assert report["refused"] == [
        {"source": "huge.txt", "reason": "file is 2,000,000 bytes, over the limit of 1,000,000", "line": None}]


def test_serve_sets_the_upload_limits(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import uvicorn

    import pactwatch.web as web
    from pactwatch.cli.main import main

    seen: dict[str, Any] = {}
    monkeypatch.setattr(web, "create_app", lambda **kwargs: seen.update(kwargs) or object())
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: None)
    secret = tmp_path / "secret"
    secret.write_text(TOKEN, encoding="utf-8")
    assert main(["serve", "--token-file", str(secret), "--max-upload-mb", "300", "--max-upload-files", "5",
                 "--max-file-mb", "250", "--max-article-chars", "9000", "--batch-size", "50"]) == 0
    assert (seen["max_upload_bytes"], seen["max_upload_files"]) == (300_000_000, 5)
    limits = seen["read_limits"]
    assert (limits.max_file_bytes, limits.max_article_chars, limits.max_articles_per_batch) == (250_000_000, 9000, 50)
    assert main(["serve", "--token-file", str(secret)]) == 0  # defaults: 20 MB, 200 files, files up to the upload
    assert (seen["max_upload_bytes"], seen["max_upload_files"], seen["read_limits"].max_file_bytes) == (
        20_000_000, 200, 20_000_000)


def test_serve_refuses_a_limit_that_is_not_positive(capsys: pytest.CaptureFixture[str]) -> None:
    from pactwatch.cli.main import main

    assert main(["serve", "--max-upload-files", "0"]) == 1
    assert capsys.readouterr().err.startswith("Error: --max-upload-files must be positive, got 0")


def test_too_many_files_in_one_upload_is_refused(tmp_path: Path) -> None:
    app = create_app(kb=real_kb(tmp_path / "kb.db"), token=TOKEN, max_upload_files=2)
    files = [("files", (f"f{n}.txt", GOOD.encode(), "text/plain")) for n in range(3)]
    response = TestClient(app).post("/api/upload", files=files, headers=AUTH)
    assert (response.status_code, json_of(response)["detail"]) == (
        422, "files: Too many files. Maximum number of files is 2.")


def blank_line_bomb() -> bytes:
    """600 MB of blank lines gzipped to about 611 KB, compressed as it is written (never whole in memory)."""
    buffer = io.BytesIO()
    block = b"\n" * (1 << 20)
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as f:
        for _ in range(600):
            f.write(block)
    return buffer.getvalue()


def test_32_blank_line_bombs_in_one_upload_are_refused_in_seconds(tmp_path: Path) -> None:
    """The abuse of issue 11: 32 bombs fit in one 20 MB upload, and each held the writer for ~2 minutes."""
    bomb = blank_line_bomb()
    app = create_app(kb=real_kb(tmp_path / "kb.db"), token=TOKEN)  # default limits, as `pactwatch serve` runs
    files = [("files", ("a_good.txt", GOOD.encode(), "text/plain"))]
    files += [("files", (f"bomb{n:02}.jsonl.gz", bomb, "application/gzip")) for n in range(32)]
    files += [("files", ("z_good.txt", OTHER.encode(), "text/plain"))]
    started = time.perf_counter()
    report = json_of(TestClient(app).post("/api/upload", files=files, headers=AUTH))
    seconds = time.perf_counter() - started
    assert 32 * len(bomb) > 19_000_000 and report["articles_new"] == 2
    assert [(r["source"], r["line"]) for r in report["refused"]] == [
        (f"bomb{n:02}.jsonl.gz", 100_001) for n in range(32)]
    assert {r["reason"] for r in report["refused"]} == {
        "more than 100,000 blank lines (100,001 by line 100,001, 0 records); the rest was not read"}
    print(f"\n32 blank-line bombs ({32 * len(bomb):,} bytes) in one upload: refused in {seconds:.2f} s")
    assert seconds < 20  # was over an hour: 32 x ~2 minutes
