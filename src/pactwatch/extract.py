"""The one public extraction entry point: an ``Article`` in, its ``ArticleFacts`` out.

Pure and picklable, so the serial and Dask executors call the same function; the spaCy model is
loaded once per process by ``pactwatch.nlp.pipeline``.
"""

from __future__ import annotations

from pactwatch.article import Article
from pactwatch.facts import ArticleFacts
from pactwatch.nlp.agreements import extract_agreements
from pactwatch.nlp.events import extract_events
from pactwatch.nlp.pipeline import analyse

EXTRACTOR_VERSION = "0.1.0"


def extract_article(article: Article) -> ArticleFacts:
    """Agreements and events of one article, every value with its evidence sentence."""
    sentences = analyse(article)
    return ArticleFacts(
        doc_id=article.id,
        published=article.published,
        agreements=extract_agreements(sentences),
        events=extract_events(article, sentences),
    )
