"""The browser graph library, served from the app's own ``/vendor/`` route out of ``node_modules``.

The Network and Commitments pages draw with Cytoscape.js and its fcose layout, installed from the
npm registry by ``make setup`` (``npm ci`` from the committed ``package.json`` and
``package-lock.json``) into ``node_modules/`` at the repository root. Nothing is copied into the
repository and nothing is loaded from the internet: this module finds ``node_modules`` and answers
``/vendor/<name>`` from it. Without it (npm absent, or an installed package without the checkout)
the route answers 404, ``available`` is false and the pages keep their server-drawn SVG.

Every file is served as an ES module, so ``app.js`` (the one ``<script>`` of every page) loads the
library with ``import()`` and no page carries another script element. Cytoscape ships an ES
module build; fcose and its two dependencies ship only UMD bundles, which are wrapped here: each
runs inside a function whose ``this`` holds the globals it looks for (a UMD bundle falls back to
``this.<name>`` where there is no CommonJS or AMD) and the module exports what it defines.

>>> VENDOR["cytoscape-fcose.mjs"].deps
(('coseBase', 'cose-base.mjs'),)
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import Response

NODE_MODULES_ENV = "PACTWATCH_NODE_MODULES"
REPO_NODE_MODULES = Path(__file__).resolve().parents[3] / "node_modules"
MEDIA_TYPE = "text/javascript; charset=utf-8"


@dataclass(frozen=True)
class VendorFile:
    """One served module: a file under ``node_modules``; ``umd_global`` names what a UMD bundle
    defines (None: the file is an ES module already), ``deps`` the globals it needs and the served
    modules that provide them."""

    path: str
    umd_global: str | None = None
    deps: tuple[tuple[str, str], ...] = ()


VENDOR = {
    "cytoscape.mjs": VendorFile("cytoscape/dist/cytoscape.esm.min.mjs"),
    "layout-base.mjs": VendorFile("layout-base/layout-base.js", "layoutBase"),
    "cose-base.mjs": VendorFile("cose-base/cose-base.js", "coseBase", (("layoutBase", "layout-base.mjs"),)),
    "cytoscape-fcose.mjs": VendorFile("cytoscape-fcose/cytoscape-fcose.js", "cytoscapeFcose",
                                      (("coseBase", "cose-base.mjs"),)),
}
ENTRY = "cytoscape.mjs"  # what a page checks for before it draws


def find_node_modules(explicit: str | Path | None = None) -> Path | None:
    """The ``node_modules`` folder holding every ``VENDOR`` file: ``explicit`` if given, else
    ``$PACTWATCH_NODE_MODULES``, else the repository's (beside ``package.json``). None when the
    library is not installed; a folder given explicitly that lacks it is an error."""
    if explicit is not None:
        folder = Path(explicit)
        missing = [f.path for f in VENDOR.values() if not (folder / f.path).is_file()]
        if missing:
            raise ValueError(f"{folder} lacks {', '.join(missing)}: run `make setup` (npm ci) or point "
                             f"node_modules at the folder npm installed into.")
        return folder
    for candidate in (os.environ.get(NODE_MODULES_ENV), REPO_NODE_MODULES):
        if candidate and all((Path(candidate) / f.path).is_file() for f in VENDOR.values()):
            return Path(candidate)
    return None


def module_source(folder: Path, name: str) -> bytes:
    """The served text of ``name``: the ES module as installed, or a UMD bundle wrapped as one."""
    item = VENDOR[name]
    text = (folder / item.path).read_text(encoding="utf-8")
    if item.umd_global is None:
        return text.encode()
    imports = "".join(f'import {glob} from "./{module}";\n' for glob, module in item.deps)
    scope = ", ".join(glob for glob, _ in item.deps)
    return (f"// {item.path} (UMD) as an ES module, served by pactwatch from node_modules\n{imports}"
            f"const scope = {{{scope}}};\n(function () {{\n{text}\n}}).call(scope);\n"
            f"export default scope.{item.umd_global};\n").encode()


@lru_cache(maxsize=16)
def _served(folder: str, name: str, mtime_ns: int) -> tuple[bytes, str]:
    body = module_source(Path(folder), name)
    return body, f'"{hashlib.sha256(body).hexdigest()[:32]}"'


router = APIRouter(include_in_schema=False)


@router.get("/vendor/{name}")
def vendor_module(request: Request, name: str) -> Response:
    """A library module, revalidated by ETag (a new ``npm ci`` changes it)."""
    folder: Path | None = request.app.state.node_modules
    if folder is None or name not in VENDOR:
        raise HTTPException(404, f"No vendored module {name!r}" + ("" if folder else
                            " (the graph library is not installed: run `make setup`)."))
    path = folder / VENDOR[name].path
    body, etag = _served(str(folder), name, path.stat().st_mtime_ns)
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=MEDIA_TYPE, headers=headers)


def mount_vendor(app: FastAPI, node_modules: str | Path | None = None) -> None:
    """Serve ``/vendor/`` from ``node_modules`` (see ``find_node_modules``); templates learn
    whether the graph library is there through ``graph_library``."""
    app.state.node_modules = find_node_modules(node_modules)
    app.include_router(router)


def graph_library(request: Request) -> str | None:
    """The URL a page loads the graph library from, or None when it is not installed."""
    return f"/vendor/{ENTRY}" if getattr(request.app.state, "node_modules", None) is not None else None
