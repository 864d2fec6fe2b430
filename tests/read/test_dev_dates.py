"""The shared dev articles: every one is read, and its own date matches the gold ``published``."""

from __future__ import annotations

import json
from pathlib import Path

from pactwatch.read import Article, iter_inputs


def test_dev_articles_published_dates_match_gold(dev_docs: Path) -> None:
    gold = {}
    for line in (dev_docs.parent / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold[record["doc_id"]] = record["published"]
    items = list(iter_inputs([dev_docs]))
    assert all(isinstance(item, Article) for item in items)
    wrong = {}
    for item in items:
        assert isinstance(item, Article)
        expected = gold[item.id]
        accepted = expected["any"] if isinstance(expected, dict) else [expected]
        if item.published not in accepted:
            wrong[item.id] = (item.published, expected)
    assert len(items) == len(gold)
    assert wrong == {}
