"""Agreement mentions in a parsed sentence: which nouns name an agreement, their words, titles
and content words (what tells two agreements between the same states apart)."""

from __future__ import annotations

import re
from functools import cache

from pactwatch.nlp import grammar
from pactwatch.nlp.actors import find_actors, resolve_actor
from pactwatch.nlp.lexicon import (
    first_value,
    head_kind,
    is_group_noun,
)
from pactwatch.nlp.sentences import Sentence
from pactwatch.nlp.titles import title_text, title_tokens, word_variants

# The organisation the article being read is about, for an "accession protocol" that names none.


ANAPHORS = {"it"}


ANAPHOR_VERBS = re.compile(r"(?:provid|envisag|includ|stipulat|oblig|commit|cover|requir|allow|grant|establish|"
                           r"valid|enter|expir|renew|extend|foresee|ratif|approv|sign|run|last|remain|continu|ceas|lapse)")


TITLE_STOP = {"the", "a", "an", "this", "that", "new", "its", "their", "his", "her", "two", "both"}


QUOTED_AFTER = re.compile(r"\s*[“\"«]([^”\"»]{3,150})[”\"»]")


GENERIC_TITLE_WORDS = {
    "agreement", "agreements", "treaty", "pact", "deal", "accord", "memorandum", "protocol", "document", "on",
    "of", "and", "the", "in", "for", "between", "cooperation", "landmark", "mega", "major", "new", "first",
    "wider", "broader", "bilateral", "historic", "government", "republic", "state", "this", "that", "sign",
    "signed", "intergovernmental", "framework", "understanding", "mou", "important", "significant",
    "trade", "security", "defence", "defense", "military", "economic", "partnership", "strategic",
    "governments", "country", "ministry", "ministries", "kingdom",
    "federation", "internal", "foreign", "two", "both", "also", "with", "from", "year", "years", "month",
    "months", "decade", "decades", "long", "term",
}


def mention_heads(sentence: Sentence, article_org: str | None = None) -> list[grammar.Token]:
    """Tokens naming an agreement (or, in an agreement clause, 'it'); ``article_org``: the
    organisation the article is about, which a bare "accession" joins."""
    heads = []
    inside_actor = {i for a, t in grammar.actor_tokens(sentence)
                    for i in range(len(sentence.span)) if a.start <= sentence.start + sentence.span[i].idx < a.end}
    for token in sentence.span:
        if token.i in inside_actor:
            continue
        kind = head_kind(token.lower_)
        if kind == "generic" and token.pos_ in ("NOUN", "PROPN"):
            if token.lower_ in ("deal", "deals") and token.dep_ == "compound" or _bare_count(token):
                continue
            heads.append(token)
        elif kind == "named" and token.pos_ == "PROPN" and any(
                c.dep_ == "prep" and c.lower_ in ("for", "on", "of") for c in token.children):
            heads.append(token)  # "the Framework for the U.S.-India Defense Relationship"
        elif kind is None and _named_document(token, inside_actor):
            heads.append(token)  # "The Falepili Union was signed on Thursday": a name signed is a treaty
        elif kind == "phrase" and token.pos_ == "NOUN" and first_value("phrase_head", mention_text(token).lower()):
            heads.append(token)  # "a letter of intent": the noun names an agreement only in the phrase
        elif kind == "accession" and accession_org(sentence, token, article_org) or is_anaphor(token) or (
                kind == "anaphor" and is_definite(token)) or kind == "document_object" and _signed_or_ratified(token):
            heads.append(token)
    # "memorandum of understanding": one mention, not two
    heads = [h for h in heads if not (h.dep_ == "pobj" and h.head.head.i in {x.i for x in heads})]
    # "NATO Membership Protocol", "accession protocol": the accession names the whole
    accession_ids = {h.i for h in heads if head_kind(h.lower_) == "accession"}
    heads = [h for h in heads if not (head_kind(h.lower_) == "generic" and h.i - 1 in accession_ids)]
    heads = [h for h in heads if not any(c.lower_ == "such" for c in h.lefts)]  # "such an arrangement": a kind
    return [h for h in heads if h.lower_ in ANAPHORS or not first_value("not_agreement", mention_text(h).lower())]


