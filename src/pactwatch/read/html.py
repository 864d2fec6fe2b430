"""HTML to the article's main text, title and date, with trafilatura.

trafilatura drops navigation, comments and link blocks; its metadata gives title and date from
meta tags. Date search is kept to metadata (no extensive search in the body), because a date found
in the body is as likely to be an event's date as the article's. Nesting deeper than the parser's
limit is capped first (``read.nesting``), so an article under thousands of ``<div>``s keeps its text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura

from pactwatch.read.nesting import cap_nesting

DATE_PARAMS = {"extensive_search": False, "original_date": True}

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class HtmlContent:
    """What trafilatura found: main text, and title and date where the page states them."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None


class HtmlUnreadable(Exception):
    """The page could not be parsed at all; the caller refuses the file with this reason."""


def extract_html(html: str, url: str | None = None) -> HtmlContent | None:
    """Main text and metadata of a page, or None when the page has no article text."""
    try:
        document = trafilatura.bare_extraction(
            cap_nesting(html), url=url, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, date_extraction_params=DATE_PARAMS,
        )
    # A parser fault on hostile markup (deep nesting, broken encodings) must refuse this page only;
    # lxml and trafilatura raise several unrelated exception types for it.
    except (ValueError, TypeError, AttributeError, RecursionError, LookupError, MemoryError) as error:
        raise HtmlUnreadable(f"HTML could not be parsed ({type(error).__name__})") from error
    if document is None:
        return None
    text = (getattr(document, "text", None) or "").strip()
    if not text:
        return None
    return HtmlContent(
        text=text,
        title=getattr(document, "title", None) or None,
        date=getattr(document, "date", None) or None,
        url=getattr(document, "url", None) or url,
    )
