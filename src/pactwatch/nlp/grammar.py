"""Small dependency-parse helpers shared by the agreement and event frames."""

from __future__ import annotations

import re
from typing import Any

from pactwatch.nlp.dates import is_deadline
from pactwatch.nlp.sentences import ActorMention, DateMention, Sentence

Token = Any  # spacy.tokens.Token; kept loose so the frames import without spaCy types

NEGATIONS = {"not", "no", "never", "n't", "without", "neither", "nor"}


def token_at(sentence: Sentence, start: int, end: int) -> Token | None:
    """The syntactic head token of the text between absolute offsets ``start`` and ``end``."""
    if sentence.span is None:
        return None
    tokens = [t for t in sentence.span if start <= sentence.start + t.idx < end]
    if not tokens:
        return None
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[-1]


def clause_verb(token: Token) -> Token:
    """The verb heading the clause ``token`` is in (or the root)."""
    t = token
    steps = 0
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i and steps < 30:
        t = t.head
        steps += 1
    return t


def clause_family(verb: Token) -> set[int]:
    """A verb, the verbs conjoined with it and the verb it is conjoined to or governs as xcomp."""
    family = {verb.i}
    t = verb
    while t.dep_ in ("conj", "xcomp", "advcl") and t.head.i != t.i:
        t = t.head
        family.add(t.i)
    for child in verb.children:
        if child.dep_ in ("conj", "xcomp") and child.pos_ in ("VERB", "AUX"):
            family.add(child.i)
    return family


def ancestors_until_verb(token: Token) -> list[Token]:
    out = []
    t = token
    while t.head.i != t.i and t.pos_ not in ("VERB", "AUX"):
        t = t.head
        out.append(t)
    return out


def is_negated(token: Token) -> bool:
    """True when ``token``'s clause or phrase is negated ("does not include", "no agreement")."""
    for t in [token, *ancestors_until_verb(token)]:
        if any(c.dep_ == "neg" or c.lower_ in ("no", "never") and c.dep_ == "det" for c in t.children):
            return True
    verb = clause_verb(token)
    return any(c.dep_ == "neg" for c in verb.children)


def actor_tokens(sentence: Sentence) -> list[tuple[ActorMention, Token]]:
    """Each actor mention of a parsed sentence with its token."""
    out = []
    for mention in sentence.actors:
        token = token_at(sentence, mention.start, mention.end)
        if token is not None:
            out.append((mention, token))
    return out


WEEKDAY_ONLY = re.compile(r"(?i)(?:on |last |this |next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day")


def explicit_dates(sentence: Sentence) -> list[DateMention]:
    """The sentence's dates, less a weekday written just before the full date it names ("on
    Thursday, March 7, 2024"): the date is said once."""
    mentions = [m for m in sentence.dates if not is_deadline(sentence.text, m.start - sentence.start)]
    out = []
    for n, mention in enumerate(mentions):
        following = mentions[n + 1] if n + 1 < len(mentions) else None
        if following is not None and following.value and WEEKDAY_ONLY.fullmatch(mention.text) and \
                0 <= following.start - mention.end <= 3:
            continue
        out.append(mention)
    return out


def date_tokens(sentence: Sentence) -> list[tuple[DateMention, Token]]:
    """Each dated mention (weekdays before their full date left out) with its token."""
    out = []
    for mention in explicit_dates(sentence):
        token = token_at(sentence, mention.start, mention.end)
        if token is not None:
            out.append((mention, token))
    return out


def subtree_text(token: Token) -> str:
    return "".join(t.text_with_ws for t in token.subtree).strip()


def in_prep(token: Token, preps: set[str]) -> str | None:
    """The preposition ``token`` hangs from ("with", "between", "by", "from", "to", "in"), if any."""
    t = token
    for _ in range(4):
        if t.dep_ in ("pobj", "conj", "appos", "compound", "poss", "amod", "nmod") and t.head.i != t.i:
            if t.dep_ == "pobj" and t.head.lower_ in preps:
                return t.head.lower_
            if t.dep_ == "pobj":
                return None
            t = t.head
        elif t.dep_ == "agent":
            return "by"
        else:
            return None
    return None


OFFICIAL_NOUNS = re.compile(r"(?:ministers?|leaders?|presidents?|heads?|governments?|officials?|delegations?|"
                            r"representatives?|foreign|parliaments?|forces|navies|armies|militaries|countries|"
                            r"lawmakers|legislators|senators|deputies|mps|parliamentarians)$")
LAWMAKER_NOUNS = re.compile(r"(?:lawmakers|legislators|senators|deputies|mps|parliamentarians|parliament)$")
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}


def clause_subjects(verb: Token) -> set[int]:
    """Token ids of the clause's subjects (and their conjuncts), looking through relative
    pronouns ("Turkey, which signed ...") and up through embedded or conjoined verbs."""
    t = verb
    for _ in range(5):
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            out: set[int] = set()
            for subj in subjects:
                if subj.lower_ in RELATIVE_PRONOUNS and t.dep_ == "relcl":
                    subj = t.head
                out.add(subj.i)
                out.update(c.i for c in subj.conjuncts)
            return out
        if t.dep_ == "relcl":
            return {t.head.i, *(c.i for c in t.head.conjuncts)}
        if t.head.i == t.i:
            return set()
        t = t.head
        while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
            t = t.head
    return set()


def noun_owner(token: Token) -> Token:
    """The noun a modifier belongs to: 'Turkish' in 'Turkish Parliament' -> 'Parliament';
    'Azerbaijan' in "Azerbaijan's National Assembly" -> 'Assembly'; else the token itself."""
    t = token
    for _ in range(3):
        if t.dep_ in ("compound", "amod", "poss", "nmod") and t.head.i != t.i and t.head.pos_ in ("NOUN", "PROPN"):
            t = t.head
        elif t.dep_ == "conj" and t.head.i != t.i and t.head.pos_ == "PROPN":
            t = t.head  # "Britain, Italy and Japan": the list's first member stands for it
        elif (t.dep_ == "pobj" and t.head.head.pos_ == "NOUN" and (
                t.head.lower_ == "of" and OFFICIAL_NOUNS.match(t.head.head.lower_)
                or t.head.lower_ == "in" and LAWMAKER_NOUNS.match(t.head.head.lower_))):
            t = t.head.head  # "the defence ministers of Britain", "lawmakers in Islamabad"
        else:
            break
    return t
