"""Text search (``q``) runs on the databases' full-text indexes, finds what a plain word check
finds, and answers hostile queries with results or a clear ``ValueError``, never anything else."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from alembic import command
from alembic.config import Config
from kb_helpers import fake_extract
from sqlalchemy import delete, insert, text

import pactwatch
from pactwatch.article import Article
from pactwatch.store import models as m
from pactwatch.store.engine import MIGRATIONS, create_db_engine
from pactwatch.store.search import MAX_QUERY_CHARS
from pactwatch.store.write import utc_now

ARTICLES = {
    "harbour": ("Harbour talks", "AZE and TUR signed the Harbour Compact on 2021-05-03. The defence ministers met "
                                 "at the harbour; a defence pact was not discussed."),
    "pacts": ("Defence pacts multiply", "GRC and FRA signed the Aegean Defence Pact on 2021-09-28. Analysts "
                                        "counted three pacts in the region, OR more."),
    "drill": ("Drills at sea", "AZE and PAK held exercise Three Brothers on 2021-09-12. Ships from Karachi joined "
                               "the drill near the harbour mouth."),
    "quiet": ("A quiet week", "Nothing was signed. Ministers spoke of weather, trade and football; defenceless "
                              "goalkeepers were mocked."),
    "symbols": ("Odd * title", 'Reporters quoted "NEAR(" and a OR b from the code of a search engine.'),
}
WORD_QUERIES = ["defence", "harbour", "pact", "pacts", "ministers", "drill", "near", "or", "defence pact",
                "three brothers", "karachi joined", "quiet", "harb", "def", "signed the", "xyzzy", "DEFENCE", "Pact"]
HOSTILE = ['"', "*", "NEAR(", "a OR", "\x00", "x" * 1000, "defence*", "AND", "-pact", "pact)", "^pact",
           "title:pact", "{title}: pact", "'", "\\", "%", "_", "pact\x00defence", "NOT harbour", '" OR 1=1 --',
           "(((((", "a" * MAX_QUERY_CHARS, " ".join(["pact"] * 100), "\u202eharbour", "ḑëfénçe"]


@pytest.fixture
def kb(db_url: str) -> Iterator[pactwatch.kb.KnowledgeBase]:
    base = pactwatch.open(db_url, extractor=fake_extract)
    base.ingest_articles([Article(i, body, f"news/{i}.txt", "2021-10-01", None, title)
                          for i, (title, body) in ARTICLES.items()])
    yield base
    base.close()


def by_words(q: str) -> set[str]:
    """What the search should find: the query's words in a row, the last one as a word's start;
    nothing for a query without words."""
    words = re.findall(r"[^\W_]+", q.lower())
    if not words:
        return set()
    pattern = re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, words)), re.IGNORECASE)
    return {i for i, (title, body) in ARTICLES.items() if pattern.search(f"{title}\n{body}")}


@pytest.mark.parametrize("q", WORD_QUERIES)
def test_word_queries_find_what_a_plain_word_check_finds(kb, q: str) -> None:
    found = {a["id"] for a in kb.articles(q=q, limit=None)}
    assert found == by_words(q)
    assert kb.count_articles(q=q) == len(found)


def test_search_is_by_words_not_substrings(kb) -> None:
    assert {a["id"] for a in kb.articles(q="defence")} == {"harbour", "pacts", "quiet"}  # "defenceless" starts so
    assert {a["id"] for a in kb.articles(q="fence")} == set()  # inside a word: not a word of the text
    assert {a["id"] for a in kb.articles(q="defence pact")} == {"harbour", "pacts"}
    assert [a["id"] for a in kb.articles(q="pact defence")] == []  # words in order


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_give_results_or_a_clear_error(kb, q: str) -> None:
    calls = [lambda: kb.articles(q=q), lambda: kb.count_articles(q=q), lambda: kb.agreements(q=q),
             lambda: kb.count_agreements(q=q), lambda: kb.events(q=q), lambda: kb.count_events(q=q)]
    for call in calls:
        try:
            result = call()
        except ValueError as exc:
            assert len(q) > MAX_QUERY_CHARS and f"at most {MAX_QUERY_CHARS}" in str(exc)
        else:
            assert isinstance(result, (list, int))
    if len(q) <= MAX_QUERY_CHARS and q.isascii():  # SQLite folds accents, PostgreSQL's "simple" does not
        assert {a["id"] for a in kb.articles(q=q, limit=None)} == by_words(q)


def test_a_query_without_words_finds_nothing_and_a_blank_one_is_no_search(kb) -> None:
    assert kb.articles(q='"*(') == [] and kb.count_articles(q="\x00") == 0
    assert kb.count_articles(q="   ") == kb.count_articles() == len(ARTICLES)


def test_agreements_and_events_search_their_titles_and_evidence(kb) -> None:
    assert [r["title"] for r in kb.agreements(q="aegean")] == ["Aegean Defence Pact"]
    assert [r["title"] for r in kb.agreements(q="signed the")] == ["Harbour Compact", "Aegean Defence Pact"]
    assert kb.count_agreements(q="harbour compact") == 1 and kb.agreements(q="compact harbour") == []
    assert [e["participants"] for e in kb.events(q="three brothers")] == [["AZE", "PAK"]]
    assert kb.count_events(q="harbour") == 0


def test_the_merged_index_follows_each_rebuild(kb) -> None:
    kb.ingest_articles([Article("late", "ITA and ESP signed the Tyrrhenian Accord on 2022-01-01.", "late.txt",
                                "2022-01-02")])
    assert [r["title"] for r in kb.agreements(q="tyrrhenian")] == ["Tyrrhenian Accord"]
    assert kb.count_agreements(q="aegean") == 1  # rebuilt, not duplicated
    kb.rebuild()
    assert kb.count_agreements(q="accord") == 1 and kb.count_agreements(q="signed") == 3


def test_an_article_removed_from_the_table_leaves_the_search(kb) -> None:
    with kb.engine.begin() as conn:
        table = m.Article.__table__
        conn.execute(delete(m.ArticleFacts.__table__).where(m.ArticleFacts.__table__.c.article_id == "quiet"))
        conn.execute(delete(table).where(table.c.id == "quiet"))
    assert {a["id"] for a in kb.articles(q="defence")} == {"harbour", "pacts"}


def test_migration_fills_the_index_from_rows_already_stored(db_url: str) -> None:
    engine = create_db_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001_initial")
        conn.execute(insert(m.Article.__table__), [{
            "id": "old", "source": "old.txt", "title": "Archive", "text": "An old report about a frigate deal.",
            "content_hash": "x", "extractor_version": "v0", "ingested_at": utc_now()}])
    engine.dispose()
    with pactwatch.open(db_url) as kb:
        assert [a["id"] for a in kb.articles(q="frigate deal")] == ["old"]
        assert [a["id"] for a in kb.articles(q="archive")] == ["old"]


@pytest.mark.postgres
def test_postgresql_answers_from_the_gin_index(db_url: str, kb) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    from pactwatch.store.articles import _summary_query, _with_search

    query = _with_search(_summary_query(), "defence pact")
    compiled = query.compile(kb.engine, compile_kwargs={"literal_binds": True})
    with kb.engine.connect() as conn:
        # the ingest analysed the table, so the planner knows it without waiting for autovacuum
        assert conn.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'articles'")).scalar() == len(ARTICLES)
        conn.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(conn.execute(text(f"EXPLAIN {compiled}")).scalars())
    assert "ix_articles_fulltext" in plan
