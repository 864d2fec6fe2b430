"""Numbers in words, durations and money."""

from __future__ import annotations

from pactwatch.nlp.numbers import find_durations, parse_duration, parse_money, words_to_number


def test_words_to_number() -> None:
    assert words_to_number("twenty-one") == 21
    assert words_to_number("a dozen") == 12
    assert words_to_number("1,200") == 1200
    assert words_to_number("ten") == 10
    assert words_to_number("several") is None


def test_durations_in_words_digits_and_decades() -> None:
    assert parse_duration("valid for ten years") == (10, "year")
    assert parse_duration("a 20-year term") == (20, "year")
    assert parse_duration("for another decade") == (10, "year")
    assert parse_duration("three months' notice") == (3, "month")
    six = find_durations("a six-month notice")[0]
    assert (six.value, six.unit, six.months) == (6, "month", 6)


def test_money_with_currencies_and_scales() -> None:
    found = parse_money("worth US$6.5 billion, or Rs 64,000 crore (Euro 7 billion), and $200 million")
    assert [(m.amount, m.currency) for m in found] == [
        (6.5e9, "USD"), (6.4e11, "INR"), (7e9, "EUR"), (2e8, "USD")]
