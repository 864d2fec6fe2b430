"""The knowledge base's tables (SQLAlchemy 2 declarative models), the same on SQLite and PostgreSQL.

Three layers, each rebuilt only from the one before it:

- what was read: ``articles`` (cleaned text, content hash, fingerprints, duplicate cluster),
  ``refusals`` (inputs that could not be read) and ``ingest_runs``;
- who may write: ``accounts`` (named accounts, each with only a salted scrypt hash of its token);
- keeping watch: ``watch_sources`` and ``watch_items`` (what each watched feed or folder said last,
  every item seen from it), ``changes`` (the alerts recorded, ``pactwatch.alerts``),
  ``compared_agreements`` (the state of the merged agreements those alerts were detected against)
  and ``watch_cursors`` (how far each watch file has delivered ``changes``);
- what one article says: ``article_facts`` (the facts JSON as extracted), with one row per
  agreement (``fact_agreements``), per event (``fact_events``) and per evidence sentence
  (``fact_evidence``) for querying;
- what the collection says: ``merged_agreements`` and ``merged_events`` (the merged record's JSON
  plus the columns filters use) and their links to articles. These are derived: a rebuild replaces
  them from the per-article facts and the duplicate clusters.

The schema changes only through the Alembic migrations in ``store/migrations``; a test checks
that these models and the migrations agree. The full-text search tables and indexes are not
models: ``pactwatch.store.search`` describes them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = String(255)
CODE_LIST = String(1000)  # ",AZE,TUR,": a party filter looks for ",AZE," as a plain substring


class Base(DeclarativeBase):
    pass


class IngestRun(Base):
    """One ``ingest`` or ``reextract`` call: what it was asked, what it did, whether it finished."""

    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    command: Mapped[str] = mapped_column(String(32))
    paths: Mapped[list[Any]] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    articles_read: Mapped[int] = mapped_column(Integer, default=0)
    articles_new: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[int] = mapped_column(Integer, default=0)


class Article(Base):
    """A cleaned article, stored once; evidence offsets index into ``text``."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    published: Mapped[str | None] = mapped_column(String(10), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    extractor_version: Mapped[str] = mapped_column(String(64))
    cluster_id: Mapped[str | None] = mapped_column(ID, nullable=True, index=True)
    cluster_kind: Mapped[str | None] = mapped_column(String(16), nullable=True)
    fingerprint: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    salient_fingerprint: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id"), nullable=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ArticleFacts(Base):
    """The facts of one article exactly as extraction wrote them (SCHEMA.md), and by which version."""

    __tablename__ = "article_facts"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    facts: Mapped[dict[str, Any]] = mapped_column(JSON)
    extractor_version: Mapped[str] = mapped_column(String(64))
    extracted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FactAgreement(Base):
    """One agreement as one article reports it (``idx``: its position in the article's facts)."""

    __tablename__ = "fact_agreements"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    parties: Mapped[str] = mapped_column(CODE_LIST)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    domain: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
    signed: Mapped[str | None] = mapped_column(String(10), nullable=True)
    agreement: Mapped[dict[str, Any]] = mapped_column(JSON)


class FactEvent(Base):
    """One event as one article reports it."""

    __tablename__ = "fact_events"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    type: Mapped[str] = mapped_column(String(32))
    participants: Mapped[str] = mapped_column(CODE_LIST)
    date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    event: Mapped[dict[str, Any]] = mapped_column(JSON)


class FactEvidence(Base):
    """One evidence sentence of one article's agreement or event, verbatim with its offsets."""

    __tablename__ = "fact_evidence"
    __table_args__ = (Index("ix_fact_evidence_item", "article_id", "item_kind", "item_idx"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    item_kind: Mapped[str] = mapped_column(String(16))  # agreement | event
    item_idx: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(64))
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class MergedAgreement(Base):
    """One real agreement over the collection: the merged record, plus the columns filters use."""

    __tablename__ = "merged_agreements"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    parties: Mapped[str] = mapped_column(CODE_LIST, index=True)
    domain: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    status: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    provisions: Mapped[str] = mapped_column(String(1000))
    signed: Mapped[str | None] = mapped_column(String(10), nullable=True)
    in_force: Mapped[str | None] = mapped_column(String(10), nullable=True)
    independent_sources: Mapped[int] = mapped_column(Integer)
    search_text: Mapped[str] = mapped_column(Text)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)


class AgreementArticle(Base):
    __tablename__ = "agreement_articles"

    agreement_id: Mapped[str] = mapped_column(ForeignKey("merged_agreements.id", ondelete="CASCADE"),
                                              primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)


