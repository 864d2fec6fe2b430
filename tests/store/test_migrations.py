"""The schema comes from the Alembic migrations, run on open, and matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

import pactwatch
from pactwatch.store.engine import MIGRATIONS, create_db_engine, current_revision, migrate, resolve_url
from pactwatch.store.models import Base
from pactwatch.store.search import is_search_object


def newest_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def test_opening_migrates_to_the_newest_revision_and_models_match(db_url: str) -> None:
    pactwatch.open(db_url).close()
    engine = create_db_engine(db_url)
    assert current_revision(engine) == newest_revision() == "0008_delivery_cursor"
    migrate(engine)  # a second time does nothing
    with engine.connect() as conn:
        # the full-text tables and indexes are the search module's, not the models'
        context = MigrationContext.configure(conn, opts={"include_name": lambda name, *_: not is_search_object(name)})
        assert compare_metadata(context, Base.metadata) == []
        assert set(inspect(conn).get_table_names()) >= {"articles", "article_facts", "merged_agreements", "refusals"}
    engine.dispose()


def test_sqlite_runs_in_wal_mode(tmp_path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    engine.dispose()


def test_database_urls(monkeypatch) -> None:
    monkeypatch.delenv("PACTWATCH_DB", raising=False)
    assert resolve_url(None) == "sqlite:///pactwatch.db"
    assert resolve_url("news.db") == "sqlite:///news.db"
    monkeypatch.setenv("PACTWATCH_DB", "sqlite:////tmp/x.db")
    assert resolve_url(None) == "sqlite:////tmp/x.db"
    try:
        create_db_engine("mysql://u@h/db")
    except ValueError as exc:
        assert "sqlite:///FILE" in str(exc)
    else:
        raise AssertionError("mysql was accepted")
