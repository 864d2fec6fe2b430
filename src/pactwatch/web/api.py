"""JSON under ``/api/``: everything the pages show, with the CLI's filters and pagination.

Errors are ``{"detail": message}``: an unknown id gives 404, a bad parameter 422.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel

from pactwatch.web import upload
from pactwatch.web.params import MAX_LIMIT, Domain, EventType, Provision, SortKey, Status, iso, value_of

ACTOR_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{1,15}$"
MAX_OFFSET = 10_000_000


class ErrorOut(BaseModel):
    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}, 422: {"model": ErrorOut}}
router = APIRouter(prefix="/api", tags=["api"], responses={422: {"model": ErrorOut}})

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
Party = Annotated[str | None, Query(pattern=ACTOR_PATTERN, description="actor code, e.g. AZE or NATO")]
Text = Annotated[str | None, Query(max_length=200, pattern=r"^[^\x00]*$", description="free text")]
AsOf = Annotated[date | None, Query(description="evaluate the lifecycle on this day (YYYY-MM-DD)")]


def kb_of(request: Request) -> Any:
    return request.app.state.kb


def found(item: Any, what: str, key: str) -> Any:
    """``item`` or a 404 that names what was not found."""
    if item is None:
        raise HTTPException(404, f"No {what} {key!r}.")
    return item


def page(items: list[Any], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"limit": limit, "offset": offset, "items": items}
    if total is not None:
        out["total"] = total
    return out


def agreement_filters(party: str | None, domain: Domain | None, status: Status | None,
                      provision: Provision | None, as_of: date | None, q: str | None) -> dict[str, Any]:
    return {"party": party.upper() if party else None, "domain": value_of(domain), "status": value_of(status),
            "provision": value_of(provision), "as_of": iso(as_of), "q": q}


def safe_key(key: str) -> str:
    """Ids are looked up as given; a NUL byte can name nothing (and some databases reject it)."""
    if "\x00" in key:
        raise HTTPException(404, "No such id.")
    return key


@router.get("/agreements", summary="Agreements, filtered, sorted and paginated")
def list_agreements(request: Request, party: Party = None, domain: Domain | None = None,
                    status: Status | None = None, provision: Provision | None = None, as_of: AsOf = None,
                    q: Text = None, sort: SortKey = SortKey.signed, desc: bool = False,  # type: ignore[attr-defined]
                    limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    kb = kb_of(request)
    filters = agreement_filters(party, domain, status, provision, as_of, q)
    items = kb.agreements(**filters, sort=value_of(sort), desc=desc, limit=limit, offset=offset)
    return page(items, limit, offset, kb.count_agreements(**filters))


@router.get("/agreements/{agreement_id}", responses=ERRORS, summary="One agreement: fields, sources, lifecycle")
def get_agreement(request: Request, agreement_id: str, as_of: AsOf = None) -> dict[str, Any]:
    key = safe_key(agreement_id)
    return found(kb_of(request).agreement(key, as_of=iso(as_of)), "agreement", key)


@router.get("/events", summary="Exercises, visits and arms deals")
def list_events(request: Request, party: Party = None, type: EventType | None = None, q: Text = None,
                limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    kb = kb_of(request)
    filters = {"party": party.upper() if party else None, "type": value_of(type), "q": q}
    return page(kb.events(**filters, limit=limit, offset=offset), limit, offset, kb.count_events(**filters))


@router.get("/events/{event_id}", responses=ERRORS, summary="One event")
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    key = safe_key(event_id)
    return found(kb_of(request).event(key), "event", key)


@router.get("/timeline", summary="Dated facts and events, by date")
def get_timeline(request: Request, party: Party = None, start: AsOf = None, end: AsOf = None) -> dict[str, Any]:
    if start and end and start > end:
        raise HTTPException(422, f"start {start} is after end {end}")
    items = kb_of(request).timeline(party=party.upper() if party else None, start=iso(start), end=iso(end))
    return {"items": items}


@router.get("/actors", summary="States and organisations, with their counts")
def list_actors(request: Request) -> dict[str, Any]:
    return {"items": kb_of(request).actors()}


@router.get("/actors/{code}", responses=ERRORS, summary="One actor: agreements, events, partners")
def get_actor(request: Request, code: str) -> dict[str, Any]:
    key = safe_key(code).upper()
    return found(kb_of(request).actor(key), "actor", key)


@router.get("/network", summary="States as nodes, agreements as edges")
def get_network(request: Request, as_of: AsOf = None, domain: Domain | None = None) -> dict[str, Any]:
    result: dict[str, Any] = kb_of(request).network(as_of=iso(as_of), domain=value_of(domain))
    return result


@router.get("/articles", summary="Stored articles")
def list_articles(request: Request, q: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    items = kb_of(request).articles(limit=limit + 1, offset=offset, q=q)
    out = page(items[:limit], limit, offset)
    out["has_more"] = len(items) > limit
    return out


@router.get("/articles/{article_id}", responses=ERRORS, summary="One article: text, mentions, duplicates, facts")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    key = safe_key(article_id)
    return found(kb_of(request).article(key), "article", key)


@router.get("/duplicates", summary="Clusters of copied, mirrored and reworded articles")
def list_duplicates(request: Request) -> dict[str, Any]:
    return {"items": kb_of(request).duplicates()}


@router.get("/refused", summary="Inputs that could not be read, with the reason")
def list_refused(request: Request, limit: Limit = 100) -> dict[str, Any]:
    return {"items": kb_of(request).refused(limit=limit)}


@router.post("/upload", summary="Ingest uploaded articles (needs the token)",
             responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 413: {"model": ErrorOut}},
             openapi_extra={"requestBody": upload.REQUEST_BODY})
async def post_upload(request: Request, wait: bool = Query(True, description="false: return a job to poll")
                      ) -> dict[str, Any]:
    return await upload.handle_upload(request, wait=wait)


@router.get("/upload/{job_id}", summary="An upload's ingest job: state, articles processed, report",
            responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 404: {"model": ErrorOut}})
def get_upload_job(request: Request, job_id: str) -> dict[str, Any]:
    upload.require_token(request)
    job = request.app.state.jobs.get(job_id)
    return found(job, "upload job", job_id).to_json()
