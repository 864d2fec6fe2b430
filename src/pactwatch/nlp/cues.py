"""The cheap first pass: which sentences could be about agreements, exercises, visits or arms deals.

One compiled regex per cue kind over the lowercased sentence (``data/cues.tsv``). Only sentences
with an agreement, exercise, visit or arms cue reach spaCy's parser; most news sentences never do.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# A sentence is parsed when it carries one of these kinds; the others refine what it says.
TRIGGER_KINDS = frozenset({"agreement", "exercise", "visit", "arms", "ratification", "lifecycle"})


@cache
def cue_patterns() -> dict[str, re.Pattern[str]]:
    """kind -> compiled pattern, built once from the data file."""
    text = resources.files("pactwatch.data").joinpath("cues.tsv").read_text(encoding="utf-8")
    patterns: dict[str, re.Pattern[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, body = line.split("\t", 1)
        patterns[kind] = re.compile(rf"\b(?:{body.strip()})")
    return patterns


def sentence_cues(text: str) -> set[str]:
    """The cue kinds present in ``text``."""
    lowered = text.lower()
    return {kind for kind, rx in cue_patterns().items() if rx.search(lowered)}


def is_candidate(cues: set[str]) -> bool:
    """Worth parsing: carries an agreement, ratification, exercise, visit or arms cue."""
    return bool(cues & TRIGGER_KINDS)
