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
    PLACE_PREPS,
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
JOINING = {"join", "accompany", "support", "back", "reinforce", "host", "co-host", "cohost", "lead", "organize",
           "organise", "conduct", "stage"}
INTENT_AUX = {"will", "shall", "would", "should", "must", "may", "might", "could", "'ll"}
HOSTING = {"host", "co-host", "cohost"}
GATHERING = {"involve", "include", "bring", "feature", "gather", "see", "draw"}
PERMITTING = {"let", "allow", "enable", "permit", "authorise", "authorize"}
MEANS_PREPS = {"through", "via"}


def exercise_events(sentence: Sentence, ctx: Context) -> list[Event]:
    if sentence.span is None:
        return []
    lex = lexicon()
    lowered = sentence.text.lower()
    if lex.search("exercise_not_rx", lowered):
        return []
    named = named_exercises(sentence)
    paired = paired_exercises(sentence)
    again = lex.search("exercise_again_rx", lowered)  # another round of an exercise told as military before
    military = bool(named or paired or again or lex.search("exercise_context_rx", sentence.text))
    actors = actor_index(sentence)
    partial: list[Event] = []
    for noun in sentence.span:
        is_name = noun.i in named
        if noun.dep_ == "compound" and noun.head.i in named:
            continue  # "Exercise" in "Exercise Cobra Gold": the name stands for it
        if not is_name and noun.i not in paired and \
                (noun.pos_ not in ("NOUN", "PROPN") or not lex.has("exercise_noun", noun.lower_)):
            continue
        verb = holding_verb(noun) or (governing_verb(noun) or noun if is_name else None)
        if verb is None or grammar.is_negated(noun) or _treaty_provision(verb, lowered) or _means(noun):
            continue
        event = _event(noun, verb, sentence, actors, ctx, strict=not military, named=is_name)
        if event is not None and len(event.participants) >= 2:
            return [event]
        if event is not None and military:
            partial.append(event)  # a later noun of the sentence may name the sides ("Balikatan exercises, in which")
    if not military or partial:
        return partial[:1]
    for verb in sentence.span:
        if _trains_together(verb) and not grammar.is_negated(verb) and not _treaty_provision(verb, lowered):
            event = _event(verb, verb, sentence, actors, ctx)
            if event is not None and len(event.participants) >= 2:
                return [event]
    return []


def named_exercises(sentence: Sentence) -> dict[int, str]:
    """Token index -> name, for the exercises the sentence names: a known exercise name written with
    a capital ("BALTOPS 24", "Cobra Gold") or a capitalised "Exercise X". A name says an exercise
    is held; it needs no holding verb."""
    lex = lexicon()
    found = [m for m in lex.patterns["exercise_name_rx"].finditer(sentence.text.lower())
             if sentence.text[m.start()].isupper()]
    found += list(lex.patterns["exercise_titled_rx"].finditer(sentence.text))
    return _heads(sentence, found)


def paired_exercises(sentence: Sentence) -> dict[int, str]:
    """Token index -> words, for nouns that are an exercise only with their modifier ("war games",
    "joint training"); like any exercise noun they need a holding verb."""
    return _heads(sentence, list(lexicon().patterns["exercise_pair_rx"].finditer(sentence.text.lower())))


def _heads(sentence: Sentence, found: list[re.Match[str]]) -> dict[int, str]:
    out: dict[int, str] = {}
    for match in found:
        tok = grammar.token_at(sentence, sentence.start + match.start(), sentence.start + match.end())
        if tok is not None and tok.pos_ in ("NOUN", "PROPN", "NUM", "VERB"):
            while tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
                tok = tok.head  # "Exercise Cobra Gold": the name's last word
            if tok.dep_ in ("compound", "amod", "nmod") and lexicon().has("exercise_noun", tok.head.lower_):
                tok = tok.head  # "the Balikatan exercises": the noun the name modifies
            out[tok.i] = match.group(0)
    return out


def _trains_together(verb: Token) -> bool:
    """"troops will train together", "soldiers drilled alongside Dutch units": an exercise without
    the word; training alone ("train on each other's soil") is not."""
    if verb.pos_ != "VERB" or not lexicon().has("exercise_verb", verb.lemma_.lower()):
        return False
    return any(c.lower_ == "together" or (c.dep_ == "prep" and c.lower_ in ("with", "alongside"))
               for c in verb.children)


