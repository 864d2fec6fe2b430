"""The review pages over the fake KB: the queue with its forms and shortcuts legend, decisions from
forms (a token field or a signed-in session), the Agreement and Event pages' controls and marks,
and forged cross-site posts refused."""

from __future__ import annotations

import re

pytest_plugins = ["review_support"]  # its fixtures: tokens, reviewing_client
HTML = {"accept": "text/html"}
ORIGIN = {"origin": "http://testserver"}


def decide(client, token: str | None, **fields: str):
    data = {"next": "/review", **fields}
    if token is not None:
        data["token"] = token
    return client.post("/review/decide", data=data, headers={**HTML, **ORIGIN}, follow_redirects=False)


def queue_size(client) -> int:
    return int(re.search(r'id="review-count">(\d+)<', client.get("/review", headers=HTML).text).group(1))


def test_the_queue_shows_each_value_with_its_evidence_and_forms(reviewing_client) -> None:
    page = reviewing_client.get("/review", headers=HTML)
    assert page.status_code == 200
    html = page.text
    first = html[html.index('id="q-1"'):html.index('id="q-2"')]
    assert "Strategic Partnership for Defence and Security" in first and "2021-09-28" in first
    assert '<span class="confidence">0.23</span>' in first and "<li>sources disagree</li>" in first
    assert 'href="/articles/greece-france#s-0"' in first and 'href="/agreements/agr-grc-fra"' in first
    for action in ("accept", "reject", "set"):
        assert f'name="action" value="{action}"' in first
    assert 'action="/review/decide"' in first and 'name="value"' in first and 'name="note"' in first
    assert 'name="token"' in first  # not signed in: the token goes with the decision
    assert 'id="review-keys"' in html and "<kbd>j</kbd>" in html and "<kbd>s</kbd>" in html
    assert '<a href="/review" class="active" aria-current="page">Review</a>' in html
    assert "<script>" not in html  # the CSP allows no inline script


def test_a_read_only_server_shows_the_queue_without_forms(client) -> None:
    html = client.get("/review", headers=HTML).text
    assert "This server is read-only" in html and 'action="/review/decide"' not in html
    assert 'id="q-1"' in html
    assert 'action="/review/decide"' not in client.get("/agreements/agr-shusha", headers=HTML).text


def test_a_form_decision_is_saved_under_the_token_account(reviewing_client, tokens, fake_kb) -> None:
    before = queue_size(reviewing_client)
    answer = decide(reviewing_client, tokens["maria"], action="set", record_id="agr-grc-fra", field="signed",
                    value="2021-09-27", note="the ministry's date")
    assert answer.status_code == 303 and answer.headers["location"] == "/review"
    assert fake_kb.review_log()[-1] | {"at": None} == {
        "reviewer": "maria", "at": None, "record": "agr-grc-fra", "field": "signed", "action": "set",
        "old": "2021-09-28", "new": "2021-09-27", "note": "the ministry's date"}
    assert queue_size(reviewing_client) == before - 1


def test_a_forged_cross_site_form_post_is_refused(reviewing_client, tokens, fake_kb) -> None:
    data = {"token": tokens["maria"], "action": "reject", "record_id": "agr-shusha", "field": "signed"}
    for headers in ({"origin": "https://evil.example"}, {"referer": "https://evil.example/page"},
                    {"origin": "http://testserver.evil.example"}, {}):
        answer = reviewing_client.post("/review/decide", data=data, headers={**HTML, **headers},
                                       follow_redirects=False)
        assert answer.status_code == 403, (headers, answer.text)
    assert fake_kb.review_log() == []


def test_a_form_without_a_valid_token_is_refused(reviewing_client, fake_kb) -> None:
    assert decide(reviewing_client, None, action="accept", record_id="agr-shusha", field="title").status_code == 401
    assert decide(reviewing_client, "0123456789abcdef.nope", action="accept", record_id="agr-shusha",
                  field="title").status_code == 401
    assert fake_kb.review_log() == []


def test_bad_form_input_is_a_readable_422_and_changes_nothing(reviewing_client, tokens, fake_kb) -> None:
    answer = decide(reviewing_client, tokens["maria"], action="set", record_id="agr-shusha", field="signed",
                    value="the fifteenth of June")
    assert answer.status_code == 422 and "not a date" in answer.text and "<html" in answer.text
    answer = decide(reviewing_client, tokens["maria"], action="set", record_id="agr-shusha", field="signed",
                    value="")
    assert answer.status_code == 422 and "set needs a value" in answer.text
    assert fake_kb.review_log() == []


def test_signing_in_once_lets_every_form_go_without_the_token(reviewing_client, tokens, fake_kb) -> None:
    wrong = reviewing_client.post("/review/session", data={"token": "0123456789abcdef.nope", "next": "/review"},
                                  headers={**HTML, **ORIGIN}, follow_redirects=False)
    assert wrong.status_code == 401
    signed = reviewing_client.post("/review/session", data={"token": tokens["omar"], "next": "/review"},
                                   headers={**HTML, **ORIGIN}, follow_redirects=False)
    assert signed.status_code == 303 and "httponly" in signed.headers["set-cookie"].lower()
    html = reviewing_client.get("/review", headers=HTML).text
    assert 'id="reviewer-name">omar<' in html and 'name="token" autocomplete' not in html.split('id="q-1"')[1]
    assert decide(reviewing_client, None, action="accept", record_id="agr-shusha", field="title").status_code == 303
    assert fake_kb.review_log()[-1]["reviewer"] == "omar"
    # the cookie rides along on a forged post too: refused for its origin
    forged = reviewing_client.post("/review/decide", data={"action": "reject", "record_id": "agr-shusha",
                                                           "field": "signed"},
                                   headers={**HTML, "origin": "https://evil.example"}, follow_redirects=False)
    assert forged.status_code == 403 and len(fake_kb.review_log()) == 1
    out = reviewing_client.post("/review/session/end", data={"next": "/review"}, headers={**HTML, **ORIGIN},
                                follow_redirects=False)
    assert out.status_code == 303
    assert decide(reviewing_client, None, action="accept", record_id="agr-shusha", field="signed").status_code == 401


