"""``pactwatch serve``: 127.0.0.1 by default, read-only without a token file, clear errors."""

from __future__ import annotations

from typing import Any

import pytest
import uvicorn

import pactwatch.web as web
from pactwatch.cli.main import main
from pactwatch.cli.serve import read_token


@pytest.fixture
def served(monkeypatch, fake_kb) -> dict[str, Any]:
    """Capture what would be served instead of serving it."""
    seen: dict[str, Any] = {}
    real_create_app = web.create_app

    def create_app(**kwargs: Any) -> Any:
        seen["create_app"] = kwargs
        return real_create_app(**{**kwargs, "kb": fake_kb, "db": None})

    monkeypatch.setattr(web, "create_app", create_app)
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    return seen


def test_defaults_bind_localhost_read_only(served, capsys) -> None:
    assert main(["serve"]) == 0
    assert (served["host"], served["port"]) == ("127.0.0.1", 8000)
    assert served["create_app"]["token"] is None and served["app"].state.token is None
    assert "read-only" in capsys.readouterr().err


def test_token_file_enables_uploads(served, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("  a-long-secret-token\n", encoding="utf-8")
    assert main(["serve", "--db", "sqlite:///x.db", "--host", "0.0.0.0", "--port", "8080",
                 "--token-file", str(secret), "--max-upload-mb", "1"]) == 0
    assert (served["host"], served["port"]) == ("0.0.0.0", 8080)
    assert served["create_app"]["db"] == "sqlite:///x.db"
    assert served["app"].state.token == "a-long-secret-token"
    assert served["app"].state.max_upload_bytes == 1_000_000


@pytest.mark.parametrize(("args", "message"), [
    (["--token-file", "/nonexistent/secret"], "no such token file"),
    (["--port", "70000"], "not a port number"),
])
def test_bad_options_print_an_error_and_exit_1(served, capsys, args, message) -> None:
    assert main(["serve", *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and message in err


def test_short_or_empty_tokens_are_refused(tmp_path) -> None:
    short = tmp_path / "short"
    short.write_text("abc", encoding="utf-8")
    with pytest.raises(ValueError, match="at least 8 characters"):
        read_token(str(short))
    assert read_token(None) is None


def test_help_has_an_example(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    assert "pactwatch serve --host 0.0.0.0 --token-file secret.txt" in capsys.readouterr().out


def test_hosts_and_timeouts_reach_the_app_and_uvicorn(served, capsys) -> None:
    assert main(["serve", "--host", "10.0.0.5", "--allowed-host", "pacts.example.org", "--allowed-host",
                 "*.corp.example", "--timeout", "30", "--limit-concurrency", "50"]) == 0
    hosts = served["app"].state.allowed_hosts
    assert {"localhost", "127.0.0.1", "::1", "10.0.0.5", "pacts.example.org", "*.corp.example"} <= set(hosts)
    assert served["create_app"]["body_timeout_s"] == 30
    assert (served["timeout_keep_alive"], served["limit_concurrency"]) == (5, 50)
    assert served["h11_max_incomplete_event_size"] == 64 * 1024
    assert "pacts.example.org" in capsys.readouterr().err


def test_binding_every_address_keeps_the_local_names_only_and_says_so(served, capsys) -> None:
    assert main(["serve", "--host", "0.0.0.0"]) == 0
    assert "0.0.0.0" not in served["app"].state.allowed_hosts
    assert "--allowed-host" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "message"), [
    (["--timeout", "0"], "--timeout must be a positive number"),
    (["--limit-concurrency", "-1"], "--limit-concurrency must be positive"),
    (["--allowed-host", "http://x.example/"], "is not a host name"),
])
def test_bad_guard_options_are_refused(served, capsys, args, message) -> None:
    assert main(["serve", *args]) == 1
    assert message in capsys.readouterr().err
