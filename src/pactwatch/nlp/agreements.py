"""Agreement frames: mentions in parsed sentences, coreference, and the fields of each agreement.

A mention is a noun naming an agreement ("pact", "treaty", "memorandum of understanding", "Sweden's
bid to join NATO"). Its parties come from the grammar around it (the clause's subjects, "with X",
"between X and Y", possessives, an accession's candidate and organisation), never from every
country in the sentence. A definite mention with nothing new ("the agreement", "the deal", "it")
refers back to the latest agreement it fits; a mention with its own title, domain or parties is a
new agreement unless one already recorded matches it. Fields come from the mention's sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pactwatch.facts import Agreement, Evidence, Renewal
from pactwatch.nlp import grammar
from pactwatch.nlp.actors import actor_kind, resolve_actor
from pactwatch.nlp.lexicon import (
    all_values,
    first_value,
    has_term,
    head_kind,
    is_group_noun,
    is_legislature,
    provision_patterns,
)
from pactwatch.nlp.numbers import find_durations
from pactwatch.nlp.sentences import Sentence

STAGES = ["proposed", "signed", "ratified", "in_force"]
ARTICLE_ORG: list[str] = []  # the organisation the article is about, for "accession protocol" with no name
PENDING = re.compile(r"\b(?:wait\w*|await\w*|pending|yet to|not yet|still needs?|must|need to|needs to|has to|"
                     r"have to|before it|once it|after it|upon|expected to|(?:is|are) to|scheduled to|set to|"
                     r"due to (?:be|take|vote|ratify|sign|enter)|likely to)\b")
DISTINCT = re.compile(r"\b(?:separate|another|second|broader|wider|further|additional|different)\b")
ANAPHORS = {"it"}
ANAPHOR_VERBS = re.compile(r"(?:provid|envisag|includ|stipulat|oblig|commit|cover|requir|allow|grant|establish|"
                           r"valid|enter|expir|renew|extend|foresee|ratif|approv|sign|run|last|remain)")
COMPANY_NOUNS = re.compile(r"(?:company|companies|firm|contractor|manufacturer|maker|group|corporation|"
                           r"enterprise|conglomerate|media|outlet|press|newspaper|agency|giant|producer|industries)$")
ADJUNCT_PREPS = {"under", "according", "within", "per", "through", "via"}
ADJUNCT_NOUNS = {"part", "accordance", "line", "framework", "context", "terms", "basis"}
TITLE_STOP = {"the", "a", "an", "this", "that", "new", "its", "their", "his", "her", "two", "both"}
ORG_CODES_FOR_ALLIANCE = ("NATO",)


@dataclass
class Frame:
    """An agreement being assembled from its mentions in one article."""

    parties: set[str]
    title: str | None
    domain: str | None
    accession: bool = False
    strong_domain: bool = False  # the domain came from the mention's own words, not its sentence
    last_seen: int = 0  # index of the sentence that last mentioned it: later mentions refer to the latest
    keywords: set[str] = field(default_factory=set)  # content words of its mentions
    domain_votes: Counter[str] = field(default_factory=Counter)  # domains of its mentions' sentences
    stage: str | None = None
    end_state: str | None = None
    secret: bool = False
    signed: str | None = None
    ratified: dict[str, str | None] = field(default_factory=dict)
    in_force: str | None = None
    duration_years: float | None = None
    renewal: Renewal | None = None
    notice_months: float | None = None
    provisions: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)

    def cite(self, fld: str, sentence: Sentence) -> None:
        if not any(e.field == fld and e.start == sentence.start for e in self.evidence):
            self.evidence.append(Evidence(fld, sentence.text, sentence.start, sentence.end))


def extract_agreements(sentences: list[Sentence]) -> list[Agreement]:
    """Every agreement with two or more parties that the sentences report."""
    main = main_actors(sentences)
    orgs = Counter(a.code for s in sentences for a in s.actors if a.kind == "org")
    ARTICLE_ORG.clear()
    if len(orgs) >= 1:
        ARTICLE_ORG.append(orgs.most_common(1)[0][0])
    frames: list[Frame] = []
    previous: list[Frame] = []  # frames the previous sentence mentioned
    owner: str | None = None  # the state whose legislature was named last ("the Turkish Parliament")
    for n, sentence in enumerate(sentences):
        current: list[Frame] = []
        owner = legislature_owner(sentence) or owner
        heads = mention_heads(sentence) if sentence.span is not None else []
        pair = named_pair(sentences[max(0, n - 2): n + 1]) or main[:2]
        for head in heads:
            frame = resolve_mention(sentence, head, frames, main, pair)
            if frame is not None:
                frame.last_seen = sentence.index
                frame.keywords |= mention_keywords(head)
                frame.domain_votes[first_value("domain", sentence.text.lower()) or "other"] += 1
                fill_fields(frame, sentence, head)
                current.append(frame)
                if owner in frame.parties and bare_legislature_approves(sentence, head):
                    _record_ratifiers(frame, sentence, {owner}, _clause_date(sentence, grammar.clause_verb(head)))
        if not heads and len({id(f) for f in previous}) == 1:
            continue_provisions(previous[0], sentence)
        previous = current
    frames = fold_headline_frames(frames, sentences)
    return [to_agreement(f) for f in frames if len(f.parties) >= 2]


def continue_provisions(frame: Frame, sentence: Sentence) -> None:
    """A sentence right after an agreement's mention that goes on to list what it covers ("Joint
    exercises and training are also specified") adds those provisions to it; it must say so with
    a provision verb and name no state outside the agreement."""
    lowered = sentence.text.lower()
    if first_value("provision_verb", lowered) is None:
        return
    if any(a.kind == "state" and a.code not in frame.parties for a in sentence.actors):
        return
    for code in provisions_in(sentence):
        if code not in frame.provisions:
            frame.provisions.add(code)
            frame.cite("provisions", sentence)


def fold_headline_frames(frames: list[Frame], sentences: list[Sentence]) -> list[Frame]:
    """A frame known only from the headline is the story's agreement told again: fold it into
    the body's frame with the same parties (the headline adds its evidence, nothing else)."""
    if not sentences:
        return frames
    headline = sentences[0].start
    kept: list[Frame] = []
    for frame in frames:
        only_headline = frame.evidence and all(e.start == headline for e in frame.evidence)
        target = next((f for f in frames if f is not frame and f.parties == frame.parties
                       and any(e.start != headline for e in f.evidence)), None)
        if only_headline and target is not None:
            merge_into(target, frame)
            continue
        kept.append(frame)
    return kept


