"""The article's own date: a ``date`` marker, a "Published ..." or date-only header line, a byline
with a date, or a dateline ("ANKARA, November 17 (Xinhua) —") that gives month and day; and the
dateline itself (``read_dateline``): its span, place, the place's state and its date, read once here
so that no later stage parses it again or mistakes its date for one the story reports.

Only the article's own date is wanted here; dates inside the story are the NLP stage's job, so
these rules look at the marker and the first few header lines, never at prose.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from pactwatch.article import Article, Dateline
from pactwatch.gazetteer import actor_kind, resolve_actor, resolve_place

HEADER_LINES = 10
MAX_HEADER_LINE_CHARS = 120

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(?:(?:" + "|".join(d.lower() for d in calendar.day_name) + "|" + "|".join(
    d.lower() for d in calendar.day_abbr) + r")\.?,?\s+)?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d{2})"
TIME = r"(?:\s*(?:,|at|-|–|—|\|)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
WRITTEN_DATES = [
    re.compile(rf"{WEEKDAY}{MONTH}\s+{DAY},?\s+{YEAR}", re.IGNORECASE),
    re.compile(rf"{WEEKDAY}{DAY}\s+{MONTH},?\s+{YEAR}", re.IGNORECASE),
    re.compile(rf"{YEAR}-(?P<month>\d{{2}})-(?P<day>\d{{2}})"),
    re.compile(rf"\b{DAY}\.(?P<month>\d{{1,2}})\.{YEAR}\b"),  # "04.07.2024": day first, as written with dots
]
DATE_MARKER = re.compile(r"\A\s*date\s+(?P<iso>\d{4}-\d{2}-\d{2})\b[ \t]*")
ISO_PARTIAL = re.compile(r"^\s*(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?:[T ].*)?\s*$")
PUBLISHED_LINE = re.compile(
    r"^\s*(?:first\s+)?(?:published|posted|updated|last updated|date)\s*(?:on|:)?\s*", re.IGNORECASE)
# "Published April 5, 2022 | 16:40 CET | Updated 18:02 CET": the update note after the first date is metadata too.
UPDATED_TAIL = re.compile(r"\s*[|•·;,]?\s*(?:last\s+)?(?:updated|modified|edited)\b.*$", re.IGNORECASE)
BYLINE = re.compile(r"^\s*By\s+\S")
DATELINE = re.compile(
    rf"^\s*(?P<place>[A-Z][A-Za-z.'’ -]{{1,40}})(?:,\s*[A-Z][A-Za-z.'’ -]{{1,40}})?,\s*{MONTH}\s+{DAY}\b\.?\s*"
    r"(?:\([^)]{1,40}\)|/[^/]{1,20}/|[—–-]{1,2}|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MonthDay:
    """A dateline's month and day, whose year the dateline does not say."""

    month: int
    day: int

    def in_year(self, year: int) -> str | None:
        """The ISO date in ``year``, or None where the day does not exist in it."""
        return _iso(year, self.month, self.day)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def split_date_marker(text: str) -> tuple[str | None, str]:
    """Take a leading `` date 2021-04-15`` marker off the text; return (ISO date, rest of text)."""
    match = DATE_MARKER.match(text)
    if not match:
        return None, text
    iso = match.group("iso")
    year, month, day = (int(part) for part in iso.split("-"))
    return _iso(year, month, day), text[match.end():]


def parse_written_date(value: str) -> str | None:
    """The first full written date in ``value`` as ISO ("Mar 9, 2026" -> "2026-03-09")."""
    for pattern in WRITTEN_DATES:
        match = pattern.search(value)
        if match:
            month = match.group("month").lower().rstrip(".")
            number = int(month) if month.isdigit() else MONTHS[month]
            iso = _iso(int(match.group("year")), number, int(match.group("day")))
            if iso:
                return iso
    return None


