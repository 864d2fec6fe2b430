"""Named accounts that may write (upload, review), kept in the knowledge base.

A token reads ``<id>.<secret>``: the id is public and finds the account's row, so checking a
token costs one scrypt, not one per account; the database keeps only the id, a random salt and
``scrypt(token, salt)``, never the token. Derived keys are compared with ``hmac.compare_digest``,
and a token whose id matches no account is hashed all the same, so an unknown id answers in the
time a wrong secret does (a token not of that shape is refused unhashed). A revoked account's
token is refused; its name is never given out again, so every past decision stays attributed to
one person.

>>> token = add_user(kb.engine, "maria", "review")   # doctest: +SKIP
>>> authenticate(kb.engine, token)                   # doctest: +SKIP
{'name': 'maria', 'role': 'review'}
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from pactwatch.store.models import Account

ROLES = ("review", "admin")  # each role may do what the ones before it may
NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")
RESERVED_NAMES = ("admin",)  # the server's --token-file token acts as "admin"
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
SALT_BYTES = 16
TOKEN_ID = re.compile(r"[0-9a-f]{16}")  # secrets.token_hex(8)
TOKEN_MAX = 200  # longer is not a token of ours: refused before hashing
_DUMMY_SALT = secrets.token_bytes(SALT_BYTES)


def derive(token: str, salt: bytes) -> bytes:
    return hashlib.scrypt(token.encode("utf-8", "surrogatepass"), salt=salt, maxmem=64 * 1024 * 1024, **SCRYPT)


def check_name(name: str) -> str:
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise ValueError(f"account name {name!r}: use 1 to 64 letters, digits, '_', '.' or '-'")
    if name.lower() in RESERVED_NAMES:
        raise ValueError(f"account name {name!r} is reserved for the server's --token-file token; choose another")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"role {role!r}: choose one of {', '.join(ROLES)}")
    return role


def role_allows(have: str, need: str) -> bool:
    """Whether an account of role ``have`` may do what role ``need`` may (admin may review)."""
    return have in ROLES and need in ROLES and ROLES.index(have) >= ROLES.index(need)


def add_user(engine: Engine, name: str, role: str) -> str:
    """A new account: its token, to be shown once (only a salted hash is stored). ValueError for a
    bad name or role, or a name already used (revoked names included); nothing is changed then."""
    check_name(name)
    check_role(role)
    token_id = secrets.token_hex(8)
    token = f"{token_id}.{secrets.token_urlsafe(32)}"
    salt = secrets.token_bytes(SALT_BYTES)
    row = {"name": name, "role": role, "token_id": token_id, "salt": salt, "token_hash": derive(token, salt),
           "created": datetime.now(UTC)}
    with engine.begin() as conn:
        existing = conn.execute(select(Account.revoked).where(func.lower(Account.name) == name.lower())).first()
        if existing is not None:
            raise ValueError(_taken(name, existing.revoked is not None))
        try:
            conn.execute(Account.__table__.insert().values(**row))
        except IntegrityError:  # another process took the name in between
            raise ValueError(_taken(name, False)) from None
    return token


def _taken(name: str, revoked: bool) -> str:
    if revoked:
        return (f"account {name!r} was revoked; a name is never reused, so that past decisions stay attributed "
                "to one person: choose another name")
    return f"account {name!r} already exists (pactwatch users list)"


def list_users(engine: Engine) -> list[dict[str, Any]]:
    """Every account, oldest first: name, role, created and revoked (ISO times; revoked None while active)."""
    with engine.connect() as conn:
        rows = conn.execute(select(Account.name, Account.role, Account.created, Account.revoked)
                            .order_by(Account.created, Account.id)).all()
    return [{"name": r.name, "role": r.role, "created": _iso(r.created), "revoked": _iso(r.revoked)} for r in rows]


def _iso(at: datetime | None) -> str | None:
    if at is None:
        return None
    if at.tzinfo is None:  # SQLite gives back naive times; they were stored in UTC
        at = at.replace(tzinfo=UTC)
    return at.isoformat(timespec="seconds")


def revoke_user(engine: Engine, name: str) -> None:
    """Refuse the account's token from now on. ValueError when there is no such active account."""
    with engine.begin() as conn:
        row = conn.execute(select(Account.id, Account.revoked).where(Account.name == name)).first()
        if row is None:
            raise ValueError(f"no account named {name!r} (pactwatch users list)")
        if row.revoked is not None:
            raise ValueError(f"account {name!r} is already revoked")
        conn.execute(update(Account).where(Account.id == row.id).values(revoked=datetime.now(UTC)))


def has_accounts(engine: Engine) -> bool:
    """Whether any account is active (so that writes can be allowed at all)."""
    with engine.connect() as conn:
        return conn.execute(select(Account.id).where(Account.revoked.is_(None)).limit(1)).first() is not None


def authenticate(engine: Engine, token: str | None) -> dict[str, str] | None:
    """``{"name", "role"}`` of the active account whose token this is; None otherwise (a revoked
    account, a wrong or malformed token). One scrypt per call, compared in constant time."""
    if not isinstance(token, str) or not token or len(token) > TOKEN_MAX:
        return None
    token_id, dot, _ = token.partition(".")
    if not dot or not TOKEN_ID.fullmatch(token_id):
        return None  # not the shape of any token of ours (the shape is no secret): no hash spent on it
    with engine.connect() as conn:
        row = conn.execute(select(Account.name, Account.role, Account.salt, Account.token_hash, Account.revoked)
                           .where(Account.token_id == token_id)).first()
    salt = row.salt if row is not None else _DUMMY_SALT
    stored = row.token_hash if row is not None else b"\0" * SCRYPT["dklen"]
    matches = hmac.compare_digest(derive(token, salt), stored)  # hashed even for an unknown id: same time
    if row is None or not matches or row.revoked is not None:
        return None
    return {"name": row.name, "role": row.role}


def active_account(engine: Engine, token_id: str) -> dict[str, str] | None:
    """``{"name", "role"}`` of the unrevoked account with this public token id (for a session that
    already proved the token), else None. No hashing: the id alone proves nothing."""
    with engine.connect() as conn:
        row = conn.execute(select(Account.name, Account.role)
                           .where(Account.token_id == token_id, Account.revoked.is_(None))).first()
    return {"name": row.name, "role": row.role} if row is not None else None
