"""Accounts: tokens shown once and stored only as salted scrypt hashes, checked in constant time,
refused once revoked; the ``pactwatch users`` commands."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import pactwatch
from pactwatch import accounts
from pactwatch.accounts import add_user, authenticate, list_users, revoke_user
from pactwatch.cli.main import main


@pytest.fixture
def kb(tmp_path: Path):
    knowledge_base = pactwatch.open(f"sqlite:///{tmp_path / 'kb.db'}")
    yield knowledge_base
    knowledge_base.close()


def test_a_token_authenticates_its_account_and_only_a_hash_is_stored(kb, tmp_path: Path) -> None:
    maria = add_user(kb.engine, "maria", "review")
    boss = add_user(kb.engine, "boss.1", "admin")
    assert re.fullmatch(r"[0-9a-f]{16}\.[A-Za-z0-9_-]{43}", maria) and maria != boss
    assert authenticate(kb.engine, maria) == {"name": "maria", "role": "review"}
    assert authenticate(kb.engine, boss) == {"name": "boss.1", "role": "admin"}
    token_id, _, secret = maria.partition(".")
    for wrong in (maria + "x", f"{token_id}.{secret[:-1]}A" if secret[-1] != "A" else f"{token_id}.{secret[:-1]}B",
                  f"{boss.partition('.')[0]}.{secret}", "", "nonsense", "0" * 16 + "." + secret, None):
        assert authenticate(kb.engine, wrong) is None
    kb.close()
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())  # the database, WAL included
    assert b"maria" in stored
    for token in (maria, boss):
        assert token.encode() not in stored and token.partition(".")[2].encode() not in stored


def test_keys_are_compared_in_constant_time_and_an_unknown_id_costs_a_hash_too(kb, monkeypatch) -> None:
    token = add_user(kb.engine, "maria", "review")
    compared, derived = [], []
    real_compare, real_derive = accounts.hmac.compare_digest, accounts.derive
    monkeypatch.setattr(accounts.hmac, "compare_digest", lambda a, b: compared.append((a, b)) or real_compare(a, b))
    monkeypatch.setattr(accounts, "derive", lambda t, s: derived.append(t) or real_derive(t, s))
    assert authenticate(kb.engine, token) is not None
    assert len(compared) == 1 and len(compared[0][0]) == 32 and compared[0][0] == compared[0][1]
    assert authenticate(kb.engine, "f" * 16 + ".guess") is None  # no such id: hashed and compared all the same
    assert len(derived) == 2 and len(compared) == 2
    assert authenticate(kb.engine, "no-dot-no-id") is None  # not a token's shape: refused unhashed
    assert len(derived) == 2


def test_salts_differ_so_equal_hashes_reveal_nothing(kb) -> None:
    add_user(kb.engine, "a", "review")
    add_user(kb.engine, "b", "review")
    with kb.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT salt, token_hash FROM accounts").all()
    assert len({r.salt for r in rows}) == 2 and len({r.token_hash for r in rows}) == 2
    assert all(len(r.salt) == 16 and len(r.token_hash) == 32 for r in rows)


def test_a_revoked_token_is_refused_and_its_name_never_reused(kb) -> None:
    token = add_user(kb.engine, "maria", "review")
    revoke_user(kb.engine, "maria")
    assert authenticate(kb.engine, token) is None
    assert accounts.active_account(kb.engine, token.partition(".")[0]) is None
    [row] = list_users(kb.engine)
    assert row["name"] == "maria" and row["revoked"] is not None and row["created"] <= row["revoked"]
    with pytest.raises(ValueError, match="revoked"):
        revoke_user(kb.engine, "maria")
    with pytest.raises(ValueError, match="never reused"):
        add_user(kb.engine, "Maria", "review")
    with pytest.raises(ValueError, match="no account named 'nobody'"):
        revoke_user(kb.engine, "nobody")


@pytest.mark.parametrize("name, role, message", [
    ("", "review", "1 to 64 letters"), ("a b", "review", "1 to 64 letters"), ("x" * 65, "review", "1 to 64"),
    ("ok", "reader", "choose one of review, admin"), ("admin", "admin", "reserved"), ("ADMIN", "review", "reserved"),
])
def test_bad_names_and_roles_are_refused_and_change_nothing(kb, name: str, role: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        add_user(kb.engine, name, role)
    assert list_users(kb.engine) == []


def test_roles() -> None:
    assert accounts.role_allows("admin", "review") and accounts.role_allows("review", "review")
    assert not accounts.role_allows("review", "admin") and not accounts.role_allows("reader", "review")


def test_users_commands(tmp_path: Path, capsys) -> None:
    db = f"sqlite:///{tmp_path / 'u.db'}"
    assert main(["users", "add", "maria", "--role", "review", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "shown only now" in out
    token = out.strip().splitlines()[-1]
    assert main(["users", "add", "maria", "--role", "admin", "--db", db]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["users", "list", "--db", db, "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["name"], row["role"], row["revoked"]) == ("maria", "review", None) and token not in json.dumps(row)
    kb = pactwatch.open(db)
    try:
        assert authenticate(kb.engine, token) == {"name": "maria", "role": "review"}
        assert main(["users", "revoke", "maria", "--db", db]) == 0
        assert authenticate(kb.engine, token) is None
    finally:
        kb.close()
    assert main(["users", "list", "--db", db]) == 0
    assert "revoked" in capsys.readouterr().out
    missing = str(tmp_path / "missing.db")
    assert main(["users", "list", "--db", missing]) == 1 and main(["users", "revoke", "x", "--db", missing]) == 1
    assert "no database at" in capsys.readouterr().err and not Path(missing).exists()


def test_serve_says_who_may_write(kb) -> None:
    from types import SimpleNamespace

    from pactwatch.cli.serve import write_mode

    app = SimpleNamespace(state=SimpleNamespace(kb=kb))
    assert write_mode(app, None).startswith("read-only")
    add_user(kb.engine, "maria", "review")
    assert write_mode(app, None) == "uploads allowed for accounts"
    assert write_mode(app, "secret-token") == "uploads allowed with the token (as admin) and for accounts"
