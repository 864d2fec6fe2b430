"""Who an agreement mention binds, from the grammar around it: subjects, "with"/"between"
objects, possessives, and the legislatures that ratify it (which are not parties)."""

from __future__ import annotations

import re

from pactwatch.nlp import grammar
from pactwatch.nlp.actors import actor_kind
from pactwatch.nlp.lexicon import (
    first_value,
    head_kind,
    is_group_noun,
    is_legislature,
)
from pactwatch.nlp.mentions import mention_tokens
from pactwatch.nlp.sentences import Sentence

# Person name -> state, as the article states it ("North Korean leader Kim Jong Un"), for the article being read.

COMPANY_NOUNS = re.compile(r"(?:company|companies|firm|contractor|manufacturer|maker|group|corporation|"
                           r"enterprise|conglomerate|media|outlet|press|newspaper|agency|giant|producer|industries|"
                           r"firms|trading house|miner|miners|lender|airline|shipyard|supplier|startup|insurer|"
                           r"exporter|importer|retailer|automaker|carmaker)$")


BUYING = {"buy", "purchase", "acquire", "procure", "order"}
SIGNING = re.compile(r"^(?:sign|ink|conclude|seal|initial|strike|agree)$")


def elliptic_possessive(tok: grammar.Token) -> bool:
    """"signed a day after Finland's": a possessive with its noun left out names another state's
    agreement, not a party of this one."""
    return tok.dep_ in ("pobj", "dobj", "nsubj", "conj", "appos") and any(
        c.dep_ == "case" and c.lower_ in ("'s", "’s") for c in tok.children)


