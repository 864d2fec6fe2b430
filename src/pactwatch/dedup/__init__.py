"""Duplicate detection: exact, near and reworded copies of articles, clustered over a collection.

``fingerprints``/``salient_fingerprints`` (numpy MinHash, parallel-safe) -> ``candidate_pairs``
(LSH banding, datasketch's layout) -> ``align_sentences`` (paraphrase confirmation) ->
``cluster_articles``/``cluster_fingerprints`` (union-find; a cluster counts as one source).
"""

from pactwatch.dedup.align import AlignmentResult, SentencePair, align_sentences
from pactwatch.dedup.clusters import ClusterResult, Link, cluster_articles, cluster_fingerprints, extend_clusters
from pactwatch.dedup.fingerprints import fingerprint, fingerprints, salient_fingerprints, shingles
from pactwatch.dedup.lsh import build_index, candidate_pairs, to_minhash

__all__ = [
    "AlignmentResult", "ClusterResult", "Link", "SentencePair", "align_sentences", "build_index",
    "candidate_pairs", "cluster_articles", "cluster_fingerprints", "extend_clusters", "salient_fingerprints",
    "fingerprint", "fingerprints", "shingles", "to_minhash",
]
