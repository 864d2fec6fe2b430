"""Raw article text to an ``Article``: normalise line endings, take off the date marker and header
metadata, drop boilerplate, find the article's own date, and enforce the length limit.

Cleaning removes whole lines only, so every sentence an evidence quote cites is verbatim input.
"""

from __future__ import annotations

from pactwatch.article import Article, Refusal
from pactwatch.read.boilerplate import remove_boilerplate
from pactwatch.read.dateline import (
    complete_with_dateline,
    dateline_line,
    header_date,
    infer_dateline_year,
    infer_year_from_body,
    normalise_published,
    split_date_marker,
    year_of_the_datelines_own_day,
)
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
    return Article(
        id=doc_id,
        text=text,
        source=source,
        published=date_from_dateline(own_date, text),
        url=url or None,
        title=title or title_from_text(text),
    )


def date_from_dateline(own_date: str | None, text: str) -> str | None:
    """The dateline completes a partial date; with no date at all, it gives one only in a year the
    story itself names (``infer_dateline_year``), since a wrong year would misdate every relative date."""
    found = dateline_line(text)
    if found is None:
        return own_date
    month_day, line = found
    if own_date is not None:
        return complete_with_dateline(own_date, month_day)
    year = year_of_the_datelines_own_day(text, month_day)
    if year is None:
        named, agreed = infer_dateline_year(text, line), infer_year_from_body(text, month_day)
        year = named or agreed if not (named and agreed and named != agreed) else None
    return month_day.in_year(year) if year else None


def title_from_text(text: str) -> str | None:
    """The first line when it reads as a headline: short and not ending like a sentence."""
    first = text.split("\n", 1)[0].strip()
    if not first or len(first) > MAX_TITLE_CHARS or first.endswith(TITLE_ENDINGS):
        return None
    return first
