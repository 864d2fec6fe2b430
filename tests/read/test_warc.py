"""WARC archives (CC-NEWS style): HTML responses become articles, other records are skipped."""

from __future__ import annotations

import gzip
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pactwatch.read import Article, ReadLimits, Refusal, iter_inputs
from pactwatch.read.count import count_articles

PAGE = ("<html><head><meta property='article:published_time' content='2023-07-11'>"
        "<title>Sweden and Finland hold naval drill</title></head><body><article>"
        "<h1>Sweden and Finland hold naval drill</h1>"
        "<p>The navies of Sweden and Finland began a week-long exercise in the northern Baltic on Monday, "
        "the Swedish armed forces said in a statement.</p>"
        "<p>About twenty ships and two thousand sailors take part in the drill, which ends on Sunday.</p>"
        "</article></body></html>")


def write_warc(path: Path, pages: list[tuple[str, str, str]], gzipped: bool) -> None:
    """Write response records (url, content type, body) and one request record."""
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    for url, content_type, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body.encode()),
                                                      http_headers=headers))
    writer.write_record(writer.create_warc_record("https://example.org/", "request",
                                                  payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    path.write_bytes(buffer.getvalue())


def test_warc_gz_html_responses_become_articles(tmp_path: Path) -> None:
    path = tmp_path / "news.warc.gz"
    write_warc(path, [("https://example.org/drill", "text/html; charset=utf-8", PAGE),
                      ("https://example.org/logo.png", "image/png", "PNG"),
                      ("https://example.org/empty", "text/html", "<html><body></body></html>")], True)
    items = list(iter_inputs([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Refusal"]
    article, refusal = items
    assert isinstance(article, Article) and isinstance(refusal, Refusal)
    assert article.url == "https://example.org/drill"
    assert article.published == "2023-07-11"
    assert article.title == "Sweden and Finland hold naval drill"
    assert "/" not in article.id and ":" not in article.id
    assert article.source == f"{path}#{article.id}"
    assert "week-long exercise in the northern Baltic" in article.text
    assert refusal.reason == "HTML page has no article text"


def test_plain_warc_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "news.warc"
    write_warc(path, [("https://example.org/drill", "text/html", PAGE)], False)
    (article,) = list(iter_inputs([path]))
    assert isinstance(article, Article) and article.published == "2023-07-11"


def test_garbage_warc_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.warc").write_bytes(b"this is no archive\n" * 10)
    (tmp_path / "bad2.warc.gz").write_bytes(gzip.compress(b"nor is this\n" * 10))
    items = list(iter_inputs([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Refusal", "Refusal"]
    assert items[0].source == str(tmp_path / "bad.warc")


def test_warc_decompression_limit(tmp_path: Path) -> None:
    path = tmp_path / "news.warc.gz"
    write_warc(path, [(f"https://example.org/{n}", "text/html", PAGE.replace("Monday", f"day {n}"))
                      for n in range(5)], True)
    items = list(iter_inputs([path], ReadLimits(max_decompressed_bytes=1500)))
    assert isinstance(items[-1], Refusal) and "expands beyond the limit" in items[-1].reason
    assert 1 <= len(items) - 1 < 5


def test_the_progress_count_takes_only_records_that_can_hold_an_article(tmp_path: Path) -> None:
    path = tmp_path / "news.warc.gz"
    write_warc(path, [("https://example.org/drill", "text/html", PAGE), ("https://example.org/logo.png", "image/png",
                                                                         "PNG"),
                      ("https://example.org/notes", "text/plain", "The ferry timetable changes in May.")], True)
    assert count_articles([path]) == 2 == sum(isinstance(i, Article) for i in iter_inputs([path]))
