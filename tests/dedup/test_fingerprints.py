"""MinHash fingerprints: shingles, determinism, Jaccard estimates, datasketch compatibility."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.dedup import fingerprint, fingerprints, salient_fingerprints, shingles, to_minhash
from pactwatch.dedup.fingerprints import MAX_HASH

WORDS = [f"word{i}" for i in range(400)]


def test_shingles_are_lowercased_word_triples_in_order() -> None:
    assert shingles("Turkey signed the pact, Ankara said.") == [
        "turkey signed the", "signed the pact", "the pact ankara", "pact ankara said"]


def test_a_text_shorter_than_k_words_is_one_shingle() -> None:
    assert shingles("Baku, Ankara") == ["baku ankara"]
    assert shingles("  ,. ") == []


def test_fingerprint_shape_type_and_range() -> None:
    fp = fingerprint("Azerbaijan and Turkey signed the Shusha Declaration on June 15, 2021.", num_perm=64)
    assert fp.shape == (64,) and fp.dtype == np.uint64 and int(fp.max()) <= int(MAX_HASH)


def test_an_empty_text_has_the_empty_fingerprint() -> None:
    assert (fingerprints(["", "   "]) == MAX_HASH).all()


def test_case_spacing_and_punctuation_do_not_change_the_fingerprint() -> None:
    a = "Finland formally joined NATO on Tuesday, ending decades of non-alignment."
    b = "finland  formally joined NATO on tuesday ending decades of non alignment"
    assert (fingerprint(a) == fingerprint(b)).all()
    assert (fingerprint("Azerbaijan’s parliament") == fingerprint("Azerbaijan's parliament")).all()


def test_batch_rows_equal_single_fingerprints_and_are_deterministic() -> None:
    texts = [" ".join(WORDS[i:i + 50]) for i in range(0, 300, 30)] + ["", "one"]
    batch = fingerprints(texts)
    for row, text in zip(batch, texts, strict=True):
        assert (row == fingerprint(text)).all()
    assert (fingerprints(texts) == batch).all()


def test_the_estimate_tracks_the_true_shingle_jaccard() -> None:
    a = " ".join(WORDS[:300])
    b = " ".join(WORDS[100:400])
    sa, sb = set(shingles(a)), set(shingles(b))
    true = len(sa & sb) / len(sa | sb)
    fa, fb = fingerprints([a, b], num_perm=512)
    assert abs(float(np.mean(fa == fb)) - true) < 0.06
    assert to_minhash(fa).jaccard(to_minhash(fb)) == pytest.approx(float(np.mean(fa == fb)))


def test_salient_fingerprints_keep_names_and_numbers_only() -> None:
    a = "Turkey signed it. On Tuesday the Milli Majlis in Baku approved 21 articles, 2 today."
    b = "The text, approved by the Milli Majlis in Baku on Monday, has 21 articles."
    c = "The text, approved by Azerbaijan's Milli Majlis in Baku, has 21 articles."
    d = "The text, approved by the Azerbaijani Milli Majlis in Baku, has 21 articles."
    fa, fb, fc, fd = salient_fingerprints([a, b, c, d])
    assert (fa == fb).all()  # "Turkey" opens a sentence, weekdays and one-digit numbers do not count
    assert (fc == fd).all() and not (fb == fc).all()  # "Azerbaijani" is cut to "azerba", like "Azerbaijan"
    assert not (salient_fingerprints(["It met in Ankara."]) == salient_fingerprints(["It met in Baku."])).all()


@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=60))
def test_fingerprints_depend_only_on_the_word_sequence(words: list[str]) -> None:
    spaced = "  ".join(w.upper() for w in words)
    assert (fingerprint(" ".join(words)) == fingerprint(spaced)).all()
