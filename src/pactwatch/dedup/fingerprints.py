"""MinHash fingerprints of articles, vectorised with numpy.

Copies of an article are found by comparing fingerprints, never texts: a fingerprint is a fixed
vector of minimum hash values whose agreement rate estimates the Jaccard similarity of two
articles' word 3-shingle sets (Broder's MinHash, as in datasketch). datasketch's pure-Python
``MinHash.update`` costs ~1.5 ms per article; here a whole batch is hashed at once:

1. the batch's lowercased UTF-8 bytes become one numpy array; word tokens are runs of letters
   and digits (bytes >= 0x80 count as letters, so non-ASCII words stay whole);
2. each token's polynomial hash comes from one prefix sum (``cumsum`` of byte x Q^i mod 2^64),
   so no Python code runs per token;
3. k consecutive token hashes combine into a shingle hash, mixed with the splitmix64 finaliser;
4. ``num_perm`` random affine maps ``(a*x + b) mod 2^32`` (a odd, so each is a permutation of the
   32-bit values) apply by broadcasting to the top 32 bits of every shingle hash, and
   ``np.minimum.reduceat`` keeps each article's minimum. 32-bit arithmetic is what makes this
   fast (numpy vectorises it; 64-bit products it does not): ~10,000 articles/s on one core, with
   the Jaccard estimates as unbiased and tight as 64-bit (a, b) maps give.

Values lie in [0, 2^32), like datasketch's, so ``datasketch.LeanMinHash(seed=SEED,
hashvalues=row)`` turns a row into a MinHash that datasketch's LSH index accepts. Fingerprints are
deterministic across processes and machines (no ``hash()`` salt), so workers can compute them in
parallel and one process can cluster them all.

Example:
    >>> fps = fingerprints(["Turkey and Azerbaijan signed a pact.", "A storm hit the coast."])
    >>> fps.shape
    (2, 128)
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

SEED = 1
MAX_HASH = np.uint64((1 << 32) - 1)
DEFAULT_NUM_PERM = 128
SHINGLE_SIZE = 3
NAME_STEM_LENGTH = 6
# Bytes hashed per numpy pass: bounds the (num_perm x shingles) matrix to a few tens of MB.
CHUNK_BYTES = 1 << 18

_M64 = (1 << 64) - 1
_P = np.uint64(0x100000001B3)  # FNV prime: odd, so invertible modulo 2^64
_Q = np.uint64(pow(0x100000001B3, -1, 1 << 64))
_SHINGLE_MULTIPLIERS = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F),
                        np.uint64(0x165667B19E3779F9), np.uint64(0xD6E8FEB86659FD93),
                        np.uint64(0xFF51AFD7ED558CCD))
# Typographic punctuation that would otherwise glue words together ("Azerbaijan’s").
_PUNCTUATION = re.compile("[‘’“”«»—–‐‑…•·\u00a0\u2009\u202f]")
_WORD_BYTE = np.zeros(256, dtype=bool)
for _b in range(256):
    _WORD_BYTE[_b] = chr(_b).isalnum() if _b < 0x80 else True
_BLANK_BYTE = np.zeros(256, dtype=bool)
_BLANK_BYTE[list(b" \t\r\n\x0b\x0c")] = True
_SENTENCE_END_BYTE = np.zeros(256, dtype=bool)
_SENTENCE_END_BYTE[list(b".!?:;\"'(")] = True
_TOKEN = re.compile(r"[^\W_]+")


def normalize(text: str) -> str:
    """Lowercased text with typographic punctuation turned into spaces: what fingerprints see."""
    return _plain_punctuation(text.lower())


def _plain_punctuation(text: str) -> str:
    return text if text.isascii() else _PUNCTUATION.sub(" ", text)


def tokens(text: str) -> list[str]:
    """The words fingerprints are built from (runs of letters and digits, lowercased)."""
    return _TOKEN.findall(normalize(text))


def shingles(text: str, k: int = SHINGLE_SIZE) -> list[str]:
    """Word k-shingles of ``text``, in order; a text shorter than k words is one shingle.

    >>> shingles("Turkey signed the pact", k=3)
    ['turkey signed the', 'signed the pact']
    """
    words = tokens(text)
    if not words:
        return []
    if len(words) < k:
        return [" ".join(words)]
    return [" ".join(words[i:i + k]) for i in range(len(words) - k + 1)]


def permutations(num_perm: int, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) parameters of ``num_perm`` hash functions; a is odd (a bijection mod 2^32)."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 1 << 31, size=num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = rng.integers(0, 1 << 32, size=num_perm, dtype=np.uint32)
    return a, b


def fingerprint(text: str, num_perm: int = DEFAULT_NUM_PERM, k: int = SHINGLE_SIZE) -> np.ndarray:
    """MinHash of one text's word k-shingles: ``num_perm`` uint64 values below 2^32."""
    return fingerprints([text], num_perm=num_perm, k=k)[0]