def merge_into(target: Frame, frame: Frame) -> None:
    """Fold ``frame``'s facts into ``target`` (the same agreement), keeping what target has."""
    target.title = target.title or frame.title
    if frame.stage and (target.stage is None or STAGES.index(frame.stage) > STAGES.index(target.stage)):
        target.stage = frame.stage
    target.end_state = target.end_state or frame.end_state
    target.secret = target.secret or frame.secret
    target.signed = target.signed or frame.signed
    target.in_force = target.in_force or frame.in_force
    target.duration_years = target.duration_years or frame.duration_years
    target.renewal = target.renewal or frame.renewal
    target.notice_months = target.notice_months or frame.notice_months
    for code, date in frame.ratified.items():
        if target.ratified.get(code) is None:
            target.ratified[code] = date
    target.provisions |= frame.provisions
    target.evidence.extend(e for e in frame.evidence if e not in target.evidence)


def main_actors(sentences: list[Sentence]) -> list[str]:
    """States the article is about, most mentioned first (cue sentences count double)."""
    counts: Counter[str] = Counter()
    for s in sentences:
        for code in {a.code for a in s.actors if a.kind == "state"}:
            counts[code] += 2 if s.span is not None else 1
    return [code for code, n in counts.most_common() if n >= 2]


def mention_heads(sentence: Sentence) -> list[grammar.Token]:
    """Tokens naming an agreement (or, in an agreement clause, 'it')."""
    heads = []
    inside_actor = {i for a, t in grammar.actor_tokens(sentence)
                    for i in range(len(sentence.span)) if a.start <= sentence.start + sentence.span[i].idx < a.end}
    for token in sentence.span:
        if token.i in inside_actor:
            continue
        kind = head_kind(token.lower_)
        if kind == "generic" and token.pos_ in ("NOUN", "PROPN"):
            if token.lower_ in ("deal", "deals") and token.dep_ == "compound":
                continue
            heads.append(token)
        elif kind == "accession" and _accession_org(sentence, token) or _is_anaphor(token) or (
                kind == "anaphor" and _is_definite(token)):
            heads.append(token)
    # "memorandum of understanding": one mention, not two
    heads = [h for h in heads if not (h.dep_ == "pobj" and h.head.head.i in {x.i for x in heads})]
    # "NATO Membership Protocol", "accession protocol": the accession names the whole
    accession_ids = {h.i for h in heads if head_kind(h.lower_) == "accession"}
    heads = [h for h in heads if not (head_kind(h.lower_) == "generic" and h.i - 1 in accession_ids)]
    return [h for h in heads if h.lower_ in ANAPHORS or not first_value("not_agreement", mention_text(h).lower())]


