"""The pure helpers behind the pages: highlighted article HTML, chart and network geometry."""

from __future__ import annotations

from datetime import date

from pactwatch.web.charts import lifecycle_strip, placed_labels, timeline_chart
from pactwatch.web.formatting import show, web_url
from pactwatch.web.highlight import evidence_spans, highlighted_html, non_overlapping
from pactwatch.web.network import layout, network_svg

TEXT = "Greece & France signed <b>it</b> on 7 May. Then they met."


def test_every_text_piece_is_escaped_and_sentences_are_anchored() -> None:
    mentions = [{"start": 0, "end": 6, "kind": "actor", "label": "GRC"},
                {"start": 9, "end": 15, "kind": "actor", "label": 'FRA"><x'},
                {"start": 36, "end": 41, "kind": "date", "label": "2021-05-07"}]
    html = str(highlighted_html(TEXT, mentions, [(0, 42)]))
    assert html == (
        '<span class="sentence" id="s-0"><mark class="m m-actor" title="actor: GRC">Greece</mark> &amp; '
        '<mark class="m m-actor" title="actor: FRA&#34;&gt;&lt;x">France</mark> signed &lt;b&gt;it&lt;/b&gt; on '
        '<mark class="m m-date" title="date: 2021-05-07">7 May</mark>.</span> Then they met.')


def test_overlapping_spans_are_clipped_so_tags_nest() -> None:
    assert non_overlapping([(5, 10), (0, 6), (8, 9), (12, 12)]) == [(0, 6), (6, 10)]
    mentions = [{"start": 0, "end": 15, "kind": "agreement", "label": "x"},
                {"start": 9, "end": 20, "kind": "actor", "label": "y"}]
    html = str(highlighted_html(TEXT, mentions, [(0, 12), (10, 42)]))
    assert html.count("<span") == html.count("</span>") == 2
    assert html.count("<mark") == html.count("</mark>") == 4  # each mention split at the sentence boundary
    assert 'id="s-0"' in html and 'id="s-12"' in html


def test_sentence_wide_agreement_mentions_label_the_sentence_and_short_ones_nest() -> None:
    text = "Greece and France signed the Athens Pact today in the capital.\nThen they met."
    mentions = [{"start": 0, "end": 62, "kind": "agreement", "label": "FRA–GRC security agreement"},
                {"start": 25, "end": 40, "kind": "agreement", "label": "Athens Pact"},
                {"start": 29, "end": 35, "kind": "actor", "label": "GRC"}]
    html = str(highlighted_html(text, mentions, []))
    assert html == (
        '<span class="sentence" id="s-0" title="agreement: FRA–GRC security agreement">Greece and France signed '
        '<mark class="m m-agreement" title="agreement: Athens Pact">the <mark class="m m-actor" title="actor: GRC">'
        'Athens</mark> Pact</mark> today in the capital.</span>\nThen they met.')


def test_evidence_spans_come_from_agreements_and_events_within_the_text() -> None:
    facts = {"agreements": [{"evidence": [{"start": 0, "end": 42}, {"start": 0, "end": 42}, {"start": 90, "end": 99}]}],
             "events": [{"evidence_start": 43, "evidence_end": 57}, {"evidence": None}]}
    assert evidence_spans(facts, len(TEXT)) == [(0, 42), (43, 57)]
    assert evidence_spans(None, 10) == []


def test_lifecycle_strip_places_every_milestone_and_today() -> None:
    milestones = [{"date": "2021-09-28", "kind": "signed", "label": "signed"},
                  {"date": "2021-10", "kind": "ratified", "label": "ratified by GRC"},
                  {"date": "2031-04-07", "kind": "notice_deadline", "label": "last day to give 6 months' notice"}]
    strip = lifecycle_strip(milestones, date(2026, 1, 1))
    assert [p["kind"] for p in strip["points"]] == ["signed", "ratified", "notice_deadline"]
    assert [p["approximate"] for p in strip["points"]] == [False, True, False]
    xs = [p["x"] for p in strip["points"]]
    assert xs == sorted(xs) and strip["x0"] <= xs[0] < strip["today"]["x"] < xs[-1] <= strip["x1"]
    assert strip["points"][-1]["anchor"] == "end"
    assert lifecycle_strip([{"date": None, "kind": "signed"}], date(2026, 1, 1)) is None


def test_labels_on_one_row_never_overlap() -> None:
    places = placed_labels([100, 110, 120, 500], ["a long label here"] * 4, 40, 920)
    rows = [row for row, _, _ in places]
    assert rows[:3] == [0, 1, 2] and rows[3] == 0


def test_timeline_chart_has_one_lane_per_kind() -> None:
    items = [{"date": "2021-06-15", "kind": "signed", "agreement_id": "a b"},
             {"date": "2022", "kind": "exercise", "article_id": "x"}, {"date": None, "kind": "visit"}]
    chart = timeline_chart(items, date(2030, 1, 1))
    assert [lane["kind"] for lane in chart["lanes"]] == ["exercise", "signed"]
    assert [d["href"] for d in chart["dots"]] == ["/agreements/a%20b", "/articles/x"]
    assert chart["today"] is None


def test_network_layout_is_deterministic_and_fans_out_parallel_edges() -> None:
    edges = [{"source": "FRA", "target": "GRC", "agreement_id": "a1", "domain": "security"},
             {"source": "GRC", "target": "FRA", "agreement_id": "a2", "domain": "trade"},
             {"source": "AZE", "target": "TUR", "agreement_id": "a3", "domain": "navy"}]
    nodes = [{"id": c, "name": c, "n_agreements": 1} for c in ("TUR", "GRC", "FRA", "AZE")]
    first = network_svg({"nodes": nodes, "edges": edges})
    again = network_svg({"nodes": list(reversed(nodes)), "edges": list(reversed(edges))})
    assert [n["x"] for n in first["nodes"]] == [n["x"] for n in again["nodes"]]
    arcs = [e["d"] for e in first["edges"]]
    assert len(set(arcs)) == 3
    assert [e["domain"] for e in first["edges"]] == ["other", "security", "trade"]
    assert first["domains"] == ["security", "trade"]
    assert layout([], []) == {} and layout(["A"], []) == {"A": (0.0, 0.0)}


def test_values_read_as_words_and_urls_must_be_web_urls() -> None:
    assert show({"automatic": True, "period_years": 5}) == "automatic, every 5 years"
    assert show([]) == "—" and show(True) == "yes" and show(5.0) == "5"
    assert web_url("https://example.org/a") == "https://example.org/a"
    assert web_url("javascript:alert(1)") is None and web_url('https://x/"onmouseover=') is None