def normalise_published(value: object) -> str | None:
    """A metadata date (JSON field, HTML meta) as ISO at its precision, or None if unreadable.

    >>> normalise_published("2021-04-15T08:00:00Z"), normalise_published("2021-04")
    ('2021-04-15', '2021-04')
    """
    if not isinstance(value, str):
        return None
    match = ISO_PARTIAL.match(value)
    if not match:
        return parse_written_date(value)
    year, month, day = match.group("year", "month", "day")
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{month}"
    return _iso(int(year), int(month), int(day))


def header_date(lines: list[str]) -> tuple[str | None, int | None]:
    """A date from the header lines: "Published Mar 9, 2026", a date-only line, or a dated byline.

    Returns the ISO date and the index of a metadata line that should leave the text (None for a
    byline, which the boilerplate filter removes anyway).
    """
    for index, line in opening_lines(lines, HEADER_LINES):
        stripped = line.strip()
        if len(stripped) > MAX_HEADER_LINE_CHARS:
            continue
        iso = parse_written_date(stripped)
        if iso is None:
            continue
        if PUBLISHED_LINE.match(stripped) and _only_date_left(_without_update(PUBLISHED_LINE.sub("", stripped))):
            return iso, index
        if _only_date_left(stripped):
            return iso, index
        if _date_then_labels(PUBLISHED_LINE.sub("", stripped)) or PUBLISHED_LINE.match(stripped) and _date_segment(
                PUBLISHED_LINE.sub("", stripped)):  # "Published 30 January 2024, 18:05 GMT+7"
            return iso, index
        if BYLINE.match(stripped) and not stripped.endswith("."):
            return iso, None
    return None, None


BY_TAIL = re.compile(r"\s+by\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}\s*$")


CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?"
                   r"|\s*[A-Z]{2,4}\b)?")


