"""The hostile inputs of issue 6, shared by the upload tests (tests/web/test_upload_hostile.py) and the
CLI tests (tests/test_hostile_cli.py): each test builds them under its own limits. All texts are
our own words."""

from __future__ import annotations

import gzip
import json

from pactwatch.read import ReadLimits

GOOD = "Norway and Denmark signed a defence pact in Oslo on Thursday, the two governments said.\n"
OTHER = "Sweden and Finland signed a security agreement in Helsinki on Monday, officials said.\n"
LIMITS = ReadLimits(max_decompressed_bytes=50_000, max_article_chars=5_000)


def jsonl(*records: object) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records)


def gzip_bomb() -> bytes:
    """JSON Lines that expand far past the server's 50,000-byte decompression limit (a 1,000:1 ratio)."""
    return gzip.compress(b" " * 5_000_000 + b"\n" + jsonl({"id": "never", "text": GOOD}))


# (upload name, content, refusals as (line, reason fragment), ids of the articles the file gives)
REFUSED = [
    ("empty.txt", b"", [(None, "empty file")], []),
    ("binary.txt", bytes(range(256)) * 20, [(None, "not text in any known encoding")], []),
    ("nul.txt", b"\x00\x01\x02\x03" * 500, [(None, "binary file (NUL bytes), not text")], []),
    ("boiler.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", [(None, "no article text")], []),
    ("broken.jsonl", jsonl({"id": "b1", "text": GOOD}, b'{"id": "b2", "text": "unterminated',
                           {"id": "b3", "text": OTHER}), [(2, "broken JSON (Invalid control character at column")],
     ["b1", "b3"]),
    ("deep.jsonl", jsonl(b"[" * 100_000, {"id": "deep1", "text": GOOD}), [(1, "broken JSON (nested too deeply)")],
     ["deep1"]),
    ("fields.jsonl", jsonl({"text": GOOD}, {"id": 7, "text": GOOD}, {"id": "f3"}, {"id": "f4", "text": ["a"]},
                           {"id": "f5", "text": GOOD, "published": 2021}, {"id": "f6", "text": OTHER}),
     [(1, "no 'id' field"), (2, "field 'id' must be a string, got a number"),
      (3, "neither a 'text' nor an 'html' field"), (4, "field 'text' must be a string, got an array"),
      (5, "field 'published' must be a string, got a number")], ["f6"]),
    ("dups.jsonl", jsonl({"id": "d1", "text": GOOD}, {"id": "d1", "text": OTHER}),
     [(2, "duplicate id 'd1' (first read from dups.jsonl:1)")], ["d1"]),
    ("paths.jsonl", jsonl({"id": "news/2021/x", "text": GOOD}, {"id": "..\\x", "text": GOOD},
                          {"id": "p3", "text": OTHER}),
     [(1, "contains a path separator; refused, not renamed"), (2, "contains a path separator")], ["p3"]),
    ("fake.jsonl.gz", b"this is not gzip at all", [(None, "not gzip data, although the name ends in .gz")], []),
    ("bomb.jsonl.gz", gzip_bomb(), [(1, "expands beyond the limit of 50,000 bytes when decompressed")], []),
    ("long.txt", "".join(f"Paragraph {n}: {GOOD}" for n in range(100)).encode(),
     [(None, "over the limit of 5,000 (not truncated)")], []),
]

# Read, not refused: (upload name, content, the article id, a phrase its stored text must hold)
READ = [
    ("utf16_bom.txt", GOOD.encode("utf-16"), "utf16_bom", "defence pact in Oslo"),
    ("utf16le_nobom.txt", GOOD.encode("utf-16-le"), "utf16le_nobom", "defence pact in Oslo"),
    ("utf16be_nobom.txt", GOOD.encode("utf-16-be"), "utf16be_nobom", "defence pact in Oslo"),
    ("utf16_bom.jsonl", jsonl({"id": "u16", "text": GOOD}).decode().encode("utf-16"), "u16", "Denmark"),
    ("invalid_utf8.txt", GOOD.encode() + b"Caf\xe9 \xff\xfe bad bytes \x80 here.\n", "invalid_utf8", "Norway"),
    ("mixed.txt", GOOD.encode() + "Le ministre a déclaré l'accord signé.\n".encode("cp1252")
     + "Ça va très bien.\n".encode(), "mixed", "déclaré"),
    ("nul_inside.txt", GOOD.encode().replace(b" pact", b"\x00 pact"), "nul_inside", "Denmark"),
    ("malformed.html", b"<html><body><p>" + GOOD.encode() + b"<p>Unclosed <b>bold <i>and <table><tr><td>cells"
     b"</p></div></span><<<>>>", "malformed", "defence pact"),
    ("../../etc/evil.txt", GOOD.encode(), "evil", "Norway"),
    # the article under 100,000 nested elements keeps its text (tags past 200 levels are dropped)
    ("nested.html", ("<html><body>" + "<div>" * 100_000 + f"<p>{GOOD}</p>" + "</div>" * 100_000
                     + "</body></html>").encode(), "nested", "defence pact"),
]
