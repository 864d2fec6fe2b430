"""Who is asking, and whether they may write: accounts, roles, and the cross-site form check.

Credentials, in the order looked at:

- ``Authorization: Bearer <token>``: an account's token (``pactwatch users add``), or the server's
  ``--token-file`` token, which acts as the admin account named ``admin``;
- a session cookie (``SESSION_COOKIE``), set by ``start_session`` once a browser has shown a token
  in a form: signed with a secret the server draws at start, and checked against the account on
  every request, so revoking an account ends its sessions. The cookie is ``HttpOnly`` and
  ``SameSite=Strict``.

Forms that write are also guarded against cross-site requests: their ``Origin`` (else their
``Referer``) must be this server's own scheme and host (``check_same_origin``). A request that
sends a Bearer header is exempt, since no other site can make a browser send that header. A
cookie-authenticated write with neither header is refused; a form that carries the token itself
may be sent without them (``curl -F token=...``), since no other site can know the token, but
one that names another origin is refused all the same.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException, Request, Response

from pactwatch import accounts

SESSION_COOKIE = "pactwatch_session"
SESSION_SECONDS = 12 * 3600
SERVER_ACCOUNT = {"name": "admin", "role": "admin"}  # the --token-file token
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def bearer_token(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _engine(request: Request) -> Any:
    return getattr(request.app.state.kb, "engine", None)


def writes_allowed(request: Request) -> bool:
    """Whether any credential could be right: a --token-file token, or an active account."""
    if getattr(request.app.state, "token", None) is not None:
        return True
    engine = _engine(request)
    return engine is not None and accounts.has_accounts(engine)


def read_only() -> HTTPException:
    return HTTPException(403, "This server is read-only: add an account (pactwatch users add NAME --role review) "
                              "or start it with --token-file to allow writes.")


def unauthorised(what: str = "This needs a valid token") -> HTTPException:
    return HTTPException(401, f"{what}: send an account's token (pactwatch users add) in an Authorization: "
                              "Bearer header.", headers={"WWW-Authenticate": "Bearer"})


def account_for_token(request: Request, token: str | None) -> dict[str, str] | None:
    """The account a token belongs to (the server's token first), None for a wrong or revoked one.
    Costs one scrypt for an account token: call it from a worker thread in async code."""
    if not token:
        return None
    expected: str | None = getattr(request.app.state, "token", None)
    if expected is not None and hmac.compare_digest(token.encode("utf-8", "surrogatepass"), expected.encode("utf-8")):
        return dict(SERVER_ACCOUNT)
    engine = _engine(request)
    return accounts.authenticate(engine, token) if engine is not None else None


def account_of(request: Request) -> dict[str, str] | None:
    """``{"name", "role"}`` of whoever sent ``request`` (Bearer header, else session cookie), or None.
    Remembered on the request, so asking twice costs one check."""
    if hasattr(request.state, "account"):
        return request.state.account
    account, via = None, None
    token = bearer_token(request)
    if token is not None:
        account, via = account_for_token(request, token), "bearer"
    elif SESSION_COOKIE in request.cookies:
        account, via = _session_account(request, request.cookies[SESSION_COOKIE]), "cookie"
    request.state.account, request.state.account_via = account, via if account else None
    return account


def require_role(request: Request, role: str) -> dict[str, str]:
    """The account, when it may act as ``role`` ("review" or "admin"; admin may review). 403 on a
    read-only server or for a role that is not enough, 401 without a valid (unrevoked) credential;
    a write by session cookie must also come from this server's own pages (``check_same_origin``)."""
    if not writes_allowed(request):
        raise read_only()
    account = account_of(request)
    if account is None:
        raise unauthorised()
    if request.state.account_via == "cookie":
        check_same_origin(request)
    if not accounts.role_allows(account["role"], role):
        raise HTTPException(403, f"Account {account['name']} has role {account['role']}; this needs role {role}.")
    return account


def _origin(url: str) -> tuple[str, str, int | None] | None:
    """(scheme, host, port) of a URL, the port filled in for http and https; None when unreadable."""
    try:
        parts = urlsplit(url)
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    return parts.scheme.lower(), parts.hostname.lower(), port


def own_origin(request: Request) -> tuple[str, str, int | None] | None:
    return _origin(f"{request.url.scheme}://{request.headers.get('host', '')}")


def check_same_origin(request: Request, allow_missing: bool = False) -> None:
    """403 unless a write comes from this server's own pages: its ``Origin`` (else ``Referer``)
    must have this request's scheme and host. Reads and requests with a Bearer header pass. With
    neither header the request is refused unless ``allow_missing`` (a form carrying the token
    itself, which no other site can know)."""
    if request.method in SAFE_METHODS or bearer_token(request) is not None:
        return
    origin = request.headers.get("origin")
    claimed = origin if origin is not None else request.headers.get("referer")
    if claimed is None or not claimed.strip():
        if allow_missing:
            return
        raise HTTPException(403, "Refused: a form post must come from this server's own pages (the request says "
                                 "neither its Origin nor its Referer).")
    mine = own_origin(request)
    if mine is None or _origin(claimed.strip()) != mine:
        raise HTTPException(403, "Refused: a cross-site form post (its Origin or Referer is not this server).")


# ---- browser sessions -------------------------------------------------------------------------------------------

def _secret(request: Request) -> bytes:
    secret: bytes | None = getattr(request.app.state, "session_secret", None)
    if secret is None:
        secret = request.app.state.session_secret = secrets.token_bytes(32)
    return secret


def _sign(request: Request, payload: bytes) -> str:
    return hmac.new(_secret(request), payload, hashlib.sha256).hexdigest()


def start_session(request: Request, response: Response, token: str) -> dict[str, str]:
    """Check ``token`` (posted by a login form from this server's pages) and set the session
    cookie on ``response``: the account. 401 for a wrong token, 403 for a cross-site post."""
    check_same_origin(request)
    account = account_for_token(request, token.strip())
    if account is None:
        raise unauthorised("Wrong or revoked token")
    token_id = "" if account == SERVER_ACCOUNT else token.strip().partition(".")[0]
    body = json.dumps({"n": account["name"], "r": account["role"], "i": token_id,
                       "e": int(time.time()) + SESSION_SECONDS}, separators=(",", ":")).encode()
    payload = base64.urlsafe_b64encode(body)
    response.set_cookie(SESSION_COOKIE, f"{payload.decode()}.{_sign(request, payload)}", max_age=SESSION_SECONDS,
                        httponly=True, samesite="strict", secure=request.url.scheme == "https", path="/")
    return account


def end_session(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")


def _session_account(request: Request, cookie: str) -> dict[str, str] | None:
    payload, _, signature = cookie.encode("ascii", "replace").rpartition(b".")
    if not payload or not hmac.compare_digest(signature, _sign(request, payload).encode()):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(payload))
        name, role, token_id, expires = data["n"], data["r"], data["i"], int(data["e"])
    except (ValueError, KeyError, TypeError):
        return None
    if expires < time.time():
        return None
    if token_id == "":
        return dict(SERVER_ACCOUNT) if getattr(request.app.state, "token", None) is not None else None
    engine = _engine(request)
    current = accounts.active_account(engine, token_id) if engine is not None else None
    return current if current == {"name": name, "role": role} else None
