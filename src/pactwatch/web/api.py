"""JSON under ``/api/``: everything the pages show, with the CLI's filters and pagination.

Every list answers one page in the same shape (``schemas.Page``): ``total``, ``limit``,
``offset``, ``next`` (the URL of the following page, null on the last) and ``items``. Responses
are declared models (``pactwatch.web.schemas``), so ``/openapi.json`` describes them and generated
clients get typed attributes. Errors are ``{"detail": message}``: an unknown id gives 404, a bad
parameter 422. Caching headers, ``HEAD`` and gzip are added for every route by ``http_cache``.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, BeforeValidator

from pactwatch.alerts import ALERT_KINDS
from pactwatch.facts import OBLIGATION_KINDS
from pactwatch.web import reviewing, schemas, upload
from pactwatch.web.network import layout
from pactwatch.web.params import MAX_LIMIT, Domain, EventType, Provision, SortKey, Status, iso, iso_day_only, value_of

ACTOR_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{1,15}$"
MAX_OFFSET = 10_000_000
DEFAULT_LIMIT = 50
MAX_NETWORK_EDGES = 20_000
DEFAULT_NETWORK_EDGES = 5_000


class ErrorOut(BaseModel):
    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}, 422: {"model": ErrorOut}}
# operationId = the function's name, so generated clients read ``list_agreements.sync(client=...)``
router = APIRouter(prefix="/api", tags=["api"],
                   responses={400: {"model": ErrorOut, "description": "Host header not allowed"},
                              422: {"model": ErrorOut}},
                   generate_unique_id_function=lambda route: route.name)
READ = {"response_model_exclude_unset": True}  # optional keys a record lacks stay absent, not null

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
Party = Annotated[str | None, Query(pattern=ACTOR_PATTERN, description="actor code, e.g. AZE or NATO")]
Text = Annotated[str | None, Query(max_length=200, pattern=r"^[^\x00]*$", description="free text")]
AsOf = Annotated[date | None, Query(description="evaluate the lifecycle on this day (YYYY-MM-DD)"),
                 BeforeValidator(iso_day_only)]
Day = Annotated[date | None, Query(description="YYYY-MM-DD"), BeforeValidator(iso_day_only)]
Required = Annotated[date, Query(description="YYYY-MM-DD"), BeforeValidator(iso_day_only)]
ExpandMembers = Annotated[bool, Query(description="add the duties between the members of organisations with a "
                                                  "collective-defence clause (NATO, CSTO, EU)")]
ObligationKind = Enum("ObligationKind", {k: k for k in OBLIGATION_KINDS}, type=str)  # type: ignore[misc]
AlertKind = Enum("AlertKind", {k: k for k in ALERT_KINDS}, type=str)  # type: ignore[misc]
Since = Annotated[date | None, Query(description="changes detected on or after this day (YYYY-MM-DD)"),
                  BeforeValidator(iso_day_only)]


def kb_of(request: Request) -> Any:
    return request.app.state.kb


def found(item: Any, what: str, key: str) -> Any:
    """``item`` or a 404 that names what was not found."""
    if item is None:
        raise HTTPException(404, f"No {what} {key!r}.")
    return item


def next_url(request: Request, limit: int, offset: int, total: int) -> str | None:
    """The following page's URL: this one's path and query with ``offset`` moved on by ``limit``;
    None when this page reaches the end (or the next offset would be past the allowed maximum)."""
    following = offset + limit
    if following >= total or following > MAX_OFFSET:
        return None
    query = [(k, v) for k, v in request.query_params.multi_items() if k not in ("limit", "offset")]
    query += [("limit", str(limit)), ("offset", str(following))]
    return f"{request.url.path}?{urlencode(query)}"


def page(request: Request, items: list[Any], limit: int, offset: int, total: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "next": next_url(request, limit, offset, total),
            "items": items}


def party_code(party: str | None) -> str | None:
    return party.upper() if party else None


def agreement_filters(party: str | None, domain: Domain | None, status: Status | None,
                      provision: Provision | None, as_of: date | None, q: str | None) -> dict[str, Any]:
    return {"party": party_code(party), "domain": value_of(domain), "status": value_of(status),
            "provision": value_of(provision), "as_of": iso(as_of), "q": q}


def safe_key(key: str) -> str:
    """Ids are looked up as given; a NUL byte can name nothing (and some databases reject it)."""
    if "\x00" in key:
        raise HTTPException(404, "No such id.")
    return key


@router.get("/agreements", response_model=schemas.AgreementPage, **READ,
            summary="Agreements, filtered, sorted and paginated")
def list_agreements(request: Request, party: Party = None, domain: Domain | None = None,
                    status: Status | None = None, provision: Provision | None = None, as_of: AsOf = None,
                    q: Text = None, sort: SortKey = SortKey.signed, desc: bool = False,  # type: ignore[attr-defined]
                    limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    kb = kb_of(request)
    filters = agreement_filters(party, domain, status, provision, as_of, q)
    items = kb.agreements(**filters, sort=value_of(sort), desc=desc, limit=limit, offset=offset)
    return page(request, items, limit, offset, kb.count_agreements(**filters))


@router.get("/agreements/{agreement_id}", response_model=schemas.Agreement, **READ, responses=ERRORS,
            summary="One agreement: fields, sources, lifecycle")
def get_agreement(request: Request, agreement_id: str, as_of: AsOf = None) -> dict[str, Any]:
    key = safe_key(agreement_id)
    return found(kb_of(request).agreement(key, as_of=iso(as_of)), "agreement", key)


@router.get("/events", response_model=schemas.EventPage, **READ, summary="Exercises, visits and arms deals")
def list_events(request: Request, party: Party = None, type: EventType | None = None, q: Text = None,
                limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    kb = kb_of(request)
    filters = {"party": party_code(party), "type": value_of(type), "q": q}
    return page(request, kb.events(**filters, limit=limit, offset=offset), limit, offset, kb.count_events(**filters))


@router.get("/events/{event_id}", response_model=schemas.Event, **READ, responses=ERRORS, summary="One event")
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    key = safe_key(event_id)
    return found(kb_of(request).event(key), "event", key)


@router.get("/timeline", response_model=schemas.TimelinePage, **READ, summary="Dated facts and events, by date")
def get_timeline(request: Request, party: Party = None, start: Day = None, end: Day = None,
                 limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    if start and end and start > end:
        raise HTTPException(422, f"start {start} is after end {end}")
    kb = kb_of(request)
    filters = {"party": party_code(party), "start": iso(start), "end": iso(end)}
    items = kb.timeline(**filters, limit=limit, offset=offset)
    return page(request, items, limit, offset, kb.count_timeline(**filters))


def known_party(party: str | None) -> bool:
    """Whether ``party`` is no filter or a code some actor has. As for agreements, a code no actor
    has is no error over HTTP: nothing binds it, so the answer is empty (the CLI and
    ``kb.commitments`` refuse it with a suggestion)."""
    from pactwatch.commitments import actor_codes

    code = party_code(party)
    return code is None or code in actor_codes()


@router.get("/commitments", response_model=schemas.CommitmentPage, **READ,
            summary="Who is bound to defend or consult whom on a day, and on what terms")
def list_commitments(request: Request, as_of: AsOf = None, party: Party = None, kind: ObligationKind | None = None,
                     expand_members: ExpandMembers = False, limit: Limit = DEFAULT_LIMIT,
                     offset: Offset = 0) -> dict[str, Any]:
    if not known_party(party):
        return page(request, [], limit, offset, 0)
    rows = kb_of(request).commitments(as_of=iso(as_of), party=party_code(party), kind=value_of(kind),
                                      expand_members=expand_members)
    return page(request, rows[offset:offset + limit], limit, offset, len(rows))


@router.get("/commitments/diff", response_model=schemas.CommitmentDiff, **READ,
            summary="The commitments that began and those that ended between two days")
def get_commitments_diff(request: Request, start: Required, end: Required, party: Party = None,
                         kind: ObligationKind | None = None, expand_members: ExpandMembers = False
                         ) -> dict[str, Any]:
    if start > end:
        raise HTTPException(422, f"start {start} is after end {end}")
    if not known_party(party):
        return {"start": iso(start), "end": iso(end), "begun": [], "ended": []}
    return kb_of(request).commitments_diff(iso(start), iso(end), party=party_code(party), kind=value_of(kind),
                                           expand_members=expand_members)


@router.get("/actors", response_model=schemas.ActorPage, **READ,
            summary="States and organisations, with their counts")
def list_actors(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    kb = kb_of(request)
    return page(request, kb.actors(limit=limit, offset=offset), limit, offset, kb.count_actors())


@router.get("/actors/{code}", response_model=schemas.Actor, **READ, responses=ERRORS,
            summary="One actor: agreements, events (the first 200 of each), partners")
def get_actor(request: Request, code: str) -> dict[str, Any]:
    key = safe_key(code).upper()
    return found(kb_of(request).actor(key), "actor", key)


@router.get("/network", response_model=schemas.Network, **READ,
            summary="States as nodes, agreements as edges (at most `limit` edges)")
def get_network(request: Request, as_of: AsOf = None, domain: Domain | None = None,
                limit: Annotated[int, Query(ge=1, le=MAX_NETWORK_EDGES, description="most edges")]
                = DEFAULT_NETWORK_EDGES) -> dict[str, Any]:
    return bounded_network(kb_of(request).network(as_of=iso(as_of), domain=value_of(domain)), limit)


def bounded_network(network: dict[str, Any], limit: int) -> dict[str, Any]:
    """The first ``limit`` edges (the KB's order) and the nodes they touch, so one answer stays small
    whatever the collection; ``edges_total`` and ``truncated`` say what was left out."""
    edges = network["edges"][:limit]
    touched = {code for e in edges for code in (e["source"], e["target"])}
    nodes = [n for n in network["nodes"] if n["id"] in touched]
    return {"nodes": with_positions(nodes, edges), "edges": edges,
            "edges_total": len(network["edges"]), "truncated": len(network["edges"]) > limit}


def with_positions(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each node with ``x``, ``y`` in [-1, 1] from the server's seeded layout (``web.network.layout``,
    kept per graph): a browser lays out a large graph from these in no time instead of running a
    force layout over hundreds of actors (about 1.5 s of a 300-actor page), and the same graph is
    drawn the same way every time."""
    placed = layout([n["id"] for n in nodes], [(e["source"], e["target"]) for e in edges])
    return [{**n, "x": round(placed[n["id"]][0], 4), "y": round(placed[n["id"]][1], 4)} for n in nodes]


@router.get("/articles", response_model=schemas.ArticlePage, **READ, summary="Stored articles")
def list_articles(request: Request, q: Text = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
                  ) -> dict[str, Any]:
    kb = kb_of(request)
    return page(request, kb.articles(limit=limit, offset=offset, q=q), limit, offset, kb.count_articles(q=q))


@router.get("/articles/{article_id}", response_model=schemas.Article, **READ, responses=ERRORS,
            summary="One article: text, mentions, duplicates, facts")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    key = safe_key(article_id)
    return found(kb_of(request).article(key), "article", key)


@router.get("/duplicates", response_model=schemas.DuplicatePage, **READ,
            summary="Clusters of copied, mirrored and reworded articles")
def list_duplicates(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    kb = kb_of(request)
    return page(request, kb.duplicates(limit=limit, offset=offset), limit, offset, kb.count_duplicates())


@router.get("/refused", response_model=schemas.RefusalPage, **READ,
            summary="Inputs that could not be read, with the reason (newest first)")
def list_refused(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    kb = kb_of(request)
    return page(request, kb.refused(limit=limit, offset=offset), limit, offset, kb.count_refused())


@router.get("/alerts", response_model=schemas.AlertPage, **READ,
            summary="Changes to the knowledge base, newest first: new agreements, ratifications, entries into "
                    "force, terminations, notice deadlines, conflicts (as an Atom feed: /alerts.atom)")
def list_alerts(request: Request, since: Since = None, kind: AlertKind | None = None,
                limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    kb = kb_of(request)
    filters = {"since": iso(since), "kind": value_of(kind)}
    return page(request, kb.changes(**filters, limit=limit, offset=offset), limit, offset,
                kb.count_changes(**filters))


@router.post("/upload", response_model=schemas.UploadReport | schemas.UploadJob,
             summary="Ingest uploaded articles (needs the token): the report, or with wait=false the job",
             responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 408: {"model": ErrorOut},
                        413: {"model": ErrorOut}, 429: {"model": ErrorOut, "description": "too many uploads at once"}},
             openapi_extra={"requestBody": upload.REQUEST_BODY})
async def post_upload(request: Request, wait: bool = Query(True, description="false: return a job to poll")
                      ) -> dict[str, Any]:
    return await upload.handle_upload(request, wait=wait)


@router.get("/upload/{job_id}", response_model=schemas.UploadJob,
            summary="An upload's ingest job: state, articles processed, report",
            responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 404: {"model": ErrorOut}})
def get_upload_job(request: Request, job_id: str) -> dict[str, Any]:
    upload.require_token(request)
    job = request.app.state.jobs.get(job_id)
    return found(job, "upload job", job_id).to_json()


# --- reviews ------------------------------------------------------------------------------------------

WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "no token, or a token no account has"},
    403: {"model": ErrorOut, "description": "the account may not review, or the server is read-only"},
    422: {"model": ErrorOut, "description": "unknown record, field or party, or a value that does not fit"}}


