"""A deterministic mixed corpus for the benchmark: few relevant articles among many unrelated ones.

The relevant articles are the project's own sample corpus (``sample/``, written by us), some
repeated as reworded copies; the rest are news-like texts generated from small word lists about
sport, weather, markets and culture, so the cue filter has realistic work to skip.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from pactwatch.article import Article, Refusal

TOPICS: dict[str, list[str]] = {
    "sport": ["the striker", "the home side", "the coach", "the league leaders", "the goalkeeper",
              "the visiting team", "the captain", "the midfielder", "the referee", "the fans"],
    "weather": ["heavy rain", "the cold front", "forecasters", "the storm", "coastal towns",
                "the heatwave", "river levels", "the weather service", "farmers", "commuters"],
    "markets": ["shares", "the central bank", "bond yields", "the index", "investors",
                "retail sales", "the currency", "oil futures", "analysts", "small businesses"],
    "culture": ["the festival", "the orchestra", "the museum", "the director", "critics",
                "the exhibition", "the novelist", "visitors", "the theatre", "the gallery"],
}
VERBS = ["rose", "fell", "drew praise", "surprised observers", "slowed", "picked up", "held steady",
         "drew crowds", "was delayed", "recovered", "beat expectations", "disappointed"]
TAILS = ["on Tuesday", "after a quiet week", "for the third time this season", "despite the cold",
         "according to local reports", "in the early evening", "as expected", "late on Sunday",
         "in the northern districts", "over the weekend"]
CITIES = ["Lisbon", "Oslo", "Lyon", "Porto", "Bergen", "Leeds", "Graz", "Turin", "Gdansk", "Malmo"]
SWAPS = {"signed": "put their signatures to", "agreement": "accord", "said": "stated",
         "defence": "defense", "minister": "Minister", "cooperation": "co-operation"}


def sample_dir() -> Path:
    """The project's sample corpus; the benchmark needs a source checkout."""
    path = Path(__file__).resolve().parents[3] / "sample"
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: the sample corpus is missing (run from a source checkout)")
    return path


def sample_articles() -> list[Article]:
    """Our own sample articles, read through the normal reader."""
    from pactwatch.read import iter_inputs

    return [a for a in iter_inputs([sample_dir()]) if not isinstance(a, Refusal)]


def unrelated_article(rng: random.Random, index: int, words: int = 350) -> Article:
    """A news-like text with no agreement, exercise, visit or arms-deal cue."""
    topic = rng.choice(sorted(TOPICS))
    nouns = TOPICS[topic]
    sentences: list[str] = [f"{rng.choice(CITIES).upper()} -- A {topic} report."]
    count = 5
    while count < words:
        sentence = f"{rng.choice(nouns).capitalize()} {rng.choice(VERBS)} {rng.choice(TAILS)}"
        if rng.random() < 0.4:
            sentence += f", while {rng.choice(nouns)} {rng.choice(VERBS)} in {rng.choice(CITIES)}"
        sentences.append(sentence + ".")
        count += len(sentence.split())
    text = " ".join(sentences)
    return Article(id=f"bench-{index:07d}", text=text, source=f"bench:{index}", published="2024-05-14")


def reworded(article: Article, index: int) -> Article:
    """A crude reworded copy: a few word swaps and the two halves of the text exchanged."""
    text = article.text
    for old, new in SWAPS.items():
        text = text.replace(f" {old} ", f" {new} ")
    half = len(text) // 2
    cut = text.find(". ", half)
    if cut > 0:
        text = text[cut + 2:] + "\n" + text[: cut + 1]
    return Article(id=f"bench-{index:07d}-rw", text=text, source=f"bench:{index}",
                   published=article.published)


def bench_corpus(n_articles: int, relevant_share: float = 0.04, seed: int = 7) -> Iterator[Article]:
    """``n_articles`` articles, about ``relevant_share`` of them sample articles or their rewordings."""
    rng = random.Random(seed)
    relevant = sample_articles()
    for index in range(n_articles):
        if relevant and rng.random() < relevant_share:
            base = relevant[index % len(relevant)]
            if rng.random() < 0.3:
                yield reworded(base, index)
            else:
                yield Article(id=f"bench-{index:07d}-{base.id}", text=base.text, source=base.source,
                              published=base.published)
        else:
            yield unrelated_article(rng, index)
