"""ASGI middleware that guards every response: security headers, no caching of token-protected
answers, a Host allow-list against DNS rebinding, and a deadline on reading a request body.

Plain ASGI rather than ``@app.middleware("http")``: each one sees the raw ``send`` and ``receive``,
so the headers also land on responses the app's other middleware build (a refused Host, a 304)
and a slow body can be cut off while a route is still reading it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qs

import anyio
from fastapi import HTTPException
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
# Paths whose answers need or check the upload token (the form, the API, the job states).
TOKEN_PATHS = ("/upload", "/api/upload")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]", "testserver")
ANY_ADDRESS = ("0.0.0.0", "::", "")
DEFAULT_BODY_TIMEOUT_S = 120.0


def with_security_headers(headers: MutableHeaders, path: str, authorised: bool) -> None:
    """The security headers (kept where a response set its own) and ``Cache-Control: no-store``
    on token-protected answers, replacing any caching header another layer set."""
    for name, value in SECURITY_HEADERS.items():
        headers.setdefault(name, value)
    if needs_no_store(path, authorised):
        headers["Cache-Control"] = "no-store"
        for name in ("ETag", "Last-Modified", "Expires"):
            if name in headers:
                del headers[name]


def needs_no_store(path: str, authorised: bool) -> bool:
    """Token-protected: the upload page and form, ``/api/upload`` and its jobs, and any request
    sending credentials (``Authorization``), whatever it asked for.

    >>> needs_no_store("/api/upload/job-1", False), needs_no_store("/agreements", False)
    (True, False)
    """
    return authorised or any(path == p or path.startswith(p + "/") for p in TOKEN_PATHS)


class SecurityHeaders:
    """Adds ``with_security_headers`` to every HTTP response that passes through it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        authorised = any(name == b"authorization" for name, _ in scope.get("headers") or [])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                with_security_headers(MutableHeaders(scope=message), scope.get("path", ""), authorised)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def host_names(bound: str | None = None, extra: Iterable[str] | None = None) -> tuple[str, ...]:
    """The Host names a server answers: the local names, the address it is bound to (unless it
    listens on every address) and ``extra``; lower case, without ports, duplicates removed.

    >>> host_names("192.168.1.5", ["Pacts.Example.org"])[-2:]
    ('192.168.1.5', 'pacts.example.org')
    """
    names = [*LOCAL_HOSTS]
    if bound is not None and bound not in ANY_ADDRESS:
        names.append(bound)
    for name in extra or []:
        clean = name.strip().lower()
        if not clean or "/" in clean or " " in clean:
            raise ValueError(f"allowed host {name!r} is not a host name (give a name such as pacts.example.org, "
                             "an address, '*.example.org' or '*')")
        names.append(clean)
    return tuple(dict.fromkeys(n.lower() for n in names))


def host_of(header: str) -> str:
    """The name in a Host header, without its port: ``[::1]:8000`` -> ``[::1]``, ``A:80`` -> ``a``."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[:value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def host_allowed(host: str, allowed: Iterable[str]) -> bool:
    """``host`` is listed, or matches a ``*.domain`` entry, or ``*`` allows any."""
    return any(name == "*" or host == name or (name.startswith("*.") and host.endswith(name[1:]))
               for name in allowed)


class AllowedHosts:
    """Refuses (400) a request whose Host is not allowed: a page on an attacker's domain that
    re-points its DNS at this machine (DNS rebinding) then reads nothing, because the browser
    still sends the attacker's name as the Host."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str], refuse: Any) -> None:
        self.app = app
        self.allowed = tuple(allowed)
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            header = next((v.decode("latin-1") for k, v in scope.get("headers") or [] if k == b"host"), "")
            host = host_of(header)
            if not host_allowed(host, self.allowed):
                message = (f"Host {header[:100]!r} is not served here: start the server with "
                           f"--allowed-host {host[:100] or 'NAME'} to serve it under that name.")
                response = self.refuse(scope, 400, message)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class BodyDeadline:
    """408 when a request body has not fully arrived ``seconds`` after the request began.

    uvicorn closes idle keep-alive connections but has no read timeout within a request, so a
    client trickling a body one byte a minute would otherwise hold a worker (and a spooled
    upload) for as long as it likes. Only reading the body is timed; once it is complete, the
    app's own waits (for a disconnect, say) are not."""

    def __init__(self, app: ASGIApp, seconds: float = DEFAULT_BODY_TIMEOUT_S) -> None:
        if seconds <= 0:
            raise ValueError(f"the body timeout must be positive, got {seconds}")
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline = anyio.current_time() + self.seconds
        complete = False

        async def timed_receive() -> Message:
            nonlocal complete
            if complete:
                return await receive()
            with anyio.move_on_after(max(deadline - anyio.current_time(), 0)) as timer:
                message = await receive()
            if timer.cancelled_caught:
                raise HTTPException(408, f"The request body did not arrive within {self.seconds:g} s.",
                                    headers={"Connection": "close"})
            complete = message["type"] != "http.request" or not message.get("more_body", False)
            return message

        await self.app(scope, timed_receive, send)


