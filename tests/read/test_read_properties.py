"""Any bytes at all, in any supported file, give Articles or Refusals: never an exception."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.read import Article, Refusal, iter_inputs
from pactwatch.read.clean import normalise_newlines
from pactwatch.read.encoding import decode_bytes

BOILERPLATE_BITS = ["ADVERTISEMENT", "Top stories", " date 2021-04-15 ", "Published Mar 9, 2026",
                    "(AP Photo/X)", "\r\n", "\x00", "\n\n", "By ", "Related", "\xff\xfe"]


def read_bytes_as(name: str, data: bytes) -> list[Article | Refusal]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = list(iter_inputs([path]))
    assert items, "every file gives at least one item"
    return items


def check_items(items: list[Article | Refusal], raw_text: str | None = None) -> None:
    for item in items:
        assert isinstance(item, Article | Refusal)
        if isinstance(item, Article):
            assert item.text.strip()
            assert item.published is None or len(item.published) in (4, 7, 10)
            if raw_text is not None:
                for line in item.text.split("\n"):
                    assert line.strip() in raw_text


@pytest.mark.parametrize("name", ["a.txt", "a.jsonl", "a.html", "a.jsonl.gz", "a.warc"])
@given(data=st.binary(max_size=2000))
def test_any_bytes_in_any_format(name: str, data: bytes) -> None:
    check_items(read_bytes_as(name, data))


@given(text=st.lists(st.one_of(st.text(max_size=40), st.sampled_from(BOILERPLATE_BITS)), max_size=30))
def test_any_text_keeps_its_lines_verbatim(text: list[str]) -> None:
    raw = "".join(text)
    data = raw.encode("utf-8", errors="surrogatepass")
    items = read_bytes_as("a.txt", data)
    # Text with NULs in every other byte is read as UTF-16 by design; verbatim holds for UTF-8 reads.
    verbatim = decode_bytes(data).encoding == "utf-8"
    check_items(items, normalise_newlines(raw) if verbatim else None)


@given(record=st.dictionaries(st.sampled_from(["id", "text", "html", "url", "title", "published"]),
                              st.one_of(st.none(), st.integers(), st.text(max_size=60),
                                        st.lists(st.integers(), max_size=2))))
def test_any_json_record(record: dict[str, object]) -> None:
    line = json.dumps(record).encode() + b"\n"
    check_items(read_bytes_as("a.jsonl", line * 2))


def test_deeply_nested_html_is_read_or_refused(tmp_path: Path) -> None:
    sentence = "<p>The pact was signed in Oslo on Thursday by both ministers.</p>"
    page = "<div>" * 50_000 + sentence + "</div>" * 50_000
    (tmp_path / "deep.html").write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    check_items(list(iter_inputs([tmp_path])))
