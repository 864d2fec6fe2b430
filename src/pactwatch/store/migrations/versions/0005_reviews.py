"""Reviewers' decisions, kept forever: accept, reject or set a field's value, merge two records,
split an article out of one. ``documents`` (the record's articles when decided) finds the record
again after a re-merge gives it another id.

Revision ID: 0005_reviews
Revises: 0004_accounts
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_reviews"
down_revision = "0004_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("record_id", sa.String(255), nullable=False),
        sa.Column("record_kind", sa.String(16), nullable=False),
        sa.Column("field", sa.String(64), nullable=True),
        sa.Column("party", sa.String(32), nullable=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("old", sa.JSON(), nullable=True),
        sa.Column("new", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("documents", sa.JSON(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reviews")
