"""The HTML pages: server-rendered from the same knowledge-base calls as the API.

Forms send empty strings for "any", so parameters are read as text and checked with
``pactwatch.web.params`` (a bad value gives a 422 page that says what is allowed).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from pactwatch.alerts import ALERT_KINDS
from pactwatch.facts import DOMAINS, EVENT_TYPES, OBLIGATION_KINDS, PROVISIONS, STATUSES
from pactwatch.highlights import MAX_MENTIONS
from pactwatch.web import atom, params, reviewing, upload
from pactwatch.web.charts import lifecycle_strip, timeline_chart
from pactwatch.web.formatting import by_quote, path_part, query
from pactwatch.web.highlight import MAX_MARKS, evidence_spans, highlight
from pactwatch.web.network import MAX_EDGES, commitment_href, commitment_summary, commitments_svg, network_svg
from pactwatch.web.vendor import graph_library

router = APIRouter(include_in_schema=False)
ACTORS_PER_PAGE = 100
TIMELINE_PER_PAGE = 200
SECTION_PER_PAGE = 20  # duplicate clusters and refused inputs, under the article list
COMMITMENTS_PER_PAGE = 200
FIELD_ORDER = ("title", "parties", "domain", "status", "secret", "signed", "ratified", "in_force", "duration_years",
               "renewal", "termination_notice_months", "provisions")


def render(request: Request, template: str, nav: str, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    writable = upload.uploads_allowed(request)  # one accounts query: uploads and reviews need the same credentials
    context.update(nav=nav, uploads_allowed=writable, graph_library=graph_library(request),
                   reviews_allowed=writable, here=_here(request), signed_in=reviewing.signed_in(request))
    response: HTMLResponse = templates.TemplateResponse(request, template, context)
    return response


def _here(request: Request) -> str:
    """This page's path and query: where a review form brings the reviewer back."""
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def kb_of(request: Request) -> Any:
    return request.app.state.kb


def found(item: Any, what: str, key: str) -> Any:
    if item is None:
        raise HTTPException(404, f"No {what} {key!r}.")
    return item


def _arg(request: Request, name: str) -> str | None:
    return request.query_params.get(name)


def _offset(request: Request, name: str = "offset") -> int:
    return params.number(name, _arg(request, name), 0, 0, 10_000_000)


@router.get("/")
def home() -> Response:
    return RedirectResponse("/agreements", status_code=307)


@router.get("/agreements")
def agreements_page(request: Request) -> HTMLResponse:
    filters = {
        "party": params.actor("party", _arg(request, "party")),
        "domain": params.choice("domain", _arg(request, "domain"), DOMAINS),
        "status": params.choice("status", _arg(request, "status"), STATUSES),
        "provision": params.choice("provision", _arg(request, "provision"), PROVISIONS),
        "as_of": params.day("as_of", _arg(request, "as_of")),
        "q": params.text(_arg(request, "q")),
    }
    sort = params.choice("sort", _arg(request, "sort"), params.SORT_KEYS) or "signed"
    desc = _arg(request, "desc") in ("1", "true", "on")
    limit = params.number("limit", _arg(request, "limit"), 50, 1, max(params.PAGE_SIZES))
    offset = params.number("offset", _arg(request, "offset"), 0, 0, 10_000_000)
    kb = kb_of(request)
    rows = kb.agreements(**filters, sort=sort, desc=desc, limit=limit, offset=offset)
    total = kb.count_agreements(**filters)
    state = {**filters, "sort": sort, "desc": "1" if desc else None, "limit": limit if limit != 50 else None}
    return render(request, "agreements.html", "agreements", rows=rows, total=total, filters=filters, state=state,
                  sort=sort, desc=desc, limit=limit, offset=offset, actors=kb.actors(), domains=DOMAINS,
                  statuses=STATUSES, provisions=PROVISIONS, page_sizes=params.PAGE_SIZES)