def _is_anaphor(token: grammar.Token) -> bool:
    """'it' as the subject of a verb agreements do ("it provides for", "it is valid for")."""
    if token.lower_ not in ANAPHORS or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    words = [verb.lemma_.lower()] + [c.lemma_.lower() for c in verb.children if c.dep_ in ("acomp", "attr", "conj")]
    return any(ANAPHOR_VERBS.match(w) for w in words)


def _accession_org(sentence: Sentence, token: grammar.Token) -> str | None:
    """The organisation an accession/membership/bid mention is about, if the sentence names one."""
    window = " ".join(t.lower_ for t in token.subtree) + " " + " ".join(t.lower_ for t in token.children)
    near = [a for a in sentence.actors if a.kind == "org"]
    if token.lower_ == "bid" and "join" not in window and not near:
        return None
    for a in near:
        tok = grammar.token_at(sentence, a.start, a.end)
        if tok is not None and (tok in token.subtree or tok.head.i == token.i or token.head.i == tok.i
                                or tok.i == token.i - 1):
            return a.code
    if "alliance" in window:
        return "NATO"
    if ARTICLE_ORG and (token.lower_ == "accession" or token.lower_ in ("membership", "admission")
                        and "ratification" in sentence.cues):
        return ARTICLE_ORG[0]
    return None


def _accession_candidates(sentence: Sentence, head: grammar.Token) -> set[str]:
    """The candidate state of an accession mention: from the parse ("the accession of Sweden",
    "Finland's accession"), or, where a title-case headline defeats the parser, the state written
    just before it ("Sweden's NATO Bid", "Swedish entry")."""
    found = {a.code for a, t in grammar.actor_tokens(sentence)
             if a.kind == "state" and (t in head.subtree or t.head.i == head.i or t.i == head.i - 2)}
    if found:
        return found
    head_start = sentence.start + head.idx
    for a in sentence.actors:
        between = sentence.text[a.end - sentence.start: head_start - sentence.start]
        if a.kind == "state" and 0 <= len(between) <= 12 and re.fullmatch(r"(?:['’]s)?\s+(?:[A-Z]+\s+)?", between):
            found.add(a.code)
    return found


def mention_tokens(head: grammar.Token) -> list[grammar.Token]:
    """The mention's tokens: left modifiers, the head, and an 'on/of/between ...' complement."""
    left = [t for t in head.lefts
            if t.dep_ in ("compound", "amod", "nmod", "nummod", "npadvmod", "quantmod", "poss")]
    tokens = [*sorted({x.i: x for t in left for x in t.subtree}.values(), key=lambda x: x.i), head]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("on", "of", "for", "between", "among", "in") and (
                child.i == head.i + 1 or child.lower_ in ("between", "among") or head.pos_ == "PROPN"
        ) or child.dep_ in ("appos", "compound"):
            tokens += list(child.subtree)
    return sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)


def mention_text(head: grammar.Token) -> str:
    return " ".join(t.text for t in mention_tokens(head))


def _is_definite(head: grammar.Token) -> bool:
    return any(t.lower_ in ("the", "this", "that", "its") for t in head.lefts)


QUOTED_AFTER = re.compile(r"\s*[“\"«]([^”\"»]{3,150})[”\"»]")


def title_of(head: grammar.Token) -> str | None:
    """A usable title: a quoted name right after the head ("the agreement “On deployment of ...”"),
    else the mention's words without determiners, or None for a bare head."""
    doc_text = head.doc.text
    quoted = QUOTED_AFTER.match(doc_text, head.idx + len(head.text))
    if quoted:
        return quoted.group(1).strip()
    words = [w for w in re.split(r"\s+", mention_text(head)) if w.lower() not in TITLE_STOP]
    if len(words) <= 1:
        return None
    title = " ".join(words).strip(" ,“”\"'")
    return title or None


