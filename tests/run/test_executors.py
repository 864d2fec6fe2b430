"""The serial and Dask executors give the same results, in input order, refusals included."""

from __future__ import annotations

import pytest

from pactwatch.article import Article, Refusal
from pactwatch.facts import Agreement, ArticleFacts
from pactwatch.run.dask import batched, dask_client, extract_distributed
from pactwatch.run.local import RunSummary, extract_serially


def count_words(article: Article) -> ArticleFacts:
    """A cheap, picklable stand-in extractor: one agreement per article with > 3 words."""
    found = [Agreement(parties=["AZE", "TUR"])] if len(article.text.split()) > 3 else []
    if "explode" in article.text:
        raise ValueError("cannot read this")
    return ArticleFacts(doc_id=article.id, published=article.published, agreements=found)


def inputs() -> list[Article | Refusal]:
    items: list[Article | Refusal] = []
    for i in range(23):
        text = "one two three four five" if i % 2 else "short text"
        items.append(Article(id=f"a{i}", text=text, source=f"f{i}.txt"))
    items.insert(5, Refusal("bad.txt", "binary file"))
    items.insert(9, Article(id="boom", text="this will explode now", source="boom.txt"))
    return items


def shape(results: list) -> list:
    return [r.message() if isinstance(r, Refusal) else (r[0].id, r[1].to_json()) for r in results]


def test_serial_keeps_order_and_turns_a_failure_into_a_refusal() -> None:
    results = list(extract_serially(inputs(), count_words))
    assert len(results) == 25
    assert results[5] == Refusal("bad.txt", "binary file")
    assert isinstance(results[9], Refusal)
    assert results[9].message() == "boom.txt: extraction failed: ValueError: cannot read this"
    summary = RunSummary()
    for r in results:
        if isinstance(r, tuple):
            summary.count(r[1])
    assert (summary.articles, summary.agreements) == (23, 11)


def test_batched_reads_lazily_in_order() -> None:
    assert list(batched(iter(range(7)), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    with pytest.raises(ValueError, match="batch_size"):
        list(extract_distributed([], count_words, client=None, batch_size=0))


@pytest.fixture(scope="module")
def client():
    """One LocalCluster of two worker processes for the module (starting one costs seconds).

    Worker processes must import this module to run its stand-in extractor: spawned workers take
    the parent's ``sys.path``, so the repository root goes on it (the module is
    ``tests.run.test_executors``)."""
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    sys.path.insert(0, root)
    try:
        with dask_client(workers=2) as dask:
            yield dask
    finally:
        sys.path.remove(root)


@pytest.mark.slow
def test_dask_local_cluster_matches_serial(client) -> None:
    distributed = list(extract_distributed(inputs(), count_words, client, batch_size=4, in_flight=2))
    assert shape(distributed) == shape(list(extract_serially(inputs(), count_words)))


@pytest.mark.slow
def test_dask_matches_serial_on_the_dev_set(dev_docs, client) -> None:
    from pactwatch.extract import extract_article
    from pactwatch.read import iter_inputs

    serial = shape(list(extract_serially(iter_inputs([dev_docs]), extract_article)))
    distributed = shape(list(extract_distributed(iter_inputs([dev_docs]), extract_article, client)))
    assert len(serial) == 25
    assert distributed == serial
