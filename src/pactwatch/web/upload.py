"""Uploads: only by an account of role review or admin (or with the server's ``--token-file``
token, the admin account), only up to the size limit, a few at a time, ingested through the KB.

The token is checked before the body is read: from an ``Authorization: Bearer`` header, or from
the form's first field ``token`` (see ``upload_auth``), compared in constant time (``auth``). A
form post that names another site as its Origin or Referer is refused (403) unread. The body is
then read with a running count, so a request larger than the limit is refused (413) as soon as
it is known to be: by its declared length before any byte is read, else once the running count
passes the limit. Files stream to disk as they arrive; no upload is ever held in memory whole.
At most ``MAX_CONCURRENT_UPLOADS`` authorised uploads are handled at once, and the job board
holds a bounded queue; past either the answer is 429 with ``Retry-After``. Files keep their
(sanitised) names, since an article's id is its file name, and go to a private temporary folder
that ``kb.ingest`` reads.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Message

from pactwatch.web import auth
from pactwatch.web.jobs import UPLOAD_LABEL, JobQueueFull, ingest_now
from pactwatch.web.upload_auth import multipart_boundary, token_field

REQUEST_BODY = {
    "required": True,
    "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["files"],
        "properties": {
            "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                      "description": "articles: .txt, .html, .jsonl, .warc (optionally .gz)"},
            "token": {"type": "string", "description": "an account's token (or the server's), as the FIRST field, "
                                                       "before any file (or send Authorization: Bearer)"},
        }}}},
}
MAX_FILES = 200
MAX_CONCURRENT_UPLOADS = 2
RETRY_AFTER_S = 10
COPY_CHUNK = 1 << 20
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


UPLOAD_ROLE = "review"  # review and admin accounts may upload
READ_ONLY = ("This server is read-only: add an account (pactwatch users add NAME --role review) or start it with "
             "--token-file to allow uploads.")


def uploads_allowed(request: Request) -> bool:
    """Whether some credential could upload: the server's token, or an active account."""
    return auth.writes_allowed(request)


async def uploader(request: Request, given: str | None) -> dict[str, str]:
    """The account whose token ``given`` is, when it may upload (401 otherwise, 403 for a role that
    may not). The hash is computed off the event loop."""
    account = await run_in_threadpool(auth.account_for_token, request, given) if given else None
    if account is None:
        raise unauthorised()
    if not auth.accounts.role_allows(account["role"], UPLOAD_ROLE):
        raise HTTPException(403, f"Account {account['name']} has role {account['role']}; uploads need role "
                                 f"{UPLOAD_ROLE} or admin.")
    request.state.account = account
    return account


bearer_token = auth.bearer_token


def too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"Upload too large: at most {limit} bytes.")


def counted(request: Request, limit: int) -> Request:
    """The request, whose body is counted as it streams in: 413 once it passes ``limit`` bytes.

    A declared ``Content-Length`` over the limit is refused before any byte is read; otherwise
    the multipart parser spools each file to disk chunk by chunk, so no upload is held in memory
    whole and a chunked body without a length is cut off at the limit."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    size = 0

    async def receive() -> Message:
        nonlocal size
        message = await request.receive()
        if message["type"] == "http.request":
            size += len(message.get("body", b""))
            if size > limit:
                raise too_large(limit)
        return message

    return Request(request.scope, receive)


def safe_name(name: str | None, index: int) -> str:
    """A file name with no folders and only plain characters, keeping the extension."""
    base = Path((name or "").replace("\\", "/")).name
    cleaned = _UNSAFE.sub("_", base).strip("._") or f"upload-{index}"
    return cleaned[:120]


def unauthorised() -> HTTPException:
    return HTTPException(401, "A valid upload token is required: send it in an Authorization: Bearer header, "
                              "or as the form's first field, named token, before any file.",
                         headers={"WWW-Authenticate": "Bearer"})


def busy(what: str) -> HTTPException:
    return HTTPException(429, f"The server is busy: {what}. Try again in {RETRY_AFTER_S} seconds.",
                         headers={"Retry-After": str(RETRY_AFTER_S)})


async def authorised_request(request: Request) -> Request:
    """The request, its body still unread but for the token field, once the token is right
    (403 on a read-only server, for a cross-site form or a role that may not upload; 401 without a
    valid token; 413 when declared over the limit). The uploading account is left in
    ``request.state.account``."""
    if not await run_in_threadpool(uploads_allowed, request):
        raise HTTPException(403, READ_ONLY)
    limit: int = request.app.state.max_upload_bytes
    header_token = bearer_token(request)
    if header_token is not None:
        await uploader(request, header_token)
        return counted(request, limit)
    auth.check_same_origin(request, allow_missing=True)  # the token in the form is itself what no other site has
    boundary = multipart_boundary(request.headers.get("content-type", ""))
    if boundary is None:  # without a header, the token can only be in a multipart form
        raise unauthorised()
    given, body = await token_field(counted(request, limit), boundary)
    await uploader(request, given)
    return body


async def uploaded_files(body: Request) -> tuple[list[UploadFile], Any]:
    """The files of an authorised upload, spooled to disk (413/422 otherwise)."""
    if not body.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(422, "files: send the articles as multipart/form-data")
    try:
        form = await body.form(max_files=body.app.state.max_upload_files, max_fields=20)
    except HTTPException:
        raise
    except StarletteHTTPException as exc:  # the parser's own limits (too many files or fields): say which
        raise HTTPException(422, f"files: {exc.detail}") from None
    except Exception as exc:  # the multipart parser raises several types for malformed bodies
        raise HTTPException(422, f"files: malformed multipart body ({type(exc).__name__})") from None
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
    if not files:
        await form.close()
        raise HTTPException(422, "files: choose at least one file to upload")
    return files, form


class UploadSlots:
    """How many authorised uploads are being received or ingested now, at most ``limit``.

    Taken after the token check, so no unauthenticated client can hold one; all handlers run on
    the event loop, so a plain counter needs no lock."""

    def __init__(self, limit: int = MAX_CONCURRENT_UPLOADS) -> None:
        self.limit = limit
        self.busy = 0

    @contextmanager
    def slot(self) -> Iterator[None]:
        if self.busy >= self.limit:
            raise busy(f"{self.limit} uploads are already being received or ingested")
        self.busy += 1
        try:
            yield
        finally:
            self.busy -= 1


def upload_slots(request: Request) -> UploadSlots:
    """The app's ``UploadSlots``, made on first use (``app.state.upload_slots`` may set another)."""
    slots: UploadSlots | None = getattr(request.app.state, "upload_slots", None)
    if slots is None:
        slots = request.app.state.upload_slots = UploadSlots()
    return slots