def _date_segment(part: str) -> bool:
    """A segment that is a date and at most a clock time ("2023-07-11 20:14:32", "13 MAY 2024 3:45PM")."""
    bare = CLOCK.sub("", part).strip(" :,|-")
    return bool(bare) and (_only_date_left(bare) or bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", bare)))


def _date_then_labels(value: str) -> bool:
    """"Aug 22, 2023 | 09:15 CET | Defence & Security", "Source: Xinhua | 2023-07-11 20:14:32 | Editor:
    huaxia", "13 MAY 2024 3:45PM by PIB Delhi": a date among short labels between bars, or with its
    byline, is the page's date line."""
    parts = [BY_TAIL.sub("", p.strip()) for p in re.split(r"\s[|•·]\s", value)]
    dated = [n for n, p in enumerate(parts) if _date_segment(p)]
    if not dated or len(parts) < 2 and not BY_TAIL.search(value):
        return False  # "13 MAY 2024 3:45PM by PIB Delhi" alone is a date with its byline
    return all(0 < len(p.split()) <= 4 and not p.endswith(".") for n, p in enumerate(parts) if n != dated[0])


def _without_update(value: str) -> str:
    """Drop an "| Updated 18:02 CET" tail that follows the first date (never the whole value)."""
    match = UPDATED_TAIL.search(value)
    return value[:match.start()] if match and match.start() > 0 else value


def _only_date_left(value: str) -> bool:
    """True when ``value`` is a date (with weekday and time at most) and nothing else."""
    for pattern in WRITTEN_DATES:
        match = pattern.search(value)
        if match:
            rest = value[: match.start()] + value[match.end():]
            rest = re.sub(TIME, "", rest, count=1, flags=re.IGNORECASE)
            return not re.sub(r"[\s,|.:-]", "", rest)
    return False


def opening_lines(lines: Sequence[str], count: int) -> Iterator[tuple[int, str]]:
    """(index, line) of the first ``count`` non-blank lines: where a header, dateline or
    "Published" line can stand."""
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > count:
            return
        yield index, line


def find_dateline(text: str) -> MonthDay | None:
    """The month and day of a dateline at the start of one of the first paragraphs (see ``dateline_line``)."""
    found = dateline_line(text)
    return found[0] if found else None


def dateline_line(text: str) -> tuple[MonthDay, str] | None:
    """The month and day of a dateline at the start of one of the first paragraphs.

    >>> dateline_line("BUDAPEST, Feb. 26 (Xinhua) -- Lawmakers voted.")
    (MonthDay(month=2, day=26), 'BUDAPEST, Feb. 26 (Xinhua) -- Lawmakers voted.')
    """
    for _, line in opening_lines(text.split("\n"), HEADER_LINES):
        match = DATELINE.match(line)
        if match:
            month = MONTHS[match.group("month").lower().rstrip(".")]
            day = int(match.group("day"))
            if _iso(2000, month, day):
                return MonthDay(month, day), line
    return None


def complete_with_dateline(published: str | None, dateline: MonthDay | None) -> str | None:
    """Give a year-only (or matching year-month) date the dateline's day; otherwise keep it."""
    if published is None or dateline is None or len(published) == 10:
        return published
    year = int(published[:4])
    if len(published) == 7 and int(published[5:7]) != dateline.month:
        return published
    return dateline.in_year(year) or published


# A year that names the story's own occasion ("Talisman Sabre 2023", "the 2023 edition"), not one after a
# preposition ("in 2014", "by 2030", "until 2026") that points elsewhere in time, nor part of a range or decade.
YEAR_IN_PROSE = re.compile(
    r"(?<![\w/.,$€£-])((?:19|20)\d{2})(?![\w/-]|\s*[–—]\s*\d|,\d)"
    r"(?!\s+(?:troops|soldiers|personnel|people|members|tons|tonnes|km|kilometres|kilometers|miles|units|vehicles"
    r"|tanks|aircraft|missiles|sailors|marines|pages|dollars|euros)\b)")
# "July 2022", "July 12, 2022", "12 July 2022": a year that dates something, not one naming the occasion.
DATE_BEFORE_YEAR = re.compile(
    r"(?:\b\d{1,2}\s+)?\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+$")
# an event named with its year in the title ("Zapad-2021", "Vostok-2018"): the story's year
NAMED_EDITION = re.compile(r"\b[A-Z][A-Za-z]+-((?:19|20)\d{2})\b")
ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
POINTING_WORDS = re.compile(
    r"(?:\b(?:in|by|until|till|since|from|before|after|through|to|of|between|and|during|around|than|for|next|"
    r"upcoming|ahead|early|late|mid|end|spring|summer|autumn|fall|winter)\s+(?:the\s+)?|[-–—]\s*)$",
    re.IGNORECASE)


def _dates_another_day(before: str, dateline: str) -> bool:
    """Whether the year after ``before`` completes a date ("July 2022", "12 March 2021") other than the
    dateline's own month and day ("PERTH, October 22 - ... on Saturday, October 22, 2022" confirms it)."""
    date_match = DATE_BEFORE_YEAR.search(before)
    if date_match is None:
        return False
    own = DATELINE.match(dateline)
    month = next((MONTHS[w.lower()] for w in re.findall(r"[A-Za-z]+", date_match.group()) if w.lower() in MONTHS),
                 None)
    digits = re.findall(r"\d+", date_match.group())
    day = int(digits[0]) if digits else None
    if own is None or month != MONTHS[own.group("month").lower().rstrip(".")]:
        return True
    return day is not None and day != int(own.group("day"))


def infer_dateline_year(text: str, dateline: str) -> int | None:
    """The year of a dateline without one, when the story names it: conservative by design.

    The latest year used as a name in the title (first line) or the dateline paragraph counts, and
    only when no later year appears anywhere in the text (a later year means the story may be
    looking back). Anything less clear leaves the date unknown rather than guessing.

    >>> infer_dateline_year("Games 2023 open", "CITY, July 22 - Games began, as in 2019.")
    2023
    """
    title = text.split("\n", 1)[0]
    named = [int(m.group(1)) for part in dict.fromkeys((title, dateline)) for m in YEAR_IN_PROSE.finditer(part)
             if not POINTING_WORDS.search(part[:m.start()]) and not _dates_another_day(part[:m.start()], dateline)]
    named += [int(m.group(1)) for m in NAMED_EDITION.finditer(title)]  # "Zapad-2021 war games"
    if not named:
        return None
    year = max(named)
    every_year = (int(m.group()) for m in ANY_YEAR.finditer(text))
    return None if any(other > year for other in every_year) else year


# "in April last year" / "last April" style pairs the body can check against its own explicit dates.
_MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
MONTH_RELATIVE_YEAR = re.compile(rf"\b(?P<month>{_MONTH_NAMES})\s+(?:of\s+)?(?P<rel>this|last)\s+year\b")
MONTH_WITH_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES})\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?(?P<year>(?:19|20)\d{{2}})\b"
    rf"|\b\d{{1,2}}\s+(?P<month2>{_MONTH_NAMES})\s+(?P<year2>(?:19|20)\d{{2}})\b")


