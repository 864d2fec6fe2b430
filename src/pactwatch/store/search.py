"""Free-text search (``q``) with each database's full-text index, never a scan of every text.

What ``q`` means, the same on both backends and in every list (articles, agreements, events):
its words (runs of letters and digits, case-insensitive) must appear one after another, the last
one as the start of a word. ``"defence pact"`` finds "Defence Pact" and "defence pacts", not
"pact on defence"; punctuation and search syntax in ``q`` (``"``, ``*``, ``NEAR(``, ``OR``) are
ordinary characters between words, so no query is a syntax error. A query without words matches
nothing; one longer than ``MAX_QUERY_CHARS`` is refused with ``ValueError``.

- SQLite: FTS5 tables (``articles_fts``, ``merged_agreements_fts``, ``merged_events_fts``) hold
  the searched text beside the row id; triggers keep ``articles_fts`` in step with ``articles``,
  and the rebuild rewrites the two merged ones with their tables. Accents are folded (``turkiye``
  finds "Türkiye").
- PostgreSQL: GIN indexes on ``to_tsvector('simple', ...)`` of the same text (``simple``: no
  stemming, no stop words, so a word matches itself in any language). Only the first
  ``PG_INDEXED_CHARS`` characters of an article are indexed: PostgreSQL refuses a tsvector over
  1 MB, which a 2-million-character article of distinct words could reach.

Migration ``0002_full_text_search`` creates all of these and fills them from the rows already stored.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, bindparam, delete, false, insert, table
from sqlalchemy import column as sql_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.types import Boolean

MAX_QUERY_CHARS = 200
PG_INDEXED_CHARS = 200_000
WORD = re.compile(r"[^\W_]+")

# table -> (its FTS5 table on SQLite, the text PostgreSQL's index covers); the PostgreSQL
# expressions are exactly those of migration 0002's indexes, so the planner uses them
SEARCHED = {
    "articles": ("articles_fts", f"left(coalesce(articles.title, '') || ' ' || articles.text, {PG_INDEXED_CHARS})"),
    "merged_agreements": ("merged_agreements_fts", "merged_agreements.search_text"),
    "merged_events": ("merged_events_fts", "merged_events.search_text"),
}
SEARCH_OBJECTS = re.compile(r"^(?:(?:articles|merged_agreements|merged_events)_fts(?:_\w+)?|ix_\w+_fulltext)$")


def search_words(q: str | None) -> list[str] | None:
    """The lower-cased words of ``q``; None when ``q`` is blank (no search).

    >>> search_words('  "Defence*  Pact" OR NEAR(')
    ['defence', 'pact', 'or', 'near']
    """
    if q is None or not q.strip():
        return None
    if len(q) > MAX_QUERY_CHARS:
        raise ValueError(f"search text is {len(q):,} characters long; at most {MAX_QUERY_CHARS} are allowed")
    return WORD.findall(q.lower())


def fts5_query(words: list[str]) -> str:
    """An FTS5 MATCH string: the words as one quoted phrase, the last a prefix (``"a b"*``).
    The words hold only letters and digits, so nothing in them is FTS5 syntax."""
    return '"' + " ".join(words) + '"*'


def tsquery(words: list[str]) -> str:
    """A ``to_tsquery`` string: the words quoted, each followed by the next, the last a prefix
    (``'a' <-> 'b':*``)."""
    return " <-> ".join(f"'{w}'" for w in words) + ":*"


class _TextMatch(ColumnElement[bool]):
    """``table``'s row matches the words (compiled per backend below)."""

    type = Boolean()
    inherit_cache = False  # the words are not part of SQLAlchemy's cache key

    def __init__(self, table_name: str, words: list[str]) -> None:
        self.table_name = table_name
        self.words = words


@compiles(_TextMatch, "sqlite")
def _match_sqlite(element: _TextMatch, compiler: Any, **kw: Any) -> str:
    fts = SEARCHED[element.table_name][0]
    query = compiler.process(bindparam(None, fts5_query(element.words), String()), **kw)
    return f"{element.table_name}.id IN (SELECT {fts}.id FROM {fts} WHERE {fts} MATCH {query})"


@compiles(_TextMatch, "postgresql")
def _match_postgresql(element: _TextMatch, compiler: Any, **kw: Any) -> str:
    document = SEARCHED[element.table_name][1]
    query = compiler.process(bindparam(None, tsquery(element.words), String()), **kw)
    return f"to_tsvector('simple'::regconfig, {document}) @@ to_tsquery('simple'::regconfig, {query})"


def text_match(table_name: str, q: str | None) -> ColumnElement[bool] | None:
    """The condition that rows of ``table_name`` (a key of ``SEARCHED``) match ``q``; None when ``q``
    is blank. Raises ``ValueError`` for a query over ``MAX_QUERY_CHARS``."""
    words = search_words(q)
    if words is None:
        return None
    if not words:
        return false()
    return _TextMatch(table_name, words)


def replace_merged_index(conn: Connection, table_name: str, rows: list[dict[str, Any]]) -> None:
    """Make a merged table's FTS5 table hold exactly ``rows`` (id, search_text), as the rebuild
    replaces the merged table itself. Nothing to do on PostgreSQL, whose index follows the table."""
    if conn.dialect.name != "sqlite":
        return
    fts = table(SEARCHED[table_name][0], sql_column("id"), sql_column("search_text"))
    conn.execute(delete(fts))
    if rows:
        conn.execute(insert(fts), [{"id": r["id"], "search_text": r["search_text"]} for r in rows])


def is_search_object(name: str | None) -> bool:
    """Whether a table or index is this module's (FTS5 tables and their shadow tables, GIN
    indexes): the models do not declare them, so a schema comparison leaves them out."""
    return bool(name and SEARCH_OBJECTS.match(name))