def review_account(request: Request, claimed: str | None = None) -> str:
    """The name of the account sending the request, which must be allowed to review; the API takes
    its token in the Authorization header (a request without one, riding on a browser's cookie, must
    come from this site)."""
    if "authorization" not in request.headers:
        reviewing.check_same_origin(request)
    account = reviewing.reviewer(request)
    name = str(account["name"])
    if claimed is not None and claimed != name:
        raise HTTPException(403, f"This token is {name!r}'s: a reviewer cannot act under another name.")
    return name


@router.post("/review", response_model=schemas.ReviewLogEntry, responses=WRITE_ERRORS,
             summary="Accept, reject or set one value (needs a review token); answers the log entry")
def post_review(request: Request, body: schemas.ReviewRequest) -> dict[str, Any]:
    name = review_account(request, body.reviewer)
    if body.action == "set" and body.value is None:
        raise HTTPException(422, "value: set needs the new value")
    party = body.party.upper() if body.party else None
    entry: dict[str, Any] = kb_of(request).review(body.action, body.record_id, body.field, reviewer=name,
                                                  value=body.value if body.action == "set" else None, party=party,
                                                  note=body.note)
    return entry


@router.post("/review/merge", response_model=schemas.ReviewLogEntry, responses=WRITE_ERRORS,
             summary="Say two records are one agreement or event (needs a review token)")
