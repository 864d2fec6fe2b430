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