@router.get("/agreements/{agreement_id}")
def agreement_page(request: Request, agreement_id: str) -> HTMLResponse:
    as_of = params.day("as_of", _arg(request, "as_of"))
    record = found(kb_of(request).agreement(agreement_id, as_of=as_of), "agreement", agreement_id)
    today = date.fromisoformat(as_of) if as_of else date.today()
    lifecycle = record.get("lifecycle") or {}
    return render(request, "agreement.html", "agreements", a=record, record_id=record.get("id"), as_of=as_of,
                  lifecycle=lifecycle,
                  strip=lifecycle_strip(lifecycle.get("milestones") or [], today),
                  fields=field_rows(record), evidence=grouped_evidence(record.get("evidence") or []),
                  obligations=obligation_items(record.get("obligations") or []))


def obligation_items(obligations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An agreement's obligations for its page: who to whom (``mutual`` when each party owes each
    other), each condition with its words linked to the sentence its article states the duty in
    (or to the article), and the evidence sentences once each with every article's link."""
    items = []
    for i, ob in enumerate(obligations, 1):
        evidence = ob.get("evidence") or []
        sentence = {str(ev.get("article_id")): f"#s-{ev.get('start')}" for ev in reversed(evidence)}
        conditions = [{"type": c.get("type"), "quote": c.get("quote"), "article_id": c.get("article_id"),
                       "href": f"/articles/{path_part(c['article_id'])}{sentence.get(str(c['article_id']), '')}"
                       if c.get("article_id") else None} for c in ob.get("conditions") or []]
        by, to = list(ob.get("by") or []), list(ob.get("to") or [])
        items.append({"anchor": f"ob-{i}", "kind": ob.get("kind"), "by": by, "to": to,
                      "mutual": len(by) > 1 and set(by) == set(to), "conditional": bool(ob.get("conditional")),
                      "conditions": conditions, "evidence": by_quote(evidence),
                      "independent_sources": ob.get("independent_sources")})
    return items


def field_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's fields in reading order (``ratified.X`` after ``signed``), each value with
    whether it is the one shown, its independent sources and the distinct articles behind it; a
    reviewed field with who decided what and when, and whether new evidence disputes it."""
    fields = record.get("fields") or {}
    disputed = set(record.get("needs_review") or [])
    conflicted = {c.get("field") for c in record.get("conflicts") or []}

    def rank(name: str) -> tuple[int, str]:
        base = name.split(".", 1)[0]
        return (FIELD_ORDER.index(base) if base in FIELD_ORDER else len(FIELD_ORDER), name)

    rows = []
    for name in sorted(fields, key=rank):
        merged = fields[name]
        base, _, sub = name.partition(".")
        shown = merged.get("shown")
        values = [{"value": v.get("value"), "list": isinstance(v.get("value"), list),
                   "shown": v.get("value") == shown or (isinstance(shown, list) and v.get("value") in shown),
                   "sources": v.get("independent_sources", len(v.get("articles") or [])),
                   "confidence": v.get("confidence"), "articles": value_articles(v)}
                  for v in merged.get("values") or []]
        reviewed = merged.get("reviewed") or None
        if reviewed:  # the value a reviewer chose first
            values.sort(key=lambda v: not v["shown"])
        if reviewed and not any(v["shown"] for v in values) and shown not in (None, [], ""):
            # a reviewer set a value no article gave: it is the one shown
            values.insert(0, {"value": shown, "list": isinstance(shown, list), "shown": True, "sources": 0,
                              "confidence": None, "articles": [], "set_by_reviewer": True})
        rows.append({"name": name, "base": base, "sub": sub, "values": values, "shown": shown,
                     "conflict": bool(merged.get("conflict")) or name in conflicted,
                     "reviewed": reviewed, "needs_review": name in disputed,
                     "party_choices": list(shown) if base in ("parties", "participants") and isinstance(shown, list)
                     else []})
    return rows


def value_articles(value: dict[str, Any]) -> list[dict[str, Any]]:
    """Each article behind a value once, linked to its first evidence sentence there."""
    first: OrderedDict[str, str] = OrderedDict()
    for ev in value.get("evidence") or []:
        first.setdefault(str(ev.get("article_id")), f"#s-{ev.get('start')}")
    for article in value.get("articles") or []:
        first.setdefault(str(article), "")
    return [{"id": a, "href": f"/articles/{quote(a, safe='')}{anchor}"} for a, anchor in first.items()]


def grouped_evidence(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each distinct sentence once (copies of an article repeat it), with every field it supports
    and every article it appears in, in order of first appearance."""
    grouped: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for ev in sorted(evidence, key=lambda e: (str(e.get("article_id")), int(e.get("start") or 0))):
        key = " ".join(str(ev.get("quote") or "").split())
        item = grouped.setdefault(key, {"quote": ev.get("quote"), "fields": [], "sources": []})
        if ev.get("field") and ev["field"] not in item["fields"]:
            item["fields"].append(ev["field"])
        href = f"/articles/{quote(str(ev.get('article_id')), safe='')}#s-{ev.get('start')}"
        if all(src["href"] != href for src in item["sources"]):
            item["sources"].append({"article_id": ev.get("article_id"), "title": ev.get("article_title"),
                                    "href": href})
    for item in grouped.values():
        item["href"] = item["sources"][0]["href"]
    return list(grouped.values())


