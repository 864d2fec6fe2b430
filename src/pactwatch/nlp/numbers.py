"""Numbers in words and digits, durations and money amounts.

"ten years", "another decade", "a 20-year term", "three months' notice", "$6.5 billion",
"Rs 64,000 crore" — the quantities agreements and arms deals are stated in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12, "half": 0.5, "another": 1, "single": 1,
}
MULTIPLIERS = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "dozen": 12}
NUMBER_WORD = "|".join(sorted(set(UNITS) | set(MULTIPLIERS), key=len, reverse=True))
TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
ONES = "one|two|three|four|five|six|seven|eight|nine"
LEADS = "another|single|half|an|a"
MULTIPLIER_WORD = "|".join(MULTIPLIERS)
# Two words make one number only as "twenty-one", "a dozen"/"another two"/"half a", or "two hundred":
# "the second one two years later" is "two years", never three.
NUMBER = (rf"(?:\d+(?:[.,]\d+)*|(?:{TENS})[\s-](?:{ONES})\b|(?:{LEADS})[\s-](?:{NUMBER_WORD})\b"
          rf"|(?:{NUMBER_WORD})(?:[\s-](?:{MULTIPLIER_WORD})\b)?)")
UNIT_WORDS = {"year": "year", "years": "year", "decade": "decade", "decades": "decade",
              "month": "month", "months": "month", "week": "week", "weeks": "week",
              "day": "day", "days": "day"}
DURATION_RE = re.compile(
    rf"\b({NUMBER})[\s-]+(years?|decades?|months?|weeks?|days?)\b(\s+and\s+a\s+half\b)?"
    r"|\b(another|a|one)\s+(decade)\b",
    re.IGNORECASE,
)
SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
          "trillion": 1e12, "crore": 1e7, "lakh": 1e5}
SCALE = r"(?:thousand|million|billion|trillion|crore|lakh|mn|bn|m|b)\b"
HYPHEN_OR_SPACE = rf"(?:-(?={SCALE})|\s*)"  # "$3.2-billion deal", "Rs 64,000-crore"
CURRENCY_PREFIX = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "euro": "EUR",
                   "euros": "EUR", "£": "GBP", "gbp": "GBP", "rs": "INR", "rs.": "INR", "inr": "INR",
                   "₹": "INR", "rub": "RUB", "₩": "KRW", "krw": "KRW", "won": "KRW", "jpy": "JPY", "cny": "CNY",
                   "sar": "SAR", "aed": "AED", "pln": "PLN", "try": "TRY", "roubles": "RUB", "rubles": "RUB",
                   "yen": "JPY", "yuan": "CNY", "riyals": "SAR", "dirhams": "AED", "zloty": "PLN", "lira": "TRY",
                   "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD",
                   "pounds": "GBP", "pounds sterling": "GBP", "rupees": "INR"}
MONEY_RE = re.compile(
    r"(?P<cur>US\$|\$|€|£|₹|₩|(?-i:USD|EUR|GBP|INR|KRW|RUB|JPY|CNY|SAR|AED|PLN|TRY)|Rs\.?|Euro|euro)\s?"
    r"(?P<num>\d+(?:[.,]\d+)*)(?:\s*[-–]\s*\d+(?:\.\d+)?(?=\s*" + SCALE + r"))?" + HYPHEN_OR_SPACE +
    rf"(?P<scale>{SCALE})?"
    r"|(?P<num2>\d+(?:[.,]\d+)*)" + HYPHEN_OR_SPACE + r"(?P<scale2>" + SCALE + r")?\s*"
    r"(?P<cur2>(?:US |U\.S\. |American )?dollars|euros|pounds(?: sterling)?|rupees|won|roubles|rubles|yen|yuan"
    r"|riyals|dirhams|zloty|lira)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Duration:
    """A stated period: ``value`` in ``unit`` ("year", "month", "week", "day")."""

    value: float
    unit: str
    start: int
    end: int

    @property
    def years(self) -> float:
        return {"year": 1.0, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25}[self.unit] * self.value

    @property
    def months(self) -> float:
        return {"year": 12.0, "month": 1.0, "week": 12 / 52.18, "day": 12 / 365.25}[self.unit] * self.value


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str
    start: int
    end: int


def words_to_number(text: str) -> float | None:
    """'twenty-one' -> 21, '1,200' -> 1200, 'a dozen' -> 12, 'half a' -> 0.5; None if not a number."""
    text = text.strip().lower().replace("-", " ")
    if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    parts = [p for p in text.split() if p != "and"]
    if not parts or any(p not in UNITS and p not in MULTIPLIERS for p in parts):
        return None
    if parts[0] == "half" and parts[1:] in ([], ["a"], ["an"]):
        return 0.5
    if parts[0] in ("a", "an", "another", "single") and len(parts) > 1:
        parts = parts[1:]
    total, current = 0.0, 0.0
    for part in parts:
        if part in MULTIPLIERS:
            current = (current or 1) * MULTIPLIERS[part]
            if MULTIPLIERS[part] >= 1000:
                total, current = total + current, 0.0
        else:
            current += UNITS[part]
    return total + current


def parse_duration(text: str) -> tuple[float, str] | None:
    """'ten years' -> (10, 'year'); 'another decade' -> (10, 'year'); 'six-month' -> (6, 'month')."""
    found = find_durations(text)
    if not found:
        return None
    return found[0].value, found[0].unit


def find_durations(text: str, offset: int = 0) -> list[Duration]:
    """Every period stated in ``text``; decades become years."""
    out: list[Duration] = []
    for m in DURATION_RE.finditer(text):
        if m.group(5):
            value, unit = 10.0, "year"
        else:
            number = words_to_number(m.group(1))
            if number is None:
                continue
            unit = UNIT_WORDS[m.group(2).lower()]
            value = number + (0.5 if m.group(3) else 0.0)
            if unit == "decade":
                value, unit = number * 10, "year"
        article = re.match(r"(?:an?|another)[\s-]+(?=\S)", m.group(1) or "", re.IGNORECASE)
        start = m.start() + (article.end() if article else 0)  # "a six-month" -> "six-month"
        out.append(Duration(value, unit, offset + start, offset + m.end()))
    return out


def parse_money(text: str, offset: int = 0) -> list[Money]:
    """Amounts with their currency: '$6.5 billion' -> 6.5e9 USD; 'Rs 64,000 crore' -> 6.4e11 INR."""
    out: list[Money] = []
    for m in MONEY_RE.finditer(text):
        cur = (m.group("cur") or m.group("cur2") or "").lower()
        num = m.group("num") or m.group("num2")
        scale = (m.group("scale") or m.group("scale2") or "").lower()
        currency = CURRENCY_PREFIX.get(cur, cur.upper())
        amount = float(num.replace(",", "")) * SCALES.get(scale, 1.0)
        out.append(Money(amount, currency, offset + m.start(), offset + m.end()))
    return out
