"""The changes as an Atom 1.0 feed (RFC 4287), so any feed reader can follow a knowledge base.

One entry per alert (``pactwatch.alerts``), newest first: its title is the alert's summary, its
link the record's page on this site, its content the change (``field: old → new``) and the
evidence sentence with the article it comes from. Alert text is derived from article text, which
is hostile: the document is built as an element tree (so ``<``, ``&`` and ``]]>`` are escaped by
the serialiser, never by hand), the HTML of the content is escaped piece by piece, and characters
XML 1.0 forbids (most control characters) or that reorder text (bidi controls) are dropped.

>>> xml = feed_xml([], base_url="http://127.0.0.1:8000/", self_url="http://127.0.0.1:8000/alerts.atom",
...                quiet_since="2026-11-03T08:00:00Z")
>>> xml.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
True
"""

from __future__ import annotations

import html
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from pactwatch.web.formatting import bidi_safe, path_part, show, web_url

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
DEFAULT_ENTRIES = 100
STARTED = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")  # an empty feed's ``updated``: nothing changed since
FEED_TITLE = "pactwatch: changes"
# Entry ids are UUIDs named by the alert id, so one change has one id in every feed that carries it.
ENTRY_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pactwatch/changes")
# XML 1.0 allows tab, newline, carriage return and the characters from U+0020 on, except the
# surrogates and U+FFFE/U+FFFF; C1 controls (U+0080-U+009F) are allowed but discouraged, so they go too.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: Any) -> str:
    """``value`` as text an XML 1.0 document can hold and a reader shows in order.

    >>> xml_text("Pact\\x00 of\\x1b \\u202eAthens")
    'Pact of Athens'
    """
    return _NOT_XML.sub("", bidi_safe("" if value is None else str(value)))


def entry_id(alert_id: str) -> str:
    """A permanent, unique entry id for an alert: ``urn:uuid:`` named by the alert id."""
    return f"urn:uuid:{uuid.uuid5(ENTRY_NAMESPACE, alert_id)}"


def record_path(alert: dict[str, Any]) -> str:
    """The record's page on this site, built from its kind and id (each id safe as a path part)."""
    kind = "events" if alert.get("record_kind") == "event" else "agreements"
    return f"/{kind}/{path_part(alert.get('record_id'))}"


def absolute(base_url: str, path: str) -> str:
    """``path`` (from this site's root) at ``base_url``, which keeps any prefix the app is served under.

    >>> absolute("https://example.org/watch/", "/changes")
    'https://example.org/watch/changes'
    """
    return base_url.rstrip("/") + path


def change_line(alert: dict[str, Any]) -> str | None:
    """``field: old → new`` for a changed value, ``field: new`` for a new one, None for a new record."""
    field = alert.get("field")
    if not field:
        return None
    if alert.get("old") is None:
        return f"{field}: {show(alert.get('new'))}"
    return f"{field}: {show(alert.get('old'))} → {show(alert.get('new'))}"


def content_html(alert: dict[str, Any], base_url: str) -> str:
    """The entry's content as HTML, every piece of alert text escaped: the change, then the
    evidence quote with a link to the article's page here and where the article came from."""
    parts = [f"<p>{html.escape(xml_text(alert.get('summary')))}</p>"]
    change = change_line(alert)
    if change:
        parts.append(f"<p>{html.escape(xml_text(change))}</p>")
    evidence = alert.get("evidence") or {}
    if evidence.get("quote"):
        article = absolute(base_url, f"/articles/{path_part(evidence.get('article_id'))}")
        source = xml_text(evidence.get("source") or "")
        source_html = f'<a href="{html.escape(url)}">{html.escape(url)}</a>' if (url := web_url(source)) \
            else html.escape(source)
        parts.append(f"<blockquote>{html.escape(xml_text(evidence['quote']))}</blockquote>")
        parts.append(f'<p>Article: <a href="{html.escape(article)}">{html.escape(xml_text(evidence.get("article_id")))}'
                     f"</a>{' · source: ' + source_html if source else ''}</p>")
    return "".join(parts)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _entry(feed: ET.Element, alert: dict[str, Any], base_url: str) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", entry_id(str(alert.get("id"))))
    _sub(entry, "title", alert.get("summary") or alert.get("title") or str(alert.get("kind")), type="text")
    _sub(entry, "updated", str(alert.get("at")))
    _sub(entry, "link", rel="alternate", type="text/html", href=absolute(base_url, record_path(alert)))
    _sub(entry, "category", term=str(alert.get("kind")), label=str(alert.get("kind")).replace("_", " "))
    _sub(entry, "summary", alert.get("summary") or "", type="text")
    _sub(entry, "content", content_html(alert, base_url), type="html")


def feed_xml(alerts: Sequence[dict[str, Any]], *, base_url: str, self_url: str, quiet_since: str) -> bytes:
    """The Atom document for ``alerts`` (newest first) as served from ``base_url``; ``self_url``
    is the feed's own URL with its query (its id and self link: a filtered feed is another feed).
    ``updated`` is the newest alert's time, or ``quiet_since`` for a feed with no entry (a fixed
    time, such as when the server started, so an unchanged empty feed is the same document).

    >>> xml = feed_xml([], base_url="http://h/", self_url="http://h/alerts.atom?kind=ratified",
    ...                quiet_since="2026-11-03T08:00:00Z")
    >>> b'<id>http://h/alerts.atom?kind=ratified</id>' in xml
    True
    """
    feed = ET.Element("feed", xmlns=ATOM)  # every element in the Atom namespace, unprefixed
    _sub(feed, "id", self_url)
    _sub(feed, "title", FEED_TITLE, type="text")
    _sub(feed, "subtitle", "New agreements, ratifications, entries into force, terminations, notice deadlines "
                           "and conflicts, each with the sentence that shows it.", type="text")
    _sub(feed, "updated", str(alerts[0].get("at")) if alerts else quiet_since)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=absolute(base_url, "/changes"))
    _sub(_sub(feed, "author"), "name", "pactwatch")
    _sub(feed, "generator", "pactwatch")
    for alert in alerts:
        _entry(feed, alert, base_url)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))
