"""A scripted review of the dev set against its gold (``../shared/eval/dev``, skipped when absent):
every merged value score.py judges is accepted when the gold agrees, set to the gold value when the
gold has another, rejected when the gold has none (or no such agreement/event). ``review stats``
per-field precision then counts what score.py counts on the same extraction, per merged value
instead of per article; the two agree within ``TOLERANCE`` (they differ only where one merged record
stands for several articles of the same story)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

import pactwatch

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
AGREEMENT_FIELDS = ("domain", "status", "signed", "in_force", "duration_years", "termination_notice_months", "secret")
EVENT_FIELDS = ("date", "location", "value_usd")
TOLERANCE = 0.1


def load_score() -> Any:
    spec = importlib.util.spec_from_file_location("pactwatch_eval_score", EVAL / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_partners(score: Any, gold: dict[str, Any], facts: dict[str, Any], kind: str) -> list[tuple[Any, Any]]:
    """score.py's pairs of gold and predicted items of one document (None: no gold partner)."""
    if kind == "agreement":
        pairs, _, rest = score.pair(gold.get("agreements") or [], facts.get("agreements") or [],
                                    score.agreement_key, score.agreement_overlap)
    else:
        pairs, _, rest = score.pair(gold.get("events") or [], facts.get("events") or [], score.event_key,
                                    score.event_overlap)
    return [(g, p) for g, p in pairs] + [(None, p) for p in rest]


def scripted_review(kb: pactwatch.kb.KnowledgeBase, score: Any, gold: dict[str, dict[str, Any]]) -> int:
    """Judge every merged value score.py would judge; returns the number of decisions."""
    decisions = 0
    for kind, listing, getter, fields, key in (
            ("agreement", kb.agreements, kb.agreement, AGREEMENT_FIELDS, score.agreement_key),
            ("event", kb.events, kb.event, EVENT_FIELDS, score.event_key)):
        for summary in listing(limit=None):
            record = getter(summary["id"])
            golds = []  # the gold items the record's articles pair it with, as score.py pairs them
            for doc in record["documents"]:
                facts = kb.article(doc)["facts"] or {}
                for g, p in gold_partners(score, gold.get(doc, {}), facts, kind):
                    if key(p) == key(record):
                        golds.append(g)
            if golds and all(g is not None and g.get("optional") for g in golds):
                continue
            for field in fields:
                value = record[field]
                if value is None or (field == "secret" and value is False):
                    continue
                answers = [a for g in golds if g is not None for a in score.alternatives(score.get(g, field))]
                if any(a is not None and score.same(field, a, value) for a in answers):
                    kb.review("accept", record["id"], field, reviewer="script")
                elif any(a is not None for a in answers):
                    right = next(a for a in answers if a is not None)
                    kb.review("set", record["id"], field, value=right, reviewer="script")
                else:
                    kb.review("reject", record["id"], field, reviewer="script")
                decisions += 1
    return decisions


@pytest.mark.slow
def test_review_stats_precision_matches_score_py_on_the_dev_set(tmp_path: Path) -> None:
    if not (EVAL / "dev" / "docs").is_dir() or not (EVAL / "score.py").is_file():
        pytest.skip(f"{EVAL} is absent")
    score = load_score()
    gold = score.read_jsonl(EVAL / "dev" / "gold.jsonl")
    with pactwatch.open(f"sqlite:///{tmp_path / 'dev.db'}") as kb:
        kb.ingest([str(EVAL / "dev" / "docs")])
        predicted = {a["id"]: kb.article(a["id"])["facts"] for a in kb.articles(limit=None)}
        tally = score.score(gold, {doc: facts for doc, facts in predicted.items() if facts})
        assert scripted_review(kb, score, gold) > 10
        stats = kb.review_stats()["fields"]
        assert kb.review_queue(limit=None) is not None
    compared = []
    for kind, fields in (("agreement", AGREEMENT_FIELDS), ("event", EVENT_FIELDS)):
        for field in fields:
            tp, fp = tally.tp[f"{kind}.{field}"], tally.fp[f"{kind}.{field}"]
            ours = stats.get(field)
            if not tp + fp or ours is None or ours["precision"] is None:
                continue
            compared.append((f"{kind}.{field}", round(tp / (tp + fp), 3), ours["precision"], tp + fp,
                             ours["accepted"] + ours["rejected"] + ours["changed"]))
    print("\n".join(f"{name}: score.py {p} ({n} values), review stats {q} ({m} values)"
                    for name, p, q, n, m in compared))
    assert compared
    for name, theirs, ours, _, _ in compared:
        assert abs(theirs - ours) <= TOLERANCE, (name, theirs, ours)