class MergedEvent(Base):
    """One real event over the collection."""

    __tablename__ = "merged_events"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    participants: Mapped[str] = mapped_column(CODE_LIST, index=True)
    date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    independent_sources: Mapped[int] = mapped_column(Integer)
    search_text: Mapped[str] = mapped_column(Text)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)


class EventArticle(Base):
    __tablename__ = "event_articles"

    event_id: Mapped[str] = mapped_column(ForeignKey("merged_events.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)


class Refusal(Base):
    """An input that could not be read or extracted; the same refusal twice is one row (latest time)."""

    __tablename__ = "refusals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of source, line and reason
    source: Mapped[str] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id"), nullable=True)


class Account(Base):
    """A named account that may upload (and review): its role and a salted scrypt hash of its token,
    never the token. ``token_id`` is the token's public first part, so a login costs one hash."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # review | admin
    token_id: Mapped[str] = mapped_column(String(32), unique=True)
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    token_hash: Mapped[bytes] = mapped_column(LargeBinary)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Review(Base):
    """One reviewer's decision, kept forever and re-applied after every re-merge
    (``pactwatch.store.reviews``). ``field`` is None for ``merge`` and ``split``; ``old`` and ``new`` are
    JSON values (``new`` of a merge: the other record; of a split: the article split out);
    ``documents``: the record's articles when decided, which find it again under a new id."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reviewer: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    record_id: Mapped[str] = mapped_column(ID)
    record_kind: Mapped[str] = mapped_column(String(16))  # agreement | event
    field: Mapped[str | None] = mapped_column(String(64), nullable=True)
    party: Mapped[str | None] = mapped_column(String(32), nullable=True)
    action: Mapped[str] = mapped_column(String(16))  # accept | reject | set | merge | split
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    documents: Mapped[list[Any]] = mapped_column(JSON)


class WatchSource(Base):
    """A watched feed or folder: the validators of its last answer (conditional GET), when it was
    checked (ISO UTC) and what went wrong then, if anything. Keyed by the SHA-256 of ``source``."""

    __tablename__ = "watch_sources"

    source_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_modified: Mapped[str | None] = mapped_column(Text, nullable=True)
    checked_at: Mapped[str] = mapped_column(String(32))
    problem: Mapped[str | None] = mapped_column(Text, nullable=True)


class WatchItem(Base):
    """One item seen from a watched source (a feed entry, a file), stored once: the digest of what
    was ingested, the article it became, the outcome (ingested | refused | failed) and when."""

    __tablename__ = "watch_items"

    source_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)
    digest: Mapped[str | None] = mapped_column(String(128), nullable=True)
    article_id: Mapped[str | None] = mapped_column(String(255), nullable=True)
    outcome: Mapped[str] = mapped_column(String(16))
    fetched_at: Mapped[str] = mapped_column(String(32))


class Change(Base):
    """An alert (``pactwatch.alerts``), recorded once by its id; ``seq`` keeps the order recorded."""

    __tablename__ = "changes"
    __table_args__ = (UniqueConstraint("id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32), index=True)
    at: Mapped[str] = mapped_column(String(32), index=True)
    day: Mapped[str | None] = mapped_column(String(10), nullable=True)
    record_id: Mapped[str] = mapped_column(ID)
    alert: Mapped[dict[str, Any]] = mapped_column(JSON)


class ComparedAgreement(Base):
    """One merged agreement as alerts were last detected against it: ``state`` is the JSON of its
    ``pactwatch.alerts.entry``. Kept in the database, not in memory, so an ingest killed before it
    recorded its alerts is caught up by the next (``pactwatch.store.watch.catch_up``). The row with
    the empty ``record_id`` (``watch.FILLED``) says the baseline exists; its state is when it was filled."""

    __tablename__ = "compared_agreements"

    record_id: Mapped[str] = mapped_column(ID, primary_key=True)
    state: Mapped[str] = mapped_column(Text)


class WatchCursor(Base):
    """How far one watch (``name``: its watch file's absolute path) has delivered the recorded
    alerts: ``seq`` is the last ``Change.seq`` handed to its targets. Kept in the database so alerts
    recorded while no round was delivering (a killed watch, ``pactwatch ingest``, an upload) go out
    with the next round. Keyed by the SHA-256 of ``name`` (a path may be of any length)."""

    __tablename__ = "watch_cursors"

    name_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    seq: Mapped[int] = mapped_column(Integer)
    moved_at: Mapped[str] = mapped_column(String(32))
