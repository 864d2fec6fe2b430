"""Article ids: checked where users chose them (JSON Lines), made safe where we derive them (WARC).

Ids name articles in reports, databases and file names, so they may not carry path separators or
control characters.
"""

from __future__ import annotations

import re

MAX_ID_CHARS = 200
UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def id_problem(doc_id: str) -> str | None:
    """Why a user-given id is refused, or None.

    >>> id_problem("news/2021/04")
    "id 'news/2021/04' contains a path separator; refused, not renamed"
    """
    shown = doc_id[:60]
    if not doc_id.strip():
        return "field 'id' is empty"
    if "/" in doc_id or "\\" in doc_id:
        return f"id {shown!r} contains a path separator; refused, not renamed"
    if CONTROL.search(doc_id):
        return f"id {shown!r} contains control characters; refused, not renamed"
    if doc_id in (".", ".."):
        return f"id {doc_id!r} is a path name; refused"
    if len(doc_id) > MAX_ID_CHARS:
        return f"id is {len(doc_id)} characters, over the limit of {MAX_ID_CHARS}"
    return None


def sanitise_id(value: str) -> str:
    """A safe id from a record id or URL: runs of other characters become '_'.

    >>> sanitise_id("<urn:uuid:1b4e28ba-2fa1-11d2>")
    'urn_uuid_1b4e28ba-2fa1-11d2'
    """
    return UNSAFE.sub("_", value).strip("._")[:MAX_ID_CHARS] or "record"