@router.get("/actors")
def actors_page(request: Request) -> HTMLResponse:
    """Actors in the knowledge base's order, ``ACTORS_PER_PAGE`` at a time."""
    kb = kb_of(request)
    offset = _offset(request)
    actors = kb.actors(limit=ACTORS_PER_PAGE, offset=offset)
    return render(request, "actors.html", "actors", actors=actors, total=kb.count_actors(), offset=offset,
                  limit=ACTORS_PER_PAGE)


@router.get("/actors/{code}")
def actor_page(request: Request, code: str) -> HTMLResponse:
    """The actor, its agreements, events and partners, and the commitments it owes and is owed today."""
    kb = kb_of(request)
    actor = found(kb.actor(code.upper()), "actor", code)
    rows = [commitment_row(r, None) for r in kb.commitments(party=actor["code"])]
    return render(request, "actor.html", "actors", actor=actor, today=date.today().isoformat(),
                  owes=[r for r in rows if r["by"] == actor["code"]],
                  owed=[r for r in rows if r["to"] == actor["code"]])


@router.get("/commitments")
def commitments_page(request: Request) -> HTMLResponse:
    """Who is bound to whom on a day (``as_of``, default today): the directed network, the table
    of rows with why each holds or not, and with ``start`` and ``end`` what began and ended between."""
    kb = kb_of(request)
    as_of = params.day("as_of", _arg(request, "as_of")) or date.today().isoformat()
    party = params.actor("party", _arg(request, "party"))
    kind = params.choice("kind", _arg(request, "kind"), OBLIGATION_KINDS)
    members = _arg(request, "expand_members") in ("1", "true", "on")
    start, end = params.day("start", _arg(request, "start")), params.day("end", _arg(request, "end"))
    if (start is None) != (end is None):
        raise HTTPException(422, "The comparison needs both dates: start and end (YYYY-MM-DD).")
    offset = _offset(request)
    filters = {"party": party, "kind": kind, "expand_members": members}
    rows = kb.commitments(as_of=as_of, **filters)
    diff = kb.commitments_diff(start, end, **filters) if start and end else None
    if diff is not None:
        diff = {**diff, "begun": [commitment_row(r, end) for r in diff["begun"]],
                "ended": [commitment_row(r, end) for r in diff["ended"]]}
    state = {"as_of": as_of, "party": party, "kind": kind, "expand_members": "1" if members else None,
             "start": start, "end": end}
    api = {"as_of": as_of, "party": party, "kind": kind, "expand_members": "true" if members else None}
    counts = {"holds": sum(r["holds_as_of"] is True for r in rows),
              "undecided": sum(r["holds_as_of"] is None for r in rows),
              "not": sum(r["holds_as_of"] is False for r in rows)}
    return render(request, "commitments.html", "commitments", as_of=as_of, party=party, kind=kind, members=members,
                  start=start, end=end, state=state, api=api, counts=counts, total=len(rows), offset=offset,
                  limit=COMMITMENTS_PER_PAGE, graph=commitments_svg(rows, as_of), diff=diff,
                  rows=[commitment_row(r, as_of) for r in rows[offset:offset + COMMITMENTS_PER_PAGE]],
                  kinds=OBLIGATION_KINDS, actors=kb.actors())


