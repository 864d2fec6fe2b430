"""Fixtures for the web tests: an app over the fake KB (always) and over the real KB built from sample/."""

from __future__ import annotations

import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from pactwatch.web import create_app

with warnings.catch_warnings():
    # Starlette 1.x warns at import that it prefers httpx2 for its TestClient; httpx works and is what we pin.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fake_kb import FakeKnowledgeBase  # noqa: E402  (a test helper beside this file)

TOKEN = "s3cret-upload-token"


@pytest.fixture
def fake_kb() -> FakeKnowledgeBase:
    return FakeKnowledgeBase()


@pytest.fixture
def client(fake_kb: FakeKnowledgeBase) -> TestClient:
    """A read-only app over the fake KB."""
    return TestClient(create_app(kb=fake_kb))


@pytest.fixture
def writer(fake_kb: FakeKnowledgeBase) -> TestClient:
    """An app that accepts uploads with ``TOKEN`` (limit 4,000 bytes)."""
    return TestClient(create_app(kb=fake_kb, token=TOKEN, max_upload_bytes=4000))


def json_of(response: Any) -> Any:
    assert response.headers["content-type"].startswith("application/json"), response.text
    return response.json()


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "_artifacts"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread on 127.0.0.1; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's chromium driven by Playwright; skips when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (make browser-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def watched_page(browser: Any) -> Iterator[Any]:
    """A fresh page that records dialogs, console messages and page errors (a dialog is dismissed)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs, page.console_messages, page.page_errors = [], [], []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: page.console_messages.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: page.page_errors.append(str(e)))
    try:
        yield page
    finally:
        context.close()


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


REPO = Path(__file__).resolve().parents[2]


def real_kb(db_path: Path) -> Any:
    """A real knowledge base in a fresh SQLite file; skips while ``pactwatch.open`` does not exist yet."""
    import pactwatch

    if not hasattr(pactwatch, "open"):
        pytest.skip("the knowledge base (pactwatch.open) is not implemented yet")
    return pactwatch.open(f"sqlite:///{db_path}")


_SAMPLE: dict[str, Any] = {}


def built_sample_kb() -> Any:
    """The real knowledge base built from our own sample corpus (``sample/``), once per session."""
    if "kb" not in _SAMPLE:
        folder = tempfile.TemporaryDirectory(prefix="pactwatch-sample-kb-")
        kb = real_kb(Path(folder.name) / "sample.db")
        kb.ingest([str(REPO / "sample")])
        _SAMPLE.update(kb=kb, folder=folder)
    return _SAMPLE["kb"]


class LazySampleKB:
    """Stands for the sample KB and builds it on first use, so a module can create an app at
    import time (schemathesis reads the OpenAPI document then) without building anything."""

    def __getattr__(self, name: str) -> Any:
        return getattr(built_sample_kb(), name)


@pytest.fixture(scope="session")
def sample_kb() -> Any:
    return built_sample_kb()


@pytest.fixture
def sample_client(sample_kb: Any) -> TestClient:
    return TestClient(create_app(kb=sample_kb))
