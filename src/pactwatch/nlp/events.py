"""Event frames: joint exercises, official visits and arms deals, one per real event.

Each frame starts from a cue (an exercise noun in a military context, a meeting or visit between
officials, an arms item with a purchase or sale verb), takes its participants from the states the
sentence's grammar ties to it (third countries that are only the topic stay out), its date from
the sentence (resolved against the article's date), its location from "in/at/to PLACE", and merges
repeated mentions of one event within the article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pactwatch.article import Article
from pactwatch.facts import Event, Evidence
from pactwatch.nlp import grammar
from pactwatch.nlp.numbers import parse_money
from pactwatch.nlp.sentences import ActorMention, Sentence

TOPIC_PREPS = {"about", "on", "over", "against", "regarding", "concerning", "amid", "after", "since"}
PLACE_PREPS = {"in", "at", "to"}
PROVISION_TALK = re.compile(r"\b(?:agreement|treaty|pact|accord|memorandum|protocol|provides? for|envisag\w*|"
                            r"stipulat\w*|facilitat\w*|allows?|covers?|commit\w*)\b")
HELD = re.compile(r"\b(?:hold|held|holds|holding|conduct\w*|carr(?:y|ied|ies) out|launch\w*|kick\w* off|"
                  r"began|begin\w*|start\w*|stage[sd]?|staging|took part|take part|taking part|participat\w*|"
                  r"open\w*|wrap\w* up|conclud\w*|ended)\b")
TOGETHER = re.compile(r"\b(?:the two|both) (?:countries|sides|nations|states|armies|navies|militaries)\b|\bjoint\b")


@dataclass(frozen=True)
class Context:
    """What every event frame may consult beyond its sentence."""

    main: list[str]
    people: dict[str, str]
    published: str | None


@cache
def lexicon() -> dict[str, re.Pattern[str]]:
    text = resources.files("pactwatch.data").joinpath("events.tsv").read_text(encoding="utf-8")
    out: dict[str, re.Pattern[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, rx = line.split("\t", 1)
            flags = 0 if kind == "exercise_context" else 0
            out[kind] = re.compile(rx.strip(), flags)
    return out


def extract_events(article: Article, sentences: list[Sentence]) -> list[Event]:
    """Every exercise, visit and arms deal the article reports, merged within the article."""
    ctx = Context(_main_states(sentences), official_nationalities(sentences), article.published)
    events: list[Event] = []
    partial: list[Event] = []
    for sentence in sentences:
        if sentence.span is None:
            continue
        for frame in (exercise_event, visit_event, arms_deal_event):
            event = frame(sentence, ctx)
            if event is None:
                continue
            (events if len(event.participants) >= 2 else partial).append(event)
    merged = merge_events(events)
    fill_from_partial(merged, partial)
    return merged


def official_nationalities(sentences: list[Sentence]) -> dict[str, str]:
    """Person name (full and surname) -> state, from "Azerbaijani Defense Minister Zakir Hasanov",
    "his Polish counterpart, Wladyslaw Kosiniak-Kamysz" and the like anywhere in the article, so a
    later "Ahn held talks with Kosiniak-Kamysz" knows whose officials met."""
    people: dict[str, str] = {}
    for sentence in sentences:
        if sentence.span is None:
            continue
        for ent in sentence.span.ents:
            if ent.label_ != "PERSON":
                continue
            start = sentence.start + sentence.span[ent.start].idx
            window = sentence.text[max(0, start - sentence.start - 60): start - sentence.start]
            if not lexicon()["official"].search(window.lower()):
                continue
            before = [a for a in sentence.actors if a.kind == "state" and start - 60 <= a.start < start]
            if not before:
                continue
            code = before[-1].code
            people.setdefault(ent.text, code)
            people.setdefault(ent[-1].text, code)
    return people


def _people_states(sentence: Sentence, people: dict[str, str]) -> set[str]:
    if sentence.span is None or not people:
        return set()
    out = set()
    for ent in sentence.span.ents:
        if ent.label_ == "PERSON":
            code = people.get(ent.text) or people.get(ent[-1].text)
            if code:
                out.add(code)
    for tok in sentence.span:
        if tok.pos_ == "PROPN" and tok.text in people and tok.ent_type_ in ("", "PERSON", "ORG", "GPE", "NORP"):
            out.add(people[tok.text])
    return out


def fill_from_partial(events: list[Event], partial: list[Event]) -> None:
    """A one-state mention of an event ("exercises in Azerbaijan in September") completes the
    location or date of the full event it belongs to."""
    for bit in partial:
        for event in events:
            if event.type == bit.type and set(bit.participants) <= set(event.participants) and \
                    _compatible(event.date, bit.date):
                event.location = event.location or bit.location
                if bit.date and (not event.date or len(bit.date) > len(event.date)):
                    event.date = bit.date
                break


def _main_states(sentences: list[Sentence]) -> list[str]:
    counts: Counter[str] = Counter()
    for s in sentences:
        for code in {a.code for a in s.actors if a.kind == "state"}:
            counts[code] += 1
    return [c for c, n in counts.most_common() if n >= 2]


def _evidence(sentence: Sentence) -> Evidence:
    return Evidence("event", sentence.text, sentence.start, sentence.end)


def _date(sentence: Sentence, not_after: str | None = None) -> str | None:
    """The sentence's event date: the first resolved date that is not a 'since' starting point
    (nor, for past events, later than the article's own date)."""
    lowered = sentence.text.lower()
    for d in sentence.dates:
        if not_after and d.value and d.value[:len(not_after)] > not_after[:len(d.value)]:
            continue
        before = lowered[max(0, d.start - sentence.start - 8): d.start - sentence.start]
        if d.value and not re.search(r"since|until|before|after|by", before):
            return d.value
    return None


def _states(sentence: Sentence, topic_free: bool = True) -> list[tuple[ActorMention, grammar.Token]]:
    out = []
    for actor, tok in grammar.actor_tokens(sentence):
        if actor.kind != "state":
            continue
        prep = grammar.in_prep(tok, TOPIC_PREPS | PLACE_PREPS | {"with", "from", "by", "between", "for"})
        if topic_free and prep in TOPIC_PREPS and not _is_official(tok):
            continue
        if any(t.dep_ == "relcl" for t in [tok, *tok.ancestors]) and not _is_official(tok):
            continue
        out.append((actor, tok))
    return out


def _is_official(tok: grammar.Token) -> bool:
    owner = grammar.noun_owner(tok)
    return bool(lexicon()["official"].search(owner.lower_)) and owner.i != tok.i


def _location(sentence: Sentence) -> str | None:
    for actor, tok in grammar.actor_tokens(sentence):
        placed = grammar.in_prep(tok, PLACE_PREPS | {"from"}) in PLACE_PREPS and not _is_official(tok)
        if actor.kind == "state" and actor.how in ("name", "capital", "institution") and placed and (
                grammar.noun_owner(tok).i == tok.i or actor.how == "capital"):
            return actor.code
    for actor, _tok in grammar.actor_tokens(sentence):
        if actor.how == "institution" and actor.text in ("White House", "Pentagon", "Kremlin"):
            return actor.code
    return None


def exercise_event(sentence: Sentence, ctx: Context) -> Event | None:
    lowered = sentence.text.lower()
    lex = lexicon()
    noun = lex["exercise_noun"].search(lowered)
    if not noun or lex["exercise_not"].search(lowered):
        return None
    if not (lex["exercise_context"].search(lowered) or re.search(r"[A-Z]\w+ \d{4}", sentence.text)):
        return None
    tok = grammar.token_at(sentence, sentence.start + noun.start(), sentence.start + noun.end())
    if tok is None or tok.pos_ not in ("NOUN", "PROPN") or grammar.is_negated(tok):
        return None
    if PROVISION_TALK.search(lowered) and not HELD.search(lowered):
        return None  # "the treaty provides for joint exercises": a provision, not an event
    codes = sorted({a.code for a, _ in _states(sentence)})
    if len(codes) < 2 and TOGETHER.search(lowered):
        codes = sorted(set(codes) | set(ctx.main[:2]))
    if not codes:
        return None
    return Event("exercise", codes, date=_date(sentence), location=_location(sentence), evidence=_evidence(sentence))


def visit_event(sentence: Sentence, ctx: Context) -> Event | None:
    lowered = sentence.text.lower()
    lex = lexicon()
    if not lex["visit_trigger"].search(lowered):
        return None
    if not (lex["official"].search(lowered) or any(e.label_ == "PERSON" for e in sentence.span.ents)):
        return None
    trigger = lex["visit_trigger"].search(lowered)
    tok = grammar.token_at(sentence, sentence.start + trigger.start(), sentence.start + trigger.end())
    if tok is not None and grammar.is_negated(tok):
        return None
    if re.search(r"\b(?:will|would|plans? to|to visit|is expected to|invited)\b", lowered) and not re.search(
            r"\b(?:met|held|visited|arrived|welcomed|hosted|received)\b", lowered):
        return None
    location = _location(sentence)
    codes = {a.code for a, _ in _states(sentence)} | _people_states(sentence, ctx.people)
    if location and len(codes - {location}) <= 1:
        codes.add(location)
    if len(codes) < 2 and re.search(r"\b(?:the two|both) (?:ministers|leaders|presidents|sides|delegations)\b",
                                     lowered):
        codes |= set(ctx.main[:2])
    if len(codes) < 2 or len(codes) > 4:
        return None
    return Event("visit", sorted(codes), date=_date(sentence, ctx.published), location=location,
                 evidence=_evidence(sentence))


def arms_deal_event(sentence: Sentence, ctx: Context) -> Event | None:
    lowered = sentence.text.lower()
    lex = lexicon()
    verb = lex["arms_verb"].search(lowered)
    item = lex["arms_item"].search(lowered)
    if not verb or not item or lex["arms_not"].search(lowered):
        return None
    item_tok = grammar.token_at(sentence, sentence.start + item.start(), sentence.start + item.end())
    if item_tok is None or grammar.is_negated(item_tok):
        return None
    codes = sorted({a.code for a, _ in _states(sentence)})
    if len(codes) != 2:
        return None
    money = [m for m in parse_money(sentence.text, sentence.start)]
    usd = next((m.amount for m in money if m.currency == "USD"), None)
    other = next(({"amount": m.amount, "currency": m.currency} for m in money if m.currency != "USD"), None)
    return Event("arms_deal", codes, date=_date(sentence, ctx.published), value_usd=usd, item=_item_phrase(item_tok),
                 value=None if usd else other, evidence=_evidence(sentence))


def _item_phrase(tok: grammar.Token) -> str:
    """The item's noun phrase: numbers and modifiers before the head ('four new Gripen fighter jets')."""
    head = tok
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    left = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "poss", "case", "punct")]
    words = [t for t in left if t.i >= (left[0].i if left else head.i)]
    text = " ".join(t.text for t in words) or head.text
    return re.sub(r"\s+-\s+", "-", text)


def merge_events(events: list[Event]) -> list[Event]:
    """One event per (type, participants, compatible date); later mentions fill missing fields."""
    merged: list[Event] = []
    for event in events:
        same = next((m for m in merged if m.type == event.type and m.participants == event.participants
                     and _compatible(m.date, event.date)), None)
        if same is None:
            merged.append(event)
            continue
        if event.date and (not same.date or len(event.date) > len(same.date)):
            same.date = event.date
        same.location = same.location or event.location
        same.value_usd = same.value_usd or event.value_usd
        same.item = same.item or event.item
    return merged


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)