def commitment_row(row: dict[str, Any], as_of: str | None) -> dict[str, Any]:
    """A commitment row for a table: its links (the agreement's obligations on that day, each
    evidence sentence once) and its one-line summary."""
    details: dict[str, list[str]] = {}
    for c in row.get("condition_details") or []:
        details.setdefault(str(c.get("type")), []).append(str(c.get("quote") or ""))
    return {**row, "href": commitment_href(row, as_of), "summary": commitment_summary(row, as_of),
            "evidence_links": by_quote(row.get("evidence") or []),
            "condition_quotes": {t: "; ".join(q for q in quotes if q) for t, quotes in details.items()}}


@router.get("/network")
def network_page(request: Request) -> HTMLResponse:
    as_of = params.day("as_of", _arg(request, "as_of"))
    domain = params.choice("domain", _arg(request, "domain"), DOMAINS)
    network = kb_of(request).network(as_of=as_of, domain=domain)
    return render(request, "network.html", "network", graph=network_svg(network, MAX_EDGES),
                  as_of=as_of, domain=domain, domains=DOMAINS)


@router.get("/timeline")
def timeline_page(request: Request) -> HTMLResponse:
    kb = kb_of(request)
    party = params.actor("party", _arg(request, "party"))
    start = params.day("start", _arg(request, "start"))
    end = params.day("end", _arg(request, "end"))
    offset = _offset(request)
    items = kb.timeline(party=party, start=start, end=end, limit=TIMELINE_PER_PAGE, offset=offset)
    total = kb.count_timeline(party=party, start=start, end=end)
    return render(request, "timeline.html", "timeline", items=items, chart=timeline_chart(items, date.today()),
                  party=party, start=start, end=end, actors=kb.actors(), total=total, offset=offset,
                  limit=TIMELINE_PER_PAGE)


@router.get("/events")
def events_page(request: Request) -> HTMLResponse:
    kb = kb_of(request)
    party = params.actor("party", _arg(request, "party"))
    kind = params.choice("type", _arg(request, "type"), EVENT_TYPES)
    offset = _offset(request)
    rows = kb.events(party=party, type=kind, limit=50, offset=offset)
    total = kb.count_events(party=party, type=kind)
    return render(request, "events.html", "events", rows=rows, total=total, party=party, type=kind,
                  offset=offset, limit=50, types=EVENT_TYPES, actors=kb.actors())


@router.get("/articles")
def articles_page(request: Request) -> HTMLResponse:
    """Articles 50 at a time; beside them the duplicate clusters and refused inputs, each paged
    on its own (``duplicates_offset``, ``refused_offset``)."""
    kb = kb_of(request)
    q = params.text(_arg(request, "q"))
    offset, dup_offset, ref_offset = _offset(request), _offset(request, "duplicates_offset"), \
        _offset(request, "refused_offset")
    state = {"q": q, "offset": offset or None, "duplicates_offset": dup_offset or None,
             "refused_offset": ref_offset or None}
    return render(request, "articles.html", "articles", rows=kb.articles(limit=50, offset=offset, q=q),
                  total=kb.count_articles(q=q), q=q, offset=offset, state=state, section_limit=SECTION_PER_PAGE,
                  duplicates=kb.duplicates(limit=SECTION_PER_PAGE, offset=dup_offset),
                  duplicates_total=kb.count_duplicates(), duplicates_offset=dup_offset,
                  refused=kb.refused(limit=SECTION_PER_PAGE, offset=ref_offset), refused_total=kb.count_refused(),
                  refused_offset=ref_offset)


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> HTMLResponse:
    """The article with its mentions marked: linear in their number and at most ``MAX_MARKS``
    of them, so a page of thousands of mentions costs milliseconds and there is no long work
    to abandon when its client goes away."""
    article = found(kb_of(request).article(article_id), "article", article_id)
    text = article.get("text") or ""
    mentions = article.get("mentions") or []
    sentences = sorted(set(evidence_spans(article.get("facts"), len(text))) | obligation_spans(article.get("facts"),
                                                                                                 len(text)))
    body = highlight(text, mentions, sentences, MAX_MARKS)
    # the knowledge base stops looking after MAX_MENTIONS actors and dates: there may be more
    searched_all = sum(m.get("kind") in ("actor", "date") for m in mentions) < MAX_MENTIONS
    return render(request, "article.html", "articles", article=article, body=body.html, marked=body.marked,
                  capped=body.capped or not searched_all, facts=article.get("facts") or {})


