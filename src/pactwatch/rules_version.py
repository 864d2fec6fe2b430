"""The extractor's version: a digest of everything that decides what facts an article yields.

Each article's facts are stored with the version that made them, and ``pactwatch reextract`` re-runs
extraction where it differs. A number bumped by hand is forgotten when a cue word or a regular
expression changes, so the version is ``RULES_RELEASE`` plus a hash of the rule code (``nlp/`` and
the modules it reads with), every data file under ``data/``, the spaCy model's name and version and
the versions of the two gazetteer bases (``gazetteer.py`` builds state names from them). Any edit
there gives a new version; a change anywhere else (storage, the web app, this file) does not.

>>> extractor_version()  # doctest: +SKIP
'0.1.0+3f1c9a0b7e21'
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

# Bumped by hand only to force re-extraction after a change the digest cannot see.
RULES_RELEASE = "0.1.0"
DIGEST_CHARS = 12
# Relative to the package folder: the extraction code outside nlp/ that decides facts.
RULE_MODULES = ("extract.py", "facts.py", "article.py", "data_files.py", "gazetteer.py", "sameness.py",
                "calendar_days.py", "read/dateline.py")
RULE_FOLDERS = {"nlp": "*.py", "data": "*"}
GAZETTEER_BASES = ("pycountry", "countryinfo")


@cache
def extractor_version() -> str:
    """This installation's extractor version, computed once per process (a few milliseconds)."""
    root = Path(__file__).resolve().parent
    return version_of(rule_files(root), root, dependency_versions())


def version_of(files: Iterable[Path], root: Path, dependencies: dict[str, str]) -> str:
    """``RULES_RELEASE+<digest>`` over ``files`` (named relative to ``root``, in sorted order) and
    ``dependencies``; 18 characters, well inside the 64 the database column holds."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        # Line endings normalised, so a Windows checkout of the same rules has the same version.
        data = path.read_bytes().replace(b"\r\n", b"\n")
        digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    for name, version in sorted(dependencies.items()):
        digest.update(f"{name}=={version}\n".encode())
    return f"{RULES_RELEASE}+{digest.hexdigest()[:DIGEST_CHARS]}"


def rule_files(root: Path) -> list[Path]:
    """The files under package folder ``root`` that the digest covers: no caches, no hidden files."""
    files = [root / name for name in RULE_MODULES if (root / name).is_file()]
    for folder, pattern in RULE_FOLDERS.items():
        files += [p for p in (root / folder).rglob(pattern)
                  if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")]
    return files


def dependency_versions() -> dict[str, str]:
    """The spaCy model's name and version (from its meta.json, without loading it) and the
    gazetteer bases' versions; "absent" for one not installed."""
    from pactwatch.nlp.pipeline import MODEL_NAME

    versions = {MODEL_NAME: _model_version(MODEL_NAME)}
    for name in GAZETTEER_BASES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def _model_version(name: str) -> str:
    spec = importlib.util.find_spec(name)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        meta = Path(folder) / "meta.json"
        if meta.is_file():
            info = json.loads(meta.read_text(encoding="utf-8"))
            return f"{info.get('lang')}_{info.get('name')}-{info.get('version')}"
    return "absent"
