"""Clusters of copied and reworded articles over a whole collection: a cluster counts as one source.

Three kinds of link join two articles, each found without comparing all pairs:

- ``exact``: the same normalised text (lowercased words), found among articles whose shingle
  fingerprints are identical, then confirmed by a hash of the normalised text;
- ``near``: word 3-shingle MinHash estimate >= ``near_threshold`` (0.8) for a pair that shares a
  band in the shingle LSH (a copy under another site's header and footer), or a pair whose
  sentences are nearly all the same;
- ``reworded``: a pair that shares a band in the names-and-numbers LSH (or the shingle LSH) and whose
  sentence alignment (``align.py``) finds a paraphrase for at least ``reworded_fraction`` (35%)
  of the shorter article's sentences. Two outlets' independent reports of one event share names
  but not sentences, and stay apart.

Links are merged with union-find. A cluster's id is its smallest article id and its kind is its
loosest link (exact < near < reworded); an article with no link is its own ``single`` cluster.
The result depends only on the set of (id, text) items, never on their order: pairs are put in
canonical (smaller id first) order and processed sorted.

Example:
    >>> result = cluster_articles([("b", "Turkey and Azerbaijan signed a pact in Baku."),
    ...                            ("a", "Turkey and Azerbaijan signed a pact in Baku.")])
    >>> result.cluster_of, result.kind
    ({'a': 'a', 'b': 'a'}, {'a': 'exact'})
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from pactwatch.dedup.align import align_stem_sets, content_sentences
from pactwatch.dedup.fingerprints import fingerprints, salient_fingerprints, tokens
from pactwatch.dedup.lsh import candidate_pairs

NEAR_THRESHOLD = 0.8
NEAR_CANDIDATE_THRESHOLD = 0.5
REWORDED_CANDIDATE_THRESHOLD = 0.3
# Names-and-numbers estimate below which a candidate pair is not aligned: reworded copies keep
# most names and numbers (~0.4-0.6); two articles sharing only the common ones ("US", "President")
# sit at 0.1-0.25, and aligning those would cost more than everything else together.
SALIENT_FLOOR = 0.3
REWORDED_FRACTION = 0.35
NEAR_ALIGNED_FRACTION = 0.9
NEAR_SENTENCE_SIMILARITY = 0.95
MIN_ALIGNED_PAIRS = 3
KIND_ORDER = {"exact": 0, "near": 1, "reworded": 2}


@dataclass(frozen=True)
class Link:
    """Why two articles are one source: the kind of copy and the score that showed it."""

    a: str
    b: str
    kind: str
    score: float


@dataclass(frozen=True)
class ClusterResult:
    """Every article's cluster id and every cluster's kind ("exact", "near", "reworded", "single")."""

    cluster_of: dict[str, str]
    kind: dict[str, str]
    links: tuple[Link, ...] = field(default=())

    def members(self) -> dict[str, list[str]]:
        """Cluster id -> its article ids, sorted."""
        out: dict[str, list[str]] = {}
        for article_id in sorted(self.cluster_of):
            out.setdefault(self.cluster_of[article_id], []).append(article_id)
        return out


TextLookup = Mapping[str, str] | Callable[[str], str]


def cluster_articles(items: Iterable[tuple[str, str]], near_threshold: float = NEAR_THRESHOLD,
                     reworded_fraction: float = REWORDED_FRACTION, num_perm: int = 128) -> ClusterResult:
    """Cluster (article id, cleaned text) pairs; ids must be unique."""
    texts: dict[str, str] = {}
    for article_id, text in items:
        if article_id in texts:
            raise ValueError(f"article id {article_id!r} appears twice: ids must be unique")
        texts[article_id] = text
    ids = sorted(texts)
    ordered = [texts[i] for i in ids]
    return cluster_fingerprints(ids, fingerprints(ordered, num_perm=num_perm), texts,
                                salient_fps=salient_fingerprints(ordered, num_perm=num_perm),
                                near_threshold=near_threshold, reworded_fraction=reworded_fraction)


def cluster_fingerprints(ids: Sequence[str], fps: np.ndarray, texts_lookup: TextLookup,
                         salient_fps: np.ndarray | None = None, near_threshold: float = NEAR_THRESHOLD,
                         reworded_fraction: float = REWORDED_FRACTION) -> ClusterResult:
    """Cluster a whole collection from fingerprints computed elsewhere (e.g. in parallel workers).

    ``fps`` and ``salient_fps`` are row-aligned with ``ids`` (``fingerprints`` and
    ``salient_fingerprints`` of the texts); ``texts_lookup`` (a mapping or a function id -> text)
    is called only for articles in candidate pairs. Without ``salient_fps`` they are computed here
    from every text.
    """
    lookup = texts_lookup.__getitem__ if isinstance(texts_lookup, Mapping) else texts_lookup
    if salient_fps is None:
        salient_fps = salient_fingerprints([lookup(i) for i in ids], num_perm=fps.shape[1])
    return extend_clusters(ids, fps, salient_fps, lookup, {}, near_threshold, reworded_fraction)


def extend_clusters(ids: Sequence[str], fps: np.ndarray, salient_fps: np.ndarray, texts_lookup: TextLookup,
                    stored: Mapping[str, tuple[str, str]], near_threshold: float = NEAR_THRESHOLD,
                    reworded_fraction: float = REWORDED_FRACTION) -> ClusterResult:
    """Cluster a collection where only some articles are new: ``stored`` maps each already
    clustered article id to its (cluster id, kind); every other id is new.

    Stored clusters are kept (links only ever join, so nothing already joined comes apart) and only
    candidate pairs with a new article are confirmed, so an ingest batch costs what its own
    articles cost, not what the whole collection costs. Candidate pairs are those the full
    ``cluster_fingerprints`` would see, so the clusters are the same as re-clustering everything
    (``cluster_fingerprints`` is this with nothing stored).
    """
    ids = list(ids)
    if len(set(ids)) != len(ids):
        raise ValueError("article ids must be unique")
    if fps.shape[0] != len(ids) or salient_fps.shape[0] != len(ids):
        raise ValueError(f"{fps.shape[0]} fingerprints for {len(ids)} ids: pass one row per id")
    lookup = texts_lookup.__getitem__ if isinstance(texts_lookup, Mapping) else texts_lookup
    linker = _Linker(ids, lookup, near_threshold, reworded_fraction)
    linker.seed(stored)
    new = np.array([i not in stored for i in ids], dtype=bool)
    if not new.any():
        return linker.result()
    rank = np.argsort(np.argsort(np.array(ids, dtype=object)))
    representatives = linker.link_identical(fps, rank, only_with=new)
    reps = np.array(representatives, dtype=np.int64)
    near_pairs = reps[candidate_pairs(fps[reps], NEAR_CANDIDATE_THRESHOLD, rank[reps])]
    near_pairs = near_pairs[new[near_pairs].any(axis=1)]
    linker.link_shingle_candidates(near_pairs, _estimates(fps, near_pairs))
    content_pairs = reps[candidate_pairs(salient_fps[reps], REWORDED_CANDIDATE_THRESHOLD, rank[reps])]
    content_pairs = content_pairs[new[content_pairs].any(axis=1)]
    content_pairs = content_pairs[_estimates(salient_fps, content_pairs) >= SALIENT_FLOOR]
    linker.link_content_candidates(content_pairs)
    return linker.result()


def _estimates(fps: np.ndarray, pairs: np.ndarray, batch: int = 1 << 16) -> np.ndarray:
    """MinHash Jaccard estimate of each row pair, vectorised in batches."""
    out = np.zeros(len(pairs), dtype=np.float64)
    for start in range(0, len(pairs), batch):
        chunk = pairs[start:start + batch]
        out[start:start + batch] = (fps[chunk[:, 0]] == fps[chunk[:, 1]]).mean(axis=1)
    return out


def normalized_text_hash(text: str) -> str:
    """Hash of the lowercased word sequence: equal for texts that differ only in case and spacing."""
    return hashlib.blake2b(" ".join(tokens(text)).encode("utf-8"), digest_size=16).hexdigest()


class _Linker:
    """Union-find over article indexes, with the links that joined them."""

    def __init__(self, ids: list[str], lookup: Callable[[str], str], near_threshold: float,
                 reworded_fraction: float) -> None:
        self.ids = ids
        self.lookup = lookup
        self.near_threshold = near_threshold
        self.reworded_fraction = reworded_fraction
        self.parent = list(range(len(ids)))
        self.links: list[Link] = []
        self._sentences: dict[int, list[dict[str, float]]] = {}
        self._seed_kinds: dict[int, str] = {}

    def seed(self, stored: Mapping[str, tuple[str, str]]) -> None:
        """Join articles already stored in one cluster, keeping that cluster's kind."""
        first: dict[str, int] = {}
        for index, article_id in enumerate(self.ids):
            if article_id not in stored:
                continue
            cluster_id, kind = stored[article_id]
            if cluster_id in first:
                root_i, root_j = self.find(first[cluster_id]), self.find(index)
                self.parent[max(root_i, root_j)] = min(root_i, root_j)
            else:
                first[cluster_id] = index
            if kind in KIND_ORDER:
                self._seed_kinds[index] = kind

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, kind: str, score: float) -> None:
        a, b = sorted((self.ids[i], self.ids[j]))
        self.links.append(Link(a, b, kind, round(score, 4)))
        root_i, root_j = self.find(i), self.find(j)
        if root_i != root_j:
            self.parent[max(root_i, root_j)] = min(root_i, root_j)

    def link_identical(self, fps: np.ndarray, rank: np.ndarray, only_with: np.ndarray | None = None) -> list[int]:
        """Join articles with identical fingerprints (exact, or near if the words differ); with
        ``only_with`` (a mask of new rows), only groups holding a new row are compared.

        Returns one representative per distinct fingerprint (its smallest id), the only rows
        the LSH stages need to see.
        """
        groups: dict[bytes, list[int]] = {}
        for index in np.argsort(rank):
            groups.setdefault(fps[index].tobytes(), []).append(int(index))
        for members in groups.values():
            if len(members) > 1 and (only_with is None or only_with[members].any()):
                self._link_same_fingerprint(members, only_with)
        return sorted(members[0] for members in groups.values())

    def _link_same_fingerprint(self, members: list[int], only_with: np.ndarray | None = None) -> None:
        first = members[0]
        first_hash = normalized_text_hash(self.lookup(self.ids[first]))
        for other in members[1:]:
            if only_with is not None and not (only_with[first] or only_with[other]):
                continue  # both stored: already joined
            same = normalized_text_hash(self.lookup(self.ids[other])) == first_hash
            self.join(first, other, "exact" if same else "near", 1.0)

    def link_shingle_candidates(self, pairs: np.ndarray, estimates: np.ndarray) -> None:
        """Near copies by shingle estimate; weaker shingle candidates go to sentence alignment."""
        scored = zip(self._canonical(pairs), estimates.tolist(), strict=True)
        for (i, j), estimate in sorted(scored, key=lambda item: self._pair_key(item[0])):
            if estimate >= self.near_threshold:
                self.join(i, j, "near", estimate)
            elif self.find(i) != self.find(j):
                self._link_by_alignment(i, j)

    def link_content_candidates(self, pairs: np.ndarray) -> None:
        """Reworded copies: names-and-numbers candidates confirmed by sentence alignment."""
        for i, j in sorted(self._canonical(pairs), key=self._pair_key):
            if self.find(i) != self.find(j):
                self._link_by_alignment(i, j)

    def _canonical(self, pairs: np.ndarray) -> list[tuple[int, int]]:
        """Pairs as (index of the smaller id, index of the larger id), whatever the input order."""
        return [(i, j) if self.ids[i] < self.ids[j] else (j, i) for i, j in pairs.tolist()]

    def _pair_key(self, pair: tuple[int, int]) -> tuple[str, str]:
        return self.ids[pair[0]], self.ids[pair[1]]

    def _link_by_alignment(self, i: int, j: int) -> None:
        result = align_stem_sets(self._stems(i), self._stems(j))
        if len(result.pairs) < MIN_ALIGNED_PAIRS:
            return
        fraction = result.fraction_shorter_matched
        verbatim = sum(p.similarity >= NEAR_SENTENCE_SIMILARITY for p in result.pairs)
        if verbatim >= NEAR_ALIGNED_FRACTION * min(len(self._stems(i)), len(self._stems(j))):
            self.join(i, j, "near", fraction)
        elif fraction >= self.reworded_fraction:
            self.join(i, j, "reworded", fraction)

    def _stems(self, index: int) -> list[dict[str, float]]:
        if index not in self._sentences:
            self._sentences[index] = content_sentences(self.lookup(self.ids[index]))
        return self._sentences[index]

    def result(self) -> ClusterResult:
        roots: dict[int, list[int]] = {}
        for index in range(len(self.ids)):
            roots.setdefault(self.find(index), []).append(index)
        cluster_of: dict[str, str] = {}
        kind: dict[str, str] = {}
        for members in roots.values():
            cluster_id = min(self.ids[m] for m in members)
            for m in members:
                cluster_of[self.ids[m]] = cluster_id
            kind[cluster_id] = "single" if len(members) == 1 else "exact"
        for index, seeded in self._seed_kinds.items():
            cluster_id = cluster_of[self.ids[index]]
            if KIND_ORDER.get(seeded, -1) > KIND_ORDER[kind[cluster_id]]:
                kind[cluster_id] = seeded
        for link in self.links:
            cluster_id = cluster_of[link.a]
            if KIND_ORDER[link.kind] > KIND_ORDER[kind[cluster_id]]:
                kind[cluster_id] = link.kind
        return ClusterResult(cluster_of, kind, tuple(sorted(self.links, key=lambda x: (x.a, x.b, x.kind))))
