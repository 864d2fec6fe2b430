"""Keeping watch: what each watched source said last (``watch_sources``: its ETag, Last-Modified,
when it was checked and the problem, if any), every item seen from it (``watch_items``, so a
restart ingests nothing twice) and the alerts recorded (``changes``, each id once). Sources and
item keys are URLs or paths of any length, so rows are keyed by their SHA-256.

Revision ID: 0006_watch
Revises: 0005_reviews
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_watch"
down_revision = "0005_reviews"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("source_key", sa.String(64), primary_key=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.String(32), nullable=False),
        sa.Column("problem", sa.Text(), nullable=True),
    )
    op.create_table(
        "watch_items",
        sa.Column("source_key", sa.String(64), primary_key=True),
        sa.Column("item_key", sa.String(64), primary_key=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(128), nullable=True),
        sa.Column("article_id", sa.String(255), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("fetched_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "changes",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("day", sa.String(10), nullable=True),
        sa.Column("record_id", sa.String(255), nullable=False),
        sa.Column("alert", sa.JSON(), nullable=False),
        sa.UniqueConstraint("id"),
    )
    op.create_index("ix_changes_kind", "changes", ["kind"])
    op.create_index("ix_changes_at", "changes", ["at"])


def downgrade() -> None:
    op.drop_index("ix_changes_at", table_name="changes")
    op.drop_index("ix_changes_kind", table_name="changes")
    op.drop_table("changes")
    op.drop_table("watch_items")
    op.drop_table("watch_sources")
