"""What the three event frames share: the lexicon, the article context, and the grammar that
turns a noun phrase into the states it names, picks a trigger's date and finds its location.

Frames see a parsed ``Sentence`` and a ``Context`` (the article's main states, the nationality of
the officials it names, its date) and return ``Event`` objects; ``events.py`` merges them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from pactwatch.article import Article
from pactwatch.data_files import table_rows
from pactwatch.facts import Evidence
from pactwatch.nlp import grammar
from pactwatch.nlp.actors import find_places
from pactwatch.nlp.sentences import ActorMention, Sentence
from pactwatch.read.dateline import dateline_of

Token = grammar.Token

# Dependencies that leave a noun phrase: another clause, another conjunct, or a preposition
# other than the ones that keep naming the same person or force ("minister of Israel",
# "contingents from Armenia", "the forces of Pakistan").
LEAVE_PHRASE = {"relcl", "acl", "advcl", "conj", "cc", "ccomp", "xcomp", "punct", "prep", "parataxis"}
KEEP_PREPS = {"of", "from", "including"}
# participles that keep naming the phrase's people: "a delegation led by the defence minister"
LED_BY = {"lead", "head"}
TOPIC_PREPS = {"about", "on", "over", "against", "regarding", "concerning", "amid", "since", "toward", "towards"}
PLACE_PREPS = {"in", "at", "off"}
PERSONAL_PRONOUNS = {"he", "she", "they", "him", "her", "them", "his", "their", "who", "we", "i"}


@dataclass(frozen=True)
class Lexicon:
    """Word lists (sets) and patterns (compiled) from ``data/events.tsv``."""

    words: dict[str, frozenset[str]]
    patterns: dict[str, re.Pattern[str]]

    def has(self, kind: str, word: str) -> bool:
        return word.lower() in self.words[kind]

    def search(self, kind: str, text: str) -> re.Match[str] | None:
        return self.patterns[kind].search(text.lower())


@cache
def lexicon() -> Lexicon:
    """The event lexicon, read once."""
    words: dict[str, frozenset[str]] = {}
    patterns: dict[str, re.Pattern[str]] = {}
    for row in table_rows("events.tsv"):
        kind, body = row.fields
        if kind.endswith("_rx"):
            patterns[kind] = row.pattern
        else:
            words[kind] = frozenset(w.strip().lower() for w in body.split("|") if w.strip())
    return Lexicon(words, patterns)


@dataclass(frozen=True)
class Context:
    """What every event frame may consult beyond its sentence."""

    main: list[str]
    people: dict[str, str]
    published: str | None
    persons: frozenset[str] = frozenset()  # every word of a person's name the article gives (no parse)
    dateline: str | None = None  # the state of the dateline's city ("VILNIUS, May 22 -")
    # the states of the last list a sentence before named ("Mali, Burkina Faso and Niger ..."), for
    # "their leaders met", and of the last two-state meeting just told, for "the two leaders"
    recent_list: tuple[str, ...] = ()
    recent_pair: tuple[str, ...] = ()
    # people this or the sentences just before tell as visiting ("the visit of a delegation led by X")
    visitors: frozenset[str] = frozenset()


def dateline_state(article: Article) -> str | None:
    """The state whose capital, city or name opens the article's dateline, or None: the reader's
    ``Article.dateline`` (read from the text for an Article built without one, as in tests)."""
    dateline = dateline_of(article)
    return dateline.state if dateline else None


def evidence(sentence: Sentence) -> Evidence:
    return Evidence("event", sentence.text, sentence.start, sentence.end)


def actor_index(sentence: Sentence) -> dict[int, ActorMention]:
    """Token index -> the actor mention covering it, for every token an actor spans."""
    out: dict[int, ActorMention] = {}
    if sentence.span is None:
        return out
    for mention in sentence.actors:
        for tok in sentence.span:
            at = sentence.start + tok.idx
            if mention.start <= at < mention.end:
                out[tok.i] = mention
    return out


def phrase_tokens(tok: Token) -> list[Token]:
    """The noun phrase ``tok`` heads, without relative clauses, conjuncts or other prepositions."""
    out = [tok]
    stack = list(tok.children)
    while stack:
        t = stack.pop()
        if t.dep_ in ("conj", "cc") and t.head.i != tok.i:
            pass  # "the ministers of France and Armenia": a list inside the phrase stays in it
        elif t.dep_ == "acl" and t.lemma_.lower() in LED_BY:
            stack.extend(c for c in t.children if c.dep_ in ("agent", "prep") and c.lower_ == "by")
            continue  # "a delegation led by Defence Minister Guler": the leader speaks for it
        elif t.dep_ in LEAVE_PHRASE and not (t.dep_ == "prep" and t.lower_ in KEEP_PREPS):
            continue
        out.append(t)
        stack.extend(t.children)
    return sorted(out, key=lambda t: t.i)


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    """Each token and the tokens conjoined with it ("A, B and C")."""
    out: list[Token] = []
    for tok in tokens:
        for t in (tok, *tok.conjuncts):
            if t not in out:
                out.append(t)
    return out


def is_official(tok: Token, ctx: Context) -> bool:
    """The phrase names a person acting for a state: a named person, an office, a delegation."""
    lex = lexicon()
    for t in phrase_tokens(tok):
        if lex.has("arms_item", t.lower_):
            continue  # "Patriot" tagged as a person
        if t.ent_type_ == "PERSON" or lex.has("official", t.lower_) or t.text in ctx.people or \
                (t.pos_ == "PROPN" and t.text in ctx.persons):
            return True
    return tok.lower_ in PERSONAL_PRONOUNS


def phrase_states(tok: Token, actors: dict[int, ActorMention], ctx: Context) -> set[str]:
    """States a party phrase stands for: names, demonyms, capitals and institutions in it, and
    the nationality the article gives the person it names. Organisations are left out."""
    states: set[str] = set()
    for t in phrase_tokens(tok):
        mention = actors.get(t.i)
        if mention is not None and mention.kind == "state":
            states.add(mention.code)
        elif t.ent_type_ == "PERSON" or t.pos_ == "PROPN":
            code = ctx.people.get(t.text)
            if code:
                states.add(code)
    return states


def governing_verb(tok: Token) -> Token | None:
    """The verb whose clause ``tok`` belongs to, climbing through nouns and prepositions."""
    t = tok
    for _ in range(12):
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def subjects_of(verb: Token) -> list[Token]:
    """The clause's subjects (passive agents included), climbing to the verb a participle,
    infinitive or conjoined verb shares its subject with."""
    t = verb
    for _ in range(4):
        subs = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("it", "which", "that")]
        if subs:
            return with_conjuncts(subs)
        if t.dep_ in ("conj", "xcomp", "advcl", "pcomp") and t.head.i != t.i:
            t = t.head if t.head.pos_ in ("VERB", "AUX") else (governing_verb(t.head) or t.head)
            continue
        if t.dep_ == "relcl":
            return with_conjuncts([t.head])
        break
    return []


def agents_of(verb: Token) -> list[Token]:
    """Pobjs of a passive verb's "by" agent: "signed by A and B"."""
    out = []
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return with_conjuncts(out)


def prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    """Objects of the prepositions in ``preps`` hanging from ``tok`` ("talks with X")."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return with_conjuncts(out)


def place_state(tok: Token, actors: dict[int, ActorMention]) -> str | None:
    """The state a place phrase lies in: "in Baku", "at the White House", "in the capital city of
    Baku", "in Davos, Switzerland", "at the Royal Australian Air Force base" (a demonym names the
    state of a base, waters or range). Officials ("the Turkish minister") are not places."""
    located = lexicon().has("place_noun", tok.lemma_.lower())
    if lexicon().search("water_body_rx", " ".join(t.lower_ for t in tok.subtree)):
        return None  # "in the Sea of Japan": waters, not the state they are named after
    for t in [tok, *tok.subtree]:
        mention = actors.get(t.i)
        if mention is None or mention.kind != "state" or \
                mention.how not in ("name", "capital", "institution", *(("demonym",) if located else ())):
            continue
        if any(a.dep_ == "relcl" for a in t.ancestors if a.i in {x.i for x in tok.subtree}):
            continue
        return mention.code
    return _region_or_city_state(tok)


def _region_or_city_state(tok: Token) -> str | None:
    """The state of a region or city the phrase names ("in Queensland", "off the coast of Sydney",
    "in Kampong Speu province"); never for waters called international, which lie in no state."""
    phrase = list(tok.subtree)
    if any(t.dep_ == "relcl" for t in phrase) or any(t.lower_ == "international" for t in phrase):
        return None
    places = find_places(tok.doc[phrase[0].i: phrase[-1].i + 1].text)
    return places[0].code if places else None


def location_near(trigger: Token, actors: dict[int, ActorMention], preps: set[str] = PLACE_PREPS,
                  climb: bool = True) -> str | None:
    """The place an event happens: "in/at PLACE" hanging from the trigger or (``climb``) from the
    verb whose clause it is in; failing that, one the parser hung lower in the trigger's own
    clause ("met with the ambassador, Anne Derse, in the capital city of Baku")."""
    holders = [trigger]
    verb = governing_verb(trigger)
    if climb and verb is not None and verb.i != trigger.i:
        holders.append(verb)
    for holder in holders:
        over = [c for c in holder.children if c.dep_ == "prep" and c.lower_ == "over" and _place_prep(c)]
        for obj in [*prep_objects(holder, preps), *(p for c in over for p in c.children if p.dep_ == "pobj")]:
            code = place_state(obj, actors)
            if code:
                return code
    for prep in _clause_preps(trigger, preps):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            code = place_state(obj, actors)
            if code:
                return code
    return None


def _clause_preps(head: Token, preps: set[str]) -> list[Token]:
    """Prepositions in ``head``'s subtree that stay in its clause and outside topic phrases."""
    out = []
    stack = list(head.children)
    while stack:
        t = stack.pop()
        if t.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj") and t.pos_ in ("VERB", "AUX"):
            continue
        if t.dep_ == "prep" and t.lower_ in TOPIC_PREPS | {"to"} and not _place_prep(t):
            continue
        if t.dep_ == "prep" and t.lower_ == "from":
            stack.extend(p for c in t.children if c.dep_ == "pobj" for p in c.children)
            continue  # "met X from Pakistan ... in Baku": not the origin, but a place hung under it
        if t.dep_ == "prep" and (t.lower_ in preps or t.lower_ == "over"):
            out.append(t)
        stack.extend(t.children)
    return sorted(out, key=lambda t: t.i)


