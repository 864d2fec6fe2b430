"""Numbers in words, durations and money."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.nlp.numbers import find_durations, parse_duration, parse_money, words_to_number


@pytest.mark.parametrize(("text", "expected"), [
    ("twenty-one", 21), ("a dozen", 12), ("1,200", 1200), ("ten", 10), ("a", 1), ("an", 1), ("half", 0.5),
    ("half a", 0.5), ("one hundred and five", 105), ("two thousand", 2000), ("three million", 3e6),
    ("several", None), ("hundreds", None), ("", None),
])
def test_words_to_number(text: str, expected: float | None) -> None:
    assert words_to_number(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("valid for ten years", (10, "year")),
    ("a 20-year term", (20, "year")),
    ("the 10-year treaty", (10, "year")),
    ("for another decade", (10, "year")),
    ("two decades", (20, "year")),
    ("three months' notice", (3, "month")),
    ("a six-month notice", (6, "month")),
    ("half a year", (0.5, "year")),
    ("a year and a half", (1.5, "year")),
    ("in its first year", None),
])
def test_durations_in_words_digits_and_decades(text: str, expected: tuple[float, str] | None) -> None:
    assert parse_duration(text) == expected


def test_duration_offsets_and_conversions() -> None:
    (six,) = find_durations("with a six-month notice", offset=10)
    assert (six.value, six.unit, six.months, six.start, six.end) == (6, "month", 6, 17, 26)
    (term,) = find_durations("for 25 years")
    assert term.years == 25 and term.months == 300


@pytest.mark.parametrize(("text", "expected"), [
    ("$6.5 billion", [(6.5e9, "USD")]),
    ("US$6.5 billion", [(6.5e9, "USD")]),
    ("USD 200 million", [(2e8, "USD")]),
    ("200 million dollars", [(2e8, "USD")]),
    ("6.5 billion US dollars", [(6.5e9, "USD")]),
    ("the $3.2-billion deal", [(3.2e9, "USD")]),
    ("$5-6 billion", [(5e9, "USD")]),
    ("$6.5bn", [(6.5e9, "USD")]),
    ("Rs 64,000 crore", [(6.4e11, "INR")]),
    ("Euro 7 billion", [(7e9, "EUR")]),
    ("€7 billion", [(7e9, "EUR")]),
    ("EUR 7 billion", [(7e9, "EUR")]),
    ("about 1.2 trillion won", [(1.2e12, "KRW")]),
    ("500 million roubles", [(5e8, "RUB")]),
    ("try 5 times", []),
    ("paid in US dollars", []),
])
def test_money_with_currencies_and_scales(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(m.amount, m.currency) for m in parse_money(text)] == expected


def test_money_in_a_sentence_with_offsets() -> None:
    text = "worth US$6.5 billion, or Rs 64,000 crore (Euro 7 billion), and $200 million"
    found = parse_money(text, offset=5)
    assert [(m.amount, m.currency) for m in found] == [(6.5e9, "USD"), (6.4e11, "INR"), (7e9, "EUR"), (2e8, "USD")]
    assert [text[m.start - 5:m.end - 5] for m in found] == [
        "US$6.5 billion", "Rs 64,000 crore", "Euro 7 billion", "$200 million"]


@given(st.text(max_size=120))
def test_any_text_never_raises(text: str) -> None:
    for d in find_durations(text):
        assert d.value >= 0 and d.unit in ("year", "month", "week", "day")
    for m in parse_money(text):
        assert m.amount >= 0 and 0 <= m.start < m.end <= len(text)


@pytest.mark.parametrize(("text", "value"), [
    ("the second one two years later", 2.0),
    ("it runs for twenty five years", 25.0),
    ("another two years", 2.0),
    ("two hundred days", 200.0),
])
def test_two_number_words_join_only_as_one_number(text: str, value: float) -> None:
    assert [d.value for d in find_durations(text)] == [value]