def fingerprints(texts: Sequence[str], num_perm: int = DEFAULT_NUM_PERM,
                 k: int = SHINGLE_SIZE) -> np.ndarray:
    """MinHashes of many texts, shape ``(len(texts), num_perm)``; an empty text gets all MAX_HASH."""
    _check_num_perm(num_perm)
    out = np.full((len(texts), num_perm), MAX_HASH, dtype=np.uint64)
    a, b = permutations(num_perm)
    for start, stop in _chunks(texts):
        shingle_hashes, owners = _shingle_hashes([normalize(t) for t in texts[start:stop]], k)
        _minhash_into(out[start:stop], shingle_hashes, owners, a, b)
    return out


def salient_fingerprints(texts: Sequence[str], num_perm: int = DEFAULT_NUM_PERM) -> np.ndarray:
    """MinHashes of each text's set of names and numbers: capitalised words that do not open a
    sentence (cut to NAME_STEM_LENGTH letters, so "Azerbaijan"/"Azerbaijani" meet) and numbers of
    two or more digits; stop words, month and weekday names left out.

    A reworded copy changes word order and phrasing, so its 3-shingles barely overlap the
    original's (Jaccard ~0.1), but it keeps the names and numbers: their sets overlap by ~0.4-0.6,
    against ~0.03 for unrelated articles on the same beat. This is the candidate generator for
    reworded copies (sentence alignment then confirms); content words in general would not do,
    being shared by every article on a topic (~0.09 overlap) and so pairing too many.
    """
    _check_num_perm(num_perm)
    out = np.full((len(texts), num_perm), MAX_HASH, dtype=np.uint64)
    a, b = permutations(num_perm)
    excluded = _excluded_name_hashes()
    for start, stop in _chunks(texts):
        found = _scan_tokens([_plain_punctuation(t) for t in texts[start:stop]])
        if len(found.starts) == 0:
            continue
        first = found.first_bytes
        name = found.capitalised & ~found.opens_sentence & ~_is_member(found.hashes(), excluded)
        number = (first >= ord("0")) & (first <= ord("9")) & ((found.ends - found.starts) >= 2)
        keep = name | number
        hashes = np.where(number, found.hashes(), found.hashes(NAME_STEM_LENGTH))[keep]
        _minhash_into(out[start:stop], hashes, found.owners[keep], a, b)
    return out


def _is_member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """values in sorted_set, by binary search (faster than np.isin for a small fixed set)."""
    where = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[where] == values


@lru_cache(maxsize=1)
def _excluded_name_hashes() -> np.ndarray:
    """Token hashes of words that are capitalised without being names: spaCy's English stop words
    (a maintained list; "The", "He" after a colon or quote) and month and weekday names."""
    from spacy.lang.en.stop_words import STOP_WORDS

    calendar_words = [*calendar.month_name[1:], *calendar.month_abbr[1:], *calendar.day_name, *calendar.day_abbr]
    hashes, _ = _token_hashes([" ".join(sorted(STOP_WORDS) + calendar_words)])
    return np.unique(hashes)


def _check_num_perm(num_perm: int) -> None:
    if num_perm < 1:
        raise ValueError(f"num_perm must be a positive number of hash functions, got {num_perm}")


def _chunks(texts: Sequence[str]) -> list[tuple[int, int]]:
    """Index ranges of ``texts`` holding about CHUNK_BYTES characters each."""
    ranges: list[tuple[int, int]] = []
    start, size = 0, 0
    for index, text in enumerate(texts):
        size += len(text) + 1
        if size >= CHUNK_BYTES:
            ranges.append((start, index + 1))
            start, size = index + 1, 0
    if start < len(texts):
        ranges.append((start, len(texts)))
    return ranges


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, in place: spreads every input bit over the whole word."""
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


_POWERS: dict[str, np.ndarray] = {"p": np.ones(1, dtype=np.uint64), "q": np.ones(1, dtype=np.uint64)}


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P^i and Q^i = P^-i modulo 2^64 for i < n (cached, grown by doubling)."""
    if len(_POWERS["p"]) < n:
        size = max(n, 2 * len(_POWERS["p"]))
        for name, base in (("p", _P), ("q", _Q)):
            steps = np.full(size, base, dtype=np.uint64)
            steps[0] = 1
            _POWERS[name] = np.cumprod(steps, dtype=np.uint64)
    return _POWERS["p"][:n], _POWERS["q"][:n]


@dataclass(frozen=True)
class _Tokens:
    """Where the tokens of a batch lie in its bytes, their hashes, and which text owns each."""

    starts: np.ndarray
    ends: np.ndarray
    owners: np.ndarray
    prefix: np.ndarray
    raw: np.ndarray
    data: np.ndarray

    @property
    def first_bytes(self) -> np.ndarray:
        """Each token's first byte, ASCII-lowercased."""
        return self.data[self.starts]

    @property
    def capitalised(self) -> np.ndarray:
        """Whether each token starts with an ASCII capital."""
        first = self.raw[self.starts]
        return (first >= ord("A")) & (first <= ord("Z"))

    @property
    def opens_sentence(self) -> np.ndarray:
        """Whether each token opens a sentence or a line (its capital then says nothing)."""
        return _opens_sentence(self.raw, self.starts)

    def hashes(self, max_length: int | None = None) -> np.ndarray:
        """Mixed 64-bit hash of each token, or of its first ``max_length`` bytes."""
        ends = self.ends if max_length is None else np.minimum(self.ends, self.starts + max_length)
        p_pow, _ = _powers(int(ends.max()) if len(ends) else 1)
        before = np.where(self.starts > 0, self.prefix[np.maximum(self.starts - 1, 0)], np.uint64(0))
        hashes = (self.prefix[ends - 1] - before) * p_pow[ends - 1]
        hashes += (ends - self.starts).astype(np.uint64)
        return _mix64(hashes)