PLACE_PREP_NOUNS = {"on": "place_on_noun", "over": "place_noun"}


def _place_prep(prep: Token) -> bool:
    """"on the tarmac", "on the sidelines of the summit", "over Guyanese territory": an "on" or
    "over" phrase that is a place, not a topic ("talks over the border dispute" stays a topic)."""
    nouns = PLACE_PREP_NOUNS.get(prep.lower_)
    return nouns is not None and any(c.dep_ == "pobj" and (lexicon().has(nouns, c.lower_) or
                                                           lexicon().has(nouns, c.lemma_.lower()))
                                     for c in prep.children)


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one parse."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in ids_b:
            return n + ids_b[t.i]
    return 99


BEFORE_NOT_EVENT = re.compile(r"(?:since|until|before|after|by|from)\s*$")


def event_date(sentence: Sentence, trigger: Token | None, ctx: Context, past_only: bool = True,
               starts: bool = False, skip: Callable[[Token], bool] | None = None) -> str | None:
    """The resolved date the grammar ties closest to the trigger ("sent ... June 12", not the
    "ratified June 7" of the clause before); not a "since" starting point, and for events already
    reported not later than the article's own date. With ``starts`` (an exercise), "from April 11"
    is the event's own first day. ``skip`` leaves out dates a frame knows to be another thing's."""
    best: tuple[int, str] | None = None
    lowered = sentence.text.lower()
    for mention, tok in grammar.date_tokens(sentence):
        if not mention.value or _names_something(tok, mention):
            continue
        before = lowered[max(0, mention.start - sentence.start - 8): mention.start - sentence.start]
        found = BEFORE_NOT_EVENT.search(before)
        if found and not (starts and found.group(0).strip() == "from"):
            continue
        if past_only and ctx.published and _later(mention.value, ctx.published):
            continue
        if _in_span_phrase(tok) or skip is not None and skip(tok):
            continue
        distance = tree_distance(trigger, tok) if trigger is not None else 0
        if best is None or distance < best[0] or distance == best[0] and len(best[1]) == 4 < len(mention.value):
            best = (distance, mention.value)  # a tie with a bare year ("this year's") goes to the day
    if best is None and ctx.published and len(ctx.published) == 10 and lexicon().search("same_day_rx", lowered):
        return ctx.published
    return best[1] if best else None


SPAN_PREPS = {"since", "until", "till"}


def _in_span_phrase(tok: Token) -> bool:
    """The date lies inside a "since ..." or "until ..." phrase of its clause ("held annually since
    its inception in 2005"): a starting or end point, not the date of the event itself."""
    for a in tok.ancestors:
        if a.pos_ in ("VERB", "AUX"):
            return False
        if a.dep_ == "prep" and a.lower_ in SPAN_PREPS:
            return True
    return False


def _names_something(tok: Token, mention: object) -> bool:
    """A bare year inside a name is no date: "exercise Interaction 2019", "Freedom Shield 2026"."""
    value = getattr(mention, "value", None) or ""
    return len(value) == 4 and tok.head.i != tok.i and tok.head.pos_ == "PROPN" and \
        tok.head.ent_type_ != "DATE" and not tok.head.text.isdigit()


def _later(value: str, anchor: str) -> bool:
    n = min(len(value), len(anchor))
    return value[:n] > anchor[:n]


def is_future(tok: Token) -> bool:
    """The clause of ``tok`` speaks of what will or may happen ("will hold", "is expected to")."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else governing_verb(tok)
    for _ in range(3):
        if verb is None:
            return False
        if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall", "would") for c in verb.children):
            return True
        if verb.dep_ != "xcomp":
            return False
        verb = verb.head
    return False
