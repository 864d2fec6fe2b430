"""Delivering alerts: to the console, to JSON Lines logs, and to webhooks signed with HMAC-SHA256.

A watch round must never wait on somebody else's server, so ``Delivery.send`` writes the console
line and the log lines at once and hands webhooks to a queue that one worker thread empties:
each POST has a timeout, a failed one (a network error, a timeout, HTTP 5xx, 408 or 429) is tried
again after ``backoff_s``, 2 x ``backoff_s``, ... up to ``retries`` more times (a retry waits
without holding up the other alerts), and one that still
fails is reported through ``problems`` and written to every ``log:`` target as a problem line
(``{"problem": ..., "target": ..., "alert_id": ..., "at": ...}``), so the log says what did not
reach whom. ``close(wait_s)`` gives the queue that long to drain and reports what is left.

A webhook's body is the alert as JSON (UTF-8, keys sorted); its headers carry
``X-Pactwatch-Signature: sha256=<hex HMAC-SHA256(secret, body)>`` and ``X-Pactwatch-Alert: <id>``.
The secret comes from the environment (``PACTWATCH_WEBHOOK_SECRET``), never from a file.

>>> sign(b"s3cret", b'{"id": "chg-1"}')
'sha256=df8daeda5c896a38869fdd41cbbfedb94ba6f32fee3c16138d92e31fe0faece6'
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import hmac
import json
import os
import queue
import re
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import pactwatch
from pactwatch.alerts import stamp

SECRET_ENV = "PACTWATCH_WEBHOOK_SECRET"
SIGNATURE_HEADER = "X-Pactwatch-Signature"
ALERT_HEADER = "X-Pactwatch-Alert"
QUEUE_LIMIT = 10_000
RETRYABLE = (408, 429)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_STOP, _WAKE = object(), object()


def to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def secret_from_env(environ: Mapping[str, str] = os.environ) -> bytes | None:
    """The webhook secret from ``PACTWATCH_WEBHOOK_SECRET``, as bytes; None where it is not set."""
    value = environ.get(SECRET_ENV)
    return value.encode("utf-8") if value else None


def body_of(alert: Mapping[str, Any]) -> bytes:
    """The exact bytes a webhook receives (and the signature covers)."""
    return json.dumps(alert, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")


def sign(secret: bytes, body: bytes) -> str:
    """The ``X-Pactwatch-Signature`` value for ``body``."""
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def verify(secret: bytes, body: bytes, signature: str | None) -> bool:
    """Whether ``signature`` (the header's value) signs ``body`` with ``secret``; constant-time."""
    return signature is not None and hmac.compare_digest(sign(secret, body), signature)


def one_line(text: str) -> str:
    """``text`` without control characters (an article's title must not move a terminal's cursor)."""
    return _CONTROL.sub(" ", text).strip()


@dataclass(frozen=True)
class _Webhook:
    target: str
    url: str


@dataclass(frozen=True)
class _Try:
    """One alert on its way to one webhook: its bytes, and how many posts failed so far, why."""

    hook: _Webhook
    body: bytes
    alert_id: str
    attempt: int = 0
    reason: str = ""


class Delivery:
    """Sends each alert to every target of one alert rule: ``console``, ``log:PATH``, ``webhook:URL``.

    A bad target is a configuration error (ValueError naming it and the forms allowed); so is a
    webhook without ``secret`` and a log file that cannot be opened for appending.
    """

    def __init__(self, targets: Sequence[str], *, secret: bytes | None, console: TextIO = sys.stdout,
                 retries: int = 3, backoff_s: float = 1.0, timeout_s: float = 10.0,
                 problems: Callable[[str], None] = to_stderr) -> None:
        self.console, self.retries, self.backoff_s, self.timeout_s = console, retries, backoff_s, timeout_s
        self.problems = problems
        self.secret = secret
        self.logs: list[Path] = []
        self.webhooks: list[_Webhook] = []
        self.show_console = False
        for target in targets:
            self._add(target)
        self.delivered = 0
        self.failed = 0
        self._lock = threading.Lock()
        self._queue: queue.Queue[Any] = queue.Queue(QUEUE_LIMIT)
        self._abandon = threading.Event()
        self._tries = 0
        self._worker: threading.Thread | None = None
        if self.webhooks:
            self._worker = threading.Thread(target=self._work, name="pactwatch-webhooks", daemon=True)
            self._worker.start()

    def _add(self, target: str) -> None:
        kind, sep, rest = target.partition(":")
        if target == "console":
            self.show_console = True
        elif kind == "log" and sep and rest.strip():
            path = Path(rest.strip())
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.open("a", encoding="utf-8").close()
            except OSError as exc:
                raise ValueError(f"{target}: cannot append to the log: {exc.strerror or exc}") from None
            self.logs.append(path)
        elif kind == "webhook" and sep:
            url = rest.strip()
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"{target}: a webhook needs an http:// or https:// URL")
            if not self.secret:
                raise ValueError(f"{target}: a webhook needs a secret to sign with: set {SECRET_ENV}")
            self.webhooks.append(_Webhook(target, url))
        else:
            raise ValueError(f"unknown alert target {target!r}: use \"console\", \"log:PATH\" or \"webhook:URL\"")

    # --- sending -----------------------------------------------------------------------------------

    def send(self, alert: Mapping[str, Any]) -> None:
        """Show and log ``alert`` now; queue it for the webhooks (never waits on the network)."""
        if self.show_console:
            day = f" ({alert['day']})" if alert.get("day") else ""
            print(one_line(f"{alert.get('kind')}: {alert.get('summary')}{day} {alert.get('url') or ''}"),
                  file=self.console, flush=True)
        self._log(dict(alert))
        for hook in self.webhooks:
            try:
                self._queue.put_nowait(_Try(hook, body_of(alert), str(alert.get("id"))))
            except queue.Full:
                self._failed(hook, str(alert.get("id")), f"more than {QUEUE_LIMIT} alerts waiting; dropped")

    def _log(self, line: dict[str, Any]) -> None:
        text = json.dumps(line, sort_keys=True, ensure_ascii=False, default=str) + "\n"
        with self._lock:
            for path in self.logs:
                try:
                    with path.open("a", encoding="utf-8") as out:
                        out.write(text)
                except OSError as exc:
                    self.problems(one_line(f"log:{path}: cannot append: {exc.strerror or exc}"))

    def _failed(self, hook: _Webhook, alert_id: str, reason: str) -> None:
        message = one_line(f"{hook.target}: alert {alert_id} not delivered: {reason}")
        with self._lock:
            self.failed += 1
        self.problems(message)
        self._log({"problem": message, "target": hook.target, "alert_id": alert_id, "at": stamp()})

    # --- the worker --------------------------------------------------------------------------------

    def _work(self) -> None:
        """Post queued alerts; a failed post waits in a heap until its retry is due, so one dead
        receiver delays no other alert by its backoff."""
        import httpx

        headers = {"Content-Type": "application/json; charset=utf-8",
                   "User-Agent": f"pactwatch/{pactwatch.__version__} (+alerts)"}
        waiting: list[tuple[float, int, _Try]] = []
        stopping = False
        with httpx.Client(timeout=self.timeout_s, follow_redirects=False, headers=headers) as client:
            while not (stopping and not waiting):
                timeout = max(0.0, waiting[0][0] - time.monotonic()) if waiting else None
                try:
                    item = self._queue.get(timeout=timeout)
                except queue.Empty:
                    item = None
                if item is _STOP:
                    stopping = True
                elif isinstance(item, _Try) and not self._abandon.is_set():
                    self._try(client, item, waiting)
                if self._abandon.is_set():
                    self._give_up(waiting)
                    return
                while waiting and waiting[0][0] <= time.monotonic():
                    self._try(client, heapq.heappop(waiting)[2], waiting)

    def _try(self, client: Any, item: _Try, waiting: list[tuple[float, int, _Try]]) -> None:
        """One POST of one alert; on a failure that may pass, schedule the next try with backoff."""
        headers = {SIGNATURE_HEADER: sign(self.secret or b"", item.body), ALERT_HEADER: item.alert_id}
        reason, again = self._attempt(client, item.hook.url, item.body, headers)
        if not reason:
            with self._lock:
                self.delivered += 1
        elif again and item.attempt < self.retries:
            due = time.monotonic() + self.backoff_s * 2 ** item.attempt
            self._tries += 1
            heapq.heappush(waiting, (due, self._tries, replace(item, attempt=item.attempt + 1, reason=reason)))
        else:
            times = item.attempt + 1
            self._failed(item.hook, item.alert_id, f"{reason} (tried {times} time{'s' if times > 1 else ''})")

    def _give_up(self, waiting: list[tuple[float, int, _Try]]) -> None:
        """Closing ran out of time: report what waits for a retry and what was never tried."""
        for _, _, item in sorted(waiting):
            self._failed(item.hook, item.alert_id, f"{item.reason}; the watch stopped before the next try")
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, _Try):
                self._failed(item.hook, item.alert_id, "the watch stopped before it could be sent")

    def _attempt(self, client: Any, url: str, body: bytes, headers: dict[str, str]) -> tuple[str, bool]:
        """('', _) when delivered; else the reason and whether trying again may help."""
        import httpx

        try:
            response = client.post(url, content=body, headers=headers)
        except httpx.TimeoutException:
            return f"timed out after {self.timeout_s:g} s", True
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}", True
        if 200 <= response.status_code < 300:
            return "", False
        retry = response.status_code >= 500 or response.status_code in RETRYABLE
        return f"HTTP {response.status_code}", retry

    # --- closing -----------------------------------------------------------------------------------

    def close(self, wait_s: float = 10) -> None:
        """Give the queued webhooks up to ``wait_s`` seconds; whatever is still waiting then is
        reported as not delivered (and logged), and the worker stops."""
        if self._worker is None:
            return
        deadline = time.monotonic() + max(0.0, wait_s)
        try:
            self._queue.put_nowait(_STOP)
        except queue.Full:
            self._abandon.set()  # the worker now empties the queue without sending
            self._queue.put(_STOP)
        self._worker.join(max(0.0, deadline - time.monotonic()))
        if self._worker.is_alive():
            self._abandon.set()  # the rest is reported as undelivered, without trying
            with contextlib.suppress(queue.Full):
                self._queue.put_nowait(_WAKE)  # a worker waiting for a retry's time wakes now
            self._worker.join(self.timeout_s + 1)
        self._worker = None

    def __enter__(self) -> Delivery:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