def infer_year_from_body(text: str, dateline: MonthDay) -> int | None:
    """The year of a dateline without one, from the body's own relative and explicit dates agreeing.

    A month the story dates relatively ("in April last year") and explicitly elsewhere ("April 2023")
    pins the story's year (2024), when every such pair points to the same year, no year after it is
    named anywhere (a later year means the story may look back from further on), and a month "this
    year" does not lie after the dateline's. Anything less leaves the date unknown.

    >>> infer_year_from_body("Finland joined in April last year. In April 2023 it became a member.", MonthDay(5, 12))
    2024
    """
    explicit: dict[str, set[int]] = {}
    for match in MONTH_WITH_YEAR.finditer(text):
        month = match.group("month") or match.group("month2")
        explicit.setdefault(month, set()).add(int(match.group("year") or match.group("year2")))
    candidates: set[int] = set()
    for match in MONTH_RELATIVE_YEAR.finditer(text):
        month, rel = match.group("month"), match.group("rel")
        if rel == "this" and MONTHS[month.lower()] > dateline.month:
            return None  # "in June this year" before a May dateline: a plan, or a dateline we misread
        years = explicit.get(month, set())
        candidates |= {year + (1 if rel == "last" else 0) for year in years}
    if len(candidates) != 1:
        return None
    year = next(iter(candidates))
    every_year = [int(m.group()) for m in ANY_YEAR.finditer(text)]
    return None if any(other > year for other in every_year) else year


def year_of_the_datelines_own_day(text: str, dateline: MonthDay) -> int | None:
    """The year of a body date that repeats the dateline's month and day ("TOKYO, December 14 - ...
    signed on Thursday, December 14, 2023"): the story states its own date. None when absent or
    when such dates disagree on the year.

    >>> year_of_the_datelines_own_day("OSLO, May 3 - On 3 May 2021 they met.", MonthDay(5, 3))
    2021
    """
    years = {int(m.group("year")) for pattern in WRITTEN_DATES[:2] for m in pattern.finditer(text)
             if MONTHS.get(m.group("month").lower().rstrip(".")) == dateline.month
             and int(m.group("day")) == dateline.day}
    return next(iter(years)) if len(years) == 1 else None


# "VILNIUS, May 22 (Desk) -", "WARSAW -", "Baku, Azerbaijan, June 13": the city that opens a paragraph.
DATELINE_CITY = re.compile(r"^\s*([A-Z][A-Za-z.'’ -]{1,30}?)\s*(,|\s[-–—])")
UNDATED_DATELINE_LINES = 6
# what follows "CITY," in a dateline: a date, an agency, a dash, or a country and then one of those
DATELINE_REST = re.compile(r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}\b|\(|[-–—]|"
                           r"[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:, [A-Z][a-z]{2,8}\.? \d| \(|\s[-–—]))")
# the rest of a dateline after its place: ", South Korea", ", March 2, 2021", "(Reuters)", "—"
DATELINE_TAIL = re.compile(
    r"(?:,\s*(?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=,|\s*\(|\s*[—–-]))?"
    rf"(?:,\s*(?i:{MONTH})\s+{DAY}\b\.?(?:,?\s*{YEAR}\b)?)?"
    r"(?:\s*(?:\([^)]{1,40}\)|/[^/]{1,20}/\.?))?"
    r"(?:\s*[—–-]{1,2})?")