def obligation_spans(facts: dict[str, Any] | None, text_length: int) -> set[tuple[int, int]]:
    """The sentences an article states its agreements' obligations in (``#s-<start>`` anchors the
    Commitments, Agreement and Actor pages link to), whether or not another field cites them too."""
    spans = set()
    for agreement in (facts or {}).get("agreements") or []:
        for ob in agreement.get("obligations") or []:
            ev = ob.get("evidence") or {}
            if isinstance(ev, dict) and isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
                spans.add((ev["start"], ev["end"]))
    return {(start, end) for start, end in spans if 0 <= start < end <= text_length}


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: str) -> HTMLResponse:
    """One event: its values with their sources (and, where reviews are allowed, a decision per value)."""
    record = found(kb_of(request).event(event_id), "event", event_id)
    return render(request, "event.html", "events", e=record, record_id=record.get("id"), fields=field_rows(record),
                  evidence=grouped_evidence(record.get("evidence") or []))


CHANGES_PER_PAGE = 50


def change_filters(request: Request) -> dict[str, str | None]:
    """The ``kind`` and ``since`` filters of the Changes page and the feed (422 naming the allowed values)."""
    return {"kind": params.choice("kind", _arg(request, "kind"), ALERT_KINDS),
            "since": params.day("since", _arg(request, "since"))}


@router.get("/changes")
def changes_page(request: Request) -> HTMLResponse:
    """What changed in the knowledge base, newest first, each change with its record, the values
    before and after, and the sentence that shows it; the same list as ``/alerts.atom``."""
    kb = kb_of(request)
    filters = change_filters(request)
    offset = _offset(request)
    rows = kb.changes(**filters, limit=CHANGES_PER_PAGE, offset=offset)
    return render(request, "changes.html", "changes", rows=[change_row(a) for a in rows],
                  total=kb.count_changes(**filters), offset=offset, limit=CHANGES_PER_PAGE, filters=filters,
                  kinds=ALERT_KINDS, feed=f"/alerts.atom?{query(filters)}" if any(filters.values())
                  else "/alerts.atom")


def change_row(alert: dict[str, Any]) -> dict[str, Any]:
    """An alert for the Changes table: its record's link, the change as one line, the evidence's
    article link and, where the article came from the web, its source link."""
    evidence = alert.get("evidence") or None
    if evidence:
        evidence = {**evidence, "href": f"/articles/{path_part(evidence.get('article_id'))}"}
    return {**alert, "href": atom.record_path(alert), "change": atom.change_line(alert), "evidence": evidence}


@router.get("/alerts.atom")
def alerts_feed(request: Request) -> Response:
    """The changes as an Atom feed (newest ``limit``, default 100; the Changes page's filters), each
    entry linking to its record's page at this server's address."""
    filters = change_filters(request)
    limit = params.number("limit", _arg(request, "limit"), atom.DEFAULT_ENTRIES, 1, params.MAX_LIMIT)
    alerts = kb_of(request).changes(**filters, limit=limit, offset=0)
    body = atom.feed_xml(alerts, base_url=str(request.base_url), self_url=str(request.url),
                         quiet_since=atom.STARTED)
    return Response(body, media_type=atom.MEDIA_TYPE)


