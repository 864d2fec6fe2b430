"""pactwatch: security-cooperation agreements from news, every value with its evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pactwatch.kb import KnowledgeBase

__version__ = "0.1.0"


def open(db: str | None = None, **options: Any) -> KnowledgeBase:  # noqa: A001 - pactwatch.open(db) is the API
    """The knowledge base at ``db`` (a SQLAlchemy URL; None: ``$PACTWATCH_DB``, else
    ``sqlite:///pactwatch.db``): a ``pactwatch.kb.KnowledgeBase``, created and migrated as needed.
    Imported lazily so that ``import pactwatch`` stays cheap."""
    from pactwatch.kb import open_kb

    return open_kb(db, **options)
