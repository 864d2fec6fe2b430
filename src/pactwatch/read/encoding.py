"""Bytes to text: detect the encoding, or say why the bytes are not text.

Order matters: a byte-order mark is trusted first, then UTF-16 without a mark (recognised by its
NUL bytes in every other position), then strict UTF-8, then UTF-8 mixed with single-byte text
(common when pages are pasted together), and only then charset-normalizer's guess.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# A valid multi-byte UTF-8 sequence: its presence beside invalid bytes means mixed encodings.
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.02
MAX_NUL_SHARE = 0.01
MIN_UTF16_BYTES = 16


@dataclass(frozen=True)
class Decoded:
    """Text and the encoding it was read with, or the reason it is not text."""

    text: str | None
    encoding: str | None = None
    problem: str | None = None


def _single_byte_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode one undecodable byte as Windows-1252 (Latin-1 where 1252 has a hole)."""
    assert isinstance(error, UnicodeDecodeError)
    byte = error.object[error.start:error.start + 1]
    try:
        return byte.decode("cp1252"), error.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), error.start + 1


codecs.register_error("pactwatch-cp1252", _single_byte_fallback)


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` to text, or explain why it is not text.

    >>> decode_bytes("Ankara".encode("utf-16")).text
    'Ankara'
    """
    if not data:
        return Decoded(None, problem="empty file")
    decoded = _decode_with_bom(data) or _decode_utf16_without_bom(data)
    if decoded is None:
        if data.count(0) > max(1, len(data) * MAX_NUL_SHARE):
            return Decoded(None, problem="binary file (NUL bytes), not text")
        decoded = _decode_utf8_or_mixed(data) or _decode_guessed(data)
    if decoded is None:
        return Decoded(None, problem="not text in any known encoding")
    return _check_is_text(decoded)


def _decode_with_bom(data: bytes) -> Decoded | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(encoding), encoding)
            except UnicodeDecodeError:
                return None
    return None


def _decode_utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text of mostly Latin script has a NUL in every other byte; find which side."""
    if len(data) < MIN_UTF16_BYTES or len(data) % 2:
        return None
    evens, odds = data[0::2], data[1::2]
    half = len(data) // 2
    if odds.count(0) > 0.4 * half and evens.count(0) < 0.05 * half:
        encoding = "utf-16-le"
    elif evens.count(0) > 0.4 * half and odds.count(0) < 0.05 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    readable = sum(1 for char in text if char.isprintable() or char.isspace())
    return Decoded(text, encoding) if readable >= 0.95 * len(text) else None


def _decode_utf8_or_mixed(data: bytes) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if UTF8_MULTIBYTE.search(data):
        return Decoded(data.decode("utf-8", errors="pactwatch-cp1252"), "utf-8+cp1252")
    return None


def _decode_guessed(data: bytes) -> Decoded | None:
    best = from_bytes(data).best()
    if best is None:
        return None
    return Decoded(str(best), best.encoding)


def _check_is_text(decoded: Decoded) -> Decoded:
    """Refuse decodings that are mostly control characters: those are binary files."""
    text = decoded.text or ""
    controls = len(CONTROL.findall(text.replace("\x00", "")))
    if controls > max(2, len(text) * MAX_CONTROL_SHARE):
        return Decoded(None, problem="binary file (control characters), not text")
    return decoded