REVIEW_PER_PAGE = 50
LOG_ON_PAGE = 20


@router.get("/review")
def review_page(request: Request) -> HTMLResponse:
    """The review queue, least confident first, with the decision forms; the accuracy so far and the
    latest decisions below."""
    kb = kb_of(request)
    offset = _offset(request)
    items = kb.review_queue(limit=REVIEW_PER_PAGE, offset=offset)
    log_total = kb.count_review_log()
    log = kb.review_log(limit=LOG_ON_PAGE, offset=max(0, log_total - LOG_ON_PAGE))
    return render(request, "review.html", "review", items=[queue_item(i) for i in items],
                  total=kb.count_review_queue(), offset=offset, limit=REVIEW_PER_PAGE, stats=kb.review_stats(),
                  log=list(reversed(log)), log_total=log_total)


def queue_item(item: dict[str, Any]) -> dict[str, Any]:
    """A queue item with its record's link, each evidence sentence's link, and for a list of parties
    given whole, each party to decide on alone."""
    kind = item.get("record_kind") or "agreement"
    href = f"/{'events' if kind == 'event' else 'agreements'}/{path_part(item.get('record_id'))}"
    evidence = [{**ev, "href": f"/articles/{path_part(ev.get('article_id'))}#s-{ev.get('start')}"}
                for ev in item.get("evidence") or []]
    value = item.get("value")
    choices = list(value) if item.get("field") in ("parties", "participants") and isinstance(value, list) \
        and not item.get("party") else []
    return {**item, "href": href, "evidence": evidence, "party_choices": choices}


@router.post("/review/decide")
async def review_decide(request: Request) -> Response:
    """A decision from a form (the queue, an Agreement or Event page): only from this site's pages
    (checked before the body is read), only by a review account (its session, or the form's
    ``token`` field); then back to the page it came from."""
    reviewing.check_same_origin(request)
    form = await request.form(max_files=0, max_fields=20)
    text = {k: v for k, v in form.items() if isinstance(v, str)}
    account = await run_in_threadpool(reviewing.reviewer, reviewing.with_token(request, text.get("token")))
    action = (text.get("action") or "").strip()
    field = (text.get("field") or "").strip()
    value = reviewing.form_value_for(field, text.get("value")) if action == "set" else None
    await run_in_threadpool(kb_of(request).review, action, (text.get("record_id") or "").strip(), field,
                            reviewer=str(account["name"]), value=value,
                            party=(text.get("party") or "").strip().upper() or None,
                            note=reviewing.short(text.get("note")))
    return RedirectResponse(reviewing.local_path(text.get("next")), status_code=303)


@router.post("/review/session")
async def review_sign_in(request: Request) -> Response:
    """Sign in with a token (a form on this site's pages): a session cookie, then back."""
    from pactwatch.web import auth

    auth.check_same_origin(request)
    form = await request.form(max_files=0, max_fields=5)
    token, back = form.get("token"), form.get("next")
    response = RedirectResponse(reviewing.local_path(back if isinstance(back, str) else None), status_code=303)
    await run_in_threadpool(auth.start_session, request, response, token if isinstance(token, str) else "")
    return response


@router.post("/review/session/end")
async def review_sign_out(request: Request) -> Response:
    from pactwatch.web import auth

    auth.check_same_origin(request)
    form = await request.form(max_files=0, max_fields=5)
    back = form.get("next")
    response = RedirectResponse(reviewing.local_path(back if isinstance(back, str) else None), status_code=303)
    auth.end_session(response)
    return response


@router.get("/upload")
def upload_page(request: Request) -> HTMLResponse:
    if not upload.uploads_allowed(request):
        raise HTTPException(403, "This server is read-only: start it with --token-file to allow uploads.")
    return render(request, "upload.html", "upload", report=None)


@router.post("/upload")
async def upload_form(request: Request) -> HTMLResponse:
    """The form's fallback without JavaScript: ingest, then show the report on the page."""
    report = await upload.handle_upload(request)
    return render(request, "upload.html", "upload", report=report)
