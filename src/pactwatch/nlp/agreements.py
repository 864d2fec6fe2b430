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

from pactwatch.facts import Agreement
from pactwatch.nlp import grammar
from pactwatch.nlp.agreement_fields import (
    builds_on,
    clause_date,
    continue_provisions,
    continue_ratification,
    continue_terms,
    ended_by_notice,
    fill_fields,
    in_replacement,
    mention_signed,
    own_clauses,
    record_ratifiers,
)
from pactwatch.nlp.frame import STAGES, Frame, merge_into
from pactwatch.nlp.lexicon import (
    first_value,
    head_kind,
    provision_patterns,
    specific_head,
)
from pactwatch.nlp.mentions import (
    ANAPHORS,
    accession_candidates,
    accession_org,
    content_words,
    is_dated_back_reference,
    is_name,
    mention_heads,
    mention_keywords,
    mention_text,
    mention_tokens,
    names_an_organisations_own_treaty,
    title_of,
    title_words,
    titles_compatible,
)
from pactwatch.nlp.modality import Modality, clause_modality
from pactwatch.nlp.nationality import stated_nationalities
from pactwatch.nlp.parties import (
    COMPANY_NOUNS,
    bare_legislature_approves,
    complete_parties,
    legislature_approvals,
    legislature_owner,
    mention_parties,
    named_pair,
    pair_referents,
    person_keys,
    possessor_state,
    refers_to_pair,
    with_appositions,
)
from pactwatch.nlp.sentences import Sentence
from pactwatch.nlp.titles import TitleCasing
from pactwatch.sameness import Features, best_match, dates_compatible

ALLIANCE_PROVISIONS = {"mutual_defense", "basing"}
SECURITY_PROVISIONS = {"mutual_defense", "basing", "training", "exercises", "intelligence", "classified_info",
                       "peacekeeping", "nonaggression"}
SIMILAR = re.compile(r"\b(?:similar|same kind of|comparable|parallel|matching)\b")
DISTINCT = re.compile(r"\b(?:separate|another|second|broader|wider|further|additional|different)\b")




def extract_agreements(sentences: list[Sentence]) -> list[Agreement]:
    """Every agreement with two or more parties that the sentences report."""
    main = main_actors(sentences)
    orgs = Counter(a.code for s in sentences for a in s.actors if a.kind == "org")
    ctx = ArticleContext(org=orgs.most_common(1)[0][0] if orgs else None,
                         people=person_keys(stated_nationalities(sentences)),
                         lead_states=company_story_states(sentences[:LEAD]))
    frames: list[Frame] = []
    previous: list[Frame] = []  # frames the previous sentence mentioned
    owner: str | None = None  # the state whose legislature was named last ("the Turkish Parliament")
    # "X joined NATO" makes a record only in a story about accession, not as background history
    accession_story = any(ACCESSION_STORY.search(s.text.lower()) for s in sentences)
    # "X left the bloc" makes a record only in a story about leaving (its headline or first sentence
    # says so), not as background ("since Britain's withdrawal from the EU")
    leaving_story = any(LEAVING_STORY.search(s.text.lower()) for s in sentences[:2])
    for n, sentence in enumerate(sentences):
        current: list[Frame] = []
        owner = legislature_owner(sentence) or owner
        heads = mention_heads(sentence, ctx.org) if sentence.span is not None else []
        pair = named_pair(sentences[max(0, n - 2): n + 1]) or main[:2]
        for head, forced, topic in mention_splits(sentence, heads):
            frame = resolve_mention(sentence, head, frames, main, pair, sentences[: n + 1], ctx, forced, topic)
            if frame is not None:
                frame.last_seen = sentence.index
                frame.keywords |= mention_keywords(head)
                frame.head_words.add(specific_head(head.lower_) or "")
                if voted := first_value("domain", sentence.text.lower()):
                    frame.domain_votes[voted] += 1
                fill_fields(frame, sentence, head)
                if topic is not None:  # what the agreement on X covers is said in X, not in its sibling's phrase
                    frame.provisions = {code for code, rx in provision_patterns() if rx.search(frame.title.lower())}
                if frame.signed is None and _also_made(head) and frame.stage == "signed":
                    same_occasion(frame, frames, sentence)
                current.append(frame)
                if owner in frame.parties and bare_legislature_approves(sentence, head):
                    record_ratifiers(frame, sentence, {owner}, clause_date(sentence, grammar.clause_verb(head)))
        if sentence.span is not None:
            current += record_joining(sentence, frames, story=accession_story, lead=n <= LEAD, article_org=ctx.org)
            if leaving_story:
                current += record_leaving(sentence, frames, article_org=ctx.org)
        if not heads and (told := _the_one_just_told(previous, frames, sentence)) is not None:
            continue_terms(told, sentence)  # "Either side may withdraw by giving one year's notice"
        if not heads and len({id(f) for f in previous}) == 1:
            continue_provisions(previous[0], sentence)
        elif not heads and (named := _only_frame_of_named_states(sentence, frames)) is not None:
            continue_provisions(named, sentence)  # "As a member, Finland is covered by ..., under which"
        recent = previous[0] if len({id(f) for f in previous}) == 1 else _latest(
            [f for f in frames if sentence.index - f.last_seen <= 2], lambda f: True)
        if not heads and recent is not None and sentence.span is not None and (
                approvals := legislature_approvals(sentence)):
            continue_ratification(recent, sentence, approvals)  # "In Turkey, parliament gave its approval"
            current = [recent]  # the next sentence may go on about it ("the Senate followed")
        previous = current
    frames = fold_headline_frames(frames, sentences)
    frames = [f for f in frames if not _unsupported(f)]
    casing = TitleCasing([s.text for s in sentences])
    return [to_agreement(f, casing) for f in frames if len(f.parties) >= 2]