def _indefinite(token: grammar.Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)


def _bare_count(token: grammar.Token) -> bool:
    """"witnessed the signing of four agreements", "sign pacts": a set of documents, each told
    apart where the text names them."""
    return token.tag_ in ("NNS", "NNPS") and not any(
        c.dep_ in ("compound", "amod", "prep", "poss") for c in token.children)


def _named_document(token: grammar.Token, inside_actor: set[int]) -> bool:
    """A proper name (no person, organisation or place) that is what a signing or ratifying verb
    acts on ("the Falepili Union was signed", "ratified the Pelindaba Accord")."""
    named = ("", "LAW", "WORK_OF_ART", "EVENT") + (("ORG",) if token.dep_ == "nsubjpass" else ())  # "was signed"
    return (token.pos_ == "PROPN" and token.ent_type_ in named
            and token.i not in inside_actor and not any(t.i in inside_actor for t in token.subtree)
            and any(c.pos_ == "PROPN" and c.dep_ == "compound" for c in token.children)
            and _signed_or_ratified(token) and token.head.lemma_ not in ("adopt",))


def _signed_or_ratified(token: grammar.Token) -> bool:
    """"approved a 20-year strategic partnership": a relationship word names a document only as
    the object of a signing or ratifying verb."""
    if token.dep_ not in ("dobj", "nsubjpass") or token.head.pos_ != "VERB":
        return False
    return first_value("status", token.head.lemma_.lower()) in ("signed", "ratified") and token.head.lemma_ not in (
        "have", "reach", "agree")


def is_anaphor(token: grammar.Token) -> bool:
    """'it' as the subject of a verb agreements do ("it provides for", "it is valid for")."""
    if token.lower_ not in ANAPHORS or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    if token.dep_ == "nsubjpass" and verb.lemma_.lower() == "conclude":
        return True  # "it was concluded for ten years" (not "it concluded that ...")
    words = [verb.lemma_.lower()] + [c.lemma_.lower() for c in verb.children if c.dep_ in ("acomp", "attr", "conj")]
    return any(ANAPHOR_VERBS.match(w) for w in words)


def accession_org(sentence: Sentence, token: grammar.Token, article_org: str | None = None) -> str | None:
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
    if article_org and (token.lower_ == "accession" or token.lower_ in ("membership", "admission")
                        and "ratification" in sentence.cues):
        return article_org
    return None


def accession_candidates(sentence: Sentence, head: grammar.Token) -> set[str]:
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
        ) and not _dates_it(child) or child.dep_ in ("appos", "compound"):
            tokens += _without_coordinated_agreements(child)
    return sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)


TIME_WORDS = re.compile(r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
                        r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|"
                        r"saturday|sunday|today|yesterday|\d{1,4}(?:st|nd|rd|th)?)$")


def _dates_it(prep: grammar.Token) -> bool:
    """"on October 24", "in 2016" after the head: when it happened, not what the agreement is on."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") or TIME_WORDS.match(o.lower_) for o in objects)


def _without_coordinated_agreements(root: grammar.Token) -> list[grammar.Token]:
    """``root``'s subtree, less the agreements listed after it ("a memorandum on defence, an
    agreement on fisheries and a protocol on visas": each is its own mention)."""
    cut = {t.i for t in root.subtree if head_kind(t.lower_) == "generic" and (t.dep_ == "conj" or t.dep_ == "appos"
                                                                         and _indefinite(t)) for t in t.subtree}
    cut |= {t.i for t in root.subtree if t.dep_ in ("cc", "punct") and t.head.i in cut}
    return [t for t in root.subtree if t.i not in cut and not (t.dep_ in ("cc", "punct") and any(
        c.i in cut for c in t.head.children))]


def mention_text(head: grammar.Token) -> str:
    return " ".join(t.text for t in mention_tokens(head))


def is_definite(head: grammar.Token) -> bool:
    return any(t.lower_ in ("the", "this", "that", "its") for t in head.lefts)


DAY_WORDS = re.compile(r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|week|month|year|weekend|"
                       r"january|february|march|april|may|june|july|august|september|october|november|december)$")