def _scan_tokens(texts: Sequence[str], separators: bytes = b"") -> _Tokens:
    """Find every token in ``texts`` at once.

    A token is a maximal run of word bytes (or, with ``separators``, of bytes other than those).
    ASCII letters are lowercased here, in numpy. A token's hash is
    sum((byte_j + 1) * P^(end-1-j)) mod 2^64, read off one prefix sum of (byte_j + 1) * Q^j, so
    no Python code runs per token. Whether a token is capitalised and whether it opens a sentence
    (start of text or line, or after . ! ? : or an opening quote) is kept for name detection.
    """
    encoded = [t.encode("utf-8") for t in texts]
    raw = np.frombuffer(b"\n".join(encoded) + b"\n", dtype=np.uint8)
    upper = (raw >= ord("A")) & (raw <= ord("Z"))
    data = raw + upper.astype(np.uint8) * np.uint8(32)
    if separators:
        is_word = np.ones(256, dtype=bool)
        is_word[list(separators)] = False
        word = is_word[data]
    else:
        word = _WORD_BYTE[data]
    edges = np.diff(np.concatenate(([False], word, [False])).astype(np.int8))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    _, q_pow = _powers(len(data))
    prefix = np.cumsum((data.astype(np.uint64) + np.uint64(1)) * q_pow, dtype=np.uint64)
    text_starts = np.cumsum([0] + [len(e) + 1 for e in encoded[:-1]])
    owners = np.searchsorted(text_starts, starts, side="right") - 1
    return _Tokens(starts, ends, owners, prefix, raw, data)


def _opens_sentence(raw: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Whether the last non-blank byte before each token start ends a sentence or a line."""
    visible = ~_BLANK_BYTE[raw]
    last_visible = np.maximum.accumulate(np.where(visible, np.arange(len(raw)), -1))
    before = np.where(starts > 0, last_visible[np.maximum(starts - 1, 0)], -1)
    newline = raw == ord("\n")
    last_newline = np.maximum.accumulate(np.where(newline, np.arange(len(raw)), -1))
    line_start = np.where(starts > 0, last_newline[np.maximum(starts - 1, 0)], -1) >= before
    return (before < 0) | line_start | _SENTENCE_END_BYTE[raw[np.maximum(before, 0)]]


def _token_hashes(texts: Sequence[str], separators: bytes = b"") -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of every token in ``texts`` and the index of the text each belongs to."""
    found = _scan_tokens(texts, separators)
    return found.hashes(), found.owners


def _shingle_hashes(texts: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of every word k-shingle of ``texts`` and the text each belongs to.

    A text with fewer than k tokens gets one shingle of all its tokens, as ``shingles`` does.
    """
    if k < 1 or k > len(_SHINGLE_MULTIPLIERS):
        raise ValueError(f"k must be between 1 and {len(_SHINGLE_MULTIPLIERS)}, got {k}")
    token_hashes, owners = _token_hashes(texts)
    n = len(token_hashes)
    counts = np.bincount(owners, minlength=len(texts))
    first_token = np.concatenate(([0], np.cumsum(counts)[:-1]))
    # Shingle i covers tokens i..i+k-1; a short text's only shingle covers what it has.
    span = np.minimum(k, counts[owners] - (np.arange(n) - first_token[owners]))
    keep = (span == k) | ((counts[owners] < k) & (np.arange(n) == first_token[owners]))
    combined = np.zeros(n, dtype=np.uint64)
    for offset in range(k):
        shifted = np.zeros(n, dtype=np.uint64)
        shifted[: n - offset] = token_hashes[offset:]
        shifted[span <= offset] = 0
        combined += shifted * _SHINGLE_MULTIPLIERS[offset]
    return _mix64(combined[keep]), owners[keep]


def _minhash_into(out: np.ndarray, hashes: np.ndarray, owners: np.ndarray,
                  a: np.ndarray, b: np.ndarray) -> None:
    """Write each owner's minimum over every hash function into its row of ``out``.

    ``owners`` must be non-decreasing (hashes grouped by text), as the token scan yields them.
    """
    if len(hashes) == 0:
        return
    x = (hashes >> np.uint64(32)).astype(np.uint32)
    values = np.multiply.outer(a, x)
    values += b[:, None]
    present, first = np.unique(owners, return_index=True)
    out[present] = np.minimum.reduceat(values, first, axis=1).T