def mention_parties(sentence: Sentence, head: grammar.Token,
                    people: dict[str, str] | None = None) -> tuple[set[str], set[str]]:
    """(parties, ratifiers) the grammar attaches to the mention.

    Parties: states named inside the mention ("Turkish-Qatari pact", "between X and Y"), the
    subjects of its clause (through relative pronouns and conjoined or embedded verbs), and the
    objects of "with"/"between" on that clause; a "by" agent of a signing verb. Ratifiers: states
    owning a legislature or government in a ratification clause. Nothing else in the sentence.
    """
    verb = grammar.clause_verb(head)
    family = grammar.clause_family(verb)
    # "only Pyongyang and Beijing would benefit from the pact's collapse": the clause is about what
    # the agreement owns, its subjects are no parties
    subjects = set() if _set_beside(head) or head.dep_ == "poss" and head.head.dep_ == "pobj" else with_appositions(
        sentence, grammar.clause_subjects(verb))
    bound: set[int] = set()
    for child in head.children:  # "the pact Turkey signed with Qatar"
        if child.dep_ in ("relcl", "acl") and child.pos_ in ("VERB", "AUX"):
            family.add(child.i)
            signers = {c.i for c in child.children if c.dep_ in ("nsubj", "nsubjpass")
                       and c.lower_ not in grammar.RELATIVE_PRONOUNS}
            if signers and SIGNING.match(child.lemma_.lower()) and child.dep_ == "relcl":
                # "Abu Dhabi opposes the memorandum that Ankara signed with Tripoli": who signed it
                # are its parties, not who speaks of it
                subjects = with_appositions(sentence, signers)
            subjects |= signers
            bound |= binds(child)
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.i == verb.i:
        # "A protocol signed in 2010 extended the lease and committed Moscow to ensure Armenia's security"
        for conjoined in [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]:
            if first_value("bind_verb", conjoined.lemma_.lower()) is not None:
                bound |= binds(conjoined)
    for buying in [c for c in head.children if c.dep_ == "acl"] + [c for c in verb.children if c.dep_ == "advcl"]:
        if buying.lemma_.lower() in BUYING and any(c.lower_ == "to" for c in buying.children):
            # "signed a deal to buy Indian Pinaka launchers": the state whose arms are bought sells them
            for obj in (o for o in buying.children if o.dep_ == "dobj"):
                aside = {t.i for r in obj.subtree if r.dep_ in ("relcl", "acl") for t in r.subtree}
                bound |= {t.i for t in obj.subtree if t.i not in aside}  # not "..., which Paris supplies to Kiev"
    mention_ids = {t.i for t in mention_tokens(head)}
    own_family = _own_clauses(verb, family)
    ratify_clause = any(first_value("status", sentence.span[i].lemma_.lower()) == "ratified"
                        and not any(c.dep_ == "neg" for c in sentence.span[i].children) for i in family) \
        or first_value("approval", sentence.text.lower()) is not None
    parties: set[str] = set()
    ratifiers: set[str] = set()
    for actor, tok in grammar.actor_tokens(sentence):
        owner = grammar.noun_owner(tok)
        if belongs_to_company(tok) or actor.kind == "org" and _modifies_members(tok) or elliptic_possessive(tok):
            continue
        if another_states_institution(sentence, actor, tok):
            continue  # "the Maldivian People's Majlis" is no body of Iran's
        if owner.i != head.i and owner.i != tok.i and head_kind(owner.lower_) == "generic":
            continue  # 'UN' in "the UN Charter", another agreement than this one
        if actor.how == "capital" and tok.i in mention_ids and prep_free(tok, head):
            continue  # 'Paris' in "the Paris climate accord", 'Minsk' in "the Minsk agreements": a place
        if ratify_clause and (actor.how == "institution" and is_legislature(actor.text.lower())
                              or is_legislature(owner.lower_) and owner.i != tok.i
                              or followed_by_legislature(sentence, actor)):
            ratifiers.add(actor.code)
            continue
        if tok.i in bound and actor.kind == "state":
            parties.add(actor.code)
            continue
        if owner.i in subjects or tok.i in subjects:
            if ratify_clause and owner.head.i in family and \
                    first_value("status", owner.head.lemma_.lower()) == "ratified":
                ratifiers.add(actor.code)
            parties.add(actor.code)
            continue
        preps = {"with", "between", "among", "by", "in", "to", "from", "of", "against", "for"}
        prep = grammar.in_prep(tok, preps)
        if prep in (None, "of"):  # "between the Government of the Republic of Turkey and"
            prep = grammar.in_prep(_through_of(tok), preps) or prep
        if tok.i in mention_ids:
            if prep in ("between", "among", "with") or (prep is None and (actor.kind == "state")):
                parties.add(actor.code)
            continue
        if prep in ("with", "between", "among") and _of_another_agreement(tok, head):
            continue  # "days after Poland's separate deal with the United States"
        if prep in ("with", "between", "among"):
            attached = grammar.clause_verb(tok)
            if attached.i in own_family or owner.i in mention_ids or grammar.noun_owner(owner).i in mention_ids:
                parties.add(actor.code)
            continue
        by_verb = grammar.clause_verb(tok)
        if prep == "by" and by_verb.i in family and (by_verb.i == verb.i or first_value(
                "status", by_verb.lemma_.lower()) is not None):  # not "praised as historic by the US"
            (ratifiers if ratify_clause else parties).add(actor.code)
    if ratify_clause:
        ratifiers |= leaders_acting(sentence, subjects, people or {})
    return parties, ratifiers


RECIPROCAL = re.compile(r"\b(?:each other|one another|the other['’]s|the other side|mutual(?:ly)?)\b")


def binds(clause: grammar.Token) -> set[int]:
    """Tokens of a clause describing the mention that says whom it binds: "a treaty that commits
    Russia and North Korea to defend each other", "a pact letting Japanese and Australian forces
    train on each other's soil" (a binding verb, or a reciprocal, makes the states named parties)."""
    words = " ".join(t.lower_ for t in clause.subtree)
    if first_value("bind_verb", clause.lemma_.lower()) is None and not RECIPROCAL.search(words):
        return set()
    return {t.i for t in clause.subtree}


