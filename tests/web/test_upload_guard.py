"""Uploads check the token before reading the body, and are taken a few at a time.

Requests are driven over ASGI so each test controls, and counts, every body chunk the app pulls:
an unauthenticated 19 MB upload is refused (401) having pulled at most the first 64 KB chunk
(the token field must come first), an upload past the concurrent-upload limit and a job past the
queue limit get 429 with Retry-After, and unauthenticated requests never take a slot."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Iterable
from typing import Any

import pytest
from fake_kb import FakeKnowledgeBase

from conftest import TOKEN, TestClient, json_of
from pactwatch.web import create_app
from pactwatch.web.jobs import JobBoard, JobQueueFull
from pactwatch.web.upload import UploadSlots
from pactwatch.web.upload_auth import NOT_A_FIELD, first_field

ARTICLE = b"PORTO, March 1 (Test Wire) - Portugal and Spain signed a defence cooperation agreement on Friday.\n"
BOUNDARY = "pwboundary"
CHUNK = 1 << 16
BIG = 19_000_000


def field(name: str, value: str) -> bytes:
    return (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n').encode()


def file_head(name: str) -> bytes:
    return (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: text/plain\r\n\r\n").encode()


END = f"\r\n--{BOUNDARY}--\r\n".encode()


def big_body(before: bytes = b"", after: bytes = b"") -> Iterable[bytes]:
    """``before``, a 19 MB file of spaces, ``after``: in 64 KB chunks, as a server would hand them over."""
    yield before + file_head("huge.txt")
    for start in range(0, BIG, CHUNK):
        yield b" " * min(CHUNK, BIG - start)
    yield b"\r\n" + after + f"--{BOUNDARY}--\r\n".encode()


def small_body(*parts: bytes) -> list[bytes]:
    return [b"".join(parts)]


class Sent:
    """What the app answered and how many body bytes it pulled."""

    def __init__(self) -> None:
        self.status = 0
        self.headers: dict[str, str] = {}
        self.body = b""
        self.pulled = 0

    def json(self) -> Any:
        return json.loads(self.body)


async def drive(app: Any, chunks: Iterable[bytes] | AsyncIterator[bytes], headers: dict[str, str],
                path: str = "/api/upload", query: str = "") -> Sent:
    """POST ``path`` with a body made of ``chunks`` (an async iterator may pause between them)."""
    sent = Sent()
    iterator = chunks.__aiter__() if hasattr(chunks, "__aiter__") else iter(chunks)  # type: ignore[union-attr]

    async def next_chunk() -> bytes | None:
        if hasattr(iterator, "__anext__"):
            return await anext(iterator, None)  # type: ignore[call-overload]
        return next(iterator, None)  # type: ignore[call-overload]

    async def receive() -> dict[str, Any]:
        chunk = await next_chunk()
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        sent.pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            sent.status = message["status"]
            sent.headers = {k.decode().lower(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            sent.body += message.get("body", b"")

    all_headers = {"host": "127.0.0.1:8000", "content-type": f"multipart/form-data; boundary={BOUNDARY}", **headers}
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(),
             "root_path": "", "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
             "headers": [(k.lower().encode(), v.encode()) for k, v in all_headers.items()]}
    await app(scope, receive, send)
    return sent


def post(app: Any, chunks: Iterable[bytes], headers: dict[str, str] | None = None, **kw: str) -> Sent:
    return asyncio.run(drive(app, chunks, headers or {}, **kw))


@pytest.fixture
def app(fake_kb: FakeKnowledgeBase) -> Any:
    return create_app(kb=fake_kb, token=TOKEN)  # the default 20 MiB upload limit: 19 MB fits


# --- the token before the body ---

def test_an_unauthenticated_19_mb_upload_is_refused_having_read_one_chunk(app: Any) -> None:
    started = time.perf_counter()
    sent = post(app, big_body(), {"content-length": str(BIG + 300)})
    assert sent.status == 401 and sent.headers["www-authenticate"] == "Bearer"
    assert "first field, named token" in sent.json()["detail"]
    assert sent.pulled <= CHUNK + 200  # the first chunk only, of 19 MB
    assert time.perf_counter() - started < 1


def test_a_wrong_token_field_first_is_refused_at_once(app: Any) -> None:
    sent = post(app, big_body(before=field("token", TOKEN + "x")))
    assert sent.status == 401 and sent.pulled <= CHUNK + 300


def test_the_token_after_the_files_is_refused_before_the_files_are_read(app: Any, fake_kb: FakeKnowledgeBase) -> None:
    before = set(fake_kb.articles_by_id)
    sent = post(app, big_body(after=field("token", TOKEN)))
    assert sent.status == 401 and sent.pulled <= CHUNK + 200
    assert set(fake_kb.articles_by_id) == before


def test_a_wrong_bearer_header_or_no_form_pulls_nothing(app: Any) -> None:
    wrong = post(app, big_body(), {"authorization": "Bearer nope"})
    assert (wrong.status, wrong.pulled) == (401, 0)
    sent = post(app, [b'{"token": "' + TOKEN.encode() + b'"}'], {"content-type": "application/json"})
    assert (sent.status, sent.pulled) == (401, 0)


def test_the_token_field_first_uploads_even_split_across_tiny_chunks(app: Any, fake_kb: FakeKnowledgeBase) -> None:
    body = field("token", TOKEN) + file_head("porto.txt") + ARTICLE + END
    sent = post(app, [body[i:i + 7] for i in range(0, len(body), 7)])
    assert sent.status == 200, sent.body
    assert (sent.json()["articles_new"], sent.pulled) == (1, len(body))
    assert "porto" in fake_kb.articles_by_id


def test_the_browser_form_and_a_bearer_client_both_work(app: Any, fake_kb: FakeKnowledgeBase) -> None:
    client = TestClient(app)
    files = [("files", ("a.txt", ARTICLE, "text/plain"))]
    page = client.post("/upload", data={"token": TOKEN}, files=files, headers={"accept": "text/html"})
    assert page.status_code == 200 and "New articles" in page.text
    other = [("files", ("b.txt", ARTICLE.replace(b"PORTO", b"FARO"), "text/plain"))]
    api = client.post("/api/upload", files=other, headers={"Authorization": f"Bearer {TOKEN}"})
    assert json_of(api)["articles_new"] == 1


@pytest.mark.parametrize(("buffer", "expected"), [
    (field("token", "abc") + b"--pwboundary", ("token", b"abc")),
    (b"preamble\r\n" + field("token", "a b") + b"--pwboundary", ("token", b"a b")),
    (field("note", "x") + b"--pwboundary", ("note", b"x")),
    (file_head("a.txt") + b"body", NOT_A_FIELD),
    (field("token", "abc")[:-4], None),       # the value may go on: wait for the boundary
    (b'--pwboundary\r\nContent-Dispo', None),  # headers not finished
    (b"", None),
])
def test_first_field(buffer: bytes, expected: tuple[str, bytes] | None) -> None:
    assert first_field(buffer, BOUNDARY.encode()) == expected


def test_a_first_part_that_never_ends_is_read_no_further_than_8_kb(app: Any) -> None:
    endless = (field("token", TOKEN)[:-2] + b"x" * CHUNK for _ in range(300))  # 19 MB without a boundary
    sent = post(app, endless)
    assert sent.status == 401 and sent.pulled <= 2 * (CHUNK + 200)


# --- at most two uploads at once ---

class Gate:
    """An upload body that sends its token and first bytes, then waits until released."""

    def __init__(self) -> None:
        self.reached = asyncio.Event()
        self.release = asyncio.Event()

    async def chunks(self, name: str) -> AsyncIterator[bytes]:
        yield field("token", TOKEN) + file_head(name) + ARTICLE[:20]
        self.reached.set()
        await self.release.wait()
        yield ARTICLE[20:] + END


def test_a_third_upload_at_once_gets_429_and_unauthenticated_ones_take_no_slot(app: Any) -> None:
    async def scenario() -> tuple[list[Sent], Sent, Sent, Sent]:
        gates = [Gate(), Gate()]
        slow = [asyncio.create_task(drive(app, gate.chunks(f"slow{n}.txt"), {})) for n, gate in enumerate(gates)]
        for gate in gates:
            await asyncio.wait_for(gate.reached.wait(), 5)
        third = await drive(app, small_body(field("token", TOKEN), file_head("third.txt"), ARTICLE, END), {})
        stranger = await drive(app, small_body(field("token", "wrong"), file_head("x.txt"), ARTICLE, END), {})
        for gate in gates:
            gate.release.set()
        done = list(await asyncio.gather(*slow))
        after = await drive(app, small_body(field("token", TOKEN), file_head("after.txt"), ARTICLE, END), {})
        return done, third, stranger, after

    done, third, stranger, after = asyncio.run(scenario())
    assert third.status == 429 and third.headers["retry-after"] == "10"
    assert "2 uploads are already being received or ingested" in third.json()["detail"]
    assert third.pulled < 1000  # refused before its files were read
    assert stranger.status == 401  # the token is checked first; a stranger cannot learn the server is busy
    assert [s.status for s in done] == [200, 200]
    assert after.status == 200  # the slots are given back


def test_upload_slots_count_and_release() -> None:
    slots = UploadSlots(limit=1)
    with slots.slot():
        with pytest.raises(Exception) as refused, slots.slot():
            pass
        assert getattr(refused.value, "status_code", None) == 429
    with slots.slot():
        assert slots.busy == 1
    assert slots.busy == 0


# --- at most N jobs waiting ---

class SlowKnowledgeBase(FakeKnowledgeBase):
    """Ingest waits until the test lets it go, so jobs pile up behind the one writer."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()

    def ingest(self, *args: Any, **kwargs: Any) -> Any:
        assert self.go.wait(10), "the test never released the ingest"
        return super().ingest(*args, **kwargs)


