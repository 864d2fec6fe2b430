"""Full-text search: FTS5 tables on SQLite, GIN tsvector indexes on PostgreSQL, filled from the
rows already stored (see ``pactwatch.store.search``).

Revision ID: 0002_full_text_search
Revises: 0001_initial
Create Date: 2026-02-01
"""

from __future__ import annotations

from alembic import op

revision = "0002_full_text_search"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2'"
ARTICLE_ROW = "(new.id, coalesce(new.title, ''), new.text)"
SQLITE_UP = [
    f"CREATE VIRTUAL TABLE articles_fts USING fts5(id UNINDEXED, title, text, {TOKENIZER})",
    f"CREATE VIRTUAL TABLE merged_agreements_fts USING fts5(id UNINDEXED, search_text, {TOKENIZER})",
    f"CREATE VIRTUAL TABLE merged_events_fts USING fts5(id UNINDEXED, search_text, {TOKENIZER})",
    "CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN "
    f"INSERT INTO articles_fts(id, title, text) VALUES {ARTICLE_ROW}; END",
    "CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN "
    "DELETE FROM articles_fts WHERE id = old.id; END",
    "CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF id, title, text ON articles BEGIN "
    f"DELETE FROM articles_fts WHERE id = old.id; INSERT INTO articles_fts(id, title, text) VALUES {ARTICLE_ROW}; END",
    "INSERT INTO articles_fts(id, title, text) SELECT id, coalesce(title, ''), text FROM articles",
    "INSERT INTO merged_agreements_fts(id, search_text) SELECT id, search_text FROM merged_agreements",
    "INSERT INTO merged_events_fts(id, search_text) SELECT id, search_text FROM merged_events",
]
SQLITE_DOWN = [
    "DROP TRIGGER articles_fts_after_update", "DROP TRIGGER articles_fts_after_delete",
    "DROP TRIGGER articles_fts_after_insert", "DROP TABLE merged_events_fts", "DROP TABLE merged_agreements_fts",
    "DROP TABLE articles_fts",
]
# the expressions pactwatch.store.search.SEARCHED queries, so the planner uses these indexes
POSTGRESQL_UP = [
    "CREATE INDEX ix_articles_fulltext ON articles USING gin "
    "(to_tsvector('simple'::regconfig, left(coalesce(articles.title, '') || ' ' || articles.text, 200000)))",
    "CREATE INDEX ix_merged_agreements_fulltext ON merged_agreements USING gin "
    "(to_tsvector('simple'::regconfig, merged_agreements.search_text))",
    "CREATE INDEX ix_merged_events_fulltext ON merged_events USING gin "
    "(to_tsvector('simple'::regconfig, merged_events.search_text))",
]
POSTGRESQL_DOWN = ["DROP INDEX ix_merged_events_fulltext", "DROP INDEX ix_merged_agreements_fulltext",
                   "DROP INDEX ix_articles_fulltext"]


def upgrade() -> None:
    for statement in SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_UP:
        op.execute(statement)


def downgrade() -> None:
    for statement in SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_DOWN:
        op.execute(statement)
