"""The Commitments page and the obligations on the Agreement and Actor pages, over the fake KB:
what they list, how the date and the filters change it, the diff between two days, the SVG
drawing that needs no JavaScript, and clear 422s for bad input."""

from __future__ import annotations

import re
from html import unescape

import pytest

from pactwatch.web.network import commitments_svg

HTML = {"accept": "text/html"}


def rows_of(page: str) -> list[str]:
    """The table's rows as 'BY → TO kind holds' lines."""
    table = page.split('id="commitments-table"', 1)[1].split("</table>", 1)[0]
    out = []
    for row in re.findall(r"<tr class=\"commitment[^\"]*\">(.*?)</tr>", table, re.S):
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", row)).split())
        by_to, kind = re.match(r"(\w+ → \w+) (\w+)", text).groups()
        holds = next(w for w in ("does not hold", "holds", "undecided") if w in text)
        out.append(f"{by_to} {kind} {holds}")
    return out


def test_the_page_lists_every_directed_duty_on_the_day(client) -> None:
    page = client.get("/commitments?as_of=2026-12-01", headers=HTML)
    assert page.status_code == 200
    assert rows_of(page.text) == [
        "AZE → TUR defend undecided", "FRA → GRC consult holds", "FRA → GRC defend holds",
        "GRC → FRA consult holds", "GRC → FRA defend holds", "TUR → AZE defend undecided"]
    assert "on 2026-12-01: 4 hold · 2 undecided · 0 not in force" in page.text
    assert '<a href="/commitments" class="active" aria-current="page">Commitments</a>' in page.text


def test_before_the_partnership_took_effect_its_duties_do_not_hold(client) -> None:
    page = client.get("/commitments?as_of=2021-10-06", headers=HTML).text
    assert rows_of(page)[1:5] == ["FRA → GRC consult does not hold", "FRA → GRC defend does not hold",
                                  "GRC → FRA consult does not hold", "GRC → FRA defend does not hold"]
    assert "not yet in force" in page
    # the drawing keeps only what holds or may hold: the Shusha duties, faint
    arrows = re.findall(r'<path class="arrow ([^"]+)"', page)
    assert arrows == ["k-defend conditional undecided"] * 2


def test_each_row_links_its_agreement_on_that_day_and_its_evidence(client) -> None:
    page = client.get("/commitments?as_of=2026-12-01&party=AZE", headers=HTML).text
    assert rows_of(page) == ["AZE → TUR defend undecided", "TUR → AZE defend undecided"]
    assert 'href="/agreements/agr-shusha?as_of=2026-12-01#obligations"' in page
    sentence = client.app.state.kb.articles_by_id["shusha-pact"].text.index("Under the declaration")
    assert f'href="/articles/shusha-pact#s-{sentence}"' in page and 'href="/articles/shusha-pact-copy#s-' in page
    assert 'title="would follow consultations between the two governments">after consultation</span>' in page


def test_kind_filter_and_empty_answers(client) -> None:
    page = client.get("/commitments?as_of=2026-12-01&kind=consult", headers=HTML).text
    assert rows_of(page) == ["FRA → GRC consult holds", "GRC → FRA consult holds"]
    none = client.get("/commitments?as_of=2026-12-01&kind=not_attack", headers=HTML).text
    assert "No obligation holds or may hold on 2026-12-01 with these filters." in none
    assert "No obligation recorded with these filters." in none


def test_the_diff_lists_what_began_and_what_ended(client) -> None:
    page = client.get("/commitments?as_of=2026-12-01&start=2021-01-01&end=2022-01-01", headers=HTML).text
    begun = page.split('id="diff-begun"', 1)[1].split('id="diff-ended"', 1)[0]
    assert len(re.findall(r"<li>", begun)) == 4 and "GRC</a> → <a class=\"party\" href=\"/actors/FRA\">FRA" in begun
    assert 'href="/agreements/agr-grc-fra?as_of=2022-01-01#obligations"' in begun
    assert "Nothing that held on 2021-01-01 had stopped by 2022-01-01." in page
    # the diff form keeps the day shown and the filters
    assert '<input type="hidden" name="as_of" value="2026-12-01">' in page


@pytest.mark.parametrize(("query", "message"), [
    ("as_of=2026-13-01", "as_of: &#39;2026-13-01&#39; is not a date"),
    ("kind=protect", "kind: &#39;protect&#39; is not one of defend, consult, not_attack, stay_neutral"),
    ("party=%3Cscript%3E", "is not an actor code"),
    ("start=2022-01-01", "The comparison needs both dates"),
    ("start=2023-01-01&end=2022-01-01", "start 2023-01-01 is after end 2022-01-01"),
    ("offset=-1", "offset: -1 is not between"),
])
def test_bad_input_is_a_clear_422(client, query: str, message: str) -> None:
    page = client.get(f"/commitments?{query}", headers=HTML)
    assert page.status_code == 422 and message in page.text, page.text[-600:]


