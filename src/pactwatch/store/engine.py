"""Opening a database by URL: SQLite (the default file) or PostgreSQL, migrated on open.

Writers are serialised the same way on both backends, so two ``ingest`` processes on one database
both finish without duplicates:

- SQLite runs in WAL mode (readers never wait for the writer) with a busy timeout, and every write
  transaction starts with ``BEGIN IMMEDIATE``: it takes the write lock before reading, so two
  writers never deadlock on a read-to-write upgrade (which SQLite answers with "database is
  locked" at once, without waiting);
- PostgreSQL write transactions take one transaction-level advisory lock first.

A write that still finds the database locked (a busy timeout passed) is retried whole, with
backoff: every write transaction is written to be safe to run again.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import NullPool

DEFAULT_DB = "sqlite:///pactwatch.db"
ENV_DB = "PACTWATCH_DB"
BUSY_TIMEOUT_MS = 30_000
WRITE_RETRIES = 8
ADVISORY_LOCK_KEY = 0x7061_6374  # "pact"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"

T = TypeVar("T")


def resolve_url(db: str | None = None) -> str:
    """``db``, else ``$PACTWATCH_DB``, else ``sqlite:///pactwatch.db``. A bare file path is read as
    a SQLite file (``pw.db`` -> ``sqlite:///pw.db``)."""
    url = db or os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url


def create_db_engine(db: str | None = None) -> Engine:
    """An engine for ``db`` (see ``resolve_url``) with the locking set-up this module describes.

    Raises ``ValueError`` with the supported forms when the URL cannot be used."""
    url = resolve_url(db)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ValueError(f"cannot read database URL {url!r}: use sqlite:///FILE or "
                         "postgresql+psycopg://USER:PASSWORD@HOST/DB") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, parsed.database)
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True)
    raise ValueError(f"unsupported database {backend!r} in {url!r}: use sqlite:///FILE or "
                     "postgresql+psycopg://USER:PASSWORD@HOST/DB")


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = "IMMEDIATE" if conn.get_execution_options().get("pactwatch_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction holding the database's write lock from its first statement."""
    with engine.connect() as conn:
        conn = conn.execution_options(pactwatch_write=True)
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            yield conn


def with_retries(engine: Engine, work: Callable[[Connection], T], retries: int = WRITE_RETRIES) -> T:
    """Run ``work`` in a write transaction; retry it whole while the database is locked."""
    for attempt in range(retries + 1):
        try:
            with write_transaction(engine) as conn:
                return work(conn)
        except OperationalError as exc:
            if attempt == retries or not is_locked_error(exc):
                raise
            time.sleep(min(5.0, 0.1 * 2 ** attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def is_locked_error(exc: OperationalError) -> bool:
    """SQLite's "database is locked"/"busy", or PostgreSQL's serialisation failure or deadlock."""
    message = str(exc.orig).lower()
    if "locked" in message or "busy" in message:
        return True
    return getattr(exc.orig, "sqlstate", None) in ("40001", "40P01")


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration, inside one write transaction (see module doc)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))

    def upgrade(conn: Connection) -> None:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")

    with_retries(engine, upgrade)


def current_revision(engine: Engine) -> str | None:
    """The schema's Alembic revision (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
