"""A generated knowledge base for the graph tests: hundreds of actors and a thousand agreements.

Each article is one line of our own fixed form, read by a fake extractor (no NLP), so building it
takes seconds:
  "Pact 17 between AFG, DEU and NATO (security, in_force, 2014-03-09)."
Actors are the ISO 3166 countries plus made-up organisations; who signs with whom follows a
preferential attachment (a few actors sign many agreements, most a handful), and one agreement in
twenty has three to five parties, as in a real collection.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pycountry

from pactwatch.article import Article
from pactwatch.facts import DOMAINS, Agreement, ArticleFacts, Evidence

LINE = re.compile(r"Pact (\d+) between ([A-Z0-9, ]+?) and ([A-Z0-9]+) \((\w+), (\w+), (\d{4}-\d{2}-\d{2})\)\.")
STATUSES = ("signed", "ratified", "in_force", "in_force", "in_force")


def actor_codes(count: int) -> list[str]:
    """``count`` codes: ISO alpha-3 country codes first, then organisations ``ORG1``, ``ORG2``, ..."""
    codes = sorted(c.alpha_3 for c in pycountry.countries)[:count]
    return codes + [f"ORG{i}" for i in range(1, count - len(codes) + 1)]


def pact_lines(n_actors: int, n_agreements: int, seed: int = 12) -> list[str]:
    """One article line per agreement, the same for the same arguments."""
    rng = random.Random(seed)
    codes = actor_codes(n_actors)
    weights = [1.0 / (1 + i) ** 0.8 for i in range(len(codes))]
    rng.shuffle(weights)
    seen_alone = list(codes)  # every actor signs at least one agreement
    rng.shuffle(seen_alone)
    lines = []
    for n in range(n_agreements):
        size = rng.choice((3, 4, 5)) if n % 20 == 19 else 2
        parties = {seen_alone.pop()} if seen_alone else set()
        while len(parties) < size:
            parties.add(rng.choices(codes, weights)[0])
        ordered = sorted(parties)
        day = date(1995, 1, 1) + timedelta(days=rng.randrange(30 * 365))
        lines.append(f"Pact {n} between {', '.join(ordered[:-1])} and {ordered[-1]} "
                     f"({rng.choice(DOMAINS)}, {rng.choice(STATUSES)}, {day.isoformat()}).")
    return lines


def pact_extract(article: Article) -> ArticleFacts:
    """The agreement a generated line states, with the whole line as its evidence."""
    found = LINE.search(article.text)
    if found is None:
        return ArticleFacts(article.id, article.published, [])
    number, first, last, domain, status, day = found.groups()
    parties = sorted({*(c.strip() for c in first.split(",")), last})
    evidence = [Evidence(name, found.group(0), found.start(), found.end())
                for name in ("title", "parties", "domain", "status", "signed")]
    agreement = Agreement(parties, title=f"Pact {number}", domain=domain, status=status, signed=day,
                          in_force=day if status == "in_force" else None, evidence=evidence)
    return ArticleFacts(article.id, article.published, [agreement])


pact_extract.version = "pact-lines-1"  # type: ignore[attr-defined]


def build_network_kb(db_path: Path, n_actors: int = 300, n_agreements: int = 1000) -> Any:
    """A knowledge base in ``db_path`` holding the generated agreements."""
    import pactwatch

    kb = pactwatch.open(f"sqlite:///{db_path}", extractor=pact_extract)
    articles = [Article(f"pact-{n:04d}", line, f"generated/pact-{n:04d}.txt", "2025-01-01", None, f"Pact {n}")
                for n, line in enumerate(pact_lines(n_actors, n_agreements))]
    kb.ingest_articles(articles)
    return kb