def mention_parties(sentence: Sentence, head: grammar.Token) -> tuple[set[str], set[str]]:
    """(parties, ratifiers) the grammar attaches to the mention.

    Parties: states named inside the mention ("Turkish-Qatari pact", "between X and Y"), the
    subjects of its clause (through relative pronouns and conjoined or embedded verbs), and the
    objects of "with"/"between" on that clause; a "by" agent of a signing verb. Ratifiers: states
    owning a legislature or government in a ratification clause. Nothing else in the sentence.
    """
    verb = grammar.clause_verb(head)
    family = grammar.clause_family(verb)
    subjects = _with_appositions(sentence, grammar.clause_subjects(verb))
    for child in head.children:  # "the pact Turkey signed with Qatar"
        if child.dep_ in ("relcl", "acl") and child.pos_ in ("VERB", "AUX"):
            family.add(child.i)
            subjects |= {c.i for c in child.children if c.dep_ in ("nsubj", "nsubjpass")
                         and c.lower_ not in grammar.RELATIVE_PRONOUNS}
    mention_ids = {t.i for t in mention_tokens(head)}
    ratify_clause = any(first_value("status", sentence.span[i].lemma_.lower()) == "ratified" for i in family) \
        or first_value("approval", sentence.text.lower()) is not None
    parties: set[str] = set()
    ratifiers: set[str] = set()
    for actor, tok in grammar.actor_tokens(sentence):
        owner = grammar.noun_owner(tok)
        if _belongs_to_company(tok) or actor.kind == "org" and _modifies_members(tok):
            continue
        if ratify_clause and (actor.how == "institution" and is_legislature(actor.text.lower())
                              or is_legislature(owner.lower_) and owner.i != tok.i
                              or _followed_by_legislature(sentence, actor)):
            ratifiers.add(actor.code)
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
        if prep in ("with", "between", "among"):
            attached = grammar.clause_verb(tok)
            if attached.i in family or owner.i in mention_ids or grammar.noun_owner(owner).i in mention_ids:
                parties.add(actor.code)
            continue
        if prep == "by" and grammar.clause_verb(tok).i in family:
            (ratifiers if ratify_clause else parties).add(actor.code)
    return parties, ratifiers


def named_pair(window: list[Sentence]) -> list[str]:
    """The two states "the two sides" stands for: those of the latest sentence in ``window`` (the
    current one last) that names exactly two states."""
    for s in reversed(window):
        states = sorted({a.code for a in s.actors if a.kind == "state"})
        if len(states) == 2:
            return states
    return []


def refers_to_pair(sentence: Sentence, head: grammar.Token) -> bool:
    """The mention's clause has "the two sides"/"both countries" as subject or after "between"."""
    verb = grammar.clause_verb(head)
    family = grammar.clause_family(verb)
    subjects = grammar.clause_subjects(verb)
    for tok in sentence.span:
        if not is_group_noun(tok.lower_) or not any(
                c.lower_ in ("two", "both") for c in tok.children if c.dep_ in ("nummod", "det", "predet")):
            continue
        if tok.i in subjects or grammar.in_prep(tok, {"between", "among"}) and (
                grammar.clause_verb(tok).i in family or tok.head.head.i == head.i):
            return True
    return False


def _through_of(tok: grammar.Token) -> grammar.Token:
    """'Turkey' in "the Government of the Republic of Turkey" -> 'Government'."""
    for _ in range(3):
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and grammar.OFFICIAL_NOUNS.match(tok.head.head.lower_):
            tok = tok.head.head
        else:
            break
    return tok


def _with_appositions(sentence: Sentence, ids: set[int]) -> set[int]:
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


def _followed_by_legislature(sentence: Sentence, actor) -> bool:
    """"Hungary's Parliament", "Turkish lawmakers": the state's own legislature, read from the
    surface where a title-case headline defeats the parser."""
    after = sentence.text[actor.end - sentence.start: actor.end - sentence.start + 40]
    match = re.match(r"(?:['’]s)?((?:\s+[A-Za-z]+){1,3})", after)
    if not match:
        return False
    words = match.group(1).split()
    return is_legislature(words[0].lower()) or len(words) > 1 and words[0][0].isupper() and any(
        is_legislature(w.lower()) for w in words[1:] if w[0].isupper())


