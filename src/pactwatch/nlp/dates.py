"""Find date expressions and resolve them against the article's own date.

Absolute dates ("21 December 2010", "Oct. 31, 2017", "February 2018", "in 2019") and relative
ones ("on Monday", "last Friday", "September this year", "March last year", "the next day",
"three weeks earlier", "on the 11th", "by the end of 2019") come out as ISO 8601 at the precision
the text gives. A relative expression with no anchor stays unresolved (value None): guessing a
year would put a wrong date into the record.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from pactwatch.nlp.numbers import NUMBER, words_to_number
from pactwatch.nlp.sentences import DateMention

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
YEAR = r"(?:19|20)\d{2}"
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
ORDINAL_WORDS = {word: n for n, word in enumerate(re.findall(r"\w+", (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth"
    " fifteenth sixteenth seventeenth eighteenth nineteenth twentieth")), start=1)}
ORDINAL_WORDS.update({f"twenty-{word}": 20 + n for word, n in list(ORDINAL_WORDS.items())[:9]})
ORDINAL_WORDS.update({"thirtieth": 30, "thirty-first": 31})
# "the ninth of July", "July the twenty-first": case-free words, hyphen or space inside ("twenty first").
ORDW = "(?i:" + "|".join(w.replace("-", "[-\\s]") for w in sorted(ORDINAL_WORDS, key=len, reverse=True)) + ")"

COUNT_NOUNS = (r"(?:troops|soldiers|personnel|servicemen|people|tons|tonnes|km|kilometres|kilometers|miles"
               r"|units|vehicles|tanks|aircraft|jets|missiles|members|pages|words|dollars|euros|year|years)")
EARLY_LATE = r"(?:(?:by\s+|at\s+|until\s+)?the\s+(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of|(?:[Ee]arly|[Ll]ate|[Mm]id)(?:\s+|-))"
IN_WORDS = r"(?i:in|since|from|until|till|by|during|early|late|mid|end of|beginning of|start of|before|after)"

PATTERNS: list[tuple[str, str]] = [
    ("dmy", rf"\bthe\s+(?P<d>{ORDW})\s+of\s+(?P<m>{MONTH}),?\s+(?P<y>{YEAR})\b"),
    ("mdy", rf"\b(?P<m>{MONTH})\s+(?:the\s+)?(?P<d>{ORDW}),?\s+(?P<y>{YEAR})\b"),
    ("md_rel", rf"\b(?P<m>{MONTH})\s+(?:the\s+)?(?P<d>{DAY}|{ORDW}),?\s+(?P<rel>(?i:this|last|next))\s+(?i:year)\b"),
    ("md_rel", rf"\b(?:the\s+)?(?P<d>{DAY}|{ORDW})\s+(?:of\s+)?(?P<m>{MONTH}),?\s+(?P<rel>(?i:this|last|next))"
               r"\s+(?i:year)\b"),
    ("mdy", rf"\b(?P<m>{MONTH})\s+(?P<d>{DAY})(?:\s*(?:-|–|and|to)\s*{DAY})?,?\s+(?P<y>{YEAR})\b"),
    ("dmy", rf"\b(?P<d>{DAY})(?:\s*(?:-|–|and|to)\s*{DAY})?\s+(?:of\s+)?(?P<m>{MONTH}),?\s+(?P<y>{YEAR})\b"),
    ("iso", rf"\b(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("md", rf"\b(?P<m>{MONTH})\s+(?P<d>{DAY})\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![\d,.]*\s*(?:billion|million))"),
    ("dm", rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})\b(?!,?\s+(?:19|20)\d\d)"),
    ("dm", rf"\bthe\s+(?P<d>{ORDW})\s+of\s+(?P<m>{MONTH})\b"),
    ("md", rf"\b(?P<m>{MONTH})\s+(?:the\s+)?(?P<d>{ORDW})\b(?![-\w])"),
    # "in February and March last year": a span of months is only its year
    ("rel_year", rf"\b{MONTH}\s+(?:and|to|through|until)\s+{MONTH}\s+(?P<rel>this|last|next)\s+year\b"),
    ("my_rel", rf"\b(?P<m>{MONTH})\s+(?P<rel>this|last|next)\s+year\b"),
    ("month_rel", rf"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<m>{MONTH})\b"),
    ("my", rf"(?:{EARLY_LATE}\s*)?\b(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})\b"),
    ("month_in", rf"\b{IN_WORDS}[\s-]+(?:(?:the\s+)?(?:early|late|mid|end\s+of|beginning\s+of|start\s+of)[\s-]*)?"
                 rf"(?P<m>{MONTH})\b(?!\s+\d)"),
    ("weekday_week", rf"\b(?:[Oo]n\s+)?(?P<w>{WEEKDAY})\s+(?:of\s+)?(?P<rel>last|next)\s+week\b"),
    ("weekday", rf"\b(?P<rel>last|this|next|on|earlier on|late on|early on)?\s*(?P<w>{WEEKDAY})(?:'s)?\b"),
    ("ordinal", r"\b(?:on\s+)?the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b"
                r"(?=\s*(?:[,.;:)!?]|$)|\s+(?:and|when|at|in|as|after|before|but|with|to|while|where|during)\b)"),
    ("rel_year", r"\b(?P<rel>last|this|next|past)\s+year(?:'s)?\b"),
    ("rel_month", r"\b(?P<rel>last|this|next|earlier this|later this|past)\s+month\b"),
    ("today", r"\b(?P<w>today|yesterday|tomorrow|tonight)\b"),
    ("ago", rf"\b(?P<n>{NUMBER})\s+(?P<u>days?|weeks?|months?|years?)\s+(?P<dir>ago|earlier|later|(?:before|after)"
            r"(?=\s+(?:that|this|then)\b|\s*(?:[,.;:)!?]|$)))\b"),
    # "Days later", "a few days earlier": an uncounted step of days (after "ago", so a counted one wins).
    ("days_vague", r"\b(?:(?:a\s+)?few\s+|some\s+|several\s+)?days\s+(?P<dir>later|afterwards|earlier)\b"),
    # "next week" / "last week" without "the" count from the article's date, and a week is no day: unknown.
    ("week_rel", r"(?<!the\s)\b(?:last|next|past)\s+week\b"),
    ("next_day", r"\b(?:the\s+)?(?P<w>next|following|previous)\s+(?P<u>day|week|month|year)\b"
                 r"|\ba\s+(?P<u2>day|week|month|year)\s+(?P<dir>later|earlier)\b"
                 # "the day before", "the week after": only standing alone ("the day before the vote" counts
                 # from the vote, which is not a date we hold).
                 r"|\bthe\s+(?P<u3>day|week)\s+(?P<dir2>before|after)(?=\s*(?:[,.;:)!?]|$))"),
    ("same", r"\b(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+(?P<u>day|month|year)\b"),
    ("year", rf"(?:{EARLY_LATE}\s*|(?<![\d/-]))\b(?P<y>{YEAR})\b"
             rf"(?!\s*(?:-|–)?\s*(?:year|member|strong|page))(?![\d-])(?!\s+{COUNT_NOUNS}\b)"),
]
CASE_FREE = ("rel_year", "rel_month", "today", "ago", "days_vague", "week_rel", "next_day", "ordinal", "same")
# What a pattern cannot match without (see ``_hints``): most sentences name no date, and a cheap
# substring test skips the patterns that cannot match there, leaving every result as it was.
NEEDS: dict[str, tuple[str, ...]] = {
    "dmy": ("month",), "mdy": ("month",), "md_rel": ("month", "year"), "iso": ("century",), "md": ("month",),
    "dm": ("month",), "my_rel": ("month", "year"), "month_rel": ("month",), "my": ("month", "century"),
    "month_in": ("month",), "weekday_week": ("Day", "week"), "weekday": ("Day",), "ordinal": ("digit", "the"),
    "rel_year": ("year",),
    "rel_month": ("month_word",), "today": ("today",), "ago": ("unit", "direction"), "week_rel": ("unit",),
    "next_day": ("unit",),
    "same": ("unit",), "year": ("century",), "days_vague": ("unit", "direction"),
}
COMPILED = [(kind, re.compile(rx, re.IGNORECASE if kind in CASE_FREE else 0), NEEDS[kind]) for kind, rx in PATTERNS]
# A sentence about what is to come: "will", "is due to", "are scheduled to", "is set to", "upcoming".
FUTURE = re.compile(r"\b(?:will|shall|(?:is|are)\s+(?:due|scheduled|set|expected|planned|going)\s+to|(?:is|are)\s+to"
                    r"|upcoming|forthcoming)\b|['’]ll\b", re.IGNORECASE)
FUTURE_DAYS = 92
MONTH_HINT = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
DIGIT = re.compile(r"\d")


def _hints(text: str) -> frozenset[str]:
    """The cheap facts ``NEEDS`` asks about: a digit, a capitalised month stem, a unit word, and so on."""
    lower = text.lower()
    hints = {name for name, words in (
        ("year", ("year",)), ("month_word", ("month",)), ("week", ("week",)),
        ("unit", ("day", "week", "month", "year")),
        ("direction", ("ago", "earlier", "later", "before", "after")),
        ("today", ("today", "yesterday", "tomorrow", "tonight")), ("the", ("the",)),
        ("century", ("19", "20"))) if any(word in lower for word in words)}
    if DIGIT.search(text):
        hints.add("digit")
    if MONTH_HINT.search(text):
        hints.add("month")
    if "day" in text:
        hints.add("Day")
    return frozenset(hints)


def parse_anchor(anchor: str | None) -> tuple[int | None, int | None, int | None]:
    """'2021-04-15' -> (2021, 4, 15); '2021' -> (2021, None, None); None -> all None."""
    found = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", anchor or "")
    if not found:
        return None, None, None
    y, m, d = (int(p) if p else None for p in found.groups())
    return y, m, d


def iso(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
    """ISO at the precision known; None if the year is unknown or the day impossible."""
    if y is None:
        return None
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _anchor_date(anchor: str | None) -> date | None:
    y, m, d = parse_anchor(anchor)
    if y and m and d:
        try:
            return date(y, m, d)
        except ValueError:
            return None
    return None


def _month_day_year(month: int, day: int | None, anchor: str | None, future: bool = False) -> int | None:
    """The year of a month(/day) with none given: the most recent one not after the anchor, or, in a
    sentence about the future ("will train together from April 11"), the coming one when it is at
    most ``FUTURE_DAYS`` ahead (a date that far ahead in a past-tense sentence is last year's)."""
    ay, am, ad = parse_anchor(anchor)
    if ay is None:
        return None
    if am is None:
        return ay
    if (month, day or 1) > (am, ad or 31):
        base = _anchor_date(anchor)
        ahead = base and (date(ay, month, min(day or 1, calendar.monthrange(ay, month)[1])) - base).days
        return ay if future and ahead and ahead <= FUTURE_DAYS else ay - 1
    return ay


def _shift(base: date, n: float, unit: str, sign: int) -> tuple[date, str]:
    unit = unit.rstrip("s")
    if unit == "day":
        return base + timedelta(days=sign * n), "day"
    if unit == "week":
        return base + timedelta(weeks=sign * n), "day"
    months = int(round(n * (12 if unit == "year" else 1))) * sign
    y, m = divmod(base.month - 1 + months, 12)
    year, month = base.year + y, m + 1
    day = min(base.day, calendar.monthrange(year, month)[1])
    return date(year, month, day), "month" if unit == "month" else "year"


def _clip(value: date, precision: str) -> str:
    return {"day": value.isoformat(), "month": value.isoformat()[:7], "year": value.isoformat()[:4]}[precision]


def resolve_match(kind: str, g: dict[str, str | None], anchor: str | None, previous: str | None,
                  future: bool = False) -> str | None:
    """The ISO value of one matched expression, or None when it cannot be known; ``future``: the
    sentence speaks of what is to come, so a month (and day) without a year may lie just ahead."""
    ay, am, ad = parse_anchor(anchor)
    base = _anchor_date(anchor)
    if kind in ("dmy", "mdy", "iso"):
        return iso(int(g["y"] or 0), _month(g["m"]), _day(g["d"]))
    if kind in ("md", "dm"):
        month, day = _month(g["m"]), _day(g["d"])
        return iso(_month_day_year(month, day, anchor, future), month, day)
    if kind == "md_rel":
        return iso(None if ay is None else ay + {"this": 0, "last": -1, "next": 1}[(g["rel"] or "").lower()],
                   _month(g["m"]), _day(g["d"]))
    if kind == "my":
        return iso(int(g["y"] or 0), _month(g["m"]))
    if kind == "my_rel":
        return iso(None if ay is None else ay + {"this": 0, "last": -1, "next": 1}[(g["rel"] or "").lower()],
                   _month(g["m"]))
    if kind == "month_rel":
        return _month_relative(_month(g["m"]), (g["rel"] or "").lower(), anchor)
    if kind == "month_in":
        month = _month(g["m"])
        return iso(_month_day_year(month, None, anchor, future), month)
    if kind == "year":
        return iso(int(g["y"] or 0))
    if kind == "rel_year":
        return iso(None if ay is None else ay + {"this": 0, "last": -1, "past": -1, "next": 1}[(g["rel"] or "").lower()])
    if kind == "rel_month":
        if ay is None or am is None:
            return None
        delta = {"last": -1, "past": -1, "next": 1}.get((g["rel"] or "").lower(), 0)
        y, m = divmod(am - 1 + delta, 12)
        return iso(ay + y, m + 1)
    if base is None and kind in ("weekday", "weekday_week", "today", "ordinal"):
        return None
    if kind == "weekday_week" and base is not None:  # "on Thursday last week": that week, Monday first
        monday = base - timedelta(days=base.weekday())
        week = 7 if (g["rel"] or "").lower() == "next" else -7
        return (monday + timedelta(days=week + WEEKDAYS[(g["w"] or "").lower()])).isoformat()
    if kind == "weekday" and base is not None:
        rel = (g["rel"] or "").lower()
        if g.get("ahead") and rel in ("", "on", "this"):
            rel = "coming"
        return _weekday(base, WEEKDAYS[(g["w"] or "").lower()], rel)
    if kind == "today" and base is not None:
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[(g["w"] or "").lower()]
        return (base + timedelta(days=offset)).isoformat()
    if kind == "ordinal" and base is not None:
        day = int(g["d"] or 0)
        month_base = base if day <= base.day else (base.replace(day=1) - timedelta(days=1))
        return iso(month_base.year, month_base.month, day)
    if kind in ("ago", "next_day"):
        return _relative(kind, g, base, previous)
    if kind == "same":
        return _same(g["u"] or "", previous)
    if kind == "days_vague":
        return _days_vague(previous, -1 if (g["dir"] or "").lower() == "earlier" else 1)
    return None


VAGUE_DAYS = 7  # "days later" is at most about a week


def _days_vague(previous: str | None, sign: int) -> str | None:
    """"Days later" after "on December 3": the month of that day, when a week's step stays in it
    (2023-12); from a day late in its month, a month or a year, unknown.

    >>> _days_vague("2023-12-03", 1), _days_vague("2023-12-28", 1), _days_vague("2023-12", 1)
    ('2023-12', None, None)
    """
    day = _anchor_date(previous) if previous and len(previous) == 10 else None
    if day is None:
        return None
    moved = day + timedelta(days=sign * VAGUE_DAYS)
    return previous[:7] if (moved.year, moved.month) == (day.year, day.month) else None


def _month_relative(month: int, rel: str, anchor: str | None) -> str | None:
    """'last May' (the latest May before the anchor's month), 'this May', 'next May'."""
    ay, am, _ = parse_anchor(anchor)
    if ay is None or am is None:
        return iso(ay, month) if rel == "this" else None
    if rel == "last":
        return iso(ay if month < am else ay - 1, month)
    if rel == "next":
        return iso(ay if month > am else ay + 1, month)
    return iso(ay, month)


def _same(unit: str, previous: str | None) -> str | None:
    """'that day', 'the same month', 'later that year': the previous date at that precision."""
    width = {"day": 10, "month": 7, "year": 4}[unit.lower()]
    return previous[:width] if previous and len(previous) >= width else None


def _relative(kind: str, g: dict[str, str | None], base: date | None, previous: str | None) -> str | None:
    """'two years later', 'the next day', 'a year earlier': counted from ``previous`` (the date just
    before, at whatever precision it has) and kept no finer than that date ("in 2016 ... two years
    later" is 2018, never a day); a day- or week-step from a month or a year is unknown."""
    if kind == "ago":
        n = words_to_number(g["n"] or "")
        direction = (g["dir"] or "").lower()
        if direction == "ago":
            if n is None or base is None:
                return None
            value, precision = _shift(base, n, g["u"] or "day", -1)
            return _clip(value, precision)
        sign = 1 if direction in ("later", "after") else -1
        return _step(previous, n, g["u"] or "day", sign)
    word = (g["w"] or g["dir"] or g.get("dir2") or "").lower()
    unit = g["u"] or g["u2"] or g.get("u3") or "day"
    return _step(previous, 1, unit, -1 if word in ("previous", "earlier", "before") else 1)


PRECISIONS = ("year", "month", "day")


def _step(previous: str | None, n: float | None, unit: str, sign: int) -> str | None:
    """``previous`` moved by ``n`` units, at the coarser of its precision and the unit's."""
    y, m, d = parse_anchor(previous)
    if n is None or y is None:
        return None
    have = PRECISIONS[(m is not None) + (d is not None)]
    unit = unit.lower().rstrip("s")
    need = {"year": "year", "month": "month"}.get(unit, "day")
    if PRECISIONS.index(need) > PRECISIONS.index(have):
        return None
    try:
        value, precision = _shift(date(y, m or 1, d or 1), n, unit, sign)
    except (ValueError, OverflowError):
        return None
    return _clip(value, min(precision, have, key=PRECISIONS.index))


def _weekday(base: date, weekday: int, rel: str) -> str:
    """Most recent such weekday on or before the anchor ('last X': strictly before; 'next X': after;
    'coming': on or after, for "will meet on Tuesday")."""
    back = (base.weekday() - weekday) % 7
    if rel == "coming":
        return (base + timedelta(days=(weekday - base.weekday()) % 7)).isoformat()
    if rel == "next":
        forward = (weekday - base.weekday()) % 7 or 7
        return (base + timedelta(days=forward)).isoformat()
    if rel == "last" and back == 0:
        back = 7
    return (base - timedelta(days=back)).isoformat()


def _month(text: str | None) -> int:
    key = (text or "").lower().rstrip(".")
    return MONTHS.get(key) or int(key)


def _day(text: str | None) -> int:
    word = re.sub(r"\s+", "-", (text or "").lower())
    return ORDINAL_WORDS[word] if word in ORDINAL_WORDS else int(re.sub(r"\D", "", text or "0"))


def find_dates(text: str, anchor: str | None, offset: int = 0, previous: str | None = None) -> list[DateMention]:
    """Every date expression in ``text``, in text order, non-overlapping (earlier patterns win).

    Expressions are resolved left to right, so "the next day" counts from the last full date before
    it in the same sentence (or ``previous``, the last one before the sentence), and "two years later"
    from the last date of any precision in the sentence ("LEMOA in 2016, COMCASA two years later").
    """
    spans: list[tuple[int, int, str, dict[str, str | None]]] = []
    hints = _hints(text)
    for kind, rx, needs in COMPILED:
        if not hints.issuperset(needs):
            continue
        for m in rx.finditer(text):
            start, end = m.span()
            while start < end and text[start].isspace():
                start += 1
            if start < end and not any(s < end and start < e for s, e, _, _ in spans):
                spans.append((start, end, kind, m.groupdict()))
    found: list[DateMention] = []
    future = any(kind in ("md", "dm", "month_in") for _, _, kind, _ in spans) and bool(FUTURE.search(text))
    for start, end, kind, groups in sorted(spans, key=lambda span: span[0]):
        if kind == "weekday":
            groups = {**groups, "ahead": "yes" if _said_of_the_future(text, start) else None}
        try:
            value = resolve_match(kind, groups, anchor, previous, future)
        except (ValueError, KeyError, OverflowError):
            value = None
        found.append(DateMention(value, offset + start, offset + end, text[start:end]))
        if value:
            previous = value
    return _share_years(found, spans, text, offset)


DEADLINE_BEFORE = re.compile(r"\b(?:until|till|through|up to|no later than|towards?)\s+(?:the\s+end\s+of\s+)?$", re.I)


def is_deadline(text: str, start: int) -> bool:
    """The date at ``start`` of ``text`` is a limit ("effective until February 5, 2026", "valid
    through 2035"), not a day on which something happened: it dates no stage and anchors no
    "the same day" after it."""
    return bool(DEADLINE_BEFORE.search(text[max(0, start - 30): start]))


# what joins the two ends of a range: "began on March 1 and ends on March 15 2023", "from May 3 to May 9, 2021"
RANGE_LINK = re.compile(r"^[^.;:()]{0,40}?\b(?:and|to|until|till|through|-|–)\b[^.;:()]{0,25}$")


def _share_years(found: list[DateMention], spans: list[tuple[int, int, str, dict[str, str | None]]],
                 text: str, offset: int) -> list[DateMention]:
    """A day without a year that nothing resolved, written as the start of a range whose end gives
    the year ("began on March 1 and ends on March 15 2023"), takes that year: a writer names the
    year once for both ends. Only unresolved days change, so dated articles are untouched."""
    kinds = {start + offset: (kind, groups) for start, _, kind, groups in spans}
    out = list(found)
    for n, mention in enumerate(found):
        kind, groups = kinds.get(mention.start, ("", {}))
        if mention.value or kind not in ("md", "dm"):
            continue
        for later in found[n + 1:]:
            later_kind, _ = kinds.get(later.start, ("", {}))
            link = text[mention.end - offset: later.start - offset]
            if later_kind in ("mdy", "dmy") and later.value and RANGE_LINK.match(link):
                try:
                    value = iso(int(later.value[:4]), _month(groups.get("m")), _day(groups.get("d")))
                except (ValueError, KeyError):
                    value = None
                if value and value <= later.value:
                    out[n] = DateMention(value, mention.start, mention.end, mention.text)
            break
    return out


# "will", "is due to" ... and then, in the same clause, the weekday: "talks will resume on Thursday".
FUTURE_BEFORE = re.compile("(?:" + FUTURE.pattern + r")[^,;:()\n]{0,60}$", re.IGNORECASE)
PAST_BETWEEN = re.compile(r"\b(?:said|says|was|were|had|did|told|announced|after|since|that|which|who|when)\b", re.IGNORECASE)


def _said_of_the_future(text: str, start: int) -> bool:
    """Whether a future verb governs the weekday at ``start``: it comes shortly before, in the same
    clause, with no reporting or past verb between ("said on Monday it will" stays in the past)."""
    found = FUTURE_BEFORE.search(text[max(0, start - 80):start])
    return bool(found) and not PAST_BETWEEN.search(found.group())


def resolve_date(expr: str, anchor: str | None, previous: str | None = None) -> str | None:
    """The value of the first date expression in ``expr``, or None."""
    found = find_dates(expr, anchor, previous=previous)
    return found[0].value if found else None
