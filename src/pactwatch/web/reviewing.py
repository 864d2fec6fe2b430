"""What the review pages and the review API share: who is asking, whether the server takes
reviews at all, and how a value typed in a form becomes a value.

Accounts are checked by ``pactwatch.web.auth`` (``require_role``, ``check_same_origin``). The API
takes the token in an ``Authorization: Bearer`` header. In a browser, a reviewer signs in once
with the token (``/review/session``: a signed, HttpOnly, SameSite=Strict session cookie), or a
form sends the token as its ``token`` field, which is handed to ``auth`` as that header: the same
check, the same constant-time comparison. Review forms are refused unless they come from a page
of this server (``check_same_origin``: Origin, else Referer), so another site cannot post a
decision with a reviewer's cookie.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

REVIEW_ROLE = "review"
MAX_FORM_VALUE = 2000  # characters of a typed value or a note: longer is no value of ours


def _auth() -> Any:
    from pactwatch.web import auth  # contract A; imported when first needed

    return auth


def reviewer(request: Request) -> dict[str, Any]:
    """The account making this request, allowed to review: 401 without (valid) credentials, 403 when
    its role may not or the server is read-only."""
    account: dict[str, Any] = _auth().require_role(request, REVIEW_ROLE)
    return account


def check_same_origin(request: Request) -> None:
    _auth().check_same_origin(request)


def with_token(request: Request, token: str | None) -> Request:
    """The request as ``auth`` should see it: a form's ``token`` field as a Bearer header (a header
    already sent wins). The form's body has been read already; the new request only reads headers."""
    token = (token or "").strip()
    if not token or "authorization" in request.headers:
        return request
    scope = dict(request.scope)
    scope["headers"] = [*request.scope["headers"], (b"authorization", f"Bearer {token}".encode("latin-1", "replace"))]
    return Request(scope, request.receive)


def writes_allowed(request: Request) -> bool:
    """Whether anyone may review here: the server has a ``--token-file`` token or an active account."""
    return bool(_auth().writes_allowed(request))


def signed_in(request: Request) -> dict[str, Any] | None:
    """The account of this browser's session cookie (no token is hashed for it), None without one."""
    auth = _auth()
    if auth.SESSION_COOKIE not in request.cookies:
        return None
    account: dict[str, Any] | None = auth.account_of(request)
    return account


def form_value(text: str | None) -> Any:
    """A value typed in a form: JSON when it reads as JSON (``5``, ``["AZE", "TUR"]``, ``"x"``), the
    text as typed otherwise (``2021-04-06``, a title); a list of codes may also be typed ``AZE, TUR``."""
    text = (text or "").strip()
    if not text:
        raise ValueError("set needs a value: type the correct one")
    if len(text) > MAX_FORM_VALUE:
        raise ValueError(f"the value is {len(text):,} characters, over the limit of {MAX_FORM_VALUE:,}")
    try:
        value = json.loads(text)
    except ValueError:
        value = text
    return value


DATE_FIELDS = ("signed", "in_force", "ratified", "date", "ended")


def form_value_for(field: str, text: str | None) -> Any:
    """``form_value``, with ``AZE, TUR`` read as a list for the code-list fields and a date field's
    text kept as typed (``2021`` is a year there, not a number)."""
    value = form_value(text)
    if field.split(".", 1)[0] in DATE_FIELDS:
        return (text or "").strip().strip('"')
    if field in ("parties", "participants") and isinstance(value, str):
        value = [part.strip().upper() for part in value.replace(";", ",").split(",") if part.strip()]
    return value


def local_path(target: str | None, default: str = "/review") -> str:
    """Where to go back to after a form: a path of this site only, never another host."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def short(text: str | None, limit: int = MAX_FORM_VALUE) -> str | None:
    """A note as given (None when blank); 422 past ``limit`` characters."""
    text = (text or "").strip()
    if len(text) > limit:
        raise HTTPException(422, f"the note is {len(text):,} characters, over the limit of {limit:,}")
    return text or None