@dataclass(frozen=True)
class ArticleContext:
    """What the whole article tells each mention, passed explicitly (no module state): the
    organisation it is about (a bare "accession" joins it) and the people it ties to states."""

    org: str | None = None
    people: dict[str, str] = field(default_factory=dict)
    lead_states: frozenset[str] | None = None  # in a story led by companies, the states its lead names


def _the_one_just_told(previous: list[Frame], frames: list[Frame], sentence: Sentence) -> Frame | None:
    """The one agreement the previous sentence spoke of, else the one agreement the last two did
    (a sentence between may have been left unparsed: "It was concluded for an unlimited period")."""
    if len({id(f) for f in previous}) == 1:
        return previous[0]
    told = [f for f in frames if sentence.index - f.last_seen <= 2]
    return told[0] if len(told) == 1 else None


def _only_frame_of_named_states(sentence: Sentence, frames: list[Frame]) -> Frame | None:
    """The one agreement whose parties include every state the sentence names (at least one)."""
    states = {a.code for a in sentence.actors if a.kind == "state"}
    fitting = [f for f in frames if states and states <= f.parties]
    return fitting[0] if len(fitting) == 1 else None


def _unsupported(frame: Frame) -> bool:
    """Parties borrowed from the article and nothing said about the agreement's life ("gave up its
    arsenal under the 1994 Budapest Memorandum"): too weak to record."""
    return frame.from_context and frame.stage is None and frame.end_state is None and not frame.ratified


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
                       and any(e.start != headline for e in f.evidence)
                       and dates_compatible(frame.signed, f.signed)), None)
        if only_headline and target is not None:
            merge_into(target, frame)
            continue
        kept.append(frame)
    return kept


def main_actors(sentences: list[Sentence]) -> list[str]:
    """States the article is about, most mentioned first (cue sentences count double); ties in
    order of first mention, never set order (which changes with the process's hash seed)."""
    counts: Counter[str] = Counter()
    for s in sentences:
        for code in dict.fromkeys(a.code for a in s.actors if a.kind == "state" and not _of_a_company(s, a)):
            counts[code] += 2 if s.span is not None else 1
    return [code for code, n in counts.most_common() if n >= 2]


COMPANY_AFTER = re.compile(r"^(?:\s+[\w&.-]+){0,3}?\s+" + COMPANY_NOUNS.pattern.replace("$", r"\b"),
                           re.IGNORECASE)


def company_story_states(lead: list[Sentence]) -> frozenset[str] | None:
    """Where the lead names states only as companies' nationalities ("Japanese trading house
    Mitsui and Brazilian miner Vale"), the story is about companies: the states its lead names
    otherwise (none here), which a deal's borrowed parties must include. None for other stories."""
    mentions = [(s, a) for s in lead for a in s.actors if a.kind == "state"]
    if not any(_of_a_company(s, a) for s, a in mentions):
        return None
    return frozenset(a.code for s, a in mentions if not _of_a_company(s, a))


def _of_a_company(sentence: Sentence, actor) -> bool:
    """"Japanese trading house Mitsui", "the Brazilian miner Vale": a nationality that describes a
    company says nothing about which states an article is about (read from the text alone)."""
    if actor.how != "demonym":
        return False
    return bool(COMPANY_AFTER.match(sentence.text[actor.end - sentence.start: actor.end - sentence.start + 60]))


