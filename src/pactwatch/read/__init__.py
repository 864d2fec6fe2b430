"""Reading: files, folders and archives of news articles to ``Article`` objects or ``Refusal`` records.

``iter_inputs(paths, limits)`` is the one entry point; everything after reading sees only its output.
"""

from pactwatch.article import Article, Dateline, Refusal
from pactwatch.read.boilerplate import remove_boilerplate
from pactwatch.read.clean import article_from_text
from pactwatch.read.dateline import MonthDay, find_dateline
from pactwatch.read.files import iter_batches, iter_inputs
from pactwatch.read.limits import ReadLimits

__all__ = [
    "Article",
    "Dateline",
    "MonthDay",
    "ReadLimits",
    "Refusal",
    "article_from_text",
    "find_dateline",
    "iter_batches",
    "iter_inputs",
    "remove_boilerplate",
]
