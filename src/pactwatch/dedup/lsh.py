"""Candidate pairs from MinHash fingerprints by locality-sensitive hashing (banding).

Only pairs that share at least one band of ``r`` hash values are ever compared, so a collection
of 100,000 articles is never compared all-pairs. The band layout ``(b, r)`` for a Jaccard
threshold is datasketch's (``MinHashLSH`` minimises the weighted false-positive and
false-negative probabilities); what is done here with numpy is only the bucketing of a whole
fingerprint matrix at once, which ``MinHashLSH.insert`` would do one Python call per article.
``build_index`` gives a real ``datasketch.MinHashLSH`` over the same fingerprints for
incremental use (query one new article against a stored collection).

Example:
    >>> from pactwatch.dedup.fingerprints import fingerprints
    >>> fps = fingerprints(["a b c d e f g h", "a b c d e f g h i", "other words entirely here"])
    >>> candidate_pairs(fps, threshold=0.5).tolist()
    [[0, 1]]
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from pactwatch.dedup.fingerprints import SEED

SCHEME = "affine32"  # datasketch's label for 32-bit affine permutation values, which ours are
# A bucket this crowded (boilerplate-only pages, one template repeated) is not paired all with
# all: each member is paired with the first MAX_BUCKET_PAIRS members in id order instead.
MAX_BUCKET = 64
MAX_BUCKET_PAIRS = 8
_BAND_MULTIPLIERS = np.random.default_rng(SEED + 1).integers(
    1, 1 << 63, size=256, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


@lru_cache(maxsize=32)
def band_layout(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) that datasketch chooses for this threshold and fingerprint length."""
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must be a Jaccard similarity strictly between 0 and 1, got {threshold}")
    index = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return index.b, index.r


def to_minhash(row: np.ndarray) -> LeanMinHash:
    """A datasketch LeanMinHash holding one fingerprint row."""
    return LeanMinHash(seed=SEED, hashvalues=row, scheme=SCHEME)


def build_index(keys: Sequence[str], fps: np.ndarray, threshold: float) -> MinHashLSH:
    """A datasketch MinHashLSH holding ``fps`` under ``keys``: query it with ``to_minhash(row)``."""
    index = MinHashLSH(threshold=threshold, num_perm=fps.shape[1])
    with index.insertion_session() as session:
        for key, row in zip(keys, fps, strict=True):
            session.insert(key, to_minhash(row), check_duplication=False)
    return index


def band_keys(fps: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per (article, band): equal keys mean equal bands (collisions ~2^-64)."""
    n = fps.shape[0]
    keys = np.zeros((bands, n), dtype=np.uint64)
    for band in range(bands):
        block = fps[:, band * rows:(band + 1) * rows]
        acc = np.zeros(n, dtype=np.uint64)
        for column in range(rows):
            acc ^= (block[:, column] + np.uint64(column + 1)) * _BAND_MULTIPLIERS[column]
            acc = (acc << np.uint64(13)) | (acc >> np.uint64(51))
        keys[band] = acc
    return keys


def candidate_pairs(fps: np.ndarray, threshold: float, order: np.ndarray | None = None) -> np.ndarray:
    """Row-index pairs (i < j), shape (m, 2), sorted, of fingerprints sharing at least one band.

    ``order`` ranks rows (e.g. by article id) so that crowded buckets are cut the same way
    whatever the input order; by default rows rank by index.
    """
    n = fps.shape[0]
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    bands, rows = band_layout(threshold, fps.shape[1])
    rank = np.arange(n) if order is None else np.asarray(order)
    found: list[np.ndarray] = []
    for keys in band_keys(fps, bands, rows):
        found.extend(_bucket_pairs(keys, rank))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    low, high = np.minimum(pairs[:, 0], pairs[:, 1]), np.maximum(pairs[:, 0], pairs[:, 1])
    codes = np.unique(low * n + high)
    return np.stack([codes // n, codes % n], axis=1)


def _bucket_pairs(keys: np.ndarray, rank: np.ndarray) -> list[np.ndarray]:
    """Pairs of rows with equal keys in one band."""
    by_key = np.lexsort((rank, keys))
    sorted_keys = keys[by_key]
    new_run = np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1]))
    run_starts = np.flatnonzero(new_run)
    run_sizes = np.diff(np.concatenate((run_starts, [len(keys)])))
    out: list[np.ndarray] = []
    pairs_of_two = run_starts[run_sizes == 2]
    if len(pairs_of_two):
        out.append(np.stack([by_key[pairs_of_two], by_key[pairs_of_two + 1]], axis=1))
    for start, size in zip(run_starts[run_sizes > 2], run_sizes[run_sizes > 2], strict=True):
        members = by_key[start:start + size]
        out.append(_pairs_within(members))
    return out


def _pairs_within(members: np.ndarray) -> np.ndarray:
    """All pairs of a bucket's members, or for a crowded bucket each member with the first few."""
    size = len(members)
    if size <= MAX_BUCKET:
        i, j = np.triu_indices(size, k=1)
        return np.stack([members[i], members[j]], axis=1)
    heads = members[:MAX_BUCKET_PAIRS]
    left = np.repeat(heads, size)
    right = np.tile(members, len(heads))
    keep = left != right
    return np.stack([left[keep], right[keep]], axis=1)
