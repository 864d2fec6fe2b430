"""Run extraction over a stream of inputs, keeping input order and every refusal.

This is the serial executor; ``pactwatch.run.dask`` maps the same pure stage over batches on a
cluster. Both yield ``Article``/``ArticleFacts`` pairs or ``Refusal`` records in input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from pactwatch.article import Article, Refusal
from pactwatch.facts import ArticleFacts

Extractor = Callable[[Article], ArticleFacts]


@dataclass
class RunSummary:
    """What a run did, for the closing summary line."""

    articles: int = 0
    agreements: int = 0
    events: int = 0
    refused: list[Refusal] = field(default_factory=list)

    def count(self, facts: ArticleFacts) -> None:
        self.articles += 1
        self.agreements += len(facts.agreements)
        self.events += len(facts.events)

    def line(self) -> str:
        """One readable line: articles read, agreements and events found, files refused."""
        text = (f"{self.articles} articles read, {self.agreements} agreements and "
                f"{self.events} events found, {len(self.refused)} inputs refused")
        return text + "." if not self.refused else text + " (listed above)."


def extract_safely(article: Article, extractor: Extractor) -> ArticleFacts | Refusal:
    """Extract one article; a failure refuses that article only, with the reason, never the batch."""
    try:
        return extractor(article)
    except (ValueError, RuntimeError, KeyError, IndexError, TypeError, AttributeError, RecursionError) as exc:
        return Refusal(article.source, f"extraction failed: {type(exc).__name__}: {exc}")


def extract_serially(
    inputs: Iterable[Article | Refusal], extractor: Extractor
) -> Iterator[tuple[Article, ArticleFacts] | Refusal]:
    """Yield each article with its facts, or the refusal, in input order."""
    for item in inputs:
        if isinstance(item, Refusal):
            yield item
            continue
        result = extract_safely(item, extractor)
        yield result if isinstance(result, Refusal) else (item, result)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Successive lists of ``size`` items (the last may be shorter), read lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