DASHES = "—–-"


@dataclass(frozen=True)
class DatelineMatch:
    """A dateline found in the text, before its year is known: where it lies and what it says."""

    start: int
    end: int
    place: str
    region: str | None
    month_day: MonthDay | None  # "CITY, March 2 (Agency) —": the form that dates the article
    written: MonthDay | None  # the day written in the dateline in any form ("CITY, March 2, 2021 -")
    year: int | None  # the year written in it, if any
    closed: bool  # dated, or ending with an agency or a dash: surely a dateline, no prose
    line: str


def read_dateline(text: str, own_date: str | None) -> tuple[str | None, Dateline | None]:
    """The article's published date (``own_date`` completed by the dateline) and its dateline.

    The one place a dateline is parsed: readers call it on the cleaned text, and ``dateline_of``
    calls it for an Article built without one. Given its own result it returns the same again.

    >>> read_dateline("WARSAW, March 2 (Reuters) — Poland signed.", "2024")[1]
    Dateline(start=0, end=27, place='WARSAW', state='POL', date='2024-03-02')
    """
    found = locate_dateline(text)
    if found is None:
        return own_date, None
    published = own_date
    if found.month_day is not None:
        published = date_from_dateline(own_date, text, found.month_day, found.line)
    elif found.written is not None and found.year is not None and own_date is None and found.closed:
        published = found.written.in_year(found.year)  # "WASHINGTON, March 2, 2021 (Reuters) -"
    state = place_state(found.place) or (place_state(found.region) if found.region else None)
    dated = _dateline_date(found, published)
    return published, Dateline(found.start, found.end, found.place, state, dated)


def dateline_of(article: Article) -> Dateline | None:
    """The article's dateline: the reader's, or read from the text for an Article built by hand."""
    if article.dateline is not None:
        return article.dateline
    return read_dateline(article.text, article.published)[1]


def locate_dateline(text: str) -> DatelineMatch | None:
    """The dateline opening one of the first paragraphs: a place then a date ("ANKARA, November 17
    (Xinhua) —"), or a place then an agency or a dash ("SEOUL, South Korea (AP) —", "WARSAW -").
    A headline starting "Poland, U.S. sign ..." is none: after the comma must come a date, an
    agency, a dash, or a country and then one of those."""
    offset = 0
    seen = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        seen += 1
        if seen > HEADER_LINES:
            return None
        found = _match_line(line, start, undated=seen <= UNDATED_DATELINE_LINES)
        if found is not None:
            return found
    return None


def _match_line(line: str, start: int, undated: bool) -> DatelineMatch | None:
    """The dateline at the start of ``line`` (which begins at ``start`` in the text), or None."""
    dated, month_day = _dated_match(line)
    placed = _placed_match(line) if undated else None
    if dated is None and placed is None:
        return None
    place = placed.group(1) if placed else dated.group("place") if dated else ""
    end = max(dated.end() if dated else 0, placed.start(2) if placed else 0)
    tail = None if line[:end].rstrip()[-1:] in DASHES else DATELINE_TAIL.match(line, end)
    end = len(line[:tail.end() if tail else end].rstrip())
    closed = dated is not None or line[end - 1] in DASHES + ")/"
    if placed is not None and not closed:
        # "Kyiv, February 24, 2022 was the day ...": the place may be a dateline's, the date is the story's
        end, tail = len(line[:placed.end(1)].rstrip()), None
    written = month_day or _tail_month_day(tail)
    year = int(tail.group("year")) if tail is not None and tail.group("year") else None
    first = len(line) - len(line.lstrip())
    return DatelineMatch(start + first, start + end, place.strip(), tail.group("region") if tail else None,
                         month_day, written, year, closed, line)


def _dated_match(line: str) -> tuple[re.Match[str] | None, MonthDay | None]:
    """"ANKARA, November 17 (Xinhua)": the dateline form that dates the article, with its day."""
    match = DATELINE.match(line)
    if match is None:
        return None, None
    month, day = MONTHS[match.group("month").lower().rstrip(".")], int(match.group("day"))
    return (match, MonthDay(month, day)) if _iso(2000, month, day) else (None, None)