def require_token(request: Request) -> None:
    """For reading job states: a token that may upload, from the header (or a session)."""
    if not uploads_allowed(request):
        raise HTTPException(403, READ_ONLY)
    try:
        auth.require_role(request, UPLOAD_ROLE)
    except HTTPException as exc:
        raise unauthorised() if exc.status_code == 401 else exc from None


async def handle_upload(request: Request, wait: bool = True) -> dict[str, Any]:
    """Store the uploaded files in a temporary folder and ingest them: the report as JSON, or
    (``wait=False``) the started job, whose state ``GET /api/upload/{job}`` reports.

    The token is checked first; then, before the files are read, that a slot is free (and, for a
    job, that the queue has room), so a refused upload costs the server none of its body."""
    body = await authorised_request(request)
    with upload_slots(request).slot():
        if not wait and request.app.state.jobs.queue_full():
            raise busy(f"{request.app.state.jobs.max_queued} ingest jobs are already waiting")
        files, form = await uploaded_files(body)
        try:
            return await _store_and_ingest(request, files, wait)
        finally:
            await form.close()


async def _store_and_ingest(request: Request, files: list[UploadFile], wait: bool) -> dict[str, Any]:
    folder = tempfile.mkdtemp(prefix="pactwatch-upload-")
    started = False
    try:
        paths = await save_files(files, Path(folder))
        if not wait:
            try:
                job = request.app.state.jobs.start(request.app.state.kb, paths, folder, report_json,
                                                   request.app.state.read_limits)
            except JobQueueFull as full:
                raise busy(str(full)) from None
            started = True
            return job.to_json()
        report = await run_in_threadpool(ingest_now, request.app.state.kb, paths, request.app.state.read_limits,
                                         folder)
        return report_json(report, folder)
    finally:
        if not started:
            shutil.rmtree(folder, ignore_errors=True)


async def save_files(files: list[UploadFile], folder: Path) -> list[str]:
    paths: list[str] = []
    used: set[str] = set()
    for index, upload in enumerate(files):
        name = safe_name(upload.filename, index)
        while name in used:
            name = f"{index}-{name}"
        used.add(name)
        target = folder / name
        await run_in_threadpool(copy_file, upload, target)
        paths.append(str(target))
    return paths


def copy_file(upload: UploadFile, target: Path) -> None:
    """The uploaded file (spooled by the parser) copied in chunks, never read whole."""
    upload.file.seek(0)
    with target.open("wb") as out:
        shutil.copyfileobj(upload.file, out, COPY_CHUNK)


def report_json(report: Any, folder: str) -> dict[str, Any]:
    """The ingest report naming files as the user sent them: no temporary folder or ``upload:``
    label in any refusal (its source, or a reason that names another file, as a duplicate id does).
    The database records them as ``upload:NAME``."""
    def bare(text: str) -> str:
        return text.replace(str(Path(folder)) + "/", "").replace(UPLOAD_LABEL, "")

    refused = [{"source": bare(str(r.source)), "reason": bare(r.reason), "line": r.line} for r in report.refused]
    return {"articles_read": report.articles_read, "articles_new": report.articles_new,
            "duplicates": report.duplicates, "agreements": report.agreements, "events": report.events,
            "refused": refused}

