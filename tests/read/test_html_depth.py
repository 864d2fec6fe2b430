"""Deeply nested pages keep their article: the parser's depth limit must not eat what a source published."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.read.files import iter_inputs
from pactwatch.read.html import extract_html
from pactwatch.read.nesting import MAX_DEPTH, cap_nesting

PARAGRAPHS = (
    "TALLINN, May 4 — Estonia and Finland signed an agreement on Monday to link their coastal radar "
    "networks across the Gulf of Finland, giving both navies one picture of shipping in the gulf.",
    "The agreement is valid for five years and is renewed automatically unless either party gives three "
    "months' notice. It enters into force on the first day of the month after both governments approve it.",
    "Officials said the link would be tested during the summer and work in full by the end of the year.",
)
ARTICLE = "<article><h1>Estonia and Finland link coastal radars</h1>" + "".join(
    f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS) + "</article>"


def page(body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Radar link - Gulf Courier</title>'
        '<meta property="article:published_time" content="2026-05-04T08:00:00Z"></head><body>'
        '<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>'
        f"{body}<footer>© Gulf Courier. <a href=\"/privacy\">Privacy</a></footer></body></html>"
    )


@pytest.mark.parametrize("depth", [300, 5000])
def test_an_article_under_thousands_of_nested_divs_is_read(depth: int) -> None:
    content = extract_html(page("<div>" * depth + ARTICLE + "</div>" * depth))
    assert content is not None
    for paragraph in PARAGRAPHS:
        assert paragraph in content.text
    assert content.date == "2026-05-04"


def test_nesting_with_text_at_every_level_keeps_every_word() -> None:
    levels = 3000
    body = "".join(f'<div class="l{level}"><span>level {level}</span>' for level in range(levels))
    content = extract_html(page(body + ARTICLE + "</div>" * levels))
    assert content is not None and PARAGRAPHS[1] in content.text


def test_a_deep_html_file_is_read_as_an_article(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(page("<div>" * 5000 + ARTICLE + "</div>" * 5000), encoding="utf-8")
    [article] = list(iter_inputs([path]))
    assert getattr(article, "text", None) and PARAGRAPHS[0] in article.text, article


def test_a_normal_page_is_passed_through_unchanged() -> None:
    normal = page("<main><div><section>" + ARTICLE + "</section></div></main>")
    assert cap_nesting(normal) is normal


def test_capping_drops_only_the_tags_past_the_limit() -> None:
    deep = "<div>" * (MAX_DEPTH + 50) + "words" + "</div>" * (MAX_DEPTH + 50)
    capped = cap_nesting(deep)
    assert capped == "<div>" * MAX_DEPTH + "words" + "</div>" * MAX_DEPTH


def test_an_unclosed_element_inside_dropped_ones_ends_with_them() -> None:
    deep = "<div>" * 3 + "<b>bold</div></div></div><p>after</p>"
    assert cap_nesting(deep, max_depth=2) == "<div><div>bold</div></div><p>after</p>"


def test_tags_inside_scripts_comments_and_attributes_are_not_counted() -> None:
    script = "<script>var s = '" + "<div>" * 500 + "';</script>"
    comment = "<!--" + "<div>" * 500 + "-->"
    attribute = '<div title="' + "<div>" * 500 + '">x</div>'
    for html in (script, comment, attribute):
        assert cap_nesting("<html><body>" + html + "</body></html>") == "<html><body>" + html + "</body></html>"