def wait_for(condition: Any, seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_job_past_the_queue_limit_gets_429_and_the_queue_drains() -> None:
    kb = SlowKnowledgeBase()
    app = create_app(kb=kb, token=TOKEN)
    app.state.jobs = JobBoard(max_queued=1)
    client = TestClient(app)
    auth = {"Authorization": f"Bearer {TOKEN}"}

    def upload(name: str) -> Any:
        files = [("files", (name, ARTICLE.replace(b"PORTO", name.encode()), "text/plain"))]
        return client.post("/api/upload?wait=false", files=files, headers=auth)

    try:
        running = json_of(upload("one.txt"))
        wait_for(lambda: app.state.jobs.get(running["job"]).state == "running")
        queued = json_of(upload("two.txt"))
        assert queued["state"] == "queued"
        refused = upload("three.txt")
        assert refused.status_code == 429 and refused.headers["retry-after"] == "10"
        assert "1 ingest jobs are already waiting" in json_of(refused)["detail"]
    finally:
        kb.go.set()
    for job in (running, queued):
        wait_for(lambda job=job: app.state.jobs.get(job["job"]).state == "done")
    assert json_of(upload("four.txt"))["state"] in ("queued", "running", "done")


def test_job_board_refuses_past_max_queued_and_keeps_waiting_jobs() -> None:
    board = JobBoard(max_queued=2)
    release = threading.Event()

    class Blocking:
        def ingest(self, *args: Any, **kwargs: Any) -> Any:
            release.wait(10)
            raise RuntimeError("stopped by the test")

    try:
        first = board.start(Blocking(), [], "/nonexistent-folder", lambda r, f: {})
        wait_for(lambda: first.state == "running")
        board.start(Blocking(), [], "/nonexistent-folder", lambda r, f: {})
        board.start(Blocking(), [], "/nonexistent-folder", lambda r, f: {})
        assert board.queued() == 2 and board.queue_full()
        with pytest.raises(JobQueueFull, match="2 ingest jobs are already waiting"):
            board.start(Blocking(), [], "/nonexistent-folder", lambda r, f: {})
    finally:
        release.set()
    wait_for(lambda: board.queued() == 0 and first.state == "failed")
    with pytest.raises(ValueError, match="max_queued must be positive"):
        JobBoard(max_queued=0)
