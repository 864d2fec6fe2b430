"""Every date the app accepts renders, and every error answer carries the security headers.

0001-01-01 and 9999-12-31 are valid ISO dates; the chart axis once padded them past the calendar
(OverflowError) and the agreement page and /timeline answered 500 for good.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fake_kb import FakeKnowledgeBase

from conftest import TestClient, real_kb
from pactwatch.article import Article
from pactwatch.web import create_app
from pactwatch.web.charts import axis, lifecycle_strip, month_ticks, timeline_chart, year_ticks
from pactwatch.web.guards import SECURITY_HEADERS

HTML = {"accept": "text/html"}
EXTREMES = ["0001-01-01", "0001-01-02", "9999-12-30", "9999-12-31"]


@pytest.mark.parametrize("as_of", EXTREMES)
@pytest.mark.parametrize("agreement", ["agr-shusha", "agr-grc-fra"])
def test_agreement_pages_render_on_the_calendars_first_and_last_days(client, agreement, as_of) -> None:
    page = client.get(f"/agreements/{agreement}?as_of={as_of}", headers=HTML)
    assert page.status_code == 200, page.text[:300]
    assert 'class="strip"' in page.text and f"today {as_of}" in page.text


@pytest.mark.parametrize("path", ["/agreements?as_of=9999-12-31", "/agreements?as_of=0001-01-01",
                                  "/network?as_of=9999-12-31", "/timeline?start=0001-01-01&end=9999-12-31",
                                  "/api/agreements/agr-grc-fra?as_of=9999-12-31"])
def test_lists_filtered_by_extreme_dates_render(client, path) -> None:
    assert client.get(path, headers=HTML).status_code == 200


def test_articles_dated_at_the_ends_of_the_calendar_render_everywhere(tmp_path) -> None:
    kb = real_kb(tmp_path / "far.db")
    kb.ingest_articles([
        Article("far-future", "ATHENS, December 30 (Test Wire) - Greece and France signed a defence cooperation "
                "agreement in Athens on Wednesday, the ministries said. It runs for five years and renews "
                "automatically.", "far.txt", "9999-12-30", None, "Far future pact"),
        Article("far-past", "ROME - Italy and Spain signed a defence cooperation agreement in Rome on 2 January 1, "
                "the ministries said.", "past.txt", "0001-01-03", None, "Far past pact")])
    dates = sorted(item["date"] for item in kb.timeline())
    assert dates[0].startswith("0001-") and dates[-1].startswith("9999-12")
    client = TestClient(create_app(kb=kb))
    ids = [a["id"] for a in kb.agreements()]
    paths = ["/timeline", "/agreements", "/network", "/articles/far-future", "/articles/far-past"]
    paths += [f"/agreements/{i}{q}" for i in ids for q in ("", "?as_of=9999-12-31", "?as_of=0001-01-01")]
    for path in paths:
        assert client.get(path, headers=HTML).status_code == 200, path


def test_the_axis_stops_at_the_ends_of_the_calendar() -> None:
    low, high, x_of = axis([date.min, date.max])
    assert (low, high) == (date.min, date.max)
    assert x_of(date.min) == 40 and x_of(date.max) == 920
    ticks = year_ticks(low, high, x_of)
    assert 3 <= len(ticks) <= 13 and all(40 <= t["x"] <= 920 for t in ticks)
    low, high, x_of = axis([date(9999, 12, 30)])
    assert high == date.max and month_ticks(low, high, x_of) == []  # no first of a month left to show
    low, high, x_of = axis([date(9999, 3, 1), date(9999, 12, 30)])
    assert high == date.max and month_ticks(low, high, x_of)[-1]["label"] == "Dec"
    low, high, x_of = axis([date(1, 1, 2), date(1, 5, 2)])
    assert low == date.min and month_ticks(low, high, x_of)[0]["label"] == "Feb 1"


def test_charts_place_extreme_dates_on_the_axis() -> None:
    strip = lifecycle_strip([{"date": "0001-01-01", "kind": "signed"}, {"date": "9999-12", "kind": "term_end"}],
                            date.max)
    assert strip is not None and [p["x"] for p in strip["points"]] == [40, 920]
    chart = timeline_chart([{"date": "9999-12-31", "kind": "signed"}, {"date": "9999", "kind": "visit"}],
                           date(2026, 1, 1))
    assert chart is not None and chart["today"] is None and all(d["x"] <= 920 for d in chart["dots"])


class BrokenKB(FakeKnowledgeBase):
    """A knowledge base whose agreement lookup fails (a bug, a dropped database connection)."""

    def agreement(self, id: str, as_of: str | None = None) -> dict[str, Any] | None:  # noqa: A002
        raise RuntimeError("the database went away")


def assert_secured(response: Any) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (response.status_code, name)


@pytest.mark.parametrize(("path", "headers", "status"), [
    ("/agreements/no-such-id", HTML, 404),
    ("/api/agreements/no-such-id", {}, 404),
    ("/agreements?as_of=yesterday", HTML, 422),
    ("/api/agreements?limit=0", {}, 422),
    ("/agreements", {**HTML, "host": "attacker.example"}, 400),
    ("/api/agreements", {"host": "attacker.example"}, 400),
])
def test_error_answers_carry_the_security_headers(client, path, headers, status) -> None:
    response = client.get(path, headers=headers)
    assert response.status_code == status
    assert_secured(response)


@pytest.mark.parametrize(("path", "headers", "kind"), [
    ("/agreements/agr-shusha", HTML, "text/html"),
    ("/api/agreements/agr-shusha", {}, "application/json"),
])
def test_a_failure_answers_a_plain_500_with_the_headers(path, headers, kind) -> None:
    client = TestClient(create_app(kb=BrokenKB()), raise_server_exceptions=False)
    response = client.get(path, headers=headers)
    assert response.status_code == 500 and response.headers["content-type"].startswith(kind)
    assert_secured(response)
    assert "went away" not in response.text and "Traceback" not in response.text
    assert "Something went wrong on the server" in response.text
