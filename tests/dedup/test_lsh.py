"""LSH candidate pairs: datasketch's band layout, near texts found, unrelated texts never paired."""

from __future__ import annotations

import numpy as np
from datasketch import MinHashLSH

from pactwatch.dedup import build_index, candidate_pairs, fingerprints, to_minhash
from pactwatch.dedup.lsh import band_layout

BASE = " ".join(f"term{i}" for i in range(200))


def test_band_layout_is_datasketchs() -> None:
    index = MinHashLSH(threshold=0.5, num_perm=128)
    assert band_layout(0.5, 128) == (index.b, index.r)


def test_near_texts_are_candidates_and_unrelated_ones_are_not() -> None:
    texts = [BASE, BASE + " with a footer line", " ".join(f"other{i}" for i in range(200)), BASE[:-40]]
    pairs = candidate_pairs(fingerprints(texts), threshold=0.5)
    assert pairs.tolist() == [[0, 1], [0, 3], [1, 3]]


def test_no_pairs_from_fewer_than_two_fingerprints() -> None:
    assert candidate_pairs(fingerprints([BASE]), threshold=0.5).shape == (0, 2)


def test_a_crowded_bucket_is_cut_to_its_first_members() -> None:
    fps = np.repeat(fingerprints([BASE]), 100, axis=0)
    pairs = candidate_pairs(fps, threshold=0.5)
    assert len(pairs) < 100 * 99 // 2 and set(pairs[:, 0].tolist()) <= set(range(8))
    assert set(np.concatenate([pairs[:, 0], pairs[:, 1]]).tolist()) == set(range(100))


def test_datasketch_index_over_the_same_fingerprints() -> None:
    fps = fingerprints([BASE, BASE + " extra words here", "nothing alike at all in this one"])
    index = build_index(["a", "b", "c"], fps, threshold=0.5)
    assert sorted(index.query(to_minhash(fps[0]))) == ["a", "b"]