def _own_clauses(verb: grammar.Token, family: set[int]) -> set[int]:
    """The clause family less conjoined clauses with a subject of their own ("it came into force in
    May, and Wellington is negotiating with the Emirates": the Emirates are no party of it)."""
    def subject(i: int) -> set[int]:
        return {c.i for c in verb.doc[i].children if c.dep_ in ("nsubj", "nsubjpass")}

    mine = subject(verb.i)
    return {i for i in family if i == verb.i or not (mine and subject(i) and verb.doc[i].dep_ == "conj"
                                                      or verb.dep_ == "conj" and verb.head.i == i and subject(i))}


def possessor_state(head: grammar.Token, window: list[Sentence]) -> str | None:
    """"Its free trade agreement with Britain": the state "its"/"their" stands for, the subject of the
    sentence before (or the state that opens it, where that sentence was not parsed)."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children) or len(window) < 2:
        return None
    before = window[-2]
    for actor, tok in grammar.actor_tokens(before):
        if actor.kind == "state" and grammar.noun_owner(tok).dep_ in ("nsubj", "nsubjpass") and \
                grammar.noun_owner(tok).head.dep_ == "ROOT":
            return actor.code
    first = next((a for a in before.actors), None)
    if first is not None and first.kind == "state" and not before.text[: first.start - before.start].strip():
        return first.code
    return None


BESIDE = {"after", "before", "following", "like", "unlike", "than", "besides", "alongside", "since", "despite"}


def _set_beside(head: grammar.Token) -> bool:
    """"signed an arms deal on 3 May, days after Poland's separate deal with the US": a mention in
    a comparison or time adjunct is another agreement; the clause's subjects are not its parties."""
    return head.dep_ == "pobj" and head.head.lower_ in BESIDE and head.head.head.pos_ in ("VERB", "AUX")


def _of_another_agreement(tok: grammar.Token, head: grammar.Token) -> bool:
    """"with X" hanging from another agreement noun than the mention ("its separate pact with X")."""
    prep = tok.head
    while prep.dep_ == "conj" or prep.dep_ == "pobj" and prep.head.dep_ != "prep":
        prep = prep.head
    if prep.dep_ == "pobj":
        prep = prep.head
    owner = prep.head
    return prep.dep_ == "prep" and owner.i != head.i and head_kind(owner.lower_) == "generic"


def leaders_acting(sentence: Sentence, subjects: set[int], people: dict[str, str]) -> set[str]:
    """"Kim ratified the treaty by decree": a named person the article ties to a state, as the
    subject of a ratification, acts for that state (the whole name, its first or last word)."""
    out: set[str] = set()
    for i in subjects:
        tok = sentence.span.doc[i]
        if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON" and (code := people.get(tok.text)):
            out.add(code)
    return out


def person_keys(people: dict[str, str]) -> dict[str, str]:
    """The article's people, also by a full name's first word ("Kim" of "Kim Jong Un", family name first)."""
    out = dict(people)
    for name, code in people.items():
        words = name.split()
        if len(words) >= 3:
            out.setdefault(words[0], code)
    return out


APPROVED_OBJECT = re.compile(r"\b(?:legislation|law|bill|act|ratification|it|them|the (?:agreement|treaty|pact|deal|"
                             r"accord|protocol|memorandum|accession|membership))\b")


