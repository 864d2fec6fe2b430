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
# Sentence shapes of everyday news; {p} a person, {o} a club, firm or venue, {c} a city, {x} a noun
# phrase of the topic, {v} a verb phrase, {t} a time or place tail, {n} {m} numbers.
TEMPLATES = [
    "{X} {v} {t}.",
    "{X} {v} {t}, while {x} {v} in {c}.",
    "{P}, who has led {o} since {y}, said the figures were \"{a} but not {b}\".",
    "In {c}, {x} {v} by {n} percent to {m}, the highest level since {y}.",
    "{P} told reporters that {x} would be reviewed again in {month}.",
    "About {m} people attended the event at {o} in {c}, organisers said.",
    "{O} said it expected {x} to recover by the end of {month}.",
    "The decision surprised {x}, according to {P} of {o}.",
    "{P} scored twice as {o} won {n}-{k} against the visiting team from {c}.",
    "Tickets cost {n} euros, and {o} plans a second date in {c} in {month}.",
    "Local officials in {c} said repairs to the {road} would take {k} weeks.",
    "{P} and {Q} will present the results at {o} on {day}.",
]
ADJECTIVES = ["encouraging", "mixed", "fragile", "solid", "uneven", "better", "weaker", "welcome"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ROADS = ["ring road", "old bridge", "harbour wall", "tram line", "station roof", "river path"]
SYLLABLES = ["ka", "lo", "mi", "ran", "tes", "vo", "dor", "pel", "su", "nik", "ar", "bel", "cor", "den",
             "fa", "gur", "hol", "is", "jon", "ket", "lum", "mor", "nal", "op", "pra", "qui", "ros", "sta"]
SUFFIXES = ["", "er", "sen", "ova", "ini", "ez", "berg", "ski"]
THINGS = ["project", "fund", "league", "prize", "festival", "line", "market", "scheme", "series", "cup"]
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
    """A news-like text with no agreement, exercise, visit or arms-deal content: sport, weather,
    markets or culture, with its own people, organisations and numbers, so unrelated articles are
    as different from each other as real ones (shared phrasing, different names and figures)."""
    topic = rng.choice(sorted(TOPICS))
    people = [_person(rng) for _ in range(3)]
    orgs = [_organisation(rng) for _ in range(2)]
    # each story has its own subjects and places and a house style (a few sentence shapes), as two
    # real stories on one topic share words but hardly whole sentences
    nouns = rng.sample(TOPICS[topic], 5) + [f"the {_word(rng, 2)} {rng.choice(THINGS)}" for _ in range(3)]
    places = rng.sample(CITIES, 2) + [_word(rng, 2) for _ in range(2)]
    shapes = rng.sample(TEMPLATES, 6)
    sentences: list[str] = [f"{places[0].upper()} -- A {topic} report."]
    count = 5
    while count < words:
        sentence = _fill(rng.choice(shapes), rng, nouns, people, orgs, places)
        sentences.append(sentence)
        count += len(sentence.split())
    text = " ".join(sentences)
    return Article(id=f"bench-{index:07d}", text=text, source=f"bench:{index}", published="2024-05-14")


def _fill(template: str, rng: random.Random, nouns: list[str], people: list[str], orgs: list[str],
          places: list[str]) -> str:
    person, other = rng.sample(people, 2)
    slots = {
        "x": rng.choice(nouns), "v": rng.choice(VERBS), "t": rng.choice(TAILS), "c": rng.choice(places),
        "p": person, "q": other, "o": rng.choice(orgs), "n": str(rng.randint(2, 40)), "k": str(rng.randint(1, 9)),
        "m": f"{rng.randint(120, 98000):,}", "y": str(rng.randint(1990, 2023)), "month": rng.choice(MONTHS),
        "day": rng.choice(DAYS), "road": rng.choice(ROADS), "a": rng.choice(ADJECTIVES), "b": rng.choice(ADJECTIVES),
    }
    slots |= {key.upper(): value[0].upper() + value[1:] for key, value in slots.items() if len(key) == 1}
    return template.format(**slots)


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _person(rng: random.Random) -> str:
    return f"{_word(rng, rng.randint(1, 2))} {_word(rng, rng.randint(2, 3))}{rng.choice(SUFFIXES)}"


def _organisation(rng: random.Random) -> str:
    kind = rng.choice(["FC", "Holdings", "Hall", "Theatre", "Group", "Institute", "Partners", "Arena"])
    return f"{_word(rng, 2)} {kind}"


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