def resolve_mention(sentence: Sentence, head: grammar.Token, frames: list[Frame], main: list[str],
                    pair: list[str] | None = None) -> Frame | None:
    """Find or make the frame this mention refers to (``pair``: the states "the two sides" means)."""
    if grammar.is_negated(head) and head.lower_ not in ANAPHORS:
        return None
    kind = head_kind(head.lower_)
    text = mention_text(head).lower()
    title = title_of(head) if head.lower_ not in ANAPHORS else None
    domain = first_value("domain", text) if title else None
    parties, ratifiers = mention_parties(sentence, head)
    if len(parties) < 2 and pair and refers_to_pair(sentence, head):
        parties = parties | set(pair)
    if kind == "anaphor" or head.dep_ == "attr":  # "the document"; "it was the first deal of its kind"
        frame = _latest(frames, lambda f: not parties or bool(parties & f.parties))
        if frame is not None:
            _record_ratifiers(frame, sentence, ratifiers)
        return frame
    if kind == "generic" and _names_an_organisations_own_treaty(sentence, head):
        return None
    if kind == "generic" and re.search(r"membership|accession|joining", text):
        inner = [t for t in mention_tokens(head) if head_kind(t.lower_) == "accession"]
        if inner and _accession_org(sentence, inner[0]):
            kind, head = "accession", inner[0]
    if kind == "accession":
        org = _accession_org(sentence, head)
        candidates = _accession_candidates(sentence, head) - ratifiers
        if org and len(candidates) == 1:
            key = {candidates.pop(), org}
            frame = next((f for f in frames if f.accession and f.parties == key), None)
            if frame is None:
                frame = Frame(parties=key, title=title, domain="security", accession=True, strong_domain=True)
                frames.append(frame)
        elif not candidates:  # "to approve membership": the accession last spoken of
            frame = _latest(frames, lambda f: f.accession and (org is None or org in f.parties))
        else:
            return None
        if frame is not None:
            _record_ratifiers(frame, sentence, ratifiers)
        return frame
    definite = any(t.lower_ in ("the", "this", "that", "its") for t in head.lefts) or head.lower_ in ANAPHORS
    if title and _is_name(title):  # "the Trinity House Agreement" again: the frame of that name
        named = _latest(frames, lambda f: bool(f.title and _is_name(f.title) and _title_words(f.title)
                                               and _title_words(title) and _titles_compatible(title, f.title)))
        if named is not None and len(parties) < 2 or named is not None and parties == named.parties:
            _record_ratifiers(named, sentence, ratifiers)
            return named
    if definite and not domain and len(parties) < 2:
        def refers_to(f: Frame) -> bool:
            if title and _is_name(title) and not (f.title and _is_name(f.title)
                                                  and _titles_compatible(title, f.title)):
                return False  # "the Treaty of Sevres" names its own agreement
            if _different_subject(head, f):
                return False
            return not parties or parties <= f.parties or bool(parties & f.parties)

        frame = _latest(frames, refers_to)
        if frame is not None:
            _record_ratifiers(frame, sentence, ratifiers | (parties if _is_ratify(head) else set()))
            return frame
    if len(parties | ratifiers) < 2:
        if not _may_complete(head, text) or (not title and not definite and not parties | ratifiers):
            return None  # "the most viable way to reach an agreement": no agreement of these parties
        parties = _complete_parties(parties | ratifiers, main)
    else:
        parties = parties | ratifiers
    if len(parties) < 2:
        return None
    strong = domain is not None
    domain = domain or first_value("domain", sentence.text.lower()) or "other"
    distinct = bool(DISTINCT.search(text))
    earlier_distinct = _latest(frames, lambda f: f.parties == parties and bool(f.title and DISTINCT.search(f.title)))
    weak = domain if not strong and not definite else None
    if distinct and earlier_distinct is not None:  # "a wider agreement" after "a broader security agreement"
        frame = earlier_distinct
    else:
        others = [f for f in frames if not _different_subject(head, f)]
        frame = None if distinct else _matching(others, parties, domain if strong else None, title, weak,
                                                content_words(sentence.text))
    if frame is None:
        frame = Frame(parties=parties, title=title, domain=domain, strong_domain=strong)
        frames.append(frame)
    elif strong and not frame.strong_domain:
        frame.domain, frame.strong_domain = domain, True
    elif title and not frame.title:
        frame.title = title
    frame.cite("parties", sentence)
    _record_ratifiers(frame, sentence, ratifiers | (parties & {a for a in ratifiers}))
    if _is_ratify(head) and not ratifiers:
        subj = [a.code for a, t in grammar.actor_tokens(sentence) if t.dep_ == "nsubj"]
        _record_ratifiers(frame, sentence, set(subj) & frame.parties)
    return frame


def _names_an_organisations_own_treaty(sentence: Sentence, head: grammar.Token) -> bool:
    """"the UN Charter", "NATO's founding treaty": an organisation's own treaty, not a pact
    between the states around it (accession protocols are handled before this)."""
    inside = {t.i for t in mention_tokens(head) if t.i < head.i}
    return any(a.kind == "org" and t.i in inside for a, t in grammar.actor_tokens(sentence))


def _may_complete(head: grammar.Token, text: str) -> bool:
    """Only a singular agreement the article attributes to its own actors borrows their names."""
    if head.lower_ in ANAPHORS:
        return True
    return not (head.tag_ in ("NNS", "NNPS") or first_value("no_completion", text))


def _belongs_to_company(tok: grammar.Token) -> bool:
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


def _is_ratify(head: grammar.Token) -> bool:
    verb = grammar.clause_verb(head)
    return first_value("status", verb.lemma_.lower()) == "ratified"


def _complete_parties(parties: set[str], main: list[str]) -> set[str]:
    """A mention naming one party (or none) takes the article's main counterpart(s)."""
    states = [c for c in main if actor_kind(c) == "state"]
    if len(parties) == 1:
        other = next((c for c in states if c not in parties), None)
        return parties | ({other} if other else set())
    if not parties and len(states) >= 2:
        return set(states[:2])
    return parties


