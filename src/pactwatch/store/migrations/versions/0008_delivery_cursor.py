"""How far each watch has delivered the recorded alerts (``watch_cursors``: one row per watch file,
the ``seq`` of the last change in ``changes`` handed to its targets, and when it moved), so alerts
recorded but not yet delivered (a ``kill -9`` between an ingest and the round's delivery, or changes
recorded by ``pactwatch ingest``, an upload or another process) go out with the next round. A name is
a watch file's absolute path, of any length, so rows are keyed by its SHA-256, as in ``0006_watch``.

Revision ID: 0008_delivery_cursor
Revises: 0007_compared
Create Date: 2026-12-17
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_delivery_cursor"
down_revision = "0007_compared"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_cursors",
        sa.Column("name_key", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("moved_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("watch_cursors")