def _placed_match(line: str) -> re.Match[str] | None:
    """"WARSAW -", "SEOUL, South Korea (AP)": a place, then after a comma a date, an agency, a dash,
    or a country and one of those (so a headline "Poland, U.S. sign ..." is no dateline)."""
    match = DATELINE_CITY.match(line)
    if match is not None and match.group(2) == "," and not DATELINE_REST.match(line[match.end():].lstrip(" ,")):
        return None
    return match


def _tail_month_day(tail: re.Match[str] | None) -> MonthDay | None:
    if tail is None or not tail.group("month"):
        return None
    month = MONTHS[tail.group("month").lower().rstrip(".")]
    return MonthDay(month, int(tail.group("day"))) if _iso(2000, month, int(tail.group("day"))) else None


def date_from_dateline(own_date: str | None, text: str, month_day: MonthDay, line: str) -> str | None:
    """The dateline completes a partial date; with no date at all, it gives one only in a year the
    story itself names (``infer_dateline_year``), since a wrong year would misdate every relative date."""
    if own_date is not None:
        return complete_with_dateline(own_date, month_day)
    year = year_of_the_datelines_own_day(text, month_day)
    if year is None:
        named, agreed = infer_dateline_year(text, line), infer_year_from_body(text, month_day)
        year = named or agreed if not (named and agreed and named != agreed) else None
    if year is None:
        year = year_of_the_weekday(text, line, month_day)
    return month_day.in_year(year) if year else None


WEEKDAY_IN_LEAD = re.compile(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
LATEST_PLAUSIBLE_YEAR = 2030
# "effective until February 5, 2026", "expires in 2030": a limit, not a year the story has reached
LIMIT_BEFORE = re.compile(r"\b(?:until|till|through|up to|no later than|expir\w*(?: in| on)?|by)\s+(?:[\w,]+\s+){0,2}$",
                          re.IGNORECASE)


def year_of_the_weekday(text: str, line: str, month_day: MonthDay) -> int | None:
    """"SEOUL, Nov 22 — South Korea on Friday put on hold ...": wire copy tells its own day's events
    by weekday, so the dateline's year is the one, of the latest year the story names and the year
    after, in which that day falls on that weekday; None unless exactly one does."""
    said = WEEKDAY_IN_LEAD.search(line)
    years = [int(m.group()) for m in ANY_YEAR.finditer(text) if int(m.group()) <= LATEST_PLAUSIBLE_YEAR
             and not LIMIT_BEFORE.search(text[max(0, m.start() - 30): m.start()])]
    if said is None or not years:
        return None
    weekday = WEEKDAYS.index(said.group(1).lower())
    fitting = []
    for year in (max(years), max(years) + 1):
        try:
            if datetime.date(year, month_day.month, month_day.day).weekday() == weekday:
                fitting.append(year)
        except ValueError:
            continue
    return fitting[0] if len(fitting) == 1 else None


def _dateline_date(found: DatelineMatch, published: str | None) -> str | None:
    """The dateline's own day as ISO: in its own year, else the published date's year (the year
    before or after when that puts it nearer a full published date: "December 31" filed on 1 January)."""
    written = found.written
    if written is None:
        return None
    if found.year is not None:
        return written.in_year(found.year)
    if published is None:
        return None
    year = int(published[:4])
    if len(published) < 10:
        return written.in_year(year)
    day = date.fromisoformat(published)
    options = [iso for iso in (written.in_year(y) for y in (year - 1, year, year + 1)) if iso]
    return min(options, key=lambda iso: abs((date.fromisoformat(iso) - day).days), default=None)


def place_state(place: str) -> str | None:
    """The state a dateline's place names or lies in ("NEW DELHI" -> "IND", "SYDNEY" -> "AUS"):
    an all-capitals place is read in title case, since the gazetteer holds names as written."""
    name = place.title() if place.isupper() else place
    code = resolve_actor(name)
    if code and actor_kind(code) == "state":
        return code
    return resolve_place(name)