def _by_recency(frames: list[Frame]) -> list[Frame]:
    """Frames, the most recently mentioned first (creation order breaks ties)."""
    return [f for _, f in sorted(enumerate(frames), key=lambda p: (-p[1].last_seen, -p[0]))]


def _latest(frames: list[Frame], ok) -> Frame | None:
    for frame in _by_recency(frames):
        if ok(frame):
            return frame
    return None


def _matching(frames: list[Frame], parties: set[str], domain: str | None, title: str | None,
              weak_domain: str | None = None, words: set[str] | None = None) -> Frame | None:
    """An existing frame that is the same agreement: same parties, same domain (when the mention
    states one; an indefinite mention with only its sentence's domain joins a frame of that domain
    only), compatible title. Among several, the one whose mentions share most content words with
    the sentence ("a cooperation agreement ... covered policing" -> the policing deal), then the
    most recently mentioned."""
    fitting = []
    for rank, frame in enumerate(_by_recency(frames)):
        if frame.parties != parties or (domain is not None and frame.domain != domain):
            continue
        if weak_domain is not None and frame.strong_domain and frame.domain != weak_domain:
            continue
        if not title or not frame.title or _titles_compatible(title, frame.title):
            fitting.append((-len(frame.keywords & (words or set())), rank, frame))
    return min(fitting, key=lambda f: f[:2])[2] if fitting else None


def mention_keywords(head: grammar.Token) -> set[str]:
    """Content nouns of a mention and of a quoted title after it ("deployment", "contingent"),
    not its adjectives ("unprecedented", "landmark"): what tells two agreements apart."""
    nouns = " ".join(t.text for t in mention_tokens(head) if t.pos_ in ("NOUN", "PROPN") and t.i != head.i)
    quoted = QUOTED_AFTER.match(head.doc.text, head.idx + len(head.text))
    return content_words(nouns + " " + (quoted.group(1) if quoted else ""))


def _different_subject(head: grammar.Token, frame: Frame) -> bool:
    """The mention says what it is about, the frame's mentions said something else entirely
    ("the agreement on strengthening cooperation" vs the deployment agreement)."""
    words = mention_keywords(head)
    return bool(words and frame.keywords and not words & frame.keywords)


def content_words(text: str) -> set[str]:
    """Five-letter stems of a text's content words, for telling same-party agreements apart."""
    return {w[:5].lower() for w in re.findall(r"[A-Za-z]{4,}", text)
            if w.lower() not in GENERIC_TITLE_WORDS and w.lower() not in TITLE_STOP and not is_group_noun(w.lower())
            and not resolve_actor(w) and not resolve_actor(w.capitalize())}


GENERIC_TITLE_WORDS = {
    "agreement", "agreements", "treaty", "pact", "deal", "accord", "memorandum", "protocol", "document", "on",
    "of", "and", "the", "in", "for", "between", "cooperation", "landmark", "mega", "major", "new", "first",
    "wider", "broader", "bilateral", "historic", "government", "republic", "state", "this", "that", "sign",
    "signed", "intergovernmental", "framework", "understanding", "mou", "important", "significant",
    "trade", "security", "defence", "defense", "military", "economic", "partnership", "strategic",
    "governments", "country", "ministry", "ministries", "kingdom",
    "federation", "internal", "foreign", "two", "both", "also", "with", "from",
}


def _title_words(title: str) -> set[str]:
    words = set()
    for w in re.findall(r"[A-Za-z]+", title):
        if w.lower() in GENERIC_TITLE_WORDS or resolve_actor(w) or len(w) < 3:
            continue
        words.add(w.lower()[:6])
    return words


def _is_name(title: str) -> bool:
    """A proper title ("Treaty of Sevres"), not a description ("first deal of its kind")."""
    return any(w[0].isupper() and not resolve_actor(w) for w in re.findall(r"[A-Za-z]+", title)[1:])


def _titles_compatible(a: str, b: str) -> bool:
    """Titles name the same agreement unless their distinctive words mostly differ
    ("free trade agreement" vs "preferential trade agreement")."""
    if _is_name(a) != _is_name(b):
        return True  # a name and a description ("defence pact") may well be the same agreement
    wa, wb = _title_words(a), _title_words(b)
    return not wa or not wb or 2 * len(wa & wb) >= min(len(wa), len(wb))


def legislature_owner(sentence: Sentence) -> str | None:
    """The state whose own legislature the sentence names ("Azerbaijan's National Assembly")."""
    for actor in sentence.actors:
        if actor.kind == "state" and (actor.how == "institution" and is_legislature(actor.text.lower())
                                      or _followed_by_legislature(sentence, actor)):
            return actor.code
    return None


