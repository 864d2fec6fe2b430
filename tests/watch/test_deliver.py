"""Delivering alerts (``pactwatch.watch.deliver``) to a real webhook receiver on 127.0.0.1, a JSON
Lines log and the console: signed bodies verified by the receiver's own HMAC, retries with backoff,
a dead or hanging receiver never blocking ``send``, failures reported and logged."""

from __future__ import annotations

import io
import json
import socket
import time
from pathlib import Path

import pytest
from webhook_receiver import WebhookReceiver

from pactwatch.alerts import alert_id
from pactwatch.watch.deliver import Delivery, body_of, secret_from_env, sign, verify

SECRET = b"a shared secret, long enough"


def alert(n: int, summary: str | None = None) -> dict:
    return {"id": alert_id("ratified", "agr-caspian", f"ratified.P{n}", "2020-06-10"), "kind": "ratified",
            "at": "2026-11-03T09:15:00Z", "day": "2020-06-10", "record_id": "agr-caspian",
            "record_kind": "agreement", "title": "Caspian Shield Agreement", "parties": ["AZE", "GEO"],
            "domain": "security", "field": "ratified.GEO", "old": None, "new": "2020-06-10", "party": "GEO",
            "summary": summary or f"Georgia ratified the Caspian Shield Agreement (2020-06-10) #{n}",
            "evidence": {"quote": "The parliament of Georgia ratified the agreement.", "article_id": "b",
                         "source": "https://news.example.org/b"},
            "provisions": ["defend"], "url": "/agreements/agr-caspian"}