def record_joining(sentence: Sentence, frames: list[Frame], story: bool = True, lead: bool = True,
                   article_org: str | None = None) -> list[Frame]:
    """"Finland formally joined NATO on Tuesday", "Sweden became NATO's 32nd member": the accession
    [state, organisation] has taken effect (in force, dated by its clause); "applied to join",
    "wants to join": proposed. Outside a story about accession (``story`` False) a join is mostly
    history told in passing ("Finland, which joined NATO in 2023"): there only the main verb of a
    sentence of the story's lead (``lead``) is recorded."""
    touched = []
    for verb in sentence.span:
        if verb.pos_ not in ("VERB", "AUX") or grammar.is_negated(verb) or _refused(verb):
            continue
        objects = _joined_objects(verb)
        if objects is None or not story and (not lead or verb.dep_ in ("relcl", "acl", "advcl", "appos", "pcomp")):
            continue
        orgs = {a.code for a, t in grammar.actor_tokens(sentence) if a.kind == "org" and t in objects}
        if not orgs and any(o.lower_ in GROUP_WORDS for o in objects):
            # "formally joined the alliance": the organisation the story is about
            joined = article_org or ("NATO" if any(o.lower_ == "alliance" for o in objects) else None)
            orgs = {joined} if joined and verb.tag_ == "VBD" else set()
        if not orgs and _admitted_to_nothing_named(sentence, verb, objects) and article_org:
            orgs = {article_org}  # "Finland was admitted in April last year": to the story's alliance
        states = {a.code for a, t in grammar.actor_tokens(sentence)
                  if a.kind == "state" and t.i in with_appositions(sentence, grammar.clause_subjects(verb))}
        if len(orgs) != 1:
            continue
        done = verb.tag_ in ("VBD", "VBN") and verb.dep_ not in ("xcomp", "advcl") and not any(
            c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)
        for state in states:
            key = {state, *orgs}
            frame = next((f for f in frames if f.accession and f.parties == key), None)
            if frame is None:
                frame = Frame(parties=key, title=None, domain="security", accession=True, strong_domain=True)
                frames.append(frame)
            frame.last_seen = sentence.index
            frame.cite("parties", sentence)
            stage = "in_force" if done else "proposed"
            if frame.stage is None or STAGES.index(stage) > STAGES.index(frame.stage):
                frame.stage = stage
                frame.cite("status", sentence)
            if done and not frame.in_force and (date := clause_date(sentence, verb)):
                frame.in_force = date
                frame.cite("in_force", sentence)
            touched.append(frame)
    return touched


ACCESSION_STORY = re.compile(
    r"\b(?:accession|membership|\d+(?:st|nd|rd|th) member|(?:became|becomes|become) (?:an? |the )?(?:\w+ ){0,2}"
    r"member|(?:ceased?|ceases) to be (?:a )?members?|withdrawal from|exit from)\b")
LEAD = 3  # headline and the first sentences: what the story is about
GROUP_WORDS = {"alliance", "bloc", "union", "organisation", "organization"}
MEMBER_NOUNS = {"member", "ally", "state", "members"}


def _joined_objects(verb: grammar.Token) -> list[grammar.Token] | None:
    """The tokens naming what the verb's subject joins: the objects of "join"/"accede to"/"be
    admitted to", or the organisation of "became NATO's 32nd member"/"a member of the EU"; None
    when the verb is no joining."""
    lemma = verb.lemma_.lower()
    if first_value("join_verb", lemma) is not None and verb.pos_ == "VERB":
        objects = [c for c in verb.children if c.dep_ in ("dobj", "pobj", "prep")]
        return objects + [g for c in objects if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if lemma == "become":
        member = next((c for c in verb.children if c.dep_ in ("attr", "acomp", "dobj")
                       and c.lemma_.lower() in MEMBER_NOUNS), None)
        if member is not None:
            return [t for t in member.subtree if t.i != member.i]
    return None


def _joined_bodies(sentence: Sentence, head: grammar.Token) -> set[str]:
    """"the instrument of accession to the United States": what an accession is "to" is the body
    joined or the treaty's depositary, never the candidate."""
    to = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "to"]
    return {a.code for a, t in grammar.actor_tokens(sentence) if any(t in p.subtree for p in to)}


def _possessor_subjects(sentence: Sentence, head: grammar.Token) -> set[str]:
    """"North Macedonia completed its accession to NATO": "its" is the clause's subject state."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children):
        return set()
    subjects = grammar.clause_subjects(grammar.clause_verb(head))
    return {a.code for a, t in grammar.actor_tokens(sentence) if a.kind == "state" and t.i in subjects}


def _refused(verb: grammar.Token) -> bool:
    """"does not seek to join", "has no plans to join", "refused to join": the joining is denied."""
    return _negated_intent(verb) or any(first_value("status", up.lemma_.lower()) == "rejected"
                                        for up in (verb.head, verb.head.head) if up.i != verb.i)


def _negated_intent(verb: grammar.Token) -> bool:
    """The verb is what a negated intention governs: "does not seek to", "has no plans to", "no
    intention of"."""
    for up in (verb.head, verb.head.head):
        if up.i == verb.i or up.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        if any(c.dep_ == "neg" for c in up.children) or any(c.lower_ == "no" and c.dep_ == "det" for c in up.children):
            return True
        if up.lemma_.lower() == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in up.children):
            return True  # "has ruled out joining NATO"
    return False


