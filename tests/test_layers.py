"""Data flows one way: read -> extract -> merge -> store -> orchestrate -> watch -> serve.

Every module under ``src/pactwatch`` belongs to one layer, and its ``pactwatch.*`` imports (at the
top or inside a function, where lazy imports hide) may name only its own layer, the layers it
consumes, and the shared modules every layer uses. A store that extracted, or a reader that asked
the NLP code, would put extraction in two places; this test is what keeps the README's Layout true.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "pactwatch"

# Module prefixes per layer; the longest matching prefix decides.
LAYERS: dict[str, tuple[str, ...]] = {
    "shared": ("pactwatch.article", "pactwatch.facts", "pactwatch.data_files", "pactwatch.gazetteer",
               "pactwatch.sameness", "pactwatch.calendar_days"),
    "read": ("pactwatch.read",),
    "extract": ("pactwatch.nlp", "pactwatch.extract", "pactwatch.rules_version"),
    "merge": ("pactwatch.dedup", "pactwatch.merge", "pactwatch.lifecycle", "pactwatch.commitments",
              "pactwatch.alerts"),
    "store": ("pactwatch.store",),
    "orchestrate": ("pactwatch.run", "pactwatch.kb", "pactwatch.export", "pactwatch.highlights", "pactwatch.accounts"),
    "watch": ("pactwatch.watch",),
    "serve": ("pactwatch.cli", "pactwatch.web", "pactwatch.bench"),
    "package": ("pactwatch",),
}
BELOW_ORCHESTRATE = frozenset(("shared", "read", "extract", "merge", "store", "orchestrate"))
# What each layer may import. Merge splits sentences with the extractor's splitter (paraphrase
# alignment); the store clusters and merges on write, so it uses merge but never extract or read.
# Keeping watch (fetching feeds, the loop, delivering alerts) runs the knowledge base on a schedule
# and names the package's version, so it sits above orchestration; only the CLI uses it.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "shared": frozenset(("shared",)),
    "read": frozenset(("shared", "read")),
    "extract": frozenset(("shared", "read", "extract")),
    "merge": frozenset(("shared", "extract", "merge")),
    "store": frozenset(("shared", "merge", "store")),
    "orchestrate": BELOW_ORCHESTRATE,
    "watch": BELOW_ORCHESTRATE | {"watch", "package"},
    "serve": BELOW_ORCHESTRATE | {"watch", "serve", "package"},
    "package": frozenset(LAYERS),
}


def module_name(path: Path) -> str:
    """``src/pactwatch/store/ingest.py`` -> ``pactwatch.store.ingest``; a package's ``__init__`` is the package."""
    parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str | None:
    """The layer whose longest prefix names ``module``; None for a module no layer claims."""
    best: tuple[int, str | None] = (0, None)
    for layer, prefixes in LAYERS.items():
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best[0]:
                best = (len(prefix), layer)
    return best[1]


def pactwatch_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every ``pactwatch.*`` import anywhere in the file, functions included."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] if node.module != "pactwatch" else [submodule(a.name) for a in node.names]
            found += [(node.lineno, n) for n in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return [(line, name) for line, name in found if name == "pactwatch" or name.startswith("pactwatch.")]


def submodule(name: str) -> str:
    """``from pactwatch import export`` imports a module; ``from pactwatch import open`` the package."""
    is_module = (SOURCE / f"{name}.py").is_file() or (SOURCE / name / "__init__.py").is_file()
    return f"pactwatch.{name}" if is_module else "pactwatch"


def modules() -> list[Path]:
    return sorted(p for p in SOURCE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_belongs_to_a_layer() -> None:
    assert [module_name(p) for p in modules() if layer_of(module_name(p)) is None] == []


@pytest.mark.parametrize("path", modules(), ids=lambda p: module_name(p))
def test_imports_go_only_down_the_layers(path: Path) -> None:
    layer = layer_of(module_name(path))
    assert layer is not None
    wrong = [f"line {line}: {name} ({layer_of(name)})" for line, name in pactwatch_imports(path)
             if layer_of(name) not in MAY_IMPORT[layer]]
    assert not wrong, f"{module_name(path)} ({layer}) imports against the flow: " + "; ".join(wrong)


def test_the_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from pactwatch.nlp.actors import find_actors\n    import pactwatch.web\n")
    assert pactwatch_imports(module) == [(2, "pactwatch.nlp.actors"), (3, "pactwatch.web")]
    assert layer_of("pactwatch.nlp.actors") == "extract" and layer_of("pactwatch") == "package"