def legislature_approvals(sentence: Sentence) -> list[tuple[str, grammar.Token]]:
    """(owner, the token whose words date it) for each legislature that is the subject of an
    approval in its own clause: "The Senate gave its consent on May 2", "Chile's parliament passed
    the legislation to implement it" (the verb); or the second subject of a clause that leaves the
    verb out ("X's assembly approved it on 20 November and the Paraguayan Congress on 29 April":
    the legislature, dated by the date after it)."""
    out: dict[str, grammar.Token] = {}
    for actor, tok in grammar.actor_tokens(sentence):
        owner = grammar.noun_owner(tok)
        own = actor.how in ("institution", "org") and is_legislature(actor.text.lower())
        if not (own or is_legislature(owner.lower_) and owner.i != tok.i or followed_by_legislature(sentence, actor)):
            continue
        if another_states_institution(sentence, actor, tok):
            continue
        if (gapped := _gapped_approval(legislature_noun(tok))) is not None:
            out.setdefault(actor.code, gapped)
            continue
        verb = owner.head
        if owner.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX"):
            continue
        if _approves(verb):
            out.setdefault(actor.code, verb)
    for tok in sentence.span:  # "In Turkey, the parliament gave its approval on January 20"
        if is_legislature(tok.lower_) and tok.dep_ == "nsubj" and (code := _placed_in(sentence, tok.head)) \
                and _approves(tok.head):
            out.setdefault(code, tok.head)
    return list(out.items())


def legislature_noun(tok: grammar.Token) -> grammar.Token:
    """The legislature a state's name or adjective modifies ("Paraguayan" in "the Paraguayan
    Congress", "Maldivian" in "the Maldivian People's Majlis"); the token itself otherwise."""
    t = tok
    for _ in range(3):
        if is_legislature(t.lower_) and t.i != tok.i:
            return t
        if t.dep_ not in ("compound", "amod", "poss", "nmod") or t.head.i == t.i:
            break
        t = t.head
    return t if is_legislature(t.lower_) else tok