def bare_legislature_approves(sentence: Sentence, head: grammar.Token) -> bool:
    """"It was approved by the General Assembly": a legislature no state owns in the sentence is
    the subject or agent of an approval of this mention (its owner is the one named before)."""
    verb = grammar.clause_verb(head)
    family = grammar.clause_family(verb)
    if not any(first_value("approval", sentence.span.doc[i].lower_) for i in family):
        return False
    owned = {grammar.noun_owner(t).i for _, t in grammar.actor_tokens(sentence)}
    for tok in sentence.span:
        if not is_legislature(tok.lower_) or tok.i in owned or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i in family or (
                tok.dep_ == "pobj" and tok.head.dep_ == "agent" and tok.head.head.i in family):
            return True
    return False


def _record_ratifiers(frame: Frame, sentence: Sentence, ratifiers: set[str], date: str | None = None) -> None:
    if PENDING.search(sentence.text.lower()) or re.search(r"\b(?:will|would|could|may|should)\b",
                                                          sentence.text.lower()):
        return
    for code in ratifiers:
        if actor_kind(code) != "state":
            continue
        when = date or _nearest_date(sentence, code)
        if code not in frame.ratified or (frame.ratified[code] is None and when):
            frame.ratified[code] = when
        frame.cite("ratified", sentence)
        if frame.stage is None or STAGES.index(frame.stage) < STAGES.index("ratified"):
            frame.stage = "ratified"
        frame.cite("status", sentence)


def _nearest_date(sentence: Sentence, code: str) -> str | None:
    """The resolved date closest after (else before) the actor's mention in the sentence."""
    spots = [a.start for a in sentence.actors if a.code == code]
    dated = [d for d in sentence.dates if d.value]
    if not spots or not dated:
        return None
    pos = spots[0]
    after = [d for d in dated if d.start >= pos]
    return (min(after, key=lambda d: d.start - pos) if after else min(dated, key=lambda d: pos - d.start)).value


def fill_fields(frame: Frame, sentence: Sentence, head: grammar.Token) -> None:
    """Status, dates, term, renewal, notice, secrecy and provisions from the mention's sentence."""
    lowered = sentence.text.lower()
    verb = grammar.clause_verb(head)
    clause = " ".join(t.lower_ for t in verb.subtree) if verb is not head else lowered
    stage = None if _in_adjunct(head) else _stage(verb, clause)
    for child in head.children:  # "the preferential agreement recently signed": its own participle
        if child.dep_ in ("relcl", "acl") and child.pos_ == "VERB":
            stage = _stage(child, " ".join([*(t.lower_ for t in child.lefts), child.lower_])) or stage
    if stage in ("expired", "terminated", "rejected"):
        frame.end_state = stage
        frame.cite("status", sentence)
    elif stage and (frame.stage is None or STAGES.index(stage) > STAGES.index(frame.stage)):
        frame.stage = stage
        frame.cite("status", sentence)
    dates = [d for d in sentence.dates if d.value]
    if stage == "signed" and dates and not frame.signed:
        frame.signed = _clause_date(sentence, verb) or (dates[0].value if len(dates) == 1 else None)
        if frame.signed:
            frame.cite("signed", sentence)
    if stage == "in_force" and dates and not frame.in_force:
        frame.in_force = _clause_date(sentence, verb) or dates[0].value
        frame.cite("in_force", sentence)
    for child in head.children:
        if child.dep_ in ("relcl", "acl") and child.pos_ == "VERB" and not frame.signed:
            sub = " ".join(t.lower_ for t in child.subtree)
            if _stage(child, sub) == "signed":
                frame.signed = _clause_date(sentence, child)
                if frame.signed:
                    frame.cite("signed", sentence)
    _term_fields(frame, sentence, lowered)
    if re.search(r"\b(secret|classified)\b", mention_text(head).lower()) or re.search(
            r"(kept|remain(?:s|ed)?|were|was|are|is) (?:kept )?(secret|classified|confidential)|"
            r"(?:details|contents?|terms) (?:of the \w+ )?(?:were|was|have not been|has not been) (?:not )?"
            r"(?:disclosed|made public|released)", lowered):
        frame.secret = True
        frame.cite("secret", sentence)
    for code in provisions_in(sentence):
        if code not in frame.provisions:
            frame.provisions.add(code)
            frame.cite("provisions", sentence)


