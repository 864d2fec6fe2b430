"""Geometry for the server-rendered SVG charts: the lifecycle strip and the timeline axis.

Pure functions from dated items to coordinates; the templates only draw what they are given
(and escape every label), so the pages need no chart library and no script.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

from pactwatch.lifecycle import date_bounds

WIDTH = 960
MARGIN = 40
LABEL_GAP = 130  # px a label needs before the next one on the same row


def day_of(value: Any) -> tuple[date, bool] | None:
    """The first day an ISO date of any precision allows, and whether it was partial."""
    bounds = date_bounds(value) if value else None
    if bounds is None:
        return None
    return bounds[0], bounds[0] != bounds[1]


def axis(days: list[date], x0: float = MARGIN, x1: float = WIDTH - MARGIN) -> tuple[date, date, Any]:
    """A padded date range covering ``days`` and a function mapping a day to an x coordinate.

    The padding stops at the calendar's ends, so 0001-01-01 and 9999-12-31 (both valid ISO
    dates, reachable from any ``as_of``) sit on the axis instead of overflowing it.

    >>> low, high, x_of = axis([date(9999, 12, 30), date(1, 1, 1)])
    >>> (low, high, x_of(date.max))
    (datetime.date(1, 1, 1), datetime.date(9999, 12, 31), 920.0)
    """
    first, last = min(days), max(days)
    span = max((last - first).days, 60)
    pad = max(span // 20, 15)
    low, high = _shifted(first, -pad), _shifted(last, pad)
    total = max((high - low).days, 1)

    def x_of(day: date) -> float:
        return round(x0 + (x1 - x0) * (day - low).days / total, 1)

    return low, high, x_of


def _shifted(day: date, days: int) -> date:
    """``day`` moved by ``days``, stopping at date.min and date.max."""
    lowest, highest = (date.min - day).days, (date.max - day).days
    return day + timedelta(days=min(max(days, lowest), highest))


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def year_ticks(low: date, high: date, x_of: Any) -> list[dict[str, Any]]:
    """One tick per year (every few years on long axes; every few months on short ones)."""
    years = list(range(low.year + 1, high.year + 1))
    if len(years) < 3:
        return month_ticks(low, high, x_of)
    step = max(1, len(years) // 12 + (1 if len(years) > 12 else 0))
    return [{"x": x_of(date(y, 1, 1)), "label": str(y)} for y in years[::step]]


def month_ticks(low: date, high: date, x_of: Any) -> list[dict[str, Any]]:
    """The first of each month after ``low`` up to ``high`` (every few months when many)."""
    months = []
    index = low.year * 12 + low.month  # the month after low's, counted from year 0
    while index // 12 <= date.max.year and (first := date(index // 12, index % 12 + 1, 1)) <= high:
        months.append(first)
        index += 1
    if not months:
        return []
    step = next(s for s in (1, 2, 3, 6, 12) if len(months) / s <= 10)
    shown = [d for d in months if (d.month - 1) % step == 0]
    return [{"x": x_of(d), "label": f"{MONTHS[d.month - 1]} {d.year}" if d.month == 1 or i == 0
             else MONTHS[d.month - 1]} for i, d in enumerate(shown)]


def text_width(text: str) -> float:
    """A label's approximate width in px at the 11.5px font the strip uses."""
    return 6.4 * len(text) + 4


def placed_labels(xs: list[float], texts: list[str], x0: float, x1: float,
                  rows: int = 6) -> list[tuple[int, str, float]]:
    """(row, text-anchor, left edge) per label, in x order, so that labels on a row never overlap
    and none runs off the axis: anchored at the start near the left end, at the end near the right."""
    ends = [-1e9] * rows
    out = []
    for x, text in zip(xs, texts, strict=True):
        width = text_width(text)
        anchor, left = "middle", x - width / 2
        if left < x0 - MARGIN / 2:
            anchor, left = "start", x - 4
        elif x + width / 2 > x1 + MARGIN / 2:
            anchor, left = "end", x - width + 4
        row = next((r for r in range(rows) if left - ends[r] >= 10), min(range(rows), key=lambda r: ends[r]))
        ends[row] = left + width
        out.append((row, anchor, left))
    return out


def lifecycle_strip(milestones: list[dict[str, Any]], today: date) -> dict[str, Any] | None:
    """The strip of an agreement's milestones and today; None when no milestone has a date."""
    dated = [(d, m) for m in milestones if (d := day_of(m.get("date")))]
    if not dated:
        return None
    dated.sort(key=lambda item: item[0][0])
    low, high, x_of = axis([d for (d, _), _ in dated] + [today])
    xs = [x_of(d) for (d, _), _ in dated]
    texts = [f"{m.get('label') or m.get('kind', '')} · {m.get('date')}" for _, m in dated]
    places = placed_labels(xs, texts, MARGIN, WIDTH - MARGIN)
    axis_y = 50
    points = [{"x": x, "y": axis_y, "label_y": axis_y + 26 + 16 * row, "row": row, "text": text,
               "kind": m.get("kind", ""), "label": m.get("label") or m.get("kind", ""),
               "date": m.get("date"), "approximate": partial, "anchor": anchor}
              for x, text, (row, anchor, _), ((_, partial), m) in zip(xs, texts, places, dated, strict=True)]
    height = axis_y + 36 + 16 * (max(row for row, _, _ in places) + 1)
    return {"width": WIDTH, "height": height, "axis_y": axis_y, "x0": MARGIN, "x1": WIDTH - MARGIN,
            "ticks": year_ticks(low, high, x_of), "points": points,
            "today": {"x": x_of(today), "label": f"today {today.isoformat()}"}}


def timeline_chart(items: list[dict[str, Any]], today: date) -> dict[str, Any] | None:
    """Dated items as dots on one axis, one lane per kind; None when nothing is dated."""
    dated = [(d, it) for it in items if (d := day_of(it.get("date")))]
    if not dated:
        return None
    kinds = sorted({it.get("kind", "") for _, it in dated})
    lane_height, top = 26, 14
    low, high, x_of = axis([d for (d, _), _ in dated], x0=130)
    dots = [{"x": x_of(d), "y": top + lane_height * kinds.index(it.get("kind", "")) + lane_height / 2,
             "kind": it.get("kind", ""), "date": it.get("date"), "label": it.get("label") or "",
             "approximate": partial, "href": _href(it)} for (d, partial), it in dated]
    height = top + lane_height * len(kinds) + 30
    lanes = [{"kind": k, "y": top + lane_height * i + lane_height / 2} for i, k in enumerate(kinds)]
    shown_today = low <= today <= high
    return {"width": WIDTH, "height": height, "axis_y": height - 24, "x0": 130, "x1": WIDTH - MARGIN,
            "ticks": year_ticks(low, high, x_of), "dots": dots, "lanes": lanes,
            "today": {"x": x_of(today), "label": "today"} if shown_today else None}


def _href(item: dict[str, Any]) -> str | None:
    if item.get("agreement_id"):
        return f"/agreements/{quote(str(item['agreement_id']), safe='')}"
    if item.get("article_id"):
        return f"/articles/{quote(str(item['article_id']), safe='')}"
    return None