def is_dated_back_reference(head: grammar.Token) -> bool:
    """"Tuesday's deal", "last week's agreement": a mention owned by a day names the agreement the
    story already told by when it was made, never a new one or a title."""
    return any(c.dep_ == "poss" and (DAY_WORDS.match(c.lower_) or c.ent_type_ == "DATE") for c in head.children)


def title_of(head: grammar.Token) -> str | None:
    """A usable title: a quoted name right after the head ("the agreement “On deployment of ...”"),
    else the name the mention's words give (``pactwatch.nlp.titles``), or None for a bare head."""
    doc_text = head.doc.text
    quoted = QUOTED_AFTER.match(doc_text, head.idx + len(head.text))
    if quoted:
        return quoted.group(1).strip()
    if is_dated_back_reference(head):
        return None
    return title_text(title_tokens(head, mention_tokens(head)))


def mention_keywords(head: grammar.Token) -> set[str]:
    """Content nouns of a mention and of a quoted title after it ("deployment", "contingent"),
    not its adjectives ("unprecedented", "landmark"): what tells two agreements apart."""
    nouns = " ".join(t.text for t in mention_tokens(head)
                     if (t.pos_ in ("NOUN", "PROPN") or t.tag_ == "VBG") and t.i != head.i)
    quoted = QUOTED_AFTER.match(head.doc.text, head.idx + len(head.text))
    return content_words(without_actors(nouns + " " + (quoted.group(1) if quoted else "")))


def content_words(text: str) -> set[str]:
    """Five-letter stems of a text's content words, for telling same-party agreements apart."""
    variants = word_variants()
    return {variants.get(w.lower(), w.lower())[:5] for w in re.findall(r"[A-Za-z]{4,}", text)
            if w.lower() not in GENERIC_TITLE_WORDS and w.lower() not in TITLE_STOP and not is_group_noun(w.lower())
            and not resolve_actor(w) and not resolve_actor(w.capitalize())}


def title_words(title: str) -> set[str]:
    """The words of a title that tell it from others ("free" in "free trade agreement"), less the
    names of its states ("North" of "Russia-North Korea defence treaty" names no subject)."""
    return content_words(without_actors(title))


@cache
def without_actors(title: str) -> str:
    """The title with the names of states and organisations in it blanked out."""
    for actor in sorted(find_actors(title), key=lambda a: -a.start):
        title = title[:actor.start] + " " + title[actor.end:]
    return title


NAME_WORDS = 10  # a treaty's proper name is short; a longer title is a description with names in it


def is_name(title: str) -> bool:
    """A proper title ("Treaty of Sevres"), not a description ("first deal of its kind")."""
    words = re.findall(r"[A-Za-z]+", title)
    if len(words) > NAME_WORDS:
        return False  # "treaty under which Canberra will provide ... the Pacific island nation": a description
    return any(w[0].isupper() and not resolve_actor(w) for w in re.findall(r"[A-Za-z]+", without_actors(title))
               if w != words[0])


def titles_compatible(a: str, b: str) -> bool:
    """Titles name the same agreement unless their distinctive words mostly differ
    ("free trade agreement" vs "preferential trade agreement")."""
    if is_name(a) != is_name(b):
        return True  # a name and a description ("defence pact") may well be the same agreement
    wa, wb = title_words(a), title_words(b)
    if wa and wb and is_name(a):
        # one name the other told more fully ("Reciprocal Access Agreement"); two names sharing some
        # words are two agreements ("Logistics Exchange" vs "Basic Exchange"; "Exchange of Naval
        # Nuclear Propulsion Information" vs "Cooperation Related to Naval Nuclear Propulsion")
        return wa <= wb or wb <= wa
    return not wa or not wb or 2 * len(wa & wb) >= min(len(wa), len(wb))


def names_an_organisations_own_treaty(sentence: Sentence, head: grammar.Token) -> bool:
    """"the UN Charter", "NATO's founding treaty": an organisation's own treaty, not a pact
    between the states around it (accession protocols are handled before this)."""
    inside = {t.i for t in mention_tokens(head) if t.i < head.i}
    return any(a.kind == "org" and t.i in inside for a, t in grammar.actor_tokens(sentence))
