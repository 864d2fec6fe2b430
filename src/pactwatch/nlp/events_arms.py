"""The arms-deal frame: a sale, purchase, delivery or contract of arms between two states.

An arms item ("four new Gripen fighter jets", "drones", "K2 tanks") counts only when it hangs from
a transfer word ("purchase", "sell", "deliver", "a deal to procure", "the delivery of", "F-35
sale"); a denial or a mere interest ("will not send", "interested in acquiring") gives nothing, and
a generic item ("arms", "equipment") needs a stated value or quantity. The two states are the
sentence's states outside topic phrases ("amid Russia's invasion of Ukraine") and relative clauses
that speak of another transfer ("which Paris supplies to Kiev"); a company names its state when the
text says so ("South Korean defense contractor Hyundai Rotem"). Values in US dollars fill
``value_usd``; other currencies go to ``value``.
"""

from __future__ import annotations

import re
from functools import cache

from pactwatch.facts import Event
from pactwatch.nlp import grammar
from pactwatch.nlp.events_common import (
    TOPIC_PREPS,
    Context,
    Token,
    actor_index,
    event_date,
    evidence,
    is_future,
    lexicon,
)
from pactwatch.nlp.numbers import parse_money
from pactwatch.nlp.sentences import ActorMention, Sentence

ARMS_TOPIC_PREPS = TOPIC_PREPS | {"after", "following", "despite", "like"}
MAX_STEPS = 7
SIDE_PRONOUNS = {"we", "i", "it"}  # the speaker's or the article's state: "we have donated", "it would buy"