def _gapped_approval(noun: grammar.Token) -> grammar.Token | None:
    """``noun`` (a legislature) when it is the subject of a clause whose verb is left out, after a
    clause where another legislature approves: "A's parliament ratified it on 2 May and B's
    assembly on 9 June" (the parser hangs "assembly" as a conjunct anywhere in the first clause)."""
    if noun.dep_ != "conj" or not is_legislature(noun.lower_) or any(c.pos_ in ("VERB", "AUX") for c in noun.children):
        return None
    top = noun
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    verb = next((a for a in [top, *top.ancestors] if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or top.dep_ in ("nsubj", "nsubjpass") and top.head.i == verb.i:
        return None  # "the Senate and the House approved it": one clause, one date
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not any(is_legislature(s.lower_) or is_legislature(grammar.noun_owner(s).lower_) for s in subjects):
        return None
    return noun if _approves(verb) else None


AGREEMENT_WORDS = re.compile(r"\b(?:it|them|implement\w*|ratif\w*|agreement|treaty|pact|deal|accord|protocol|"
                             r"memorandum|accession|membership|declaration)\b")


def _approves(verb: grammar.Token) -> bool:
    """The verb approves the agreement spoken of: "gave its consent", "approved it", "passed the
    legislation needed to implement it"; not "passed a pension law", "gave its approval to a budget"."""
    said = " ".join([verb.lower_, *(t.lower_ for c in verb.children if c.dep_ in ("dobj", "prep", "prt")
                                    for t in c.subtree)])
    if grammar.is_negated(verb) or not first_value("approval", said):
        return False
    for child in verb.children:
        words = " ".join(t.lower_ for t in child.subtree)
        if child.dep_ in ("prep", "dative") and child.lower_ in ("to", "for") and not AGREEMENT_WORDS.search(words):
            return False
        if child.dep_ == "dobj" and re.match(r"(?:legislation|laws?|bills?|acts?|measures?)$", child.lower_) \
                and not AGREEMENT_WORDS.search(words):
            return False
    return verb.lemma_ in ("give", "ratify", "approve", "endorse") or bool(APPROVED_OBJECT.search(said)) or any(
        _own_approval(c) for c in verb.children)


def _own_approval(obj: grammar.Token) -> bool:
    """"completed its approval" (no "of ..." saying of what): the approval of the agreement spoken of."""
    return obj.dep_ == "dobj" and obj.lemma_.lower() in ("approval", "consent", "assent") and any(
        c.dep_ == "poss" and c.lower_ in ("its", "their") for c in obj.children) and not any(
        c.dep_ == "prep" for c in obj.children)


def _placed_in(sentence: Sentence, verb: grammar.Token) -> str | None:
    """The one state an "In X, ..." adjunct of the verb names: whose body the bare noun is."""
    codes = {a.code for a, t in grammar.actor_tokens(sentence) if a.kind == "state" and t.dep_ == "pobj"
             and t.head.lower_ == "in" and t.head.head.i == verb.i}
    return codes.pop() if len(codes) == 1 else None


def named_pair(window: list[Sentence]) -> list[str]:
    """The two states "the two sides" stands for: those of the latest sentence in ``window`` (the
    current one last) that names exactly two states."""
    for s in reversed(window):
        states = sorted({a.code for a in s.actors if a.kind == "state"})
        if len(states) == 2:
            return states
    return []


def place_states(sentence: Sentence) -> set[str]:
    """States named in the sentence other than as a place ("at a summit in Madrid", "in Pyongyang")."""
    places = {a.start for a, t in grammar.actor_tokens(sentence)
              if a.how == "capital" and grammar.in_prep(t, {"in", "at", "near", "outside"})}
    return {a.code for a in sentence.actors if a.kind == "state" and a.start not in places}


def region_members(group: grammar.Token) -> set[str] | None:
    """The states a regional word on the group noun covers ("the two Nordic countries"), if any."""
    for child in group.children:
        if child.dep_ in ("amod", "compound") and (codes := first_value("region", child.lower_)):
            return set(codes.split())
    return None


GROUP_COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}


def _group_last_named(window: list[Sentence], count: int | None, exclude: set[str]) -> set[str]:
    """The states the latest sentences name together, ``count`` of them (two or more where the text
    gives no number: "their leaders met in Niamey")."""
    for s in reversed(window[-6:]):
        listed = listed_states(s) - exclude
        if len(listed) == count or count is None and len(listed) >= 2:
            return listed
    for s in reversed(window[-6:]) if count is not None else ():
        states = place_states(s) - exclude
        if len(states) == count:
            return states
    return set()


LIST_LINK = re.compile(r"^\s*(?:,|and|,\s*and|&)\s*$")


def listed_states(sentence: Sentence) -> set[str]:
    """The largest list of states a sentence writes together ("Mali, Burkina Faso and Niger"), read
    from the text alone: what "their leaders" stands for, not states named apart ("expelled French
    forces and turned to Russia")."""
    states = sorted((a for a in sentence.actors if a.kind == "state"), key=lambda a: a.start)
    best: list[str] = []
    run: list[str] = []
    for prev, cur in zip([None, *states], states, strict=False):
        gap = sentence.text[prev.end - sentence.start: cur.start - sentence.start] if prev else None
        run = [*run, cur.code] if gap is not None and LIST_LINK.match(gap) else [cur.code]
        if len(set(run)) > len(set(best)):
            best = run
    return set(best) if len(set(best)) >= 2 else set()


def pair_referents(group: grammar.Token, window: list[Sentence], pair: list[str], exclude: set[str]) -> set[str]:
    """The two states "the two sides" stands for: with a regional word, the two of that region the
    article has named so far; else the latest sentence of the window naming exactly two states besides
    the mention's other parties; else ``pair``."""
    count = next((GROUP_COUNTS[c.lower_] for c in group.children if c.lower_ in GROUP_COUNTS), None)
    if count is None or count > 2:  # "their leaders", "the three presidents": the group last named
        return _group_last_named(window, count, exclude)
    region = region_members(group)
    if region is not None:
        named = [a.code for s in window for a in s.actors if a.kind == "state" and a.code in region]
        found = list(dict.fromkeys(named))
        return set(found) if len(found) == 2 else set()
    for s in reversed(window[-3:]):
        states = place_states(s) - exclude
        if len(states) == 2:
            return states
    return set(pair) - exclude if len(set(pair) - exclude) == 2 else set()


def refers_to_pair(sentence: Sentence, head: grammar.Token) -> grammar.Token | None:
    """The group noun ("the two sides", "both countries") that is the mention's clause's subject or
    follows "between", if any."""
    verb = grammar.clause_verb(head)
    family = grammar.clause_family(verb)
    subjects = grammar.clause_subjects(verb)
    for clause in (c for c in head.subtree if c.dep_ == "relcl" and c.head.i == head.i):
        # "a pact under which the three governments had agreed": the subjects of its own clause
        subjects |= {c.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")}
    for tok in sentence.span:
        if not is_group_noun(tok.lower_) or not any(
                c.lower_ in GROUP_COUNTS or c.lower_ == "their" and c.dep_ == "poss"
                for c in tok.children if c.dep_ in ("nummod", "det", "predet", "poss")):
            continue
        if tok.i in subjects or grammar.in_prep(tok, {"between", "among"}) and (
                grammar.clause_verb(tok).i in family or tok.head.head.i == head.i):
            return tok
    return None


STATE_BODIES = re.compile(r"(?:ministry|ministries|departments?|agencies|agency|services|armed|republic|state|"
                          r"kingdom|federation)$")


def prep_free(tok: grammar.Token, head: grammar.Token) -> bool:
    """The token modifies the head directly (a name-like modifier), not through "between"/"with"."""
    return tok.head.i == head.i and tok.dep_ in ("compound", "nmod", "amod", "npadvmod")


def _through_of(tok: grammar.Token) -> grammar.Token:
    """'Turkey' in "the Government of the Republic of Turkey" -> 'Government'."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:  # "of Turkey and Qatar": from the first conjunct
        tok = tok.head
    for _ in range(3):
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and (grammar.OFFICIAL_NOUNS.match(tok.head.head.lower_)
                                                              or STATE_BODIES.match(tok.head.head.lower_)):
            tok = tok.head.head
        else:
            break
    return tok


def with_appositions(sentence: Sentence, ids: set[int]) -> set[int]:
    """Subjects and what stands in apposition to them ("WikiLeaks: Israel, Azerbaijan signed")."""
    out = set(ids)
    todo = list(ids)
    while todo:
        tok = sentence.span.doc[todo.pop()]
        for child in tok.children:
            if child.dep_ in ("appos", "conj") and child.i not in out:
                out.add(child.i)
                todo.append(child.i)
    return out


def _modifies_members(tok: grammar.Token) -> bool:
    """'EU' in "EU countries", 'NATO' in "NATO allies": the members, not the organisation."""
    return tok.dep_ in ("compound", "amod", "nmod") and (
        is_group_noun(tok.head.lower_) or tok.head.lower_ in ("member", "members"))


def followed_by_legislature(sentence: Sentence, actor) -> bool:
    """"Hungary's Parliament", "Turkish lawmakers": the state's own legislature, read from the
    surface where a title-case headline defeats the parser."""
    after = sentence.text[actor.end - sentence.start: actor.end - sentence.start + 40]
    match = re.match(r"(?:['’]s)?((?:\s+[A-Za-z]+){1,3})", after)
    if not match:
        return False
    words = match.group(1).split()
    return is_legislature(words[0].lower()) or len(words) > 1 and words[0][0].isupper() and any(
        is_legislature(w.lower()) for w in words[1:] if w[0].isupper())


def belongs_to_company(tok: grammar.Token) -> bool:
    """'Turkish' in 'Turkish defence firm Baykar' or 'the French-German company KNDS'."""
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            return False
        t = t.head
        if COMPANY_NOUNS.match(t.lower_) or any(COMPANY_NOUNS.match(c.lower_) for c in t.children
                                                if c.dep_ in ("compound", "appos")):
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


def legislature_owner(sentence: Sentence) -> str | None:
    """The state whose own legislature the sentence names ("Azerbaijan's National Assembly")."""
    tokens = {id(a): t for a, t in grammar.actor_tokens(sentence)} if sentence.span is not None else {}
    for actor in sentence.actors:
        if actor.kind == "state" and (actor.how == "institution" and is_legislature(actor.text.lower())
                                      and not (id(actor) in tokens and another_states_institution(
                                          sentence, actor, tokens[id(actor)]))
                                      or followed_by_legislature(sentence, actor)):
            return actor.code
    return None


# A capitalised word of nationality ("Maldivian", "Congolese", "Kuwaiti") the gazetteer may not know.
NATIONALITY_WORD = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese|ish|i)$")


def another_states_institution(sentence: Sentence, actor, tok: grammar.Token) -> bool:
    """An institution named after one state's (a "Majlis" is Iran's) that another state's name or
    nationality qualifies: "the Maldivian People's Majlis", "Kuwait's Majlis". A nationality word
    the gazetteer does not know still tells it is not the named state's."""
    if actor.how != "institution":
        return False
    for other, t in grammar.actor_tokens(sentence):
        if other.kind == "state" and other.code != actor.code and t.i != tok.i and legislature_noun(t).i == tok.i:
            return True
    actors = {t.i for _, t in grammar.actor_tokens(sentence)}
    return any(t.i < tok.i and t.i not in actors and NATIONALITY_WORD.match(t.text) and legislature_noun(t).i == tok.i
               for t in tok.subtree)


def bare_legislature_approves(sentence: Sentence, head: grammar.Token) -> bool:
    """"It was approved by the General Assembly": a legislature no state owns in the sentence is
    the subject or agent of an approval of this mention (its owner is the one named before)."""
    verb = grammar.clause_verb(head)
    family = grammar.clause_family(verb)
    if not any(first_value("approval", sentence.span.doc[i].lower_) for i in family):
        return False
    owned = {grammar.noun_owner(t).i for _, t in grammar.actor_tokens(sentence)}
    for tok in sentence.span:
        if not is_legislature(tok.lower_) or tok.i in owned:
            continue
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i in family or (
                tok.dep_ == "pobj" and tok.head.dep_ == "agent" and tok.head.head.i in family):
            return True
    return False


def complete_parties(parties: set[str], main: list[str], sentence: Sentence | None = None,
                     usual: list[str] | None = None, paired: list[set[str]] | None = None) -> set[str]:
    """A mention naming one party (or none) takes the counterpart its own sentence names as the
    only other state ("In Niger, lawmakers rejected an agreement with Germany"), none where the
    others it names are the parties of an agreement the sentence already names (``paired``: "X and Y
    drill under their treaty, while a similar pact with Z waits" is X's or Y's), else the partner
    the article's agreements so far share (``usual``: "Denmark's agreement" in a story of Nordic
    pacts with the United States), else the article's main counterpart(s)."""
    states = [c for c in main if actor_kind(c) == "state"]
    if len(parties) == 1 and sentence is not None:
        named = {a.code for a in _named_states(sentence) if a.how != "capital"} - parties
        if len(named) == 1:
            return parties | named
        if len(named) >= 2 and any(len(named & pair) >= 2 for pair in paired or []):
            return parties  # "X and Y drill under their treaty, while a similar pact with Z waits": X's or Y's?
    if len(parties) == 1 and (partner := next((c for c in usual or [] if c not in parties), None)):
        return parties | {partner}
    if len(parties) == 1:
        other = next((c for c in states if c not in parties), None)
        return parties | ({other} if other else set())
    if not parties and len(states) >= 2:
        return set(states[:2])
    return parties


def _named_states(sentence: Sentence) -> list:
    """The states a sentence names as actors, less possessives standing for another state's
    agreement ("signed a day after Finland's")."""
    if sentence.span is None:
        return [a for a in sentence.actors if a.kind == "state"]
    return [a for a, t in grammar.actor_tokens(sentence) if a.kind == "state" and not elliptic_possessive(t)]