def _admitted_to_nothing_named(sentence: Sentence, verb: grammar.Token, objects: list[grammar.Token]) -> bool:
    """A passive "was admitted"/"joined" whose only complements are dates: it names no body joined."""
    dated = {t.i for d, t in grammar.date_tokens(sentence)}
    nouns = [o for o in objects if o.dep_ != "prep" and o.i not in dated and o.ent_type_ not in ("DATE", "TIME")]
    return not nouns and any(c.dep_ in ("nsubjpass", "nsubj") for c in verb.children)


def resolve_mention(sentence: Sentence, head: grammar.Token, frames: list[Frame], main: list[str],
                    pair: list[str] | None = None, window: list[Sentence] | None = None,
                    ctx: ArticleContext | None = None, forced: set[str] | None = None,
                    topic: grammar.Token | None = None) -> Frame | None:
    """Find or make the frame this mention refers to (``pair``: the states "the two sides" means
    by default; ``window``: the article so far, where the states of "the two Nordic countries" are;
    ``ctx``: what the whole article says, passed explicitly)."""
    ctx = ctx or ArticleContext()
    if _denied(head):
        return None
    kind = head_kind(head.lower_)
    text = mention_text(head).lower()
    title = title_of(head) if head.lower_ not in ANAPHORS else None
    if topic is not None:  # one of "agreements on X and on Y": the agreement on X
        skip = {t.i for c in topic.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        title = "agreement " + " ".join(t.text for t in topic.subtree if t.i not in skip)
        text = title.lower()
    domain = first_value("domain", text) if title else None
    if domain is None and head.lower_ not in ANAPHORS:  # "an agreement designating an economic zone"
        domain = first_value("domain", " ".join(t.lower_ for c in own_clauses(head) for t in c.subtree))
    parties, ratifiers = mention_parties(sentence, head, ctx.people)
    if forced:  # one of several agreements a plural mention names ("agreements with the US and with Australia")
        parties, ratifiers = set(forced), set()
    elif len(parties | ratifiers) < 2 and _also_made(head) and (
            earlier := _latest(frames, lambda f: len(f.parties) >= 2 and sentence.index - f.last_seen <= 1)):
        parties = parties | earlier.parties  # "..., also adopted a declaration": the same signatories
    if len(parties) == 1 and (owner := possessor_state(head, window or [])) is not None:
        parties = parties | {owner}  # "Its free trade agreement with Britain", "its" the state just spoken of
    the_one_told = (not parties and head.lower_ not in ANAPHORS and _bare_definite(head)
                    and any(sentence.index - f.last_seen <= 3 for f in frames))
    if len(parties) < 2 and not the_one_told and (group := refers_to_pair(sentence, head)) is not None:
        # ("the agreement provides for ... the two countries' industries": the agreement just told,
        # whatever pair a quote in between named)
        parties = parties | pair_referents(group, window or [sentence], pair or [], parties)
    if kind == "generic" and is_dated_back_reference(head) and (
            back := _latest(frames, lambda f: not parties or bool(parties & f.parties))) is not None:
        record_ratifiers(back, sentence, ratifiers)  # "Tuesday's deal was signed at an air base"
        return back
    if kind == "anaphor" or head.dep_ == "attr":  # "the document"; "it was the first deal of its kind"
        frame = _latest(frames, lambda f: not parties or bool(parties & f.parties))
        if frame is not None:
            record_ratifiers(frame, sentence, ratifiers)
        return frame
    if kind == "generic" and names_an_organisations_own_treaty(sentence, head):
        return None
    if kind == "generic" and re.search(r"membership|accession|joining", text):
        inner = [t for t in mention_tokens(head) if head_kind(t.lower_) == "accession"]
        if inner and accession_org(sentence, inner[0], ctx.org):
            kind, head = "accession", inner[0]
    if kind == "accession":
        org = accession_org(sentence, head, ctx.org)
        candidates = (accession_candidates(sentence, head) or _possessor_subjects(sentence, head)) - ratifiers
        candidates -= _joined_bodies(sentence, head)
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
            record_ratifiers(frame, sentence, ratifiers)
        return frame
    definite = any(t.lower_ in ("the", "this", "that", "its") for t in head.lefts) or head.lower_ in ANAPHORS
    store = frames  # new frames go here; lookups below may see fewer
    if in_replacement(head):  # "the new treaty replaces their 1998 pact": the other side is another agreement
        frames = [f for f in frames if not any(e.start == sentence.start for e in f.evidence)]
        if _replaced_by_the_last(head) and (last := _latest(frames, lambda f: True)) is not None:
            frames = [f for f in frames if f is not last]  # "The new text replaces the declaration of 2007"
    if head.text.isupper() and len(head.text) >= 3 and (
            spelled := _latest(frames, lambda f: head.lower_ in initials(f.title))) is not None:
        record_ratifiers(spelled, sentence, ratifiers)  # "the RAA": the Reciprocal Access Agreement
        return spelled
    if title and is_name(title):  # "the Trinity House Agreement" again: the frame of that name
        named = _latest(frames, lambda f: bool(f.title and is_name(f.title) and title_words(f.title)
                                               and title_words(title) and titles_compatible(title, f.title)))
        if named is not None and len(parties) < 2 or named is not None and parties == named.parties:
            record_ratifiers(named, sentence, ratifiers)
            return named
    if definite and not domain and len(parties) < 2:
        def refers_to(f: Frame) -> bool:
            if title and is_name(title) and not (f.title and is_name(f.title)
                                                  and titles_compatible(title, f.title)):
                return False  # "the Treaty of Sevres" names its own agreement
            if _different_subject(head, f):
                return False
            return not parties or parties <= f.parties or bool(parties & f.parties)

        word = specific_head(head.lower_)  # "the MoU" -> the memorandum, past a later "accords"
        frame = word and _latest(frames, lambda f: word in f.head_words and refers_to(f)) or _latest(frames, refers_to)
        if frame is not None:
            record_ratifiers(frame, sentence, ratifiers | (parties if _is_ratify(head) else set()))
            return frame
    if len(parties | ratifiers) < 2:
        if not _may_complete(head, text) or (not title and not definite and not parties | ratifiers):
            return None  # "the most viable way to reach an agreement": no agreement of these parties
        if companies_signed(sentence, head):
            return None  # "Mitsui and Vale sign a supply deal", "the two firms signed": not states
        borrowed_both = not parties | ratifiers
        paired = [f.parties for f in frames if any(e.start == sentence.start for e in f.evidence)]
        parties = complete_parties(parties | ratifiers, main, sentence, usual_partners(frames), paired)
        if borrowed_both and ctx.lead_states is not None and not parties & ctx.lead_states:
            return None  # a story whose lead names no state ("Mitsui and Vale sign a supply deal")
        from_context = True
    else:
        parties = parties | ratifiers
        from_context = False
    if len(parties) < 2:
        return None
    strong = domain is not None
    if domain is None and SIMILAR.search(text) and (model := _latest(frames, lambda f: f.domain is not None)):
        domain = model.domain  # "Sweden signed a similar agreement with Washington": of the kind just told
    domain = domain or first_value("domain", sentence.text.lower())
    distinct = bool(DISTINCT.search(text)) or not definite and _also_made(head) or topic is not None
    earlier_distinct = _latest(frames, lambda f: f.parties == parties and bool(f.title and DISTINCT.search(f.title)))
    weak = domain if not strong and not definite else None
    if distinct and earlier_distinct is not None:  # "a wider agreement" after "a broader security agreement"
        frame = earlier_distinct
    else:
        others = [f for f in frames if not _different_subject(head, f)]
        frame = None if distinct else _matching(others, parties, domain if strong else None, title, weak,
                                                content_words(sentence.text), mention_signed(sentence, head))
    if frame is None:
        frame = Frame(parties=parties, title=title, domain=domain, strong_domain=strong, from_context=from_context)
        store.append(frame)
    elif strong and not frame.strong_domain:
        frame.domain, frame.strong_domain = domain, True
    elif title and not frame.title:
        frame.title = title
    frame.from_context = frame.from_context and from_context
    frame.cite("parties", sentence)
    record_ratifiers(frame, sentence, ratifiers | (parties & {a for a in ratifiers}))
    if _is_ratify(head) and not ratifiers:
        subj = [a.code for a, t in grammar.actor_tokens(sentence) if t.dep_ == "nsubj"]
        record_ratifiers(frame, sentence, set(subj) & frame.parties)
    return frame


def initials(title: str | None) -> set[str]:
    """The acronyms a title may go by: the first letters of all its words, and of its capitalised
    ones ("General Security of Military Information Agreement": gsomia, gsmia)."""
    words = re.findall(r"[A-Za-z]+", title or "")
    return {"".join(w[0] for w in words).lower(), "".join(w[0] for w in words if w[0].isupper()).lower()} - {""}


def _bare_definite(head: grammar.Token) -> bool:
    """"the agreement", "the pact": a definite mention with no words of its own before the noun."""
    lefts = [t for t in head.lefts if t.dep_ not in ("punct",)]
    return len(lefts) == 1 and lefts[0].lower_ in ("the", "this", "that")


def usual_partners(frames: list[Frame]) -> list[str]:
    """States that have agreements with two or more different partners among those found so far,
    the most partners first (ties in order of first appearance): the partner a series of pacts has
    in common ("Finland's agreement with the US ... Sweden's ... Denmark's agreement")."""
    partners: dict[str, set[str]] = {}
    for frame in frames:
        if frame.from_context:
            continue
        for code in sorted(frame.parties):
            partners.setdefault(code, set()).update(frame.parties - {code})
    ranked = sorted(partners, key=lambda code: -len(partners[code]))
    return [code for code in ranked if len(partners[code]) >= 2]


COMPANY_SUFFIX = re.compile(r"\b(?:Co|Corp|Inc|Ltd|plc|AG|SA|GmbH|SpA|NV|LLC)\b\.?")


def companies_signed(sentence: Sentence, head: grammar.Token) -> bool:
    """The clause names who made the agreement, and they are companies ("the two firms signed",
    "Mitsui and Vale sign a deal"): no state is a party, so none is borrowed from the article."""
    verb = grammar.clause_verb(head)
    mention = {t.i for t in head.subtree}
    subjects = [head.doc[i] for i in grammar.clause_subjects(verb) if i not in mention]
    subjects += [c for s in subjects for c in s.conjuncts if c not in subjects]
    if not subjects:
        return False
    actors = {t.i for _, t in grammar.actor_tokens(sentence)}
    if any(t.i in actors or any(c.i in actors for c in t.subtree) for t in subjects):
        return False
    return all(COMPANY_NOUNS.match(t.lower_) or COMPANY_SUFFIX.search(" ".join(c.text for c in t.subtree))
               for t in subjects)


def same_occasion(frame: Frame, frames: list[Frame], sentence: Sentence) -> None:
    """"The presidents signed a treaty on Monday ... and also adopted a declaration": what was also
    signed by the same parties, with no date of its own, was signed on the same occasion."""
    earlier = _latest([f for f in frames if f is not frame], lambda f: f.parties == frame.parties
                      and f.signed is not None and sentence.index - f.last_seen <= 1)
    if earlier is not None:
        frame.signed = earlier.signed
        frame.cite("signed", sentence)


def mention_splits(sentence: Sentence, heads: list[grammar.Token]
                   ) -> list[tuple[grammar.Token, set[str] | None, grammar.Token | None]]:
    """(mention, forced parties, topic) for each agreement the mentions name: a plural mention
    names one per partner ("agreements with the US and with Australia") or one per topic ("signed
    agreements on the transfer of equipment and on the protection of classified information")."""
    out: list[tuple[grammar.Token, set[str] | None, grammar.Token | None]] = []
    for head in heads:
        partners = partner_sets(sentence, head)
        topics = topic_preps(head) if not partners else []
        out += [(head, p, None) for p in partners] + [(head, None, t) for t in topics]
        if not partners and not topics:
            out.append((head, None, None))
    return out


def topic_preps(head: grammar.Token) -> list[grammar.Token]:
    """The "on ..." phrases of a plural mention when there are two or more, each its own agreement."""
    if head.tag_ not in ("NNS", "NNPS"):
        return []
    preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "concerning", "regarding")]
    preps += [c for p in list(preps) for c in p.conjuncts if c.lower_ == p.lower_ and c not in preps]
    return sorted(preps, key=lambda t: t.i) if len(preps) >= 2 else []


