"""Sources without server paths: absolute paths stored by earlier versions become the path
relative to the folder holding what was ingested (the ingest run's paths say which), else the
file name; refusal reasons lose them too, and refusal keys follow their new text.

Self-contained on purpose (a migration must not change when ``pactwatch.store.sources`` does).

Revision ID: 0003_relative_sources
Revises: 0002_full_text_search
Create Date: 2026-02-01
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003_relative_sources"
down_revision = "0002_full_text_search"
branch_labels = None
depends_on = None

ABSOLUTE_IN_TEXT = re.compile(r"(?<![\w:./\\])(?:[A-Za-z]:)?[/\\](?:[^\s/\\()'\"]+[/\\])*([^\s/\\()'\"]+)")
runs = sa.table("ingest_runs", sa.column("id", sa.Integer), sa.column("paths", sa.JSON))
articles = sa.table("articles", sa.column("id", sa.String), sa.column("source", sa.Text),
                    sa.column("run_id", sa.Integer))
refusals = sa.table("refusals", sa.column("id", sa.Integer), sa.column("key", sa.String),
                    sa.column("source", sa.Text), sa.column("line", sa.Integer), sa.column("reason", sa.Text),
                    sa.column("at", sa.DateTime(timezone=True)), sa.column("run_id", sa.Integer))


def is_absolute(source: str) -> bool:
    return source.startswith(("/", "\\")) or bool(re.match(r"[A-Za-z]:[/\\]", source))


def relative(source: str, roots: list[str]) -> str:
    """``source`` under the longest absolute root given to its run, as ``ROOTNAME/rest``; other
    absolute sources as their file name (with a ``:line`` or ``#record`` suffix kept)."""
    if not is_absolute(source):
        return source
    for root in sorted((r.rstrip("/") for r in roots if is_absolute(r)), key=len, reverse=True):
        name = root.rsplit("/", 1)[-1]
        if source.startswith(root + "/") and name:
            return f"{name}/{source[len(root) + 1:]}"
        if source == root or source.startswith((root + ":", root + "#")):
            return name + source[len(root):]
    path, mark, record = source.partition("#")
    return re.split(r"[/\\]", path)[-1] + mark + record


def reason_without_paths(reason: str) -> str:
    return ABSOLUTE_IN_TEXT.sub(lambda match: match.group(1), reason)


def refusal_key(source: str, line: int | None, reason: str) -> str:
    return hashlib.sha256(f"{source}\0{line}\0{reason}".encode("utf-8", "surrogatepass")).hexdigest()


def upgrade() -> None:
    conn = op.get_bind()
    roots = {r.id: [str(p) for p in (r.paths or [])] for r in conn.execute(sa.select(runs.c.id, runs.c.paths))}
    for row in conn.execute(sa.select(articles.c.id, articles.c.source, articles.c.run_id)).all():
        if is_absolute(row.source):
            conn.execute(sa.update(articles).where(articles.c.id == row.id)
                         .values(source=relative(row.source, roots.get(row.run_id, []))))
    _rewrite_refusals(conn, roots)


def _rewrite_refusals(conn: Any, roots: dict[int, list[str]]) -> None:
    """New source and reason; refusals that now read the same become one row (the latest)."""
    rows = conn.execute(sa.select(refusals).order_by(refusals.c.at.desc(), refusals.c.id)).all()
    kept: dict[str, int] = {}
    for row in rows:
        source = relative(row.source, roots.get(row.run_id, []))
        reason = reason_without_paths(row.reason)
        key = refusal_key(source, row.line, reason)
        if key in kept:
            conn.execute(sa.delete(refusals).where(refusals.c.id == row.id))
            continue
        kept[key] = row.id
        if (source, reason, key) != (row.source, row.reason, row.key):
            conn.execute(sa.update(refusals).where(refusals.c.id == row.id)
                         .values(source=source, reason=reason, key="tmp-" + str(row.id)))
    for key, row_id in kept.items():
        conn.execute(sa.update(refusals).where(refusals.c.id == row_id, refusals.c.key.like("tmp-%"))
                     .values(key=key))


def downgrade() -> None:
    """Nothing to undo: the absolute paths are not kept anywhere."""
