"""Uploads: only with the server's token, only up to the size limit, ingested through the KB.

The token comes from an ``Authorization: Bearer`` header or a ``token`` form field and is
compared in constant time. The body is read with a running count, so a request larger than the
limit is refused (413) before it is parsed or stored. Files keep their (sanitised) names, since
an article's id is its file name, and go to a private temporary folder that ``kb.ingest`` reads.
"""

from __future__ import annotations

import hmac
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from pactwatch.web.jobs import ingest_now

REQUEST_BODY = {
    "required": True,
    "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["files"],
        "properties": {
            "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                      "description": "articles: .txt, .html, .jsonl, .warc (optionally .gz)"},
            "token": {"type": "string", "description": "the upload token (or send Authorization: Bearer)"},
        }}}},
}
MAX_FILES = 200
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def uploads_allowed(request: Request) -> bool:
    return request.app.state.token is not None


def token_matches(request: Request, given: str | None) -> bool:
    """Constant-time comparison with the configured token; False when none is configured."""
    expected: str | None = request.app.state.token
    if expected is None or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def bearer_token(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def read_limited(request: Request, limit: int) -> bytes:
    """The whole body, or 413 as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"Upload too large: at most {limit} bytes.")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"Upload too large: at most {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


def replayed(request: Request, body: bytes) -> Request:
    """A request that reads ``body`` again, so the form parser sees what was counted."""
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(request.scope, receive)


def safe_name(name: str | None, index: int) -> str:
    """A file name with no folders and only plain characters, keeping the extension."""
    base = Path((name or "").replace("\\", "/")).name
    cleaned = _UNSAFE.sub("_", base).strip("._") or f"upload-{index}"
    return cleaned[:120]


async def authorised_form(request: Request) -> tuple[list[UploadFile], Any]:
    """The uploaded files, after the token and size checks (401/403/413/422 otherwise)."""
    if not uploads_allowed(request):
        raise HTTPException(403, "This server is read-only: start it with --token-file to allow uploads.")
    header_token = bearer_token(request)
    if header_token is not None and not token_matches(request, header_token):
        raise HTTPException(401, "A valid upload token is required.", headers={"WWW-Authenticate": "Bearer"})
    body = await read_limited(request, request.app.state.max_upload_bytes)
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        raise HTTPException(422, "files: send the articles as multipart/form-data")
    try:
        form = await replayed(request, body).form(max_files=MAX_FILES, max_fields=20)
    except HTTPException:
        raise
    except Exception as exc:  # the multipart parser raises several types for malformed bodies
        raise HTTPException(422, f"files: malformed multipart body ({type(exc).__name__})") from None
    field_token = form.get("token")
    given = header_token or (field_token if isinstance(field_token, str) else None)
    if not token_matches(request, given):
        await form.close()
        raise HTTPException(401, "A valid upload token is required.", headers={"WWW-Authenticate": "Bearer"})
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
    if not files:
        await form.close()
        raise HTTPException(422, "files: choose at least one file to upload")
    return files, form


def require_token(request: Request) -> None:
    """For reading job states: the same token, from the header."""
    if not uploads_allowed(request):
        raise HTTPException(403, "This server is read-only: start it with --token-file to allow uploads.")
    if not token_matches(request, bearer_token(request)):
        raise HTTPException(401, "A valid upload token is required.", headers={"WWW-Authenticate": "Bearer"})


async def handle_upload(request: Request, wait: bool = True) -> dict[str, Any]:
    """Store the uploaded files in a temporary folder and ingest them: the report as JSON, or
    (``wait=False``) the started job, whose state ``GET /api/upload/{job}`` reports."""
    files, form = await authorised_form(request)
    folder = tempfile.mkdtemp(prefix="pactwatch-upload-")
    started = False
    try:
        paths = await save_files(files, Path(folder))
        if not wait:
            job = request.app.state.jobs.start(request.app.state.kb, paths, folder, report_json)
            started = True
            return job.to_json()
        report = await run_in_threadpool(ingest_now, request.app.state.kb, paths)
        return report_json(report, folder)
    finally:
        await form.close()
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
        target.write_bytes(await upload.read())
        paths.append(str(target))
    return paths


def report_json(report: Any, folder: str) -> dict[str, Any]:
    """The ingest report with the temporary folder taken out of every refusal's source."""
    prefix = str(Path(folder)) + "/"
    refused = [{"source": str(r.source).replace(prefix, ""), "reason": r.reason, "line": r.line}
               for r in report.refused]
    return {"articles_read": report.articles_read, "articles_new": report.articles_new,
            "duplicates": report.duplicates, "agreements": report.agreements, "events": report.events,
            "refused": refused}

