"""Costly pages take turns (``guards.CostlyInTurn``): however many clients ask for article pages,
the timeline or the network at once, at most one is built at a time, cheap pages are never held
back, and a request that waits too long for its turn gets 503 with Retry-After."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from starlette.responses import PlainTextResponse
from starlette.types import Receive, Scope, Send

from pactwatch.web.guards import CostlyInTurn, is_costly


class Recorder:
    """An ASGI app that takes ``seconds`` per request and records how many ran at once, by kind."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.running = {"costly": 0, "cheap": 0}
        self.most = {"costly": 0, "cheap": 0}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = "costly" if is_costly(scope["path"], scope.get("query_string", b"")) else "cheap"
        self.running[kind] += 1
        self.most[kind] = max(self.most[kind], self.running[kind])
        try:
            await asyncio.sleep(self.seconds)
        finally:
            self.running[kind] -= 1
        await PlainTextResponse("ok")(scope, receive, send)


def refuse(scope: Scope, status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message, status_code=status)


async def fetch_all(app: CostlyInTurn, paths: list[str]) -> list[httpx.Response]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        return await asyncio.gather(*(client.get(p) for p in paths))


def test_costly_pages_are_built_one_at_a_time_and_cheap_ones_are_not_held_back() -> None:
    inner = Recorder(0.05)
    paths = ["/articles/a", "/timeline", "/network?as_of=2020-01-01", "/api/articles/b"] * 2 + [
        "/agreements", "/api/events"] * 3
    responses = asyncio.run(fetch_all(CostlyInTurn(inner, slots=1, refuse=refuse), paths))
    assert [r.status_code for r in responses] == [200] * len(paths)
    assert inner.most["costly"] == 1
    assert inner.most["cheap"] == 6  # all six cheap requests ran together, none waited for a turn


def test_a_request_that_waits_too_long_for_its_turn_is_told_to_retry() -> None:
    inner = Recorder(0.3)
    responses = asyncio.run(fetch_all(CostlyInTurn(inner, slots=1, wait_s=0.1, refuse=refuse),
                                      ["/articles/a", "/articles/b"]))
    assert sorted(r.status_code for r in responses) == [200, 503]
    busy = next(r for r in responses if r.status_code == 503)
    assert busy.headers["retry-after"] == "5"


def test_slots_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        CostlyInTurn(Recorder(0), slots=0)


@pytest.mark.parametrize(("path", "costly"), [("/articles/x", True), ("/api/articles/x", True), ("/timeline", True),
                                              ("/network", False), ("/network?as_of=2020-01-01", True),
                                              ("/api/network?limit=5000", False),
                                              ("/api/network?domain=trade&limit=9", True),
                                              ("/network?as_of=", False), ("/articles", False),
                                              ("/api/timeline", False), ("/agreements/x", True),
                                              ("/agreements", False), ("/commitments", True),
                                              ("/api/agreements/x", False)])
def test_which_paths_are_costly(path: str, costly: bool) -> None:
    """The current network's layout is kept: only another date or domain asks for a new one."""
    where, _, query = path.partition("?")
    assert is_costly(where, query.encode()) is costly


def test_a_costly_page_lets_the_reads_in_flight_finish_first() -> None:
    """Its turn come, a costly page starts once the ordinary request in flight has answered."""
    order: list[str] = []

    async def inner(scope: Scope, receive: Receive, send: Send) -> None:
        order.append(f"start {scope['path']}")
        if scope["path"] == "/agreements":
            await asyncio.sleep(0.05)
        order.append(f"end {scope['path']}")
        await PlainTextResponse("ok")(scope, receive, send)

    async def both() -> None:
        app = CostlyInTurn(inner, slots=1, refuse=refuse)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            read = asyncio.create_task(client.get("/agreements"))
            await asyncio.sleep(0.01)
            await client.get("/timeline")
            await read

    asyncio.run(both())
    assert order == ["start /agreements", "end /agreements", "start /timeline", "end /timeline"]