def partner_sets(sentence: Sentence, head: grammar.Token) -> list[set[str]]:
    """"hosts troops under visiting forces agreements with the United States and with Australia": a
    plural mention with one host and several partners after "with" names one agreement per partner."""
    if head.tag_ not in ("NNS", "NNPS"):
        return []
    preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "with"]
    preps += [c for p in list(preps) for c in p.conjuncts if c.lower_ == "with"]
    if preps:  # "..., and with Australia": the second "with" may hang from the clause's verb
        preps += [c for c in grammar.clause_verb(head).children if c.dep_ == "conj" and c.lower_ == "with"]
    objects = [o for p in preps for c in p.children if c.dep_ == "pobj" for o in (c, *c.conjuncts)]
    states = {a.code for a, t in grammar.actor_tokens(sentence) if a.kind in ("state", "org") and t in objects}
    hosts = {a.code for a, t in grammar.actor_tokens(sentence)
             if a.kind == "state" and t.i in grammar.clause_subjects(grammar.clause_verb(head))} - states
    if len(states) < 2 or len(hosts) != 1:
        return []
    return [hosts | {code} for code in sorted(states)]


LEAVING_STORY = re.compile(r"\b(?:withdraw\w*|exit\w*|leav(?:e|es|ing)|left|quit\w*|ceas\w*|departure)\b")
LEAVE_LEMMAS = {"withdraw", "leave", "quit", "exit"}
LEAVE_NOUNS = {"withdrawal", "exit", "departure"}


