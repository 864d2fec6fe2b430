"""Sentence-level paraphrase alignment: is one article a reworded copy of another?

A reworded copy keeps the facts and changes the words: its shingles hardly overlap the
original's (word 3-shingle Jaccard ~0.1), but sentence by sentence the same names, numbers and
content words come back. Two independent reports of one event share names too, yet their
sentences carry different details. So each sentence becomes a weighted set of content stems
(lowercased, stop words out, cut to their first five letters so "defence"/"defense" and
"ratified"/"ratification" meet; names and numbers weigh more), sentences are paired one-to-one
by weighted Dice similarity, and what counts is the share of each article's sentences that found
a partner.

Example:
    >>> result = align_sentences("Turkey and Azerbaijan signed a defence pact in Baku on Monday.",
    ...                          "On Monday in Baku, Azerbaijan and Turkey signed a defense pact.")
    >>> result.fraction_a_matched
    1.0
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from pactwatch.nlp.split import split_sentences

STEM_LENGTH = 5
NAME_WEIGHT = 2.0
NUMBER_WEIGHT = 2.0
WORD_WEIGHT = 1.0
# A sentence pair is a paraphrase at this weighted Dice similarity or above...
PARAPHRASE_SIMILARITY = 0.5
# ...sharing at least this many content stems (two-word overlaps are chance).
MIN_SHARED_STEMS = 3
# Sentences with fewer content stems (bylines, "Top stories", captions) neither match nor count.
MIN_SENTENCE_STEMS = 4

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class SentencePair:
    """Sentence ``a_index`` of the first article paraphrases ``b_index`` of the second."""

    a_index: int
    b_index: int
    similarity: float


@dataclass(frozen=True)
class AlignmentResult:
    """How much of each article the other one paraphrases.

    ``fraction_a_matched``: share of A's content sentences with a partner in B (and the same for B);
    ``pairs``: the one-to-one sentence pairs, best first.
    """

    fraction_a_matched: float
    fraction_b_matched: float
    pairs: tuple[SentencePair, ...]

    @property
    def fraction_shorter_matched(self) -> float:
        """The larger of the two fractions: the share of the shorter article that is paraphrased."""
        return max(self.fraction_a_matched, self.fraction_b_matched)


def sentence_stems(sentence: str) -> dict[str, float]:
    """A sentence's content stems with their weights: names and numbers count double.

    A name is a capitalised word that does not open the sentence (an opening capital says nothing).

    >>> sorted(sentence_stems("Greece ratified the defence pact with France in 2021.").items())
    [('2021', 2.0), ('defen', 1.0), ('franc', 2.0), ('greec', 1.0), ('pact', 1.0), ('ratif', 1.0)]
    """
    stems: dict[str, float] = {}
    for position, word in enumerate(_WORD.findall(sentence.replace("’", "'"))):
        if word.endswith("'s"):
            word = word[:-2]
        lower = word.lower()
        if lower in STOP_WORDS or (len(lower) < 3 and not lower.isdigit()):
            continue
        stem, weight = _stem_and_weight(word, lower, first=position == 0)
        if weight > stems.get(stem, 0.0):
            stems[stem] = weight
    return stems


def _stem_and_weight(word: str, lower: str, first: bool) -> tuple[str, float]:
    if lower[0].isdigit():
        return lower.replace(",", ""), NUMBER_WEIGHT
    weight = NAME_WEIGHT if word[0].isupper() and not first else WORD_WEIGHT
    return lower[:STEM_LENGTH], weight


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    """Weighted Dice similarity of two stem sets; 0 when they share fewer than MIN_SHARED_STEMS."""
    shared = a.keys() & b.keys()
    if len(shared) < MIN_SHARED_STEMS:
        return 0.0
    overlap = sum(min(a[s], b[s]) for s in shared)
    return 2.0 * overlap / (sum(a.values()) + sum(b.values()))


def content_sentences(text: str) -> list[dict[str, float]]:
    """Stem sets of the sentences of ``text`` that carry enough content to be compared."""
    sentences = (sentence_stems(text[start:end]) for start, end in split_sentences(text))
    return [stems for stems in sentences if len(stems) >= MIN_SENTENCE_STEMS]


def align_sentences(a_text: str, b_text: str,
                    min_similarity: float = PARAPHRASE_SIMILARITY) -> AlignmentResult:
    """Pair A's sentences with B's paraphrases of them, one-to-one, most similar pairs first."""
    return align_stem_sets(content_sentences(a_text), content_sentences(b_text), min_similarity)


def align_stem_sets(a: list[dict[str, float]], b: list[dict[str, float]],
                    min_similarity: float = PARAPHRASE_SIMILARITY) -> AlignmentResult:
    """``align_sentences`` over sentences already turned into stem sets (reused across pairs)."""
    scored = sorted(
        ((sim, i, j) for i, sa in enumerate(a) for j, sb in enumerate(b)
         if (sim := similarity(sa, sb)) >= min_similarity),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[SentencePair] = []
    for sim, i, j in scored:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append(SentencePair(i, j, round(sim, 4)))
    return AlignmentResult(
        fraction_a_matched=len(pairs) / len(a) if a else 0.0,
        fraction_b_matched=len(pairs) / len(b) if b else 0.0,
        pairs=tuple(pairs),
    )