def log_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def dead_url() -> str:
    """A 127.0.0.1 URL where nothing listens (connections are refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"


def test_every_target_gets_the_alert_and_the_receiver_verifies_the_signature(tmp_path: Path) -> None:
    console, problems, log = io.StringIO(), [], tmp_path / "logs" / "alerts.jsonl"
    with WebhookReceiver(SECRET) as hook:
        delivery = Delivery([f"webhook:{hook.url}", f"log:{log}", "console"], secret=SECRET, console=console,
                            problems=problems.append)
        sent = [alert(1), alert(2, summary="Ünïcode — Georgia ratified «the» Caspian Shield Agreement")]
        for a in sent:
            delivery.send(a)
        delivery.close(wait_s=20)
        assert hook.alerts() == sent
        first = hook.requests[0]
        assert first.signature_ok and first.headers["X-Pactwatch-Signature"] == sign(SECRET, body_of(sent[0]))
        assert first.headers["X-Pactwatch-Alert"] == sent[0]["id"]
        assert first.headers["Content-Type"].startswith("application/json")
        assert first.headers["User-Agent"].startswith("pactwatch/")
    assert log_lines(log) == sent
    assert console.getvalue().splitlines()[0] == ("ratified: Georgia ratified the Caspian Shield Agreement "
                                                  "(2020-06-10) #1 (2020-06-10) /agreements/agr-caspian")
    assert problems == [] and (delivery.delivered, delivery.failed) == (2, 0)


def test_a_receiver_with_another_secret_does_not_verify() -> None:
    body = body_of(alert(1))
    assert verify(SECRET, body, sign(SECRET, body))
    assert not verify(b"another secret", body, sign(SECRET, body))
    assert not verify(SECRET, body + b" ", sign(SECRET, body)) and not verify(SECRET, body, None)
    with WebhookReceiver(b"the receiver's own secret") as hook:
        problems: list[str] = []
        delivery = Delivery([f"webhook:{hook.url}"], secret=SECRET, retries=0, problems=problems.append)
        delivery.send(alert(1))
        delivery.close(wait_s=20)
        assert [r.signature_ok for r in hook.requests] == [False] and hook.alerts() == []
    assert problems == [f"webhook:{hook.url}: alert {alert(1)['id']} not delivered: HTTP 401 (tried 1 time)"]


def test_failed_posts_are_tried_again_with_backoff_until_delivered() -> None:
    with WebhookReceiver(SECRET, fail_first=2) as hook:
        problems: list[str] = []
        delivery = Delivery([f"webhook:{hook.url}"], secret=SECRET, retries=3, backoff_s=0.05,
                            problems=problems.append)
        delivery.send(alert(1))
        delivery.close(wait_s=20)
        assert [r.answered for r in hook.requests] == [500, 500, 204]
        assert hook.alerts() == [alert(1)]
    assert problems == [] and delivery.delivered == 1


def test_a_dead_receiver_never_blocks_send_and_its_failures_are_reported_and_logged(tmp_path: Path) -> None:
    url, log, problems = dead_url(), tmp_path / "alerts.jsonl", []
    delivery = Delivery([f"webhook:{url}", f"log:{log}"], secret=SECRET, retries=2, backoff_s=0.2, timeout_s=2,
                        problems=problems.append)
    started = time.monotonic()
    for n in range(50):
        delivery.send(alert(n))
    sending = time.monotonic() - started
    assert sending < 2.0, f"50 sends took {sending:.2f} s: send waited on the network"
    delivery.close(wait_s=60)
    assert len(problems) == 50 and delivery.failed == 50
    assert problems[0].startswith(f"webhook:{url}: alert {alert(0)['id']} not delivered: ConnectError")
    assert problems[0].endswith("(tried 3 times)")
    lines = log_lines(log)
    assert [line["id"] for line in lines[:50]] == [alert(n)["id"] for n in range(50)]  # the alerts, logged at once
    failures = lines[50:]
    assert sorted(f["alert_id"] for f in failures) == sorted(alert(n)["id"] for n in range(50))
    assert {f["target"] for f in failures} == {f"webhook:{url}"} and failures[0]["problem"] == problems[0]


def test_a_hanging_receiver_times_out_and_close_gives_up_after_its_wait(tmp_path: Path) -> None:
    log, problems = tmp_path / "alerts.jsonl", []
    with WebhookReceiver(SECRET, hang_first=100, hang_s=3) as hook:
        delivery = Delivery([f"webhook:{hook.url}", f"log:{log}"], secret=SECRET, retries=5, backoff_s=0.1,
                            timeout_s=0.3, problems=problems.append)
        started = time.monotonic()
        for n in range(3):
            delivery.send(alert(n))
        assert time.monotonic() - started < 1.0
        delivery.close(wait_s=0.5)
        closing = time.monotonic() - started
    assert closing < 15, f"close took {closing:.1f} s"
    assert len(problems) == 3, problems
    assert "timed out after 0.3 s" in problems[0]
    assert all("not delivered" in p for p in problems)
    assert [line["alert_id"] for line in log_lines(log) if "problem" in line] == [alert(n)["id"] for n in range(3)]


def test_bad_targets_are_configuration_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="needs a secret to sign with: set PACTWATCH_WEBHOOK_SECRET"):
        Delivery(["webhook:http://127.0.0.1:9/hook"], secret=None)
    with pytest.raises(ValueError, match="needs an http:// or https:// URL"):
        Delivery(["webhook:ftp://example.org/x"], secret=SECRET)
    with pytest.raises(ValueError, match="unknown alert target 'mail:ann@example.org'"):
        Delivery(["mail:ann@example.org"], secret=SECRET)
    (tmp_path / "a-folder").mkdir()
    with pytest.raises(ValueError, match=f"log:{tmp_path / 'a-folder'}: cannot append to the log"):
        Delivery([f"log:{tmp_path / 'a-folder'}"], secret=None)
    assert secret_from_env({"PACTWATCH_WEBHOOK_SECRET": "s3"}) == b"s3" and secret_from_env({}) is None


def test_the_console_line_has_no_control_characters_from_hostile_text() -> None:
    console = io.StringIO()
    delivery = Delivery(["console"], secret=None, console=console)
    delivery.send(alert(1, summary="Pact\x1b[2J signed\nFAKE: line\r\u2028end"))
    delivery.close()
    assert console.getvalue().count("\n") == 1 and "\x1b" not in console.getvalue() and "\r" not in console.getvalue()