def test_the_way_back_stays_on_this_site(reviewing_client, tokens) -> None:
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        answer = decide(reviewing_client, tokens["maria"], action="accept", record_id="agr-shusha", field="title",
                        next=target)
        assert answer.status_code == 303 and answer.headers["location"] == "/review"
    answer = decide(reviewing_client, tokens["maria"], action="accept", record_id="agr-shusha", field="signed",
                    next="/agreements/agr-shusha#field-signed")
    assert answer.headers["location"] == "/agreements/agr-shusha#field-signed"


def test_the_agreement_page_marks_reviewed_and_disputed_values(reviewing_client, tokens, fake_kb) -> None:
    html = reviewing_client.get("/agreements/agr-grc-fra", headers=HTML).text
    fields = html[html.index('id="fields"'):html.index('id="evidence"')]
    assert fields.count('class="review-form compact"') == 6  # one per field
    assert fields.count(">Use this</button>") == 1  # the signing date also reported
    assert 'name="next" value="/agreements/agr-grc-fra#field-signed"' in fields
    assert '<option value="GRC">GRC</option>' in fields  # a party of the parties field can be rejected alone
    decide(reviewing_client, tokens["maria"], action="set", record_id="agr-grc-fra", field="duration_years",
           value="10")
    fake_kb.review("accept", "agr-grc-fra", "signed", reviewer="omar")
    fake_kb.flag_for_review("agr-grc-fra", "signed")
    html = reviewing_client.get("/agreements/agr-grc-fra", headers=HTML).text
    row = html[html.index('id="field-duration_years"'):]
    assert "reviewed by maria on 2026-01-02" in row[:row.index("</tr>")]
    assert re.search(r"<td>10 <span class=\"muted\">\(set by a reviewer\)</span>", row)
    signed = html[html.index('id="field-signed"'):]
    assert "reviewed by omar" in signed[:signed.index("</tr>")]
    assert "needs review: new evidence disagrees" in signed[:signed.index("</tr>")]


def test_the_event_page_shows_its_values_with_controls(reviewing_client, tokens, fake_kb) -> None:
    html = reviewing_client.get("/events/evt-frigates", headers=HTML).text
    assert "frigates" in html and 'id="field-date"' in html and 'href="/articles/greece-france#s-' in html
    decide(reviewing_client, tokens["maria"], action="set", record_id="evt-frigates", field="date",
           value="2021-09-28", next="/events/evt-frigates")
    html = reviewing_client.get("/events/evt-frigates", headers=HTML).text
    assert "reviewed by maria" in html
    assert reviewing_client.get("/events/evt-nowhere", headers=HTML).status_code == 404


def test_the_queue_page_shows_stats_and_the_latest_decisions(reviewing_client, tokens) -> None:
    decide(reviewing_client, tokens["maria"], action="reject", record_id="agr-grc-fra", field="parties",
           party="GRC", note="Greece is not a party")
    html = reviewing_client.get("/review", headers=HTML).text
    stats = html[html.index('id="review-stats"'):html.index('id="review-log"')]
    assert re.search(r"<th scope=\"row\">parties</th><td class=\"num\">0</td><td class=\"num\">1</td>", stats)
    log = html[html.index('id="review-log"'):]
    assert "maria" in log and "FRA, GRC" in log and "Greece is not a party" in log


def test_a_whole_list_of_parties_in_the_queue_can_be_decided_party_by_party(reviewing_client, fake_kb,
                                                                             monkeypatch) -> None:
    whole = [{"record_id": "agr-grc-fra", "record_kind": "agreement", "title": "t", "field": "parties",
              "party": None, "value": ["FRA", "GRC"], "confidence": 0.4, "reasons": [], "evidence": []}]
    monkeypatch.setattr(fake_kb, "review_queue", lambda limit=50, offset=0: whole)
    html = reviewing_client.get("/review", headers=HTML).text
    item = html[html.index('id="q-1"'):]
    assert '<select name="party"><option value="">all</option><option value="FRA">FRA</option>' in item


def test_another_reported_value_can_be_chosen_in_one_click(reviewing_client, tokens, fake_kb) -> None:
    html = reviewing_client.get("/agreements/agr-grc-fra", headers=HTML).text
    assert 'name="value" value="&#34;2021-09-27&#34;"' in html and ">Use this</button>" in html
    answer = decide(reviewing_client, tokens["maria"], action="set", record_id="agr-grc-fra", field="signed",
                    value='"2021-09-27"', next="/agreements/agr-grc-fra")
    assert answer.status_code == 303 and fake_kb.review_log()[-1]["new"] == "2021-09-27"
    answer = decide(reviewing_client, tokens["maria"], action="set", record_id="agr-grc-fra", field="parties",
                    value='["FRA", "GRC"]')
    assert answer.status_code == 303 and fake_kb.review_log()[-1]["new"] == ["FRA", "GRC"]
    answer = decide(reviewing_client, tokens["maria"], action="set", record_id="agr-grc-fra", field="parties",
                    value="fra, grc")
    assert answer.status_code == 303 and fake_kb.review_log()[-1]["new"] == ["FRA", "GRC"]
