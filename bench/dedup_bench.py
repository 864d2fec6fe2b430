"""Duplicate detection at scale: fingerprints per second and the time to cluster N articles.

    .venv/bin/python bench/dedup_bench.py            # N = 100,000
    .venv/bin/python bench/dedup_bench.py -n 20000 --json

The corpus is synthetic and deterministic (seeded): ~400-word articles drawn from a Zipf
distribution over English stop words followed by generated pseudo-words, with Zipf-distributed
names (a few very common, like country names in real news) and numbers,
and a few percent of exact copies, near copies (another site's header and footer) and reworded
copies (sentences reordered, a third of the words swapped for "synonyms"). Clustering gets the
fingerprints precomputed, as it would from parallel workers; the script also checks how many of
the planted copies ended in their original's cluster and how many unrelated articles were joined.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from pactwatch.dedup import cluster_fingerprints, fingerprints, salient_fingerprints

SYLLABLES = ["ka", "lo", "mi", "ran", "tes", "vo", "dor", "pel", "su", "nik", "ar", "bel", "cor", "den",
             "fa", "gur", "hol", "is", "jon", "ket", "lum", "mor", "nal", "op", "pra", "qui", "ros", "sta"]
COPY_SHARE = {"exact": 0.01, "near": 0.01, "reworded": 0.01}


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """English stop words first (the most frequent ranks), then distinct pseudo-words."""
    words = sorted(STOP_WORDS)
    rng.shuffle(words)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Generator:
    """Deterministic news-like articles: sentences of Zipf-distributed words, names and numbers."""

    def __init__(self, seed: int = 11, vocab_size: int = 50_000) -> None:
        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        self.words = vocabulary(vocab_size, self.rng)
        weights = 1.0 / np.arange(1, vocab_size + 1) ** 1.05
        self.cumulative = np.cumsum(weights) / weights.sum()
        self.names = [w.capitalize() for w in vocabulary(vocab_size + 3000, random.Random(seed + 1))[-3000:]]
        name_weights = 1.0 / np.arange(1, len(self.names) + 1)
        self.name_cumulative = np.cumsum(name_weights) / name_weights.sum()
        self.synonym = {w: self.words[(i + 7919) % vocab_size] for i, w in enumerate(self.words)}

    def article(self, words: int = 400) -> str:
        indexes = np.searchsorted(self.cumulative, self.np_rng.random(words))
        tokens = [self.words[i] for i in indexes]
        name_ranks = np.searchsorted(self.name_cumulative, self.np_rng.random(words // 25))
        for position, rank in zip(self.np_rng.integers(0, words, size=words // 25), name_ranks, strict=True):
            tokens[position] = self.names[rank]
        for position in self.np_rng.integers(0, words, size=words // 60):
            tokens[position] = str(self.rng.randint(2, 2030))
        sentences, start = [], 0
        while start < len(tokens):
            length = self.rng.randint(12, 26)
            chunk = tokens[start:start + length]
            sentences.append(chunk[0][:1].upper() + chunk[0][1:] + " " + " ".join(chunk[1:]) + ".")
            start += length
        return "\n".join(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3))

    def near_copy(self, text: str) -> str:
        return f"{self.rng.choice(self.names)} Daily | World | Business\n{text}\nShare this story. Subscribe."

    def reworded_copy(self, text: str) -> str:
        sentences = [s for s in text.replace("\n", " ").split(". ") if s]
        rewritten = []
        for sentence in sentences:
            words = sentence.rstrip(".").split()
            words = [self.synonym.get(w, w) if self.rng.random() < 0.33 else w for w in words]
            if len(words) > 4:
                cut = self.rng.randint(1, len(words) - 2)
                words = words[cut:] + words[:cut]
            sentence = " ".join(words)
            rewritten.append(sentence[:1].upper() + sentence[1:] + ".")
        head, tail = rewritten[: len(rewritten) // 3], rewritten[len(rewritten) // 3:]
        return " ".join(tail + head)


def corpus(n: int, seed: int = 11) -> tuple[list[str], list[str], dict[str, str]]:
    """(ids, texts, planted copy id -> original id) for ``n`` articles."""
    gen = Generator(seed)
    ids: list[str] = []
    texts: list[str] = []
    planted: dict[str, str] = {}
    for index in range(n):
        roll = gen.rng.random()
        article_id = f"a{index:07d}"
        kind = _copy_kind(roll)
        if kind and index > 10:
            original = gen.rng.randrange(index // 2, index)
            while ids[original] in planted:
                original -= 1
            base = texts[original]
            text = {"exact": base, "near": gen.near_copy(base), "reworded": gen.reworded_copy(base)}[kind]
            planted[article_id] = ids[original]
        else:
            text = gen.article()
        ids.append(article_id)
        texts.append(text)
    return ids, texts, planted


def _copy_kind(roll: float) -> str | None:
    for kind, share in COPY_SHARE.items():
        if roll < share:
            return kind
        roll -= share
    return None


def run(n: int) -> dict[str, float | int | str]:
    started = time.perf_counter()
    ids, texts, planted = corpus(n)
    generated = time.perf_counter() - started
    fingerprints(texts[:100])
    salient_fingerprints(texts[:100])  # warm up: imports and cached tables
    started = time.perf_counter()
    fps = fingerprints(texts)
    shingle_s = time.perf_counter() - started
    started = time.perf_counter()
    sfps = salient_fingerprints(texts)
    salient_s = time.perf_counter() - started
    lookup = dict(zip(ids, texts, strict=True))
    started = time.perf_counter()
    result = cluster_fingerprints(ids, fps, lookup, salient_fps=sfps)
    cluster_s = time.perf_counter() - started
    found = sum(result.cluster_of[copy] == result.cluster_of[original] for copy, original in planted.items())
    in_clusters = sum(1 for i in ids if result.kind[result.cluster_of[i]] != "single")
    expected_in_clusters = len(set(planted) | set(planted.values()))
    words = sum(len(t.split()) for t in texts[:1000]) / min(n, 1000)
    return {
        "machine": f"{platform.processor() or platform.machine()}, Python {platform.python_version()}",
        "articles": n,
        "mean_words": round(words),
        "generate_s": round(generated, 2),
        "fingerprints_per_s": round(n / shingle_s),
        "salient_fingerprints_per_s": round(n / salient_s),
        "cluster_s": round(cluster_s, 2),
        "fingerprint_and_cluster_s": round(shingle_s + salient_s + cluster_s, 2),
        "planted_copies": len(planted),
        "planted_copies_found": int(found),
        "articles_in_clusters": in_clusters,
        "articles_expected_in_clusters": expected_in_clusters,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--articles", type=int, default=100_000)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    figures = run(args.articles)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