def holding_verb(noun: Token) -> Token | None:
    """The verb that says the exercise takes place, or None: the noun's governing verb must be a
    holding verb ("conduct", "hold", "begin", "take part in", "participate in")."""
    lex = lexicon()
    own = next((c for c in noun.children if c.dep_ == "relcl" and _trains_together(c)), None)
    if own is not None:
        return own  # "the Balikatan exercises, in which ... troops will train together"
    verb = governing_verb(noun)
    if verb is None:
        return _own_acl(noun)
    lemma = verb.lemma_.lower()
    if lex.has("exercise_held", lemma) or (lemma == "be" and noun.dep_ == "nsubj"):
        return verb
    if lex.has("exercise_travel", lemma) and noun.dep_ == "pobj" and noun.head.lower_ == "for":
        return verb  # "would fly to Tindal for joint drills with Australian jets"
    return None


def _own_acl(noun: Token) -> Token | None:
    """"The exercise, held in Mongolia, involved troops from ...", parsed as one noun phrase: the
    participle that says what the exercise involved, else the one that says it was held."""
    lex = lexicon()
    acls = [c for c in noun.children if c.dep_ == "acl" and lex.has("exercise_held", c.lemma_.lower())]
    return next((c for c in acls if c.lemma_.lower() in GATHERING), acls[0] if acls else None)


def _treaty_provision(verb: Token, lowered: str) -> bool:
    """"the agreement says both countries will take part in joint exercises": what a treaty
    provides for, not an exercise that happens."""
    if not TREATY_WORDS.search(lowered):
        return False
    permitted = any(a.lemma_.lower() in PERMITTING for a in [verb, *verb.ancestors])  # "a pact that lets forces ..."
    return permitted or is_future(verb) or verb.tag_ in ("VB", "VBG")


def _means(noun: Token) -> bool:
    """"step up cooperation, including through the Malabar exercise": an exercise named as the way
    to an aim is no report that it is held."""
    return noun.dep_ == "pobj" and noun.head.lower_ in MEANS_PREPS


