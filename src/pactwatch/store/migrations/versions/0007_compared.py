"""The state of the merged agreements that alerts were last detected against
(``compared_agreements``: one row per record, the JSON of its ``pactwatch.alerts.entry``), so an
ingest killed between storing its articles and recording their alerts is caught up by the next
one instead of losing them. The row whose ``record_id`` is empty (no record's id) says the table
was filled; a database upgraded to this revision starts without it and is filled with the
agreements as they stand, so nothing already stored becomes "new".

Revision ID: 0007_compared
Revises: 0006_watch
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_compared"
down_revision = "0006_watch"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "compared_agreements",
        sa.Column("record_id", sa.String(255), primary_key=True),
        sa.Column("state", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("compared_agreements")
