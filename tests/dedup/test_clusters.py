"""Clusters over a collection: exact, near and reworded copies together, everything else alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.article import Article
from pactwatch.dedup import (
    ClusterResult,
    cluster_articles,
    cluster_fingerprints,
    extend_clusters,
    fingerprints,
    salient_fingerprints,
)
from pactwatch.read import iter_inputs


def read_all(folder: Path) -> dict[str, str]:
    return {a.id: a.text for a in iter_inputs([folder]) if isinstance(a, Article)}


def grouped(result: ClusterResult) -> dict[str, list[str]]:
    return {cid: ids for cid, ids in result.members().items() if len(ids) > 1}


def test_sample_copies_land_in_their_original_s_cluster(sample_dir: Path) -> None:
    texts = read_all(sample_dir)
    result = cluster_articles(texts.items())
    assert grouped(result) == {
        "finland-joins-nato": ["finland-joins-nato", "finland-joins-nato-mirror"],
        "shusha-declaration": ["shusha-declaration", "shusha-declaration-copy", "shusha-declaration-reworded"],
    }
    assert result.kind["finland-joins-nato"] == "near"
    assert result.kind["shusha-declaration"] == "reworded"
    assert {(link.a, link.b, link.kind) for link in result.links} == {
        ("finland-joins-nato", "finland-joins-nato-mirror", "near"),
        ("shusha-declaration", "shusha-declaration-copy", "exact"),
        ("shusha-declaration", "shusha-declaration-reworded", "reworded"),
    }
    singles = {cid for cid, kind in result.kind.items() if kind == "single"}
    assert singles == set(texts) - {"finland-joins-nato-mirror", "finland-joins-nato", "shusha-declaration",
                                    "shusha-declaration-copy", "shusha-declaration-reworded"}


def test_an_exact_copy_alone_is_an_exact_cluster(sample_dir: Path) -> None:
    texts = read_all(sample_dir)
    pair = {k: texts[k] for k in ("shusha-declaration", "shusha-declaration-copy", "budget-debate")}
    result = cluster_articles(pair.items())
    assert result.kind == {"shusha-declaration": "exact", "budget-debate": "single"}


def test_dev_set_reworded_pair_is_the_only_cluster(dev_docs: Path) -> None:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(dev_docs.glob("*.txt"))}
    result = cluster_articles(texts.items())
    assert grouped(result) == {"000_b10224e504890ddf": ["000_b10224e504890ddf", "001_5bba00772b36d52c"]}
    assert result.kind["000_b10224e504890ddf"] == "reworded"


def test_precomputed_fingerprints_and_a_lookup_function_give_the_same_clusters(sample_dir: Path) -> None:
    texts = read_all(sample_dir)
    ids = sorted(texts)
    ordered = [texts[i] for i in ids]
    result = cluster_fingerprints(ids, fingerprints(ordered), texts.__getitem__,
                                  salient_fps=salient_fingerprints(ordered))
    assert result == cluster_articles(texts.items())


def test_ids_must_be_unique() -> None:
    with pytest.raises(ValueError, match="appears twice"):
        cluster_articles([("a", "one text"), ("a", "another text")])


def test_an_empty_collection_has_no_clusters() -> None:
    assert cluster_articles([]) == ClusterResult({}, {}, ())


@pytest.fixture(scope="module")
def sample_items() -> list[tuple[str, str]]:
    return sorted(read_all(Path(__file__).resolve().parents[2] / "sample").items())


@given(data=st.data())
def test_clusters_do_not_depend_on_input_order(sample_items: list[tuple[str, str]], data: st.DataObject) -> None:
    extra = data.draw(st.lists(st.sampled_from([text for _, text in sample_items]), max_size=4))
    items = sample_items + [(f"extra-{i}", text) for i, text in enumerate(extra)]
    shuffled = data.draw(st.permutations(items))
    ids = [i for i, _ in shuffled]
    texts = dict(shuffled)
    expected = cluster_articles(items)
    got = cluster_fingerprints(ids, fingerprints([t for _, t in shuffled]), texts)
    assert got == expected


def cluster_in_batches(items: list[tuple[str, str]], sizes: list[int]) -> ClusterResult:
    """What ingest does: each batch's new articles extend the clusters stored so far."""
    stored: dict[str, tuple[str, str]] = {}
    texts: dict[str, str] = {}
    result = ClusterResult({}, {})
    start = 0
    for size in [*sizes, len(items)]:
        texts.update(items[start:start + size])
        start += size
        ids = sorted(texts)
        ordered = [texts[i] for i in ids]
        result = extend_clusters(ids, fingerprints(ordered), salient_fingerprints(ordered), texts, stored)
        stored = {i: (result.cluster_of[i], result.kind[result.cluster_of[i]]) for i in ids}
    return result


def test_extending_clusters_batch_by_batch_gives_the_clusters_of_the_whole(
        sample_items: list[tuple[str, str]]) -> None:
    reworded_last = sorted(sample_items, key=lambda item: item[0].startswith("shusha"))
    expected = cluster_articles(sample_items)
    got = cluster_in_batches(reworded_last, [3, 5, 2])
    assert (got.cluster_of, got.kind) == (expected.cluster_of, expected.kind)
    assert got.kind["shusha-declaration"] == "reworded"  # the copies arrived in later batches


@given(data=st.data())
def test_any_batching_gives_the_clusters_of_the_whole(sample_items: list[tuple[str, str]],
                                                      data: st.DataObject) -> None:
    extra = data.draw(st.lists(st.sampled_from([text for _, text in sample_items]), max_size=3))
    items = data.draw(st.permutations(sample_items + [(f"extra-{i}", t) for i, t in enumerate(extra)]))
    sizes = data.draw(st.lists(st.integers(1, 6), max_size=4))
    expected = cluster_articles(items)
    got = cluster_in_batches(list(items), sizes)
    assert (got.cluster_of, got.kind) == (expected.cluster_of, expected.kind)
