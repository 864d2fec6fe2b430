"""The upload token, checked before the upload's body is read.

An API client sends the token in an ``Authorization: Bearer`` header, checked before a byte of
the body is read. The browser form cannot set a header, so it sends the token as the form's
FIRST field, named ``token``, before any file (browsers send fields in the order the form lists
them; the upload page lists the token first). Only that first part is read, at most
``TOKEN_PART_MAX`` bytes: when it is not the token field, or the token is wrong, the upload is
refused (401) with the rest of its body unread, so an unauthenticated 19 MB upload costs the
server a few kilobytes, not a 19 MB spool to disk. The bytes read are then handed back to the
multipart parser as if never taken.

>>> first_field(b'--b\\r\\nContent-Disposition: form-data; name="token"\\r\\n\\r\\ns3cret\\r\\n--b', b"b")
('token', b's3cret')
"""

from __future__ import annotations

from python_multipart.multipart import parse_options_header
from starlette.requests import Request
from starlette.types import Message, Receive

TOKEN_FIELD = "token"
TOKEN_PART_MAX = 8192  # the token field's boundary, headers and value must arrive within this many bytes
NOT_A_FIELD = ("", b"")  # the first part is a file (or is malformed): there is no token before it


def multipart_boundary(content_type: str) -> bytes | None:
    """The boundary of a ``multipart/form-data`` content type; None for any other type."""
    kind, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    return boundary if kind == b"multipart/form-data" and boundary else None


def first_field(buffer: bytes, boundary: bytes) -> tuple[str, bytes] | None:
    """(name, value) of the body's first part when it is a plain field, ``NOT_A_FIELD`` when it is
    a file or not multipart, None while more bytes are needed to tell."""
    delimiter = b"--" + boundary
    start = buffer.find(delimiter + b"\r\n")
    if start < 0:
        return None
    headers_start = start + len(delimiter) + 2
    headers_end = buffer.find(b"\r\n\r\n", headers_start)
    if headers_end < 0:
        return None
    disposition = _header(buffer[headers_start:headers_end], b"content-disposition")
    kind, params = parse_options_header(disposition)
    if kind != b"form-data" or b"filename" in params or b"name" not in params:
        return NOT_A_FIELD
    value_start = headers_end + 4
    value_end = buffer.find(b"\r\n" + delimiter, value_start)
    if value_end < 0:
        return None
    return params[b"name"].decode("utf-8", "replace"), buffer[value_start:value_end]


def _header(block: bytes, name: bytes) -> bytes:
    for line in block.split(b"\r\n"):
        key, _, value = line.partition(b":")
        if key.strip().lower() == name:
            return value.strip()
    return b""


async def token_field(request: Request, boundary: bytes) -> tuple[str | None, Request]:
    """The token from the form's first field (None when the first field is not the token), and the
    request to parse the form from, whose body starts with the bytes read here."""
    buffered = b""
    more = True
    found: tuple[str, bytes] | None = None
    while more and found is None and len(buffered) <= TOKEN_PART_MAX:
        message = await request.receive()
        if message["type"] != "http.request":
            more = False
            break
        buffered += message.get("body", b"")
        more = bool(message.get("more_body", False))
        found = first_field(buffered[: TOKEN_PART_MAX + 1], boundary)
    token = found[1].decode("utf-8", "replace") if found and found[0] == TOKEN_FIELD else None
    return token, Request(request.scope, _replay(buffered, more, request.receive))


def _replay(buffered: bytes, more: bool, receive: Receive) -> Receive:
    """A receive channel that gives ``buffered`` first, then the rest of the body."""
    given = False

    async def again() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": buffered, "more_body": more}
        return await receive()

    return again
