"""Initial schema: articles, per-article facts, merged records, refusals, ingest runs.

Revision ID: 0001_initial
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(255)
CODES = sa.String(1000)
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("command", sa.String(32), nullable=False),
        sa.Column("paths", sa.JSON(), nullable=False),
        sa.Column("started_at", WHEN, nullable=False),
        sa.Column("finished_at", WHEN, nullable=True),
        sa.Column("articles_read", sa.Integer(), nullable=False),
        sa.Column("articles_new", sa.Integer(), nullable=False),
        sa.Column("refused", sa.Integer(), nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", ID, primary_key=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("extractor_version", sa.String(64), nullable=False),
        sa.Column("cluster_id", ID, nullable=True),
        sa.Column("cluster_kind", sa.String(16), nullable=True),
        sa.Column("fingerprint", sa.LargeBinary(), nullable=True),
        sa.Column("salient_fingerprint", sa.LargeBinary(), nullable=True),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("ingest_runs.id"), nullable=True),
        sa.Column("ingested_at", WHEN, nullable=False),
    )
    op.create_index("ix_articles_content_hash", "articles", ["content_hash"])
    op.create_index("ix_articles_cluster_id", "articles", ["cluster_id"])
    op.create_table(
        "article_facts",
        sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("extractor_version", sa.String(64), nullable=False),
        sa.Column("extracted_at", WHEN, nullable=False),
    )
    op.create_table(
        "fact_agreements",
        sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("idx", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("parties", CODES, nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("domain", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("signed", sa.String(10), nullable=True),
        sa.Column("agreement", sa.JSON(), nullable=False),
    )
    op.create_table(
        "fact_events",
        sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("idx", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("participants", CODES, nullable=False),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("event", sa.JSON(), nullable=False),
    )
    op.create_table(
        "fact_evidence",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("item_kind", sa.String(16), nullable=False),
        sa.Column("item_idx", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
    )
    op.create_index("ix_fact_evidence_item", "fact_evidence", ["article_id", "item_kind", "item_idx"])
    op.create_table(
        "merged_agreements",
        sa.Column("id", ID, primary_key=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("parties", CODES, nullable=False),
        sa.Column("domain", sa.String(32), nullable=True),
        sa.Column("status", sa.String(32), nullable=True),
        sa.Column("provisions", sa.String(1000), nullable=False),
        sa.Column("signed", sa.String(10), nullable=True),
        sa.Column("in_force", sa.String(10), nullable=True),
        sa.Column("independent_sources", sa.Integer(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
    )
    for column in ("parties", "domain", "status"):
        op.create_index(f"ix_merged_agreements_{column}", "merged_agreements", [column])
    op.create_table(
        "agreement_articles",
        sa.Column("agreement_id", ID, sa.ForeignKey("merged_agreements.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_agreement_articles_article_id", "agreement_articles", ["article_id"])
    op.create_table(
        "merged_events",
        sa.Column("id", ID, primary_key=True),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("participants", CODES, nullable=False),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("independent_sources", sa.Integer(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
    )
    op.create_index("ix_merged_events_type", "merged_events", ["type"])
    op.create_index("ix_merged_events_participants", "merged_events", ["participants"])
    op.create_table(
        "event_articles",
        sa.Column("event_id", ID, sa.ForeignKey("merged_events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_event_articles_article_id", "event_articles", ["article_id"])
    op.create_table(
        "refusals",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("ingest_runs.id"), nullable=True),
    )


def downgrade() -> None:
    for table in ("refusals", "event_articles", "merged_events", "agreement_articles", "merged_agreements",
                  "fact_evidence", "fact_events", "fact_agreements", "article_facts", "articles", "ingest_runs"):
        op.drop_table(table)