def record_leaving(sentence: Sentence, frames: list[Frame], article_org: str | None = None) -> list[Frame]:
    """"Mali, Burkina Faso and Niger ceased to be members of ECOWAS", "Venezuela, whose withdrawal
    took effect in April 2019", "Nicaragua's withdrawal from the OAS became final": a state's
    membership of an organisation ended ([state, organisation], terminated), when that happened."""
    touched = []
    for tok in sentence.span:
        found = _left_organisation(sentence, tok, article_org)
        if found is None:
            continue
        states, org, verb = found
        words = " ".join(t.lower_ for t in verb.subtree)
        if clause_modality(verb, words) is not Modality.HAPPENED or grammar.is_negated(verb):
            continue
        for state in sorted(states):
            key = {state, org}
            frame = next((f for f in frames if f.accession and f.parties == key), None)
            if frame is None:
                frame = Frame(parties=key, title=None, domain="security", accession=True, strong_domain=True)
                frames.append(frame)
            frame.last_seen = sentence.index
            frame.end_state = "terminated"
            frame.cite("parties", sentence)
            frame.cite("status", sentence)
            touched.append(frame)
    return touched


def _left_organisation(sentence: Sentence, tok: grammar.Token,
                       article_org: str | None) -> tuple[set[str], str, grammar.Token] | None:
    """(states, organisation, the clause's verb) when ``tok`` says states left an organisation."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and (lemma in LEAVE_LEMMAS or lemma == "cease"):
        place = [o for c in tok.children if c.dep_ in ("prep", "xcomp") for o in c.subtree]
        place += [c for c in tok.children if c.dep_ == "dobj"]
        owners = with_appositions(sentence, grammar.clause_subjects(tok))
        verb = tok
    elif tok.pos_ == "NOUN" and tok.lower_ in LEAVE_NOUNS:
        place = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "from" for o in c.subtree]
        owners = {c.i for c in tok.children if c.dep_ == "poss"}
        if tok.head.dep_ == "relcl" or any(c.lower_ == "whose" for c in tok.children):
            owners |= {grammar.clause_verb(tok).head.i}  # "Venezuela, whose withdrawal took effect"
        verb = grammar.clause_verb(tok)
        if not place and article_org and lemma in LEAVE_NOUNS and owners:
            org = article_org  # "whose withdrawal took effect in 2019": from the story's organisation
            states = {a.code for a, t in grammar.actor_tokens(sentence) if a.kind == "state" and t.i in owners}
            return (states, org, verb) if states and _took_effect(verb) else None
    else:
        return None
    orgs = {a.code for a, t in grammar.actor_tokens(sentence) if a.kind == "org" and t in place}
    if lemma == "cease" and not any(t.lemma_.lower() == "member" for t in place):
        return None
    states = {a.code for a, t in grammar.actor_tokens(sentence) if a.kind == "state" and t.i in owners}
    if len(orgs) != 1 or not states or tok.pos_ == "NOUN" and not _took_effect(verb):
        return None
    return states, orgs.pop(), verb


def _took_effect(verb: grammar.Token) -> bool:
    """"became final", "took effect", "was completed": the clause says the leaving is done."""
    words = " ".join(t.lower_ for t in verb.subtree)
    return bool(re.search(r"\b(?:final|took effect|takes effect|came into effect|completed?|effective)\b", words))


def _replaced_by_the_last(head: grammar.Token) -> bool:
    """The mention is what "it"/"the new text"/"the treaty" replaces: the replacer is the agreement
    last spoken of, so the replaced one is not."""
    if builds_on(head) and head.dep_ == "pobj":
        verb = head.head.head  # "The new agreement builds on the Lombok Treaty": the builder is the last one
    elif head.dep_ == "dobj":
        verb = head.head
    else:
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.lower_ in ("it", "this", "which", "that") or head_kind(s.lower_) is not None for s in subjects)


def _also_made(head: grammar.Token) -> bool:
    """"The two countries also signed an agreement on the dam": "also" on the verb that makes an
    indefinite agreement says it is one more, not the one already told."""
    verb = grammar.clause_verb(head)
    return head.dep_ in ("dobj", "nsubjpass") and first_value("status", verb.lemma_.lower()) == "signed" and any(
        c.dep_ == "advmod" and c.lower_ in ("also", "too", "additionally") for c in verb.children)


def _denied(head: grammar.Token) -> bool:
    """"No agreement was reached", "they did not sign the pact": the agreement does not exist.
    "The agreement does not include a defence clause" denies a provision, not the agreement."""
    if head.lower_ in ANAPHORS:
        return False
    verb = grammar.clause_verb(head)
    if verb.dep_ in ("xcomp", "acl") and _negated_intent(verb):
        return True  # "has no plans to sign a pact", "does not intend to conclude an agreement"
    if not grammar.is_negated(head):
        return False
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return True
    verb = grammar.clause_verb(head)
    return first_value("status", verb.lemma_.lower()) is not None or verb.lemma_ in ("be", "exist")


def _may_complete(head: grammar.Token, text: str) -> bool:
    """Only a singular agreement the article attributes to its own actors borrows their names."""
    if head.lower_ in ANAPHORS:
        return True
    return not (head.tag_ in ("NNS", "NNPS") or first_value("no_completion", text))


def _is_ratify(head: grammar.Token) -> bool:
    verb = grammar.clause_verb(head)
    return first_value("status", verb.lemma_.lower()) == "ratified"


def _by_recency(frames: list[Frame]) -> list[Frame]:
    """Frames, the most recently mentioned first (creation order breaks ties)."""
    return [f for _, f in sorted(enumerate(frames), key=lambda p: (-p[1].last_seen, -p[0]))]


def _latest(frames: list[Frame], ok) -> Frame | None:
    for frame in _by_recency(frames):
        if ok(frame):
            return frame
    return None


def _matching(frames: list[Frame], parties: set[str], domain: str | None, title: str | None,
              weak_domain: str | None = None, words: set[str] | None = None,
              signed: str | None = None) -> Frame | None:
    """An existing frame that is the same agreement (``pactwatch.sameness``): same parties, no
    differing stated domain (an indefinite mention with only its sentence's domain joins a frame of
    that domain only), compatible titles, signing dates that may be one day ("a letter of intent
    signed in March" is not the deal signed in April). Among several, the one sharing most with the
    mention (its sentence's content words, domain, signing date), then the most recently mentioned."""
    mention = Features(frozenset(parties), domain or weak_domain, domain is not None, signed=signed,
                       words=frozenset(words or ()))
    ranked = {id(f): rank for rank, f in enumerate(_by_recency(frames))}
    candidates = [(f, Features(frozenset(f.parties), f.domain, f.strong_domain,
                               title_ok=not title or not f.title or titles_compatible(title, f.title),
                               signed=f.signed, words=frozenset(f.keywords))) for f in frames]
    return best_match(mention, candidates, tie_break=lambda f: ranked[id(f)])


def _different_subject(head: grammar.Token, frame: Frame) -> bool:
    """The mention says what it is about, the frame's mentions said something else entirely
    ("the agreement on strengthening cooperation" vs the deployment agreement)."""
    words = mention_keywords(head)
    return bool(words and frame.keywords and not words & frame.keywords)


def final_domain(frame: Frame) -> str:
    """The mention's own domain word wins, then its first sentence's; where that sentence named
    none, the domain most of its other sentences speak of."""
    if frame.domain is None and not frame.domain_votes and frame.provisions & SECURITY_PROVISIONS:
        return "security"  # "a basing agreement", "a training protocol": no domain word, but what it covers
    if frame.strong_domain or frame.domain is not None or not frame.domain_votes:
        domain = frame.domain or "other"
    else:
        domain = max((n, d) for d, n in frame.domain_votes.items())[1]
    if domain == "defense_industry" and not frame.strong_domain and frame.provisions & ALLIANCE_PROVISIONS:
        return "security"  # jets named in a pact whose states defend each other or host forces: an alliance
    return domain


def tidy_title(title: str | None) -> str | None:
    """The title as a reader writes it: the parser's token spacing undone ("Sweden 's bid" ->
    "Sweden's bid", "next - generation" -> "next-generation", "energy ," -> "energy,", "$ 200" ->
    "$200"). Only the output is tidied; matching inside extraction keeps the token form."""
    if title is None:
        return None
    title = re.sub(r" (?=['’]s\b|[,.;:)\]])", "", title)
    title = re.sub(r"(?<=[(\[]) ", "", title)
    title = re.sub(r"(?<=[$€£¥]) (?=\d)", "", title)
    return re.sub(r"(?<=\w) ([-–/]) (?=\w)", r"\1", title)


def to_agreement(frame: Frame, casing: TitleCasing | None = None) -> Agreement:
    """The frame as an agreement of the facts format; ``casing`` (the article's sentences) writes a
    title taken from a headline as the article's own sentences write it."""
    title = tidy_title(frame.title)
    if casing is not None:
        title = casing.as_written(title)
    status = frame.end_state or frame.stage or "signed"
    if frame.in_force and status not in ("expired", "terminated", "rejected"):
        status = "in_force"
    ended = ended_by_notice(frame)  # a day a notice runs out may still be ahead: the status stays the text's
    return Agreement(
        parties=sorted(frame.parties), title=title, domain=final_domain(frame), status=status,
        secret=frame.secret, signed=frame.signed, ratified=dict(frame.ratified), in_force=frame.in_force,
        duration_years=frame.duration_years, renewal=frame.renewal,
        termination_notice_months=frame.notice_months, provisions=sorted(frame.provisions),
        evidence=sorted((e for e in frame.evidence if e.field != "ended" or ended), key=lambda e: (e.start, e.field)),
        ended=ended,
    )
