"""The FastAPI application: pages, JSON API, static assets, security headers and error shapes.

Every page and every API response is built from the same knowledge-base calls
(``pactwatch.open(db)``), so what the UI shows is what ``/api/`` returns. Article text is hostile
input: templates autoescape, the CSP forbids inline scripts and styles, and nothing an article
contains is ever marked safe.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

import pactwatch
from pactwatch.read.limits import ReadLimits
from pactwatch.web import api, pages
from pactwatch.web.formatting import register_filters
from pactwatch.web.guards import (
    DEFAULT_BODY_TIMEOUT_S,
    AllowedHosts,
    BodyDeadline,
    CostlyInTurn,
    SecurityHeaders,
    host_names,
    with_security_headers,
)
from pactwatch.web.http_cache import add_http_caching
from pactwatch.web.jobs import JobBoard
from pactwatch.web.upload import MAX_FILES
from pactwatch.web.vendor import mount_vendor

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def create_app(kb: Any = None, db: str | None = None, token: str | None = None,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES, max_upload_files: int = MAX_FILES,
               read_limits: ReadLimits | None = None, allowed_hosts: Iterable[str] | None = None,
               body_timeout_s: float = DEFAULT_BODY_TIMEOUT_S, node_modules: str | Path | None = None) -> FastAPI:
    """The app over ``kb`` (or ``pactwatch.open(db)``); uploads are allowed only with a ``token``.

    An upload is refused whole (413) past ``max_upload_bytes`` or (422) past ``max_upload_files``
    files; within it, ``read_limits`` (largest file, longest article, batch size) refuse single
    files and articles the way ``pactwatch ingest`` does. Requests are answered only for the local
    host names and ``allowed_hosts`` (400 otherwise; ``"*"`` allows any), and a request body
    must arrive within ``body_timeout_s`` seconds (408 otherwise). The graph library is served
    under ``/vendor/`` from ``node_modules`` (default: ``$PACTWATCH_NODE_MODULES`` or the
    repository's, see ``pactwatch.web.vendor``); without it the graphs stay SVG.

    >>> app = create_app(db="sqlite:///pactwatch.db", token=None)  # doctest: +SKIP
    >>> uvicorn.run(app, host="127.0.0.1", port=8000)               # doctest: +SKIP
    """
    if token is not None and not token.strip():
        raise ValueError("The upload token is empty: put a secret in the token file, or start without --token-file.")
    if max_upload_bytes <= 0:
        raise ValueError(f"max_upload_bytes must be positive, got {max_upload_bytes}.")
    if max_upload_files <= 0:
        raise ValueError(f"max_upload_files must be positive, got {max_upload_files}.")
    hosts = host_names(extra=allowed_hosts)
    if kb is None:
        kb = pactwatch.open(db)
    app = FastAPI(
        title="pactwatch",
        version=pactwatch.__version__,
        description="Security-cooperation agreements and events from news, every value with its evidence.",
        docs_url=None, redoc_url=None,  # the bundled Swagger UI would load scripts from a CDN
    )
    app.state.kb = kb
    app.state.token = token.strip() if token else None
    app.state.max_upload_bytes = max_upload_bytes
    app.state.max_upload_files = max_upload_files
    app.state.read_limits = read_limits or ReadLimits()
    app.state.templates = _templates()
    app.state.jobs = JobBoard()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    mount_vendor(app, node_modules)
    app.include_router(api.router)
    app.include_router(pages.router)
    _add_error_handlers(app)
    add_http_caching(app)
    _add_guards(app, hosts, body_timeout_s)  # last, so outermost: they see every response and request
    return app


def _templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html", "svg", "xml"), default=True),
                      trim_blocks=True, lstrip_blocks=True)
    register_filters(env)
    return Jinja2Templates(env=env)


def _add_guards(app: FastAPI, hosts: tuple[str, ...], body_timeout_s: float) -> None:
    """From the inside out: costly pages in turn, the body deadline, the Host check, the security headers (outermost,
    so the Host check's 400 carries them too). Only a 500 is built outside them (see below)."""
    app.state.allowed_hosts = hosts
    app.add_middleware(CostlyInTurn, refuse=lambda scope, status, message: _error_response(Request(scope), status,
                                                                                           message))
    app.add_middleware(BodyDeadline, seconds=body_timeout_s)
    app.add_middleware(AllowedHosts, allowed=hosts,
                       refuse=lambda scope, status, message: _error_response(Request(scope), status, message))
    app.add_middleware(SecurityHeaders)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json" \
        or "text/html" not in request.headers.get("accept", "")


def _error_response(request: Request, status: int, message: str) -> Response:
    """JSON ``{"detail": message}`` for the API and machines, a readable page for browsers."""
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "Error"
        response = _error_response(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return _error_response(request, 422, validation_message(exc.errors()))

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> Response:
        """The knowledge base raises ValueError for a bad filter value, listing the allowed ones."""
        return _error_response(request, 422, str(exc))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        """Any other failure: a plain 500 that says nothing of the cause (the log has it). Starlette
        answers it from its outermost layer, outside the middleware, so it gets the headers here;
        it then re-raises the error for the server to log."""
        response = _error_response(request, 500, "Something went wrong on the server; the error is logged.")
        with_security_headers(response.headers, request.url.path, "authorization" in request.headers)
        return response

    del http_error, validation_error, bad_value, server_error  # registered; names kept for tracebacks only


def validation_message(errors: Any) -> str:
    """One readable sentence per invalid parameter: ``domain: Input should be 'security', ...``."""
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid")))
    return "; ".join(parts) or "Invalid request."