def _in_adjunct(head: grammar.Token) -> bool:
    """"Under the deal, planes will operate ...": the clause tells what the deal does, not its stage."""
    if head.dep_ != "pobj":
        return False
    prep = head.head
    return prep.lower_ in ADJUNCT_PREPS or prep.head.lower_ in ADJUNCT_NOUNS  # "as part of the agreement"


def _stage(verb: grammar.Token, clause: str) -> str | None:
    lemma = verb.lemma_.lower()
    modal = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "may", "might", "should", "to")
                for c in verb.children) or verb.dep_ == "xcomp" and verb.head.lemma_ in ("plan", "want", "hope", "aim")
    pending = modal or bool(PENDING.search(clause))
    for value in ("rejected", "terminated", "expired", "in_force"):
        if value in all_values("status", clause if value == "in_force" else lemma):
            return "proposed" if pending and value == "in_force" else value
    stage = first_value("status", lemma) or next(
        (v for v in all_values("status", clause) if v in STAGES), None)  # "until terminated" ends nothing
    if stage in ("signed", "ratified", "in_force") and (modal or PENDING.search(clause)):
        return "proposed"
    return stage


def _clause_date(sentence: Sentence, verb: grammar.Token) -> str | None:
    family = grammar.clause_family(verb)
    for date, tok in grammar.date_tokens(sentence):
        if date.value and grammar.clause_verb(tok).i in family:
            return date.value
    return None


def _term_fields(frame: Frame, sentence: Sentence, lowered: str) -> None:
    durations = find_durations(sentence.text, sentence.start)
    renewal_match = next((m for _, rx in agreement_terms_of("renewal") for m in [rx.search(lowered)] if m), None)
    for d in durations:
        before = lowered[max(0, d.start - sentence.start - 40): d.start - sentence.start]
        after = lowered[d.end - sentence.start: d.end - sentence.start + 30]
        if d.unit == "month" and re.search(r"notice|notif|in advance|before|prior", before + after + lowered):
            if re.search(r"notice|notif|terminat|withdraw|denounc", lowered):
                frame.notice_months = d.months
                frame.cite("termination_notice_months", sentence)
            continue
        if d.unit != "year" or re.search(r"\bago\b|\bsince\b|\bover the past\b|\bin the past\b", before + after):
            continue
        is_renewal = renewal_match and renewal_match.start() < d.start - sentence.start
        if is_renewal:
            automatic = has_term("term", "automatic", lowered)
            frame.renewal = Renewal(automatic, d.years)
            frame.cite("renewal", sentence)
        elif frame.duration_years is None and has_term(
                "term", "duration", before + sentence.text.lower()[d.start - sentence.start: d.end - sentence.start]):
            frame.duration_years = d.years
            frame.cite("duration_years", sentence)
    if renewal_match and frame.renewal is None and has_term("term", "automatic", lowered):
        frame.renewal = Renewal(True, None)
        frame.cite("renewal", sentence)


def agreement_terms_of(value: str) -> list[tuple[str, re.Pattern[str]]]:
    from pactwatch.nlp.lexicon import agreement_terms

    return [(v, rx) for v, rx in agreement_terms()["term"] if v == value]


def provisions_in(sentence: Sentence) -> list[str]:
    """Provision codes the sentence states, skipping negated phrases."""
    lowered = sentence.text.lower()
    found = []
    for code, rx in provision_patterns():
        for m in rx.finditer(lowered):
            tok = grammar.token_at(sentence, sentence.start + m.start(), sentence.start + m.end())
            if tok is not None and grammar.is_negated(tok):
                continue
            if re.search(r"\b(?:not|no|without)\b[^.;,]{0,30}$", lowered[: m.start()]):
                continue
            found.append(code)
            break
    return found


def final_domain(frame: Frame) -> str:
    """The mention's own domain word wins, then its first sentence's; where that sentence named
    none, the domain most of its other sentences speak of."""
    if frame.strong_domain or frame.domain not in (None, "other") or not frame.domain_votes:
        return frame.domain or "other"
    named = [(n, d) for d, n in frame.domain_votes.items() if d != "other"]
    return max(named)[1] if named else "other"


def to_agreement(frame: Frame) -> Agreement:
    status = frame.end_state or frame.stage or "signed"
    if frame.in_force and status not in ("expired", "terminated", "rejected"):
        status = "in_force"
    return Agreement(
        parties=sorted(frame.parties), title=frame.title, domain=final_domain(frame), status=status,
        secret=frame.secret, signed=frame.signed, ratified=dict(frame.ratified), in_force=frame.in_force,
        duration_years=frame.duration_years, renewal=frame.renewal,
        termination_notice_months=frame.notice_months, provisions=sorted(frame.provisions),
        evidence=sorted(frame.evidence, key=lambda e: (e.start, e.field)),
    )
