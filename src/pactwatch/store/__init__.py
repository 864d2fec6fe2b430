"""The knowledge base's storage: SQLAlchemy tables, Alembic migrations, ingest and queries.

``engine`` opens a database by URL (SQLite by default, PostgreSQL by URL) and migrates it;
``write``/``ingest`` store articles one transaction per batch; ``rebuild`` derives clusters and
merged records; ``queries`` reads them back as the JSON-able dicts of the KB API. Most callers
want ``pactwatch.open(db)`` (``pactwatch.kb.KnowledgeBase``) instead of these modules.
"""
