"""Encodings: UTF-16 with and without a mark, Latin text, mixed encodings, binary refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from pactwatch.read import Article, iter_inputs
from pactwatch.read.encoding import decode_bytes

TEXT = "Türkiye and Azerbaijan signed the Şuşa Declaration on 15 June 2021 in the city of Şuşa.\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),
    TEXT.encode("utf-16-le"),
    TEXT.encode("utf-16-be"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
])
def test_unicode_encodings_decode_exactly(data: bytes) -> None:
    assert decode_bytes(data).text == TEXT


def test_latin1_text_is_guessed() -> None:
    text = "Le ministre de la Défense a signé l'accord à Paris le 3 février, a déclaré le ministère.\n" * 3
    assert decode_bytes(text.encode("latin-1")).text == text


def test_mixed_utf8_and_windows_1252_keeps_both_parts() -> None:
    data = "The ministers met in Zürich".encode() + " and signed the \x93pact\x94".encode("latin-1")
    assert decode_bytes(data).text == "The ministers met in Zürich and signed the \u201cpact\u201d"


def test_binary_is_refused() -> None:
    assert decode_bytes(bytes(range(256)) * 4).problem is not None
    assert decode_bytes(b"").problem == "empty file"


def test_utf16_file_reads_as_an_article(tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_bytes(TEXT.encode("utf-16-le"))
    (item,) = list(iter_inputs([tmp_path]))
    assert isinstance(item, Article) and item.text == TEXT.strip()


def test_crlf_and_stray_nul_bytes_are_normalised(tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_bytes(b"First line of the story.\r\nSecond\x00 line.\rThird line.")
    (item,) = list(iter_inputs([tmp_path]))
    assert isinstance(item, Article)
    assert item.text == "First line of the story.\nSecond line.\nThird line."
