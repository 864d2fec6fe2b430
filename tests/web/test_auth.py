"""Writes need an account: 401 without a valid token (revoked included), 403 on a read-only
server or for a role that is not enough, cross-site form posts refused; sessions end on revoke."""

from __future__ import annotations

from typing import Any

import pytest
from fake_kb import FakeKnowledgeBase
from fastapi import Form, Request
from fastapi.responses import JSONResponse
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from conftest import TOKEN, TestClient, json_of
from pactwatch.accounts import add_user, revoke_user
from pactwatch.store.models import Account
from pactwatch.web import auth, create_app

ARTICLE = b" date 2024-03-01\nPORTO, March 1 (Test Wire) - Portugal and Spain signed a defence cooperation " \
          b"agreement on Friday, officials said.\n"


def files(name: str = "a.txt") -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, ARTICLE, "text/plain"))]


class FakeWithAccounts(FakeKnowledgeBase):
    engine: Any = None  # a plain attribute here, whatever the fake KB itself offers


@pytest.fixture
def fake() -> FakeKnowledgeBase:
    """The fake KB (fast ingest) over a real ``accounts`` table in a private in-memory database."""
    kb = FakeWithAccounts()
    kb.engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    Account.__table__.create(kb.engine)
    yield kb
    kb.engine.dispose()


def app_with_review_routes(kb, token: str | None = None):
    app = create_app(kb=kb, token=token)

    @app.post("/test/review")
    def review(request: Request) -> dict:
        return auth.require_role(request, "review")

    @app.post("/test/admin")
    def admin(request: Request) -> dict:
        return auth.require_role(request, "admin")

    @app.post("/test/login")
    def login(request: Request, token: str = Form(...)) -> JSONResponse:
        response = JSONResponse({})
        response.body = response.render(auth.start_session(request, response, token))
        response.headers["content-length"] = str(len(response.body))
        return response

    return app


def test_a_server_without_token_file_or_accounts_is_read_only(fake) -> None:
    client = TestClient(app_with_review_routes(fake))
    response = client.post("/api/upload", files=files(), headers={"Authorization": "Bearer x"})
    assert response.status_code == 403 and "read-only" in json_of(response)["detail"]
    assert client.post("/test/review").status_code == 403


def test_account_tokens_upload_and_wrong_missing_or_revoked_ones_get_401(fake) -> None:
    maria = add_user(fake.engine, "maria", "review")
    boss = add_user(fake.engine, "boss", "admin")
    client = TestClient(create_app(kb=fake))  # no --token-file: the accounts alone allow uploads
    assert client.get("/upload", headers={"accept": "text/html"}).status_code == 200
    for token in (maria, boss):
        ok = client.post("/api/upload", files=files(f"{token[:4]}.txt"), headers={"Authorization": f"Bearer {token}"})
        assert ok.status_code == 200, ok.text
    form = client.post("/api/upload", files=files("form.txt"), data={"token": maria})
    assert form.status_code == 200 and json_of(form)["articles_read"] == 1
    before = len(fake.articles_by_id)
    for headers in ({}, {"Authorization": f"Bearer {maria}x"}, {"Authorization": "Bearer " + TOKEN}):
        refused = client.post("/api/upload", files=files("no.txt"), headers=headers)
        assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    assert client.post("/api/upload", files=files("no.txt"), data={"token": boss[:-2]}).status_code == 401
    revoke_user(fake.engine, "maria")
    for attempt in (dict(headers={"Authorization": f"Bearer {maria}"}), dict(data={"token": maria})):
        assert client.post("/api/upload", files=files("no.txt"), **attempt).status_code == 401
    assert len(fake.articles_by_id) == before


def test_the_token_file_token_is_the_admin_account(fake) -> None:
    maria = add_user(fake.engine, "maria", "review")
    client = TestClient(app_with_review_routes(fake, token=TOKEN))
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/test/admin", headers=bearer).json() == {"name": "admin", "role": "admin"}
    assert client.post("/test/review", headers={"Authorization": f"Bearer {maria}"}).json()["name"] == "maria"
    assert client.post("/api/upload", files=files(), headers=bearer).status_code == 200


