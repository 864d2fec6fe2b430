"""A real webhook receiver for tests: an HTTP server on 127.0.0.1 (a free port) in a thread.

It records every request (path, headers, body), checks the ``X-Pactwatch-Signature`` header
against the shared secret with its own HMAC code (not the sender's), and can be told to answer the
first ``fail_first`` requests with HTTP 500 or to hold the first ``hang_first`` requests for
``hang_s`` seconds (past the sender's timeout) before answering.

    with WebhookReceiver(b"s3cret", fail_first=2) as hook:
        ...  # deliver to hook.url
        hook.wait_for(1)
        assert hook.alerts()[0]["kind"] == "ratified"
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    signature_ok: bool
    answered: int  # the status this request was answered with


class WebhookReceiver:
    def __init__(self, secret: bytes, *, fail_first: int = 0, hang_first: int = 0, hang_s: float = 0.0) -> None:
        self.secret = secret
        self.fail_first, self.hang_first, self.hang_s = fail_first, hang_first, hang_s
        self.requests: list[Received] = []
        self._seen = 0
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/hook"

    def __enter__(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def expected_signature(self, body: bytes) -> str:
        return "sha256=" + hmac.new(self.secret, body, hashlib.sha256).hexdigest()

    def alerts(self) -> list[dict[str, Any]]:
        """The bodies of the requests answered 2xx with a valid signature, in arrival order."""
        with self._changed:
            return [json.loads(r.body) for r in self.requests if r.signature_ok and r.answered == 204]

    def wait_for(self, accepted: int, timeout_s: float = 20.0) -> list[dict[str, Any]]:
        """Wait until ``accepted`` alerts were accepted (or the timeout passes); return them."""
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while len([r for r in self.requests if r.answered == 204]) < accepted:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
        return self.alerts()

    def _turn(self) -> int:
        with self._changed:
            self._seen += 1
            return self._seen

    def _record(self, received: Received) -> None:
        with self._changed:
            self.requests.append(received)
            self._changed.notify_all()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                turn = receiver._turn()
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                signature = self.headers.get("X-Pactwatch-Signature") or ""
                ok = hmac.compare_digest(receiver.expected_signature(body), signature)
                if turn <= receiver.hang_first:
                    time.sleep(receiver.hang_s)
                status = 500 if turn <= receiver.fail_first else (204 if ok else 401)
                receiver._record(Received(self.path, dict(self.headers.items()), body, ok, status))
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except OSError:
                    pass  # the sender gave up waiting (its timeout) and closed the connection

            def log_message(self, *_args: Any) -> None:
                pass

        return Handler