@cache
def item_pattern() -> re.Pattern[str]:
    words = sorted(lexicon().words["arms_item"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


def arms_events(sentence: Sentence, ctx: Context) -> list[Event]:
    if sentence.span is None or lexicon().search("arms_not_rx", sentence.text):
        return []
    actors = actor_index(sentence)
    for match in item_pattern().finditer(sentence.text.lower()):
        item = grammar.token_at(sentence, sentence.start + match.start(), sentence.start + match.end())
        if item is None or item.pos_ not in ("NOUN", "PROPN", "ADJ") or grammar.is_negated(item):
            continue
        item = _phrase_head(item)
        trigger = transfer_word(item) or _transfer_before(item) or _transfer_clause(item)
        if trigger is None or grammar.is_negated(trigger) or _provided_for(trigger) or _unsettled(trigger):
            continue
        money = parse_money(sentence.text, sentence.start)
        if _too_generic(item) and not money:
            continue
        codes = (deal_states(sentence, actors, trigger) or _pronoun_deal(trigger, ctx)
                 or _unnamed_deal(item, trigger, actors, ctx))
        if len(codes) == 1:
            named = {m.code for m in actors.values() if m.kind == "state"}
            codes |= _seller(codes, trigger, ctx) or _giver(named, trigger, ctx)
        if not 1 <= len(codes) <= 2:
            continue
        usd = next((m.amount for m in money if m.currency == "USD"), None)
        other = next(({"amount": m.amount, "currency": m.currency} for m in money if m.currency != "USD"), None)
        date = event_date(sentence, trigger, ctx)
        deal = Event("arms_deal", sorted(codes), date=date, value_usd=usd, item=item_phrase(item, sentence),
                     value=None if usd else other, evidence=evidence(sentence))
        return [deal] + [Event("arms_deal", sorted(codes), date=date, item=item_phrase(more, sentence),
                               evidence=evidence(sentence)) for more in _counted_conjuncts(item)]
    return []


def _counted_conjuncts(item: Token) -> list[Token]:
    """"36 F-35A jets and five Patriot fire units": items counted each on their own are one deal
    each (a plain list, "K2 tanks, K9 howitzers and FA-50 aircraft", stays one deal)."""
    if not any(c.dep_ == "nummod" for c in item.children):
        return []
    return [c for c in item.conjuncts if c.i > item.i and c.pos_ in ("NOUN", "PROPN")
            and any(n.dep_ == "nummod" for n in c.children)]


def _phrase_head(tok: Token) -> Token:
    """'Gripen' in 'Gripen fighter jets' -> 'jets'."""
    head = tok
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN"):
        if head.head.lower_ in lexicon().words["arms_noun"]:
            break  # "F-35 sale": the item stays the item
        head = head.head
    return head


def transfer_word(item: Token) -> Token | None:
    """The purchase/sale/delivery verb or noun the item hangs from, a few steps up the parse."""
    lex = lexicon()
    t = item
    for _ in range(MAX_STEPS):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX") and lex.has("arms_verb", t.lemma_.lower()):
            return t
        if t.pos_ in ("VERB", "AUX") and lex.has("sign_verb", t.lemma_.lower()):
            deal = [c for c in t.children if c.dep_ == "dobj" and _deal_noun(c)]
            if deal:
                return deal[0]  # "signed a contract with X for two submarines", "signed purchase agreements for"
        if t.pos_ in ("NOUN", "PROPN") and lex.has("arms_noun", t.lower_):
            return t
        if t.dep_ == "ROOT":
            return None
    return None


def _deal_noun(tok: Token) -> bool:
    """"a contract", or an agreement a transfer noun names: "the procurement agreements", "a sales accord"."""
    lex = lexicon()
    return lex.has("arms_noun", tok.lower_) or any(
        c.dep_ in ("compound", "amod") and lex.has("arms_noun", c.lower_) for c in tok.children)


def _transfer_before(item: Token) -> Token | None:
    """When the parse tore the item from its verb ("to buy 250 M1A2 SEPv3 Abrams tanks" with
    "tanks" hung elsewhere): the transfer verb written right before the item's words, or a
    transfer noun in apposition ("tanks, a purchase that ...")."""
    lex = lexicon()
    appos = [c for c in item.children if c.dep_ == "appos" and lex.has("arms_noun", c.lower_)]
    if appos:
        return appos[0]
    doc = item.doc
    for i in range(item.i - 1, max(item.i - 8, item.sent.start - 1), -1):
        t = doc[i]
        if t.pos_ in ("VERB", "AUX"):
            return t if lex.has("arms_verb", t.lemma_.lower()) else None
        if t.pos_ not in ("NUM", "PROPN", "NOUN", "ADJ", "DET") and t.tag_ != "HYPH":
            return None
    return None


def _transfer_clause(item: Token) -> Token | None:
    """A clause on the item that transfers it: "MiG-29 jets, six of which were donated by Russia in
    2017", "FK-3 systems bought from China" (the item is what the clause's verb moved)."""
    lex = lexicon()
    for clause in (c for c in item.children if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX")):
        if lex.has("arms_verb", clause.lemma_.lower()):
            return clause
    return None


def _provided_for(trigger: Token) -> bool:
    """"the AUKUS partnership, under which Australia will acquire submarines": a transfer that a
    treaty provides for in the future is one of its terms, not a deal."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else None
    if verb is None or verb.dep_ != "relcl" or not is_future(verb):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "under" and any(p.lower_ == "which" for p in c.children)
               for c in verb.children)  # not "would sell jets under an agreement similar to ...": a deal


def _unsettled(trigger: Token) -> bool:
    """"a bid for the air force's planned purchase of transport aircraft": a transfer still planned or
    only possible is no deal."""
    return any(c.dep_ in ("amod", "compound") and lexicon().has("arms_unsettled", c.lower_) for c in trigger.children)


def _pronoun_deal(trigger: Token, ctx: Context) -> set[str]:
    """"In February 2015 it bought 24 of the jets": a buyer or giver that is only a pronoun, in a
    sentence naming no state of the deal, is one of the article's two main states dealing with the
    other, as the article's own deal is."""
    if trigger.pos_ not in ("VERB", "AUX") or len(ctx.main) < 2:
        return set()
    lemma = trigger.lemma_.lower()
    if not (lexicon().has("arms_buy", lemma) or lexicon().has("arms_give", lemma)):
        return set()
    own = [c for c in trigger.children if c.dep_ == "nsubj"]
    return set(ctx.main[:2]) if own and all(g.lower_ in SIDE_PRONOUNS | {"they"} for g in own) else set()


def _unnamed_deal(item: Token, trigger: Token, actors: dict[int, ActorMention], ctx: Context) -> set[str]:
    """"It was announced together with the purchase of three frigates": a counted item whose
    transfer noun has no owner, in a sentence naming no state at all, is a deal of the article's two
    main states."""
    if actors or trigger.pos_ not in ("NOUN", "PROPN") or len(ctx.main) < 2:
        return set()
    if any(c.dep_ == "poss" for c in trigger.children) or not any(c.dep_ == "nummod" for c in item.children):
        return set()
    return set(ctx.main[:2])


def _seller(codes: set[str], trigger: Token, ctx: Context) -> set[str]:
    """"India announced it would buy MQ-9B drones made by General Atomics": a buyer naming no
    seller at all buys from the article's other main state (the two the article is about)."""
    lex = lexicon()
    verb = trigger
    signed = trigger.dep_ == "dobj" and lex.has("sign_verb", trigger.head.lemma_.lower())
    taken = trigger.dep_ == "dobj" and lex.has("arms_receive", trigger.head.lemma_.lower())
    if trigger.pos_ in ("NOUN", "PROPN") and (signed or taken):
        verb = trigger.head  # "Warsaw signed a contract for 250 tanks", "it took delivery of": the subject buys
    elif not (trigger.pos_ in ("VERB", "AUX") and (lex.has("arms_buy", trigger.lemma_.lower())
                                                  or lex.has("arms_receive", trigger.lemma_.lower()))):
        return set()
    if any(c.dep_ == "prep" and c.lower_ == "from" for c in [*trigger.children, *verb.children]):
        return set()  # "ordered tanks from Rheinmetall": the seller is named, and is no state
    main = ctx.main[:2]
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if own and all(g.lower_ in SIDE_PRONOUNS for g in own) and not codes <= set(main):
        # "it took delivery of Chinese missile systems": the named state sells, the pronoun is
        # the article's first main state the sentence does not name
        buyer = [c for c in main if c not in codes]
        return {buyer[0]} if buyer else set()
    if len(main) < 2:
        return set()
    if codes <= set(main):
        return set(main) - codes
    if ctx.dateline in main and ctx.dateline not in codes and lex.has("arms_receive", verb.lemma_.lower()):
        return {ctx.dateline}  # "WASHINGTON - ... The UAE is to receive 96 interceptors": from the dateline's state
    return set()


def _giver(named: set[str], trigger: Token, ctx: Context) -> set[str]:
    """"we have donated 19 F-16s to Ukraine", "it would buy 18 Rafale jets from France": a giving
    verb with its receiver ("to X") or a buying verb with its seller ("from X"), whose own side is
    only a pronoun, is done by the first of the article's two main states that the sentence does
    not name (a state it names is the other side, here or in the next clause: "and now we have
    sold 24 to Argentina")."""
    lemma = trigger.lemma_.lower()
    if trigger.pos_ not in ("VERB", "AUX"):
        return set()
    prep = "to" if lexicon().has("arms_give", lemma) else "from" if lexicon().has("arms_buy", lemma) else None
    own = [c for c in trigger.children if c.dep_ == "nsubj"]
    if prep is None or not own or any(g.lower_ not in SIDE_PRONOUNS for g in own):
        return set()
    other = [c for c in trigger.children if c.dep_ in ("prep", "dative") and c.lower_ == prep]
    main = [c for c in ctx.main[:2] if c not in named]
    return {main[0]} if other and main else set()


def _too_generic(item: Token) -> bool:
    lex = lexicon()
    if not lex.has("arms_generic", item.lower_):
        return False
    named = any(c.dep_ in ("compound", "nummod") or c.pos_ == "PROPN" for c in item.children)
    return not named


def deal_states(sentence: Sentence, actors: dict[int, ActorMention], trigger: Token) -> set[str]:
    """States of the deal: every state token that is not only a topic and not in a relative clause
    about something else."""
    codes = set()
    seen: set[int] = set()
    for i, mention in actors.items():
        if mention.kind != "state" or id(mention) in seen:
            continue
        seen.add(id(mention))
        tok = sentence.span.doc[i]
        if _in_topic(tok) or _in_other_clause(tok, trigger):
            continue
        codes.add(mention.code)
    return codes


def _in_topic(tok: Token) -> bool:
    for a in tok.ancestors:
        if a.dep_ == "prep" and a.lower_ in ARMS_TOPIC_PREPS:
            return True
        if a.pos_ in ("VERB", "AUX"):
            return False
    return False


def _in_other_clause(tok: Token, trigger: Token) -> bool:
    """In a relative or adverbial clause that does not hold the transfer ("which Paris supplies to
    Kiev", "beating rival offers from Russian and Polish firms"), or in a conjoined clause that does
    not hold it ("we donated jets to Ukraine, and now we have sold 24 aircraft to Argentina":
    Argentina is the other sale's buyer; "clinches an arms package, sits down with Syria's leader")."""
    for a in [tok, *tok.ancestors]:
        if a.dep_ in ("relcl", "acl", "advcl") and a.pos_ in ("VERB", "AUX"):
            if a.dep_ != "advcl" and _names_the_deal(a.head, trigger):
                continue  # "received jets under a deal signed with France": the clause tells this deal
            inside = {t.i for t in a.subtree}
            return trigger.i not in inside
        if a.dep_ == "conj" and a.pos_ == "VERB" and trigger.i not in {t.i for t in a.subtree}:
            return True  # "clinches an arms package in Riyadh, sits down with Syria's new leader"
    return False


def _names_the_deal(noun: Token, trigger: Token) -> bool:
    """A deal noun the transfer itself is under or by: "received jets under a deal ...", "the
    delivery under a contract ..."."""
    if noun.pos_ not in ("NOUN", "PROPN") or not lexicon().has("arms_noun", noun.lower_):
        return False
    return noun.i == trigger.i or any(a.i == trigger.i for a in noun.ancestors)


def item_phrase(head: Token, sentence: Sentence) -> str:
    """The item's noun phrase as written: numbers and modifiers before the head ("four new Gripen
    fighter jets", "Swedish-made"), without determiners and possessives."""
    left = [t for t in head.subtree if t.i <= head.i]
    keep = [t for t in left if t.dep_ not in ("det", "poss", "case", "predet")]
    while keep and (keep[0].dep_ == "punct" or keep[0].i < head.i and keep[0].head.i not in {k.i for k in keep}
                    and keep[0].head.i != head.i):
        keep = keep[1:]
    first = keep[0] if keep else head
    start, end = first.idx, head.idx + len(head.text)
    return sentence.span.doc.text[start:end]