def test_a_role_that_is_not_enough_gets_403_and_no_credentials_401(fake) -> None:
    maria = add_user(fake.engine, "maria", "review")
    client = TestClient(app_with_review_routes(fake))
    too_little = client.post("/test/admin", headers={"Authorization": f"Bearer {maria}"})
    assert too_little.status_code == 403 and "role review" in json_of(too_little)["detail"]
    missing = client.post("/test/review")
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Referer": "http://evil.example/page"},
                                     {"Origin": "null"}, {"Origin": "https://testserver"},
                                     {"Origin": "http://testserver.evil.example"}])
def test_a_forged_cross_site_upload_form_is_refused_unread(fake, headers) -> None:
    maria = add_user(fake.engine, "maria", "review")
    client = TestClient(create_app(kb=fake))
    before = set(fake.articles_by_id)
    forged = client.post("/upload", files=files("forged.txt"), data={"token": maria},
                         headers={"accept": "text/html", **headers})
    assert forged.status_code == 403 and "cross-site" in forged.text
    assert set(fake.articles_by_id) == before
    own = client.post("/upload", files=files("own.txt"), data={"token": maria},
                      headers={"accept": "text/html", "Origin": "http://testserver"})
    assert own.status_code == 200 and "own" in fake.articles_by_id


def test_a_session_cookie_writes_only_from_this_site_and_ends_on_revoke(fake) -> None:
    maria = add_user(fake.engine, "maria", "review")
    client = TestClient(app_with_review_routes(fake))
    home = {"Origin": "http://testserver"}
    assert client.post("/test/login", data={"token": maria}, headers={"Origin": "http://evil.example"}).status_code \
        == 403
    assert client.post("/test/login", data={"token": "wrong"}, headers=home).status_code == 401
    login = client.post("/test/login", data={"token": maria}, headers=home)
    assert login.status_code == 200 and login.json() == {"name": "maria", "role": "review"}
    cookie = login.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and maria not in cookie
    assert client.post("/test/review", headers=home).json() == {"name": "maria", "role": "review"}
    assert client.post("/test/review", headers={"Origin": "http://evil.example"}).status_code == 403
    assert client.post("/test/review").status_code == 403  # a cookie alone, with no Origin or Referer
    assert client.post("/test/admin", headers=home).status_code == 403
    tampered = client.cookies.get(auth.SESSION_COOKIE).replace("a", "b", 1)
    forged = TestClient(client.app, cookies={auth.SESSION_COOKIE: tampered})
    assert forged.post("/test/review", headers=home).status_code == 401
    add_user(fake.engine, "other", "review")  # so that the server still takes writes once maria is gone
    revoke_user(fake.engine, "maria")
    assert client.post("/test/review", headers=home).status_code == 401
    revoke_user(fake.engine, "other")  # no active account and no --token-file: read-only
    assert client.post("/test/review", headers=home).status_code == 403


def test_same_origin_rules() -> None:
    def request(method: str, headers: dict[str, str], scheme: str = "http") -> Request:
        raw = [(k.lower().encode(), v.encode()) for k, v in {"host": "news.example:8000", **headers}.items()]
        return Request({"type": "http", "method": method, "scheme": scheme, "path": "/", "headers": raw,
                        "server": ("news.example", 8000), "query_string": b""})

    auth.check_same_origin(request("POST", {"Origin": "http://news.example:8000"}))
    auth.check_same_origin(request("POST", {"Referer": "http://NEWS.example:8000/agreements?x=1"}))
    auth.check_same_origin(request("GET", {"Origin": "http://evil.example"}))  # reads pass
    auth.check_same_origin(request("POST", {"Origin": "http://evil.example", "Authorization": "Bearer t"}))
    auth.check_same_origin(request("POST", {}), allow_missing=True)
    for headers in ({}, {"Origin": "http://news.example"}, {"Origin": "https://news.example:8000"},
                    {"Origin": "http://evil.example", "Referer": "http://news.example:8000/"}, {"Referer": "junk"}):
        with pytest.raises(auth.HTTPException) as refused:
            auth.check_same_origin(request("POST", headers))
        assert refused.value.status_code == 403