def post_review_merge(request: Request, body: schemas.MergeRequest) -> dict[str, Any]:
    name = review_account(request)
    entry: dict[str, Any] = kb_of(request).review_merge(body.record_id, body.other_id, reviewer=name,
                                                        note=body.note)
    return entry


@router.post("/review/split", response_model=schemas.ReviewLogEntry, responses=WRITE_ERRORS,
             summary="Take an article out of a record into one of its own (needs a review token)")
def post_review_split(request: Request, body: schemas.SplitRequest) -> dict[str, Any]:
    name = review_account(request)
    entry: dict[str, Any] = kb_of(request).review_split(body.record_id, body.article_id, reviewer=name,
                                                        note=body.note)
    return entry


@router.get("/review/queue", response_model=schemas.ReviewQueuePage, summary="The values that most need a person "
            "first: single-source, conflicting, weakly extracted, with a deadline near")
def get_review_queue(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    kb = kb_of(request)
    return page(request, kb.review_queue(limit=limit, offset=offset), limit, offset, kb.count_review_queue())


@router.get("/review/log", response_model=schemas.ReviewLogPage,
            summary="Every decision: who, when, on what, old and new value, note (oldest first)")
def get_review_log(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    kb = kb_of(request)
    return page(request, kb.review_log(limit=limit, offset=offset), limit, offset, kb.count_review_log())


@router.get("/review/stats", response_model=schemas.ReviewStats,
            summary="Per field: extracted values accepted, rejected and changed, and the precision")
def get_review_stats(request: Request) -> dict[str, Any]:
    stats: dict[str, Any] = kb_of(request).review_stats()
    return stats
