"""The exercise frame: a joint military exercise held or announced.

An exercise noun counts only when a verb says it is held ("conducted 13 joint exercises", "the
drills began", "are taking part in the drills", "will carry out exercises"); one that a treaty
"provides for" or that a country "described as invasion rehearsals" is no event. Participants are
the states whose forces the grammar ties to it: the holders' phrase ("the Special Forces of
Pakistan, Azerbaijan and Turkey", "contingents from Armenia, Belarus ..."), "with X", "between
A and B", and state modifiers of the noun ("Turkish-Azerbaijani drills").
"""

from __future__ import annotations

import re

from pactwatch.facts import Event
from pactwatch.nlp import grammar
from pactwatch.nlp.events_common import (
    Context,
    Token,
    actor_index,
    event_date,
    evidence,
    governing_verb,
    is_future,
    lexicon,
    location_near,
    phrase_states,
    prep_objects,
    subjects_of,
    with_conjuncts,
)
from pactwatch.nlp.sentences import ActorMention, Sentence

TREATY_WORDS = re.compile(r"\b(?:agreement|treaty|pact|accord|memorandum|protocol|deal|document|roadmap|plan)\b")
PLANNING = {"expect", "plan", "schedule", "set", "due"}
TOGETHER = re.compile(r"\b(?:the two|both|the three|all three) (?:countries|sides|nations|states|armies|navies|"
                      r"militaries|allies|partners)\b")


def exercise_events(sentence: Sentence, ctx: Context) -> list[Event]:
    if sentence.span is None:
        return []
    lex = lexicon()
    lowered = sentence.text.lower()
    if lex.search("exercise_not_rx", lowered) or not lex.search("exercise_context_rx", sentence.text):
        return []
    actors = actor_index(sentence)
    for noun in sentence.span:
        if noun.pos_ not in ("NOUN", "PROPN") or not lex.has("exercise_noun", noun.lower_):
            continue
        verb = holding_verb(noun)
        if verb is None or grammar.is_negated(noun) or _treaty_provision(verb, lowered):
            continue
        event = _event(noun, verb, sentence, actors, ctx)
        if event is not None:
            return [event]
    return []


def holding_verb(noun: Token) -> Token | None:
    """The verb that says the exercise takes place, or None: the noun's governing verb must be a
    holding verb ("conduct", "hold", "begin", "take part in", "participate in")."""
    verb = governing_verb(noun)
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    if lexicon().has("exercise_held", lemma) or (lemma == "be" and noun.dep_ == "nsubj"):
        return verb
    return None


def _treaty_provision(verb: Token, lowered: str) -> bool:
    """"the agreement says both countries will take part in joint exercises": what a treaty
    provides for, not an exercise that happens."""
    return bool(TREATY_WORDS.search(lowered)) and (is_future(verb) or verb.tag_ in ("VB", "VBG"))


def _participant_phrases(noun: Token, verb: Token) -> list[Token]:
    phrases = prep_objects(noun, {"with", "between", "of", "among", "involving"})
    phrases += prep_objects(verb, {"with", "between", "alongside"})
    phrases += [c for c in noun.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        phrases += subjects_of(verb)
    return with_conjuncts(phrases)


def _event(noun: Token, verb: Token, sentence: Sentence, actors: dict[int, ActorMention], ctx: Context) -> Event | None:
    codes: set[str] = set()
    for phrase in _participant_phrases(noun, verb):
        codes |= phrase_states(phrase, actors, ctx)
    if len(codes) < 2 and TOGETHER.search(sentence.text.lower()):
        codes |= set(ctx.main[:3] if "three" in sentence.text.lower() else ctx.main[:2])
    location = location_near(noun, actors) or location_near(verb, actors)
    date = event_date(sentence, noun, ctx, past_only=False)
    return Event("exercise", sorted(codes), date=_upcoming(date, verb, ctx), location=location,
                 evidence=evidence(sentence))


def _upcoming(date: str | None, verb: Token, ctx: Context) -> str | None:
    """An exercise that will be held "in September" is next September when this one is past:
    a month resolved into the past for a future clause moves a year on."""
    planned = is_future(verb) or any(a.lemma_.lower() in PLANNING for a in [verb, *verb.ancestors])
    if not date or not ctx.published or not planned:
        return date
    if len(date) == 7 and date < ctx.published[:7]:
        return f"{int(date[:4]) + 1:04d}{date[4:]}"
    return date