# Routes whose answers cost more than a page of a list, or whose cost a client controls: an
# article's text with its marks, the whole timeline chart, the network and commitments drawings,
# an agreement's page (its lifecycle chart on any as_of, its evidence, obligations and review
# forms). Measured on a 30-article database (ms, one client): article page with 10,000 mentions
# ~55 the first time, ~10 once its marks are kept (web.highlight, highlights), timeline page ~16-29,
# network page ~14, agreement page ~10-14; a list page 4-16.
COSTLY_PATHS = ("/articles/", "/api/articles/", "/timeline", "/commitments", "/agreements/")
# The network's cost is its layout, kept per graph: the current network (the page readers open) is
# laid out once per change of the knowledge base; a date or a domain asks for another graph each time.
NETWORK_PATHS = ("/network", "/api/network")
GRAPH_CHOOSERS = ("as_of", "domain")
COSTLY_SLOTS = 1
COSTLY_WAIT_S = 15.0
READS_FIRST_S = 0.25  # how long a costly page, its turn come, lets the ordinary reads in flight finish first


def is_costly(path: str, query: bytes = b"") -> bool:
    """Whether answering ``path?query`` may cost more than a list page: see ``COSTLY_PATHS``."""
    if path in NETWORK_PATHS:
        asked = parse_qs(query.decode("latin-1"))
        return any(asked.get(name, [""])[0] for name in GRAPH_CHOOSERS)
    return path.startswith(COSTLY_PATHS)


class CostlyInTurn:
    """Costly pages are answered ``slots`` at a time, in the order they were asked for.

    The server is one process whose threads share one interpreter lock, so every costly page
    being built slows every other request: three clients fetching article pages back to back
    would leave a reader's list page waiting its turn behind all three. Taking turns bounds that
    share whatever the number of clients: clients of costly pages wait for each other, and a
    cheap read shares the interpreter with at most ``slots`` of them. A request that waited
    ``wait_s`` seconds for its turn is answered 503 with ``Retry-After``.

    Reads first: its turn come, a costly page waits until the ordinary requests in flight are done
    (at most ``reads_first_s``), so a page of a list or an API answer is not built while the
    interpreter is busy with an article's 10,000 marks; costly pages fill the gaps between reads."""

    def __init__(self, app: ASGIApp, slots: int = COSTLY_SLOTS, wait_s: float = COSTLY_WAIT_S,
                 refuse: Any = None, reads_first_s: float = READS_FIRST_S) -> None:
        if slots <= 0:
            raise ValueError(f"the costly-page slots must be positive, got {slots}")
        self.app = app
        self.slots = slots
        self.wait_s = wait_s
        self.refuse = refuse
        self.reads_first_s = reads_first_s
        self.reading = 0  # ordinary requests in flight
        self._turns: anyio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not is_costly(scope.get("path", ""), scope.get("query_string", b"")):
            self.reading += 1
            try:
                await self.app(scope, receive, send)
            finally:
                self.reading -= 1
            return
        if self._turns is None:  # made in the event loop that uses it
            self._turns = anyio.Semaphore(self.slots, fast_acquire=True)
        with anyio.move_on_after(self.wait_s) as timer:
            await self._turns.acquire()
        if timer.cancelled_caught:
            response = self.refuse(scope, 503, "The server is busy with other costly pages: try again shortly.")
            response.headers["Retry-After"] = "5"
            await response(scope, receive, send)
            return
        try:
            await self._after_reads()
            await self.app(scope, receive, send)
        finally:
            self._turns.release()

    async def _after_reads(self) -> None:
        """Wait while ordinary requests are in flight, at most ``reads_first_s``."""
        with anyio.move_on_after(self.reads_first_s):
            while self.reading:
                await anyio.sleep(0.002)