def test_the_page_pages_long_tables(client, monkeypatch) -> None:
    from pactwatch.web import pages

    monkeypatch.setattr(pages, "COMMITMENTS_PER_PAGE", 4)
    first = client.get("/commitments?as_of=2026-12-01", headers=HTML).text
    assert len(rows_of(first)) == 4 and "1–4 of 6" in first
    assert 'href="/commitments?as_of=2026-12-01&amp;offset=4#commitments-rows" rel="next"' in first
    second = client.get("/commitments?as_of=2026-12-01&offset=4", headers=HTML).text
    assert rows_of(second) == ["GRC → FRA defend holds", "TUR → AZE defend undecided"]


def test_without_javascript_the_drawing_is_svg_with_arrows(client) -> None:
    page = client.get("/commitments?as_of=2026-12-01", headers=HTML).text
    assert '<marker id="arrow-defend" class="arrowhead k-defend"' in page
    arrows = re.findall(r'<a href="([^"]+)"><path class="arrow ([^"]+)" d="M [^"]+" marker-end="url\(#arrow-(\w+)\)">'
                        r"<title>([^<]+)</title>", page)
    assert [(a[1], a[2]) for a in arrows] == [
        ("k-defend conditional undecided", "defend"), ("k-consult", "consult"), ("k-defend conditional", "defend"),
        ("k-consult", "consult"), ("k-defend conditional", "defend"), ("k-defend conditional undecided", "defend")]
    assert arrows[2][0] == "/agreements/agr-grc-fra?as_of=2026-12-01#obligations"
    assert unescape(arrows[2][3]).startswith("FRA → GRC: defend, location — Strategic Partnership for Defence and "
                                             "Security; holds on 2026-12-01 (entered into force 2021-10-07")


def test_arrows_of_one_pair_never_share_a_path() -> None:
    rows = [{"by": a, "to": b, "kind": k, "conditional": False, "conditions": [], "agreement_id": "x",
             "agreement_title": "X", "holds_as_of": True, "why": "in force", "via": None}
            for a, b in (("AAA", "BBB"), ("BBB", "AAA")) for k in ("defend", "consult")]
    drawing = commitments_svg(rows, "2024-01-01")
    assert len({a["d"] for a in drawing["arrows"]}) == 4
    cut = commitments_svg(rows, max_arrows=3)
    assert cut["arrows_total"] == 4 and len(cut["arrows"]) == 3
    with pytest.raises(ValueError, match="positive"):
        commitments_svg(rows, max_arrows=0)


def test_the_agreement_page_lists_its_obligations_with_conditions_and_evidence(client) -> None:
    page = client.get("/agreements/agr-grc-fra", headers=HTML).text
    section = page.split('id="obligations"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r'<li class="obligation k-(\w+)" id="(ob-\d)">', section)
    assert items == [("defend", "ob-1"), ("consult", "ob-2")]
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", section)).split())
    assert "defend FRA GRC each towards the other · conditional · 1 independent source" in text
    assert "location “if its territory is attacked”" in text
    assert "consult FRA GRC each towards the other · unconditional" in text
    sentence = client.app.state.kb.articles_by_id["greece-france"].text.index("Each country")
    assert section.count(f'href="/articles/greece-france#s-{sentence}"') >= 3  # the condition's words and two quotes
    none = client.get("/agreements/agr-shusha", headers=HTML).text
    assert "after consultation</span> <a class=\"condition-quote\"" in none


def test_the_actor_page_lists_what_it_owes_and_is_owed(client) -> None:
    page = client.get("/actors/AZE", headers=HTML).text
    owes = page.split('class="data commitments owes"', 1)[1].split("</table>", 1)[0]
    owed = page.split('class="data commitments owed"', 1)[1].split("</table>", 1)[0]
    assert "AZE</a> → <a class=\"party\" href=\"/actors/TUR\">TUR" in owes and "undecided" in owes
    assert "TUR</a> → <a class=\"party\" href=\"/actors/AZE\">AZE" in owed
    assert 'href="/commitments?party=AZE"' in page


def test_a_duty_stated_in_a_sentence_no_field_cites_is_still_anchored(fake_kb, client) -> None:
    """The pages link each obligation to ``/articles/<id>#s-<start>``: the article page anchors
    the sentence from the obligation's own evidence, even where the agreement's fields cite others."""
    record = next(r for r in fake_kb.records if r["id"] == "agr-grc-fra")
    record["evidence"] = [e for e in record["evidence"] if e.get("field") != "obligations"]
    start = fake_kb.articles_by_id["greece-france"].text.index("Each country")
    facts = fake_kb.article("greece-france")["facts"]["agreements"][0]
    assert all(e["start"] != start for e in facts["evidence"]) and facts["obligations"][0]["evidence"]["start"] == start
    page = client.get("/articles/greece-france", headers=HTML).text
    assert f'<span class="sentence" id="s-{start}">' in page
