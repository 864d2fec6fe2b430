"""Jinja filters: how values read on the pages (dates, codes, lists), never how they are stored."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment
from markupsafe import Markup

# Embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069) reorder the text after
# them: a title holding U+202E can show "Treaty of gpj.exe" as anything. The marks U+200E and
# U+200F only set the direction of neighbouring punctuation and stay.
BIDI_CONTROLS = {c: None for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}

LABELS = {
    "defense_industry": "defence industry", "in_force": "in force", "mutual_defense": "mutual defence",
    "military_technical": "military-technical", "classified_info": "classified information",
    "joint_commission": "joint commission", "arms_deal": "arms deal", "term_end": "term ends",
    "notice_deadline": "notice deadline", "termination_notice_months": "termination notice (months)",
    "duration_years": "duration (years)", "value_usd": "value (USD)",
}


def label(code: Any) -> str:
    """A code as words: ``defense_industry`` -> ``defence industry``."""
    if code is None:
        return "—"
    text = str(code)
    return LABELS.get(text, text.replace("_", " ").replace(".", " "))


def show(value: Any) -> str:
    """Any field value as short text: lists joined, booleans as yes/no, dicts as ``k: v``."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    if isinstance(value, dict):
        if set(value) == {"automatic", "period_years"}:
            kind = "automatic" if value.get("automatic") else "by agreement"
            period = value.get("period_years")
            return f"{kind}, every {show(period)} years" if period else kind
        return "; ".join(f"{k}: {show(v)}" for k, v in value.items())
    return str(value)


def money(value: Any) -> str:
    if value is None:
        return "—"
    amount = float(value)
    if amount >= 1e9:
        return f"${amount / 1e9:g} billion"
    if amount >= 1e6:
        return f"${amount / 1e6:g} million"
    return f"${amount:,.0f}"


def query(params: dict[str, Any], **changes: Any) -> str:
    """A query string from ``params`` with ``changes`` applied, leaving out empty values."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", False)})


def path_part(value: Any) -> str:
    """An id made safe as one URL path segment (article ids are file names)."""
    return quote(str(value), safe="")


def web_url(value: Any) -> str | None:
    """``value`` if it is an http(s) URL, else None: an article's URL must never be ``javascript:``."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) and not any(c in text for c in "\"'<> ") else None


def by_quote(evidence: Any) -> list[dict[str, Any]]:
    """Evidence sentences once each (copies of an article repeat them), with every article's link."""
    out: dict[str, dict[str, Any]] = {}
    for ev in evidence or []:
        key = " ".join(str(ev.get("quote") or "").split())
        item = out.setdefault(key, {"quote": ev.get("quote"), "sources": []})
        href = f"/articles/{path_part(ev.get('article_id'))}#s-{ev.get('start')}"
        if all(src["href"] != href for src in item["sources"]):
            item["sources"].append({"article_id": ev.get("article_id"), "href": href})
    return list(out.values())


def bidi_safe(text: str) -> str:
    """``text`` without bidirectional embedding, override and isolate characters.

    >>> bidi_safe("Pact\u202egnp.exe")
    'Pactgnp.exe'
    """
    return text.translate(BIDI_CONTROLS)


def shown_safely(value: Any) -> Any:
    """Jinja's ``finalize``: every ``{{ value }}`` a template prints passes here before escaping,
    so no title, name, label or source on any page carries a bidi control. Markup built by the
    app (the highlighted article body, which keeps the article's text as written) passes as is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return bidi_safe(value)
    return value


def untitled(title: Any) -> str:
    """An agreement's title for display: "untitled" when it has none (or only blanks)."""
    text = str(title or "").strip()
    return text or "untitled"


def register_filters(env: Environment) -> None:
    """The filters and globals the templates use, and the bidi-safe ``finalize``."""
    env.filters.update(label=label, show=show, money=money, urlid=path_part, web_url=web_url,
                       by_quote=by_quote, bidi_safe=bidi_safe, untitled=untitled)
    env.globals.update(query=query)
    env.finalize = shown_safely
