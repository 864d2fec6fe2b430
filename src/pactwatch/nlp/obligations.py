"""Obligations: the directed duties an agreement's text states, with their conditions (facts v1.1).

A duty is a duty phrase ("come to the aid of", "consult", "observe neutrality") after a frame that
makes it binding ("will", "undertakes to", "obliges each country to", "a duty to"), or a phrase that
binds by itself ("renounces the use of armed force"). Its direction comes from the grammar: the
clause's subject (or what "obliges"/"binds" governs) is bound, its object benefits; "each
country", "either party", "each other", "the other" make it mutual; a named party on one side only
leaves the other parties on the other side. A duty the clause denies ("is not obliged to intervene
automatically", "takes on no obligation to defend") is never a plain duty: its conditions qualify
the duty of that kind the agreement states elsewhere, and without conditions it is nothing. A
qualification holds for the whole duty, whichever party's forces its sentence names ("the Turkish
army is not obliged to intervene automatically" makes the pact's defence conditional both ways;
"the same rule applies to X's armed forces" then adds nothing).
Conditions ("only after further consultations", "only when the government asks", "on the territory
of either party in Europe", "if the attacker is the Russian Federation", "a party that has itself
provoked the war") belong to the duty of their sentence, or to the duty just stated when their
sentence states none. Every phrasing is data (``data/obligations.tsv``).

A duty belongs to the agreement its sentence is evidence for, else to one it names, else to the
agreement spoken of last; only security agreements (and those of domain "other") carry duties,
and alliance wording ("one ally", "the others will assist the ally") belongs to an organisation's
record. Only sentences with a duty cue are read; those the cue filter did not parse are parsed
here, without changing the shared sentences.

>>> phrasings().cue.search("Each country promises to defend the other.") is not None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache

from pactwatch.data_files import table_rows
from pactwatch.facts import Agreement, Condition, Evidence, Obligation
from pactwatch.nlp import grammar
from pactwatch.nlp.actors import actor_kind
from pactwatch.nlp.lexicon import head_kind
from pactwatch.nlp.modality import matches as modality_matches
from pactwatch.nlp.sentences import Sentence

DUTY_DOMAINS = ("security", "other")  # what a defence, consultation or neutrality duty can belong to
# everything up to the last clause break before a point
CLAUSE_START = re.compile(r".*(?:[,;:(—–]|\b(?:and|but|while|whereas|though|although)\b)", re.DOTALL | re.IGNORECASE)
FRAME_GAP = re.compile(r"(?:\s*,)?\s*(?:[\w’'-]+,?\s+){0,3}")  # "will then", "is, if need be," before a duty
CLAUSE_END = re.compile(r"[,;:]")
FRAME_REACH = 160  # characters before a duty where its frame (or, unparsed, its subject) is looked for
DENIAL_WINDOW = 80  # characters before a duty (within its clause) where a denial counts
AFTER_CHARS = 600  # a duty stated before any agreement is spoken of belongs to one named this soon after it
FOLLOW = 1  # a condition-only sentence qualifies the duty stated at most this many sentences before it
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
OBJECT_DEPS = ("dobj", "dative", "prep", "attr", "oprd", "pobj", "agent")
# prepositions that name whom a duty serves ("come to the aid of", "consult with"); "in the event of an attack on
# either party" or "against any attack" say when it applies, not to whom
OBJECT_PREPS = ("to", "of", "with", "for")
CLAUSE_DEPS = ("advcl", "relcl", "acl", "ccomp", "mark")


@dataclass(frozen=True)
class Phrasings:
    """``data/obligations.tsv`` compiled: one pattern per marker kind, (value, pattern) rows for
    duties, undertakings and conditions. Matched ignoring case on the sentence as written."""

    cue: re.Pattern[str]
    frame: re.Pattern[str]
    denial: re.Pattern[str]
    mutual: re.Pattern[str]
    member: re.Pattern[str]
    reference: re.Pattern[str]
    unsettled: re.Pattern[str]
    duties: tuple[tuple[str, re.Pattern[str]], ...]
    undertakings: tuple[tuple[str, re.Pattern[str]], ...]
    conditions: tuple[tuple[str, re.Pattern[str]], ...]


@cache
def phrasings() -> Phrasings:
    """The phrasings, read and compiled once per process."""
    joined: dict[str, list[str]] = {}
    rows: dict[str, list[tuple[str, re.Pattern[str]]]] = {"duty": [], "undertaking": [], "condition": []}
    for row in table_rows("obligations.tsv"):
        kind, value, _ = row.fields
        if kind in rows:
            rows[kind].append((value, re.compile(row.pattern.pattern, re.IGNORECASE)))
        else:
            joined.setdefault(kind, []).append(row.pattern.pattern)
    markers = {kind: re.compile("|".join(parts), re.IGNORECASE) for kind, parts in joined.items()}
    return Phrasings(markers["cue"], markers["frame"], markers["denial"], markers["mutual"], markers["member"],
                     markers["reference"], markers["unsettled"], tuple(rows["duty"]), tuple(rows["undertaking"]),
                     tuple(rows["condition"]))


@dataclass
class Duty:
    """One duty phrase of a sentence (offsets in the sentence text) and what its grammar says of it."""

    kind: str
    start: int
    end: int
    denied: bool = False
    by: set[str] = field(default_factory=set)  # actors its subject names
    to: set[str] = field(default_factory=set)  # actors its object names
    mutual: bool = False
    member: bool = False  # alliance wording: the members of an organisation bind one another


@dataclass(frozen=True)
class Found:
    """A condition phrase of a sentence: its type, quote, offsets in the sentence, states it names."""

    type: str
    quote: str
    start: int
    states: frozenset[str]


@dataclass
class Reading:
    """What one cue sentence says of duties."""

    sentence: Sentence
    duties: list[Duty]
    conditions: list[Found]
    reference: bool


def attach_obligations(agreements: list[Agreement], sentences: list[Sentence]) -> list[Agreement]:
    """``agreements`` with the obligations ``sentences`` state for them (other fields unchanged).

    Only sentences with a duty cue are read, and only when some agreement can carry a duty."""
    holders = [a for a in agreements if a.domain in DUTY_DOMAINS and a.evidence]
    phr = phrasings()
    cued = [s for s in sentences if phr.cue.search(s.text) and not phr.unsettled.search(s.text)]
    if not holders or not cued:
        return agreements
    # only a sentence with a duty phrase needs its grammar (who binds whom); conditions are read without it
    stated = [s for s in cued if duty_phrases(s.text)]
    parsed = {id(s): p for s, p in zip(stated, _parsed(stated), strict=True)}
    readings = [read_sentence(parsed.get(id(s), s)) for s in cued]
    found = _obligations(readings, holders)
    return [replace(a, obligations=found[id(a)]) if found.get(id(a)) else a for a in agreements]


def read_sentence(sentence: Sentence) -> Reading:
    """The duties and conditions of one sentence (parsed or not: unparsed ones read by position)."""
    phr = phrasings()
    duties = [_with_sides(sentence, d) for d in duty_phrases(sentence.text)]
    conditions = condition_phrases(sentence)
    return Reading(sentence, duties, conditions, bool(phr.reference.search(sentence.text)))


def duty_phrases(text: str) -> list[Duty]:
    """Duty phrases with a frame before them, and undertakings; one per stretch of text (the
    earliest, then longest, match wins), each marked denied when its clause denies it."""
    phr = phrasings()
    found: list[Duty] = []
    for kind, rx in phr.duties:
        found += [Duty(kind, m.start(), m.end()) for m in rx.finditer(text) if _framed(text, m.start())]
    for kind, rx in phr.undertakings:
        found += [Duty(kind, m.start(), m.end()) for m in rx.finditer(text)]
    kept: list[Duty] = []
    reach = 0
    for duty in sorted(found, key=lambda d: (d.start, -d.end)):
        if duty.start >= reach:
            kept.append(duty)
            reach = duty.end
    for duty in kept:
        duty.denied = is_denied(text, duty.start)
    return kept


def _framed(text: str, start: int) -> bool:
    """A frame ("will", "undertakes to", "a duty to") ends a few words before ``start``."""
    frames = phrasings().frame.finditer(text, max(0, start - FRAME_REACH), start)
    return any(FRAME_GAP.fullmatch(text, frame.end(), start) for frame in frames)


def is_denied(text: str, start: int) -> bool:
    """The clause denies the duty at ``start``: "is not bound to", "takes on no obligation to",
    "neither country is bound to", "stops short of", "failed to" (the modality step's denial words)."""
    before = text[max(0, start - DENIAL_WINDOW): start]
    clause = CLAUSE_START.sub("", before)
    return bool(phrasings().denial.search(clause) and not re.search(r"\bnot only\b", clause, re.IGNORECASE)
                or modality_matches("denied", clause.lower()))


def condition_phrases(sentence: Sentence) -> list[Found]:
    """The sentence's conditions, one per type (the first row of that type that matches; an
    adversary only where its words name a state)."""
    out: list[Found] = []
    for kind, rx in phrasings().conditions:
        if any(f.type == kind for f in out):
            continue
        for match in rx.finditer(sentence.text):
            states = frozenset(a.code for a in sentence.actors if a.kind == "state"
                               and match.start() <= a.start - sentence.start < match.end())
            if kind == "adversary" and not states:
                continue
            quote = match.group().rstrip(" ,;:")
            out.append(Found(kind, quote, match.start(), states))
            break
    return out


def _with_sides(sentence: Sentence, duty: Duty) -> Duty:
    """Who the duty's clause binds and to whom: from the parse, else by position in the clause."""
    phr = phrasings()
    sides = _parsed_sides(sentence, duty) if sentence.span is not None else None
    if sides is None:
        words_by = CLAUSE_START.sub("", sentence.text[max(0, duty.start - FRAME_REACH): duty.start])
        stop = CLAUSE_END.search(sentence.text, duty.end)
        words_to = sentence.text[duty.end: stop.start() if stop else len(sentence.text)]
        by = _codes_between(sentence, duty.start - len(words_by), duty.start)
        to = _codes_between(sentence, duty.end, duty.end + len(words_to))
    else:
        (by, words_by), (to, words_to) = sides
    text = f"{words_by} {sentence.text[duty.start: duty.end]} {words_to}"
    duty.by, duty.to = by, to - by
    duty.mutual = bool(phr.mutual.search(text))
    duty.member = bool(phr.member.search(text))
    return duty


def _codes_between(sentence: Sentence, start: int, end: int) -> set[str]:
    return {a.code for a in sentence.actors if start <= a.start - sentence.start < end}


def _parsed_sides(sentence: Sentence, duty: Duty) -> tuple[tuple[set[str], str], tuple[set[str], str]] | None:
    """((obligor codes, words), (beneficiary codes, words)) from the parse of the duty's clause."""
    tokens = [t for t in sentence.span if duty.start <= t.idx < duty.end]
    if not tokens:
        return None
    verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX")]
    anchor = verbs[0] if verbs else grammar.token_at(sentence, sentence.start + duty.start, sentence.start + duty.end)
    if anchor is None:
        return None
    obligor = _obligor_tokens(anchor)
    inside = {t.i for t in tokens}
    beneficiary = [t for t in _object_tokens(anchor, inside) if t.i not in {o.i for o in obligor}]
    actors = grammar.actor_tokens(sentence)
    by = {a.code for a, t in actors if t.i in {o.i for o in obligor}}
    to = {a.code for a, t in actors if t.i in {b.i for b in beneficiary}}
    return (by, _words(obligor)), (to, _words(beneficiary))


def _obligor_tokens(anchor: grammar.Token) -> list[grammar.Token]:
    """The subject of the duty's clause, looking up through "undertakes to", "is to", an
    obligation noun ("no obligation to defend") and a relative clause; what "obliges", "binds",
    "commits" or "requires" governs ("obliges each country to come") is the one bound."""
    t = anchor
    for _ in range(8):
        subjects = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            out = [x for s in subjects for x in s.subtree]
            if t.dep_ == "relcl" and any(s.lower_ in grammar.RELATIVE_PRONOUNS for s in subjects):
                clause = {x.i for x in t.subtree}  # "Turkey, which will defend ...": what "which" stands for
                out += [x for x in t.head.subtree if x.i not in clause]
            return out
        head = t.head
        if head.i == t.i:
            return []
        if t.dep_ in ("xcomp", "ccomp"):
            governed = [c for c in head.children if c.dep_ in ("dobj", "dative") and c.i < t.i]
            if governed:
                return [x for g in governed for x in g.subtree]
        t = head
    return []


def _object_tokens(anchor: grammar.Token, inside: set[int]) -> list[grammar.Token]:
    """The duty's objects: "the other" of "come to the aid of the other", "Pretoria" of "must consult
    Pretoria", "Lesotho's" of "guarantor of Lesotho's security"; clauses hung on it (conditions,
    triggers) are not objects."""
    roots = [c for c in anchor.children if c.dep_ in OBJECT_DEPS and (c.dep_ != "prep" or c.lower_ in OBJECT_PREPS)]
    roots += [anchor.doc[i] for i in inside if anchor.doc[i].head.i not in inside and anchor.doc[i].i != anchor.i]
    out: dict[int, grammar.Token] = {}
    for root in roots:
        for tok in _subtree_without_clauses(root):
            out[tok.i] = tok
    for i in inside:
        out.setdefault(i, anchor.doc[i])
    return [out[i] for i in sorted(out)]


def _subtree_without_clauses(root: grammar.Token) -> Iterable[grammar.Token]:
    yield root
    for child in root.children:
        if child.dep_ in CLAUSE_DEPS or child.dep_ == "prep" and child.lower_ not in OBJECT_PREPS:
            continue
        yield from _subtree_without_clauses(child)


def _words(tokens: list[grammar.Token]) -> str:
    return " ".join(t.text for t in tokens)


def _parsed(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences, each with a parse: the cue filter's where it made one, else a fresh one on a
    copy (the shared sentence is left as the other stages saw it)."""
    from pactwatch.nlp.pipeline import MAX_PARSED_CHARS, load_nlp

    todo = [s for s in sentences if s.span is None and len(s.text) <= MAX_PARSED_CHARS]
    if not todo:
        return sentences
    docs = dict(zip((id(s) for s in todo), load_nlp().pipe(s.text for s in todo), strict=True))
    return [replace(s, span=docs[id(s)][:]) if id(s) in docs else s for s in sentences]


# --- from readings to each agreement's obligations ---------------------------------------------------------


@dataclass
class _Book:
    """The obligations found so far, per agreement, in the order first stated."""

    by_agreement: dict[int, dict[tuple[str, frozenset[str], frozenset[str]], Obligation]] = field(default_factory=dict)

    def of_kind(self, agreement: Agreement, kind: str) -> list[Obligation]:
        return [o for o in self.by_agreement.get(id(agreement), {}).values() if o.kind == kind]

    def add(self, agreement: Agreement, kind: str, by: set[str], to: set[str], sentence: Sentence) -> Obligation:
        key = (kind, frozenset(by), frozenset(to))
        held = self.by_agreement.setdefault(id(agreement), {})
        if key not in held:
            evidence = Evidence("obligations", sentence.text, sentence.start, sentence.end)
            held[key] = Obligation(kind, sorted(by), sorted(to), [], evidence)
        return held[key]


def _obligations(readings: list[Reading], holders: list[Agreement]) -> dict[int, list[Obligation]]:
    """Agreement id -> its obligations: duties in sentence order, conditions of the same sentence,
    of a condition-only sentence just after, and of denied duties (qualifications) at the end."""
    book = _Book()
    current: tuple[Agreement, list[Obligation]] | None = None
    last = -10
    qualifications: list[tuple[Agreement, str, list[Found]]] = []
    for reading in sorted(readings, key=lambda r: r.sentence.index):
        index = reading.sentence.index
        positive = [d for d in reading.duties if not d.denied]
        if positive:
            stated = _state(book, reading, positive, holders)
            if stated is not None:
                current, last = stated, index
            continue
        denied = [d for d in reading.duties if d.denied]
        if denied and reading.conditions:
            for duty in denied:
                agreement = choose_agreement(reading.sentence, duty, holders)
                if agreement is not None:
                    qualifications.append((agreement, duty.kind, reading.conditions))
            continue
        if current is not None and index - last <= FOLLOW and (reading.conditions or reading.reference) \
                and _speaks_of(reading.sentence, current[0], holders):
            agreement, obligations = current
            for obligation in obligations:
                _qualify(obligation, reading.conditions, agreement)
            last = index
    for agreement, kind, found in qualifications:
        for obligation in book.of_kind(agreement, kind):
            _qualify(obligation, found, agreement)
    return {aid: list(held.values()) for aid, held in book.by_agreement.items()}


def _speaks_of(sentence: Sentence, agreement: Agreement, holders: list[Agreement]) -> bool:
    """A sentence after a duty still speaks of its agreement unless it is evidence only for others."""
    citing = [a for a in holders if any(e.start == sentence.start for e in a.evidence)]
    return not citing or any(a is agreement for a in citing)


def _state(book: _Book, reading: Reading, duties: list[Duty],
           holders: list[Agreement]) -> tuple[Agreement, list[Obligation]] | None:
    """Record a sentence's positive duties, each with the conditions nearest to it."""
    stated: list[Obligation] = []
    chosen: Agreement | None = None
    placed = [(duty, choose_agreement(reading.sentence, duty, holders)) for duty in duties]
    # a duty whose sides the clause leaves open says more of one stated with its sides, so those go first
    placed.sort(key=lambda p: p[1] is None or resolve_sides(p[0], set(p[1].parties)) is None)
    for duty, agreement in placed:
        if agreement is None:
            continue
        own = [c for c in reading.conditions if _nearest(c, duties) is duty]
        sides = resolve_sides(duty, set(agreement.parties))
        if sides is None:
            existing = book.of_kind(agreement, duty.kind)
            if existing:  # "assistance is provided once ...": says more of the duty already stated
                for obligation in existing:
                    _qualify(obligation, own, agreement)
                stated += existing
                chosen = agreement
                continue
            sides = (set(agreement.parties), set(agreement.parties))
        obligation = book.add(agreement, duty.kind, *sides, reading.sentence)
        _qualify(obligation, own, agreement)
        stated.append(obligation)
        chosen = agreement
    return (chosen, stated) if chosen is not None else None


def resolve_sides(duty: Duty, parties: set[str]) -> tuple[set[str], set[str]] | None:
    """(by, to) among ``parties``; None when the clause names neither side nor says it is mutual.

    >>> resolve_sides(Duty("defend", 0, 6, by={"ZAF"}), {"LSO", "ZAF"})
    ({'ZAF'}, {'LSO'})
    >>> [sorted(side) for side in resolve_sides(Duty("defend", 0, 6, by={"AZE", "TUR"}, mutual=True), {"AZE", "TUR"})]
    [['AZE', 'TUR'], ['AZE', 'TUR']]
    """
    by, to = duty.by & parties, duty.to & parties
    if duty.mutual and not (len(by) == 1 and to and to != by) or len(by) >= 2 and by == parties and not to:
        group = by if len(by) >= 2 else parties
        return set(group), set(group)
    if by and to:
        return by, to
    if by and parties - by:
        return by, parties - by
    if to and parties - to:
        return parties - to, to
    return None


def _nearest(found: Found, duties: list[Duty]) -> Duty:
    """The duty a condition of the same sentence qualifies: the closest one before it, else after."""
    before = [d for d in duties if d.start <= found.start]
    if before:
        return max(before, key=lambda d: d.start)
    return min(duties, key=lambda d: d.start)


def _qualify(obligation: Obligation, found: list[Found], agreement: Agreement) -> None:
    """Add conditions (one per type); an adversary must be a state outside the agreement."""
    for condition in found:
        if condition.type == "adversary" and not condition.states - set(agreement.parties):
            continue
        if not any(c.type == condition.type for c in obligation.conditions):
            obligation.conditions.append(Condition(condition.type, condition.quote))


def choose_agreement(sentence: Sentence, duty: Duty, holders: list[Agreement]) -> Agreement | None:
    """The agreement a duty belongs to: one the sentence is evidence for, else one it names by
    its title's last word ("the treaty", "the declaration"), else the one spoken of last before it,
    else the next one if it starts within ``AFTER_CHARS``. Named sides must be among its parties; alliance
    wording needs an organisation among them."""
    named = duty.by | duty.to
    pool = [a for a in holders if named <= set(a.parties)]
    if duty.member and not named:
        pool = [a for a in pool if any(actor_kind(p) == "org" for p in a.parties)]
    if not pool:
        return None
    citing = [a for a in pool if any(e.start == sentence.start for e in a.evidence)]
    if citing:
        return _best(citing, sentence)
    titled = [a for a in pool if _names(sentence.text, a)]
    if len(titled) == 1:
        return titled[0]
    before = [(max(e.start for e in a.evidence if e.start < sentence.start), a) for a in pool
              if any(e.start < sentence.start for e in a.evidence)]
    if before:
        latest = max(start for start, _ in before)
        return _best([a for start, a in before if start == latest], sentence)
    after = [(min(e.start for e in a.evidence), a) for a in pool]
    soonest = min(start for start, _ in after)
    if soonest - sentence.end > AFTER_CHARS:
        return None
    return _best([a for start, a in after if start == soonest], sentence)


def _names(text: str, agreement: Agreement) -> bool:
    """The text speaks of the agreement by its title's noun: "the treaty", "this declaration"."""
    nouns = [w for w in (agreement.title or "").lower().split() if head_kind(w) == "generic"]
    return any(re.search(rf"\b(?:the|this|its) {re.escape(noun)}\b", text, re.IGNORECASE) for noun in nouns)


def _best(agreements: list[Agreement], sentence: Sentence) -> Agreement:
    """Among agreements equally near, the one sharing most states with the sentence, then the first."""
    named = {a.code for a in sentence.actors}
    return max(agreements, key=lambda a: (len(named & set(a.parties)), -agreements.index(a)))