def _participant_phrases(noun: Token, verb: Token) -> list[Token]:
    phrases = prep_objects(noun, {"with", "between", "of", "among", "involving"})
    phrases += prep_objects(verb, {"with", "between", "alongside"})
    phrases += [c for c in noun.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.i == verb.i:
        phrases += subjects_of(verb)
    else:  # "Talisman Sabre, staged by the Australian Defence Force and the US military"
        phrases += [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    if verb.lemma_.lower() in GATHERING and (noun.dep_ in ("nsubj", "nsubjpass") or verb.head.i == noun.i):
        phrases += [c for c in verb.children if c.dep_ in ("dobj", "attr")]  # "the drills involve forces of ..."
        phrases += prep_objects(verb, {"from"})  # "brought together troops from A and B"
    if noun.i == verb.i and verb.dep_ == "acl":
        phrases.append(verb.head)  # "marines trained alongside ...": the noun the verb describes
    phrases = with_conjuncts(phrases)
    return phrases + _joined_by([noun, *phrases])


def _joined_by(phrases: list[Token]) -> list[Token]:
    """"troops, joined by a small Australian contingent": the force that joins takes part too."""
    out = []
    for phrase in phrases:
        for acl in (c for c in phrase.children if c.dep_ == "acl" and c.lemma_.lower() in JOINING):
            out += [p for a in acl.children if a.dep_ in ("agent", "prep") and a.lower_ == "by"
                    for p in a.children if p.dep_ == "pobj"]
    return with_conjuncts(out)


def _event(noun: Token, verb: Token, sentence: Sentence, actors: dict[int, ActorMention], ctx: Context,
           strict: bool = False, named: bool = False) -> Event | None:
    """The exercise a noun and its holding verb report; ``strict`` (a sentence with no military
    word) takes only the states the grammar ties to the exercise, no "the two countries"; a
    ``named`` one ("Flintlock has been held annually") is one exercise even when told as a habit."""
    codes: set[str] = set()
    for phrase in _participant_phrases(noun, verb):
        codes |= phrase_states(phrase, actors, ctx)
    if strict and len(codes) < 2:
        return None
    if len(codes) < 2 and lexicon().search("exercise_together_rx", sentence.text):
        codes |= set(ctx.main[:3] if "three" in sentence.text.lower() else ctx.main[:2])
    if len(codes) == 1:
        codes |= _sole_other_state(sentence, actors, codes)
    if len(codes) == 1:
        codes |= _held_with_holder(noun, verb, actors, ctx, codes)
    preps = PLACE_PREPS | {"to"} if lexicon().has("exercise_travel", verb.lemma_.lower()) else PLACE_PREPS
    location = location_near(noun, actors, preps) or location_near(verb, actors, preps) or next(
        (code for c in noun.children if c.dep_ in ("acl", "relcl")
         for code in [location_near(c, actors, preps, climb=False)] if code), None) or _host(verb, actors)
    own_clause = verb.dep_ == "relcl" and verb.head.i == noun.i  # "exercises, in which ... train from April 11"
    date = event_date(sentence, verb if own_clause else noun, ctx, past_only=False, starts=True)
    if date is None and not named and _habitual(verb) and _intended(verb):
        return None
    return Event("exercise", sorted(codes), date=_upcoming(date, verb, ctx), location=location,
                 evidence=evidence(sentence))


def _habitual(verb: Token) -> bool:
    """"the two forces are to stage joint exercises more often", "the navies will drill together
    regularly": exercises as a habit (with ``_intended``, a policy), with no date of their own, are no
    one event (a verb conjoined with the habitual one shares its habit: "train together and stage
    exercises more often")."""
    lex = lexicon()
    return any(c.dep_ == "advmod" and lex.has("habitual", c.lower_) for v in (verb, *verb.conjuncts)
               for c in v.children)


def _intended(verb: Token) -> bool:
    """The clause says what should or will be done ("are to stage", "will hold", "should train"),
    climbing from a conjoined verb to the one that carries the modal; not "has been held"."""
    for v in (verb, *([verb.head] if verb.dep_ == "conj" else [])):
        if any(c.dep_ == "aux" and c.lower_ in INTENT_AUX for c in v.children):
            return True
        if v.dep_ == "xcomp" and v.head.lemma_ == "be" and any(c.lower_ == "to" for c in v.children):
            return True
    return False


def _host(verb: Token, actors: dict[int, ActorMention]) -> str | None:
    """"Ghana is hosting the exercise": the state that hosts an exercise is where it is held."""
    if verb.lemma_.lower() not in HOSTING:
        return None
    for sub in subjects_of(verb):
        mention = actors.get(sub.i)
        if mention is not None and mention.kind == "state" and mention.how in ("name", "capital"):
            return mention.code
    return None


def _sole_other_state(sentence: Sentence, actors: dict[int, ActorMention], codes: set[str]) -> set[str]:
    """An exercise "with Australian jets" reported by "Japan's defence ministry": when the grammar
    finds one side and the sentence names exactly one other state outside place and topic phrases
    ("drills near the Ukrainian border" is Russia's alone), that state is the other side."""
    doc = sentence.span.doc
    others = {m.code for i, m in actors.items() if m.kind == "state" and m.code not in codes
              and not _in_adjunct(doc[i])}
    return others if len(others) == 1 else set()


def _held_with_holder(noun: Token, verb: Token, actors: dict[int, ActorMention], ctx: Context,
                      codes: set[str]) -> set[str]:
    """"The previous exercise, Zapad-2017, was held with Belarus": an exercise held "with" one state
    that names no holder of its own is held by the state the article is about."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or any(s.i in actors for s in subjects_of(verb) if s.i != noun.i):
        return set()
    partners = {code for p in with_conjuncts(prep_objects(verb, {"with"})) for code in phrase_states(p, actors, ctx)}
    holder = ctx.main[0] if ctx.main else None
    return {holder} if partners == codes and holder and holder not in codes else set()


def _in_adjunct(tok: Token) -> bool:
    """The token hangs from a preposition (other than "of"/"from") below its clause's verb."""
    for a in tok.ancestors:
        if a.pos_ in ("VERB", "AUX"):
            return False
        if a.dep_ in ("prep", "agent", "dative") and a.lower_ not in ("of", "from"):
            return True
    return False


def _upcoming(date: str | None, verb: Token, ctx: Context) -> str | None:
    """An exercise that will be held "in September" (or "from June 3") is next September when this
    one is past: a month or day resolved into the past for a future clause moves a year on."""
    planned = is_future(verb) or any(a.lemma_.lower() in PLANNING for a in [verb, *verb.ancestors])
    if not date or not ctx.published or not planned:
        return date
    if len(date) in (7, 10) and date < ctx.published[:len(date)]:
        return f"{int(date[:4]) + 1:04d}{date[4:]}"
    return date
