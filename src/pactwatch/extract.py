"""The one public extraction entry point: an ``Article`` in, its ``ArticleFacts`` out.

Pure and picklable, so the serial and Dask executors call the same function; the spaCy model is
loaded once per process by ``pactwatch.nlp.pipeline``.
"""

from __future__ import annotations

from pactwatch.article import Article
from pactwatch.facts import Agreement, ArticleFacts, Evidence
from pactwatch.nlp.agreements import extract_agreements
from pactwatch.nlp.events import extract_events
from pactwatch.nlp.obligations import attach_obligations
from pactwatch.nlp.pipeline import analyse
from pactwatch.rules_version import extractor_version

__all__ = ["extract_article", "extractor_version", "grounded"]

# Fields whose value is stated by the sentence that names the agreement when no other sentence
# was cited for them: its title, and the stage that sentence reports.
MENTION_FIELDS = ("title", "status", "domain")


def extract_article(article: Article, *, parse_all: bool = False) -> ArticleFacts:
    """Agreements and events of one article, every value with its evidence sentence.

    ``parse_all`` parses every sentence, not only those the cue filter passes: slower, and meant
    for the test that the filter never changes the facts (``tests/test_cue_filter.py``)."""
    sentences = analyse(article, parse_all=parse_all)
    agreements = [a for a in (grounded(a) for a in extract_agreements(sentences)) if a is not None]
    agreements = attach_obligations(agreements, sentences)
    return ArticleFacts(
        doc_id=article.id,
        published=article.published,
        agreements=agreements,
        events=[e for e in extract_events(article, sentences) if e.evidence is not None],
    )


def grounded(agreement: Agreement) -> Agreement | None:
    """Enforce the evidence contract: an agreement with no sentence behind it is not written, and
    the title, status and domain cite the sentence that names the agreement (the first cited)."""
    if not agreement.evidence:
        return None
    cited = {e.field for e in agreement.evidence}
    first = min(agreement.evidence, key=lambda e: e.start)
    for name in MENTION_FIELDS:
        if name not in cited and (name != "title" or agreement.title):
            agreement.evidence.append(Evidence(name, first.quote, first.start, first.end))
    return agreement
