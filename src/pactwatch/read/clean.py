"""Raw article text to an ``Article``: normalise line endings, take off the date marker and header
metadata, drop boilerplate, find the article's own date and dateline, and enforce the length limit.

Cleaning removes whole lines only, so every sentence an evidence quote cites is verbatim input.
"""

from __future__ import annotations

from pactwatch.article import Article, Refusal
from pactwatch.read.boilerplate import remove_boilerplate
from pactwatch.read.dateline import header_date, normalise_published, read_dateline, split_date_marker
from pactwatch.read.limits import ReadLimits

MAX_TITLE_CHARS = 200
TITLE_ENDINGS = (".", "!", "?", '"', "”", ":")


def normalise_newlines(text: str) -> str:
    """CRLF and CR to LF, and NUL bytes removed: the only changes made inside kept lines."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def article_from_text(
    doc_id: str,
    raw: str,
    source: str,
    limits: ReadLimits,
    *,
    published: object = None,
    url: str | None = None,
    title: str | None = None,
    line: int | None = None,
) -> Article | Refusal:
    """Clean ``raw`` and build the Article, or refuse it with the reason.

    ``published`` is a metadata date (JSON field, HTML meta); it wins over dates found in the text.
    """
    text = normalise_newlines(raw)
    marker_date, text = split_date_marker(text)
    lines = text.split("\n")
    header_iso, metadata_line = header_date(lines)
    if metadata_line is not None:
        del lines[metadata_line]
    text = remove_boilerplate("\n".join(lines))
    if not text:
        return Refusal(source, "no article text (only boilerplate or whitespace)", line)
    if len(text) > limits.max_article_chars:
        return Refusal(source, f"article is {len(text):,} characters, over the limit of "
                               f"{limits.max_article_chars:,} (not truncated)", line)
    own_date = normalise_published(published) or marker_date or header_iso
    article_date, dateline = read_dateline(text, own_date)
    return Article(
        id=doc_id,
        text=text,
        source=source,
        published=article_date,
        url=url or None,
        title=title or title_from_text(text),
        dateline=dateline,
    )


def title_from_text(text: str) -> str | None:
    """The first line when it reads as a headline: short and not ending like a sentence."""
    first = text.split("\n", 1)[0].strip()
    if not first or len(first) > MAX_TITLE_CHARS or first.endswith(TITLE_ENDINGS):
        return None
    return first
