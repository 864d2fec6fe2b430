"""The graph library under /vendor/: served from node_modules (never from the repository or the
internet) as ES modules, revalidated by ETag; without it the pages keep their SVG and say nothing
of a library."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from fake_kb import FakeKnowledgeBase

from conftest import TestClient
from pactwatch.web import create_app, vendor

HTML = {"accept": "text/html"}
INSTALLED = vendor.find_node_modules()
needs_library = pytest.mark.skipif(INSTALLED is None, reason="node_modules is not installed (make setup runs npm ci)")


@pytest.fixture
def without_library(monkeypatch, tmp_path) -> TestClient:
    monkeypatch.delenv(vendor.NODE_MODULES_ENV, raising=False)
    monkeypatch.setattr(vendor, "REPO_NODE_MODULES", tmp_path / "node_modules")
    return TestClient(create_app(kb=FakeKnowledgeBase()))


@needs_library
def test_the_library_is_served_as_es_modules(client) -> None:
    core = client.get("/vendor/cytoscape.mjs")
    assert core.status_code == 200 and core.headers["content-type"] == "text/javascript; charset=utf-8"
    assert core.content == (INSTALLED / "cytoscape/dist/cytoscape.esm.min.mjs").read_bytes()
    fcose = client.get("/vendor/cytoscape-fcose.mjs").text
    assert fcose.startswith("// cytoscape-fcose/cytoscape-fcose.js (UMD) as an ES module")
    assert 'import coseBase from "./cose-base.mjs";' in fcose and fcose.rstrip().endswith(
        "export default scope.cytoscapeFcose;")
    assert "import layoutBase from \"./layout-base.mjs\";" in client.get("/vendor/cose-base.mjs").text
    assert client.get("/vendor/layout-base.mjs").status_code == 200


@needs_library
def test_modules_are_revalidated_by_etag(client) -> None:
    first = client.get("/vendor/cytoscape-fcose.mjs")
    assert first.headers["cache-control"] == "no-cache"
    again = client.get("/vendor/cytoscape-fcose.mjs", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


@pytest.mark.parametrize("name", ["cytoscape.min.js", "../package.json", "%2e%2e%2fpackage.json", "lodash.mjs"])
def test_only_the_listed_modules_are_served(client, name: str) -> None:
    assert client.get(f"/vendor/{name}").status_code == 404


@needs_library
def test_graph_pages_name_the_library_only_when_it_is_there(client, without_library) -> None:
    for path in ("/network", "/commitments?as_of=2026-12-01"):
        with_it = client.get(path, headers=HTML).text
        assert 'data-library="/vendor/cytoscape.mjs"' in with_it and "<svg class=\"network" in with_it
        plain = without_library.get(path, headers=HTML).text
        assert "data-library" not in plain and "data-graph" not in plain and "<svg class=\"network" in plain
    assert without_library.get("/vendor/cytoscape.mjs").status_code == 404
    assert "run `make setup`" in without_library.get("/vendor/cytoscape.mjs").json()["detail"]


def test_a_node_modules_folder_given_must_hold_the_library(tmp_path) -> None:
    with pytest.raises(ValueError, match="lacks cytoscape/dist/cytoscape.esm.min.mjs.*make setup"):
        create_app(kb=FakeKnowledgeBase(), node_modules=tmp_path)


@needs_library
def test_an_environment_variable_points_at_another_install(monkeypatch, tmp_path) -> None:
    copy = tmp_path / "elsewhere" / "node_modules"
    shutil.copytree(INSTALLED, copy)
    monkeypatch.setattr(vendor, "REPO_NODE_MODULES", tmp_path / "nothing")
    monkeypatch.setenv(vendor.NODE_MODULES_ENV, str(copy))
    app = create_app(kb=FakeKnowledgeBase())
    assert app.state.node_modules == copy
    assert TestClient(app).get("/vendor/cytoscape.mjs").status_code == 200


@needs_library
@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_wrapped_modules_lay_out_a_graph_in_node(client, tmp_path: Path) -> None:
    """What the browser imports, imported by Node: fcose registers and separates two components."""
    for name in vendor.VENDOR:
        (tmp_path / name).write_bytes(client.get(f"/vendor/{name}").content)
    (tmp_path / "run.mjs").write_text(
        'import cytoscape from "./cytoscape.mjs";\nimport fcose from "./cytoscape-fcose.mjs";\n'
        "cytoscape.use(fcose);\n"
        "const els = ['a', 'b', 'c', 'x', 'y'].map(id => ({data: {id}}));\n"
        "els.push({data: {source: 'a', target: 'b'}}, {data: {source: 'b', target: 'c'}},"
        " {data: {source: 'x', target: 'y'}});\n"
        "const cy = cytoscape({headless: true, styleEnabled: true, elements: els});\n"
        "cy.layout({name: 'fcose', animate: false, randomize: true}).run();\n"
        "const p = id => cy.getElementById(id).position();\n"
        "console.log(JSON.stringify(['a', 'b', 'c', 'x', 'y'].map(p)));\n"
        "process.exit(0);\n", encoding="utf-8")
    done = subprocess.run(["node", str(tmp_path / "run.mjs")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    import json

    points = json.loads(done.stdout)
    assert len({(round(p["x"]), round(p["y"])) for p in points}) == 5  # every node has a place of its own
