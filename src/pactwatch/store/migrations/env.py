"""Alembic environment: migrations run on the connection ``pactwatch.store.engine.migrate`` passes.

Never configured from an alembic.ini or a URL: the knowledge base opens the database, begins one
write transaction (SQLite ``BEGIN IMMEDIATE``; PostgreSQL an advisory lock), and upgrades inside
it, so two processes opening a fresh database at once migrate it exactly once.
"""

from __future__ import annotations

from alembic import context

from pactwatch.store.models import Base
from pactwatch.store.search import is_search_object

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("pactwatch migrations run only through pactwatch.store.engine.migrate(engine)")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  transactional_ddl=True,
                  include_name=lambda name, *_: not is_search_object(name))  # full-text tables: not models
with context.begin_transaction():
    context.run_migrations()
