"""The fields of an agreement from its mentions' sentences: status, dates, ratifications, term,
renewal, notice, secrecy and provisions (negated phrases skipped)."""

from __future__ import annotations

import re
from datetime import date as calendar_date
from datetime import timedelta

from pactwatch.calendar_days import add_months, date_bounds
from pactwatch.facts import Renewal
from pactwatch.nlp import grammar
from pactwatch.nlp.actors import actor_kind
from pactwatch.nlp.cues import cue_patterns
from pactwatch.nlp.frame import STAGES, Frame
from pactwatch.nlp.lexicon import (
    agreement_terms,
    all_values,
    first_value,
    has_term,
    head_kind,
    provision_patterns,
)
from pactwatch.nlp.mentions import mention_text, mention_tokens
from pactwatch.nlp.modality import Modality, clause_modality, end_modality, has_modal, matches, sentence_modality
from pactwatch.nlp.numbers import Duration, find_durations
from pactwatch.nlp.parties import BESIDE
from pactwatch.nlp.sentences import DateMention, Sentence
from pactwatch.sameness import date_refines

ADJUNCT_PREPS = {"under", "according", "within", "per", "through", "via"}


ADJUNCT_NOUNS = {"part", "accordance", "line", "framework", "context", "terms", "basis"}


def fill_fields(frame: Frame, sentence: Sentence, head: grammar.Token) -> None:
    """Status, dates, term, renewal, notice, secrecy and provisions from the mention's sentence."""
    lowered = sentence.text.lower()
    verb = grammar.clause_verb(head)
    clause = " ".join(t.lower_ for t in _own_clause_tokens(verb, head)) if verb is not head else lowered
    stage = None if _in_adjunct(head) else _stage(verb, clause)
    stage_verb = verb
    for child in own_clauses(head):  # "the preferential agreement recently signed": its own participle
        own = _stage(child, " ".join([*(t.lower_ for t in child.lefts), child.lower_])) or _entered_into_force(
            child, head)
        if own == "proposed" and _tells_content(child):
            continue  # "the treaty, under which an attack ... is considered ...": what it provides will happen
        if own and (stage in (None, "proposed") or own == stage == "in_force" or own in STAGES and stage in STAGES
                    and STAGES.index(own) > STAGES.index(stage)):
            stage, stage_verb = own, child
        elif own == "signed" and open_date(frame.signed) and (date := clause_date(sentence, child)):
            # ratified now, "..., which the two countries signed in Paris on September 28"
            set_date(frame, "signed", date, sentence)
    if stage == "proposed" and _scheduled_entry_into_force(sentence, verb, clause):
        stage = "in_force"
    if stage in ("expired", "terminated", "rejected"):
        record_end(frame, sentence, stage, stage_verb)
    elif stage and (frame.stage is None or STAGES.index(stage) > STAGES.index(frame.stage)):
        frame.stage = stage
        frame.cite("status", sentence)
    dates = [d for d in grammar.explicit_dates(sentence) if d.value]
    if stage in ("ratified", "in_force") and open_date(frame.signed) and (
            date := _relative_signing_date(sentence, head)):
        # "ratified ... the agreement with Italy, which the two countries signed on April 2"
        set_date(frame, "signed", date, sentence)
    if stage == "signed" and dates and open_date(frame.signed) and _aside_about_a_party(verb, head):
        # "the Philippines, which also has a pact with Japan, ..."
        set_date(frame, "signed", own_date(sentence, verb), sentence)
    elif stage == "signed" and dates and open_date(frame.signed):
        set_date(frame, "signed", clause_date(sentence, stage_verb) if stage_verb is not verb else (
            _attached_date(sentence, head) or signing_date(sentence, head)
            or _clause_date_of(sentence, verb, head) or _only_date(sentence, head)
            or segment_date(sentence, head)), sentence)
    if stage in STAGES:
        said_of_each_verb(frame, sentence, head)  # "signed in 2006 and came into force in 2008": a date a verb
    if stage == "in_force" and dates and open_date(frame.in_force):
        set_date(frame, "in_force", (stage_verb is not verb and own_date(sentence, stage_verb)) or clause_date(
            sentence, verb) or dates[0].value, sentence)
    if stage == "in_force" and frame.in_force is None and frame.signed and ON_SIGNATURE.search(lowered):
        set_date(frame, "in_force", frame.signed, sentence)  # "took effect upon signing": the day it was signed
    if open_date(frame.signed) and (date := _date_in_name(sentence, head)):
        set_date(frame, "signed", date, sentence)  # "its 2014 treaty", "the treaty of July 16, 2014"
    _term_fields(frame, sentence, lowered)
    if frame.notice_given is None and (given := notice_given(sentence, head)):
        frame.notice_given = given
        frame.cite("ended", sentence)  # kept only where the notice period then dates the end
    if SECRET_MENTION.search(mention_text(head).lower()) or re.search(
            r"(kept|remain(?:s|ed)?|were|was|are|is) (?:kept )?(secret|classified|confidential)|"
            r"(?:details|contents?|terms) (?:of the \w+ )?(?:were|was|have not been|has not been) (?:not )?"
            r"(?:disclosed|made public|released)", lowered):
        frame.secret = True
        frame.cite("secret", sentence)
    for code in provisions_in(sentence, head):
        if code not in frame.provisions:
            frame.provisions.add(code)
            frame.cite("provisions", sentence)


ON_SIGNATURE = re.compile(r"\b(?:(?:up)?on|from|at) (?:the )?(?:(?:day|date|moment) of )?(?:its )?"
                          r"(?:signature|signing)\b")


# "a secret agreement", "the classified annex"; not an agreement on classified information
SECRET_MENTION = re.compile(r"\bsecret\b(?! (?:military |defen[cs]e )?(?:information|material|documents|data))|"
                            r"\bclassified\b(?! (?:military |defen[cs]e )?(?:information|material|documents|data))")


def _entered_into_force(child: grammar.Token, head: grammar.Token) -> str | None:
    """"the pact, which entered into force on 1 June 1999": the mention's own clause says it took
    effect (not a clause of another agreement nested in it, not a future one)."""
    stage = _stage(child, " ".join(t.lower_ for t in _own_clause_tokens(child, head)))
    return stage if stage == "in_force" else None


def _own_clause_tokens(verb: grammar.Token, head: grammar.Token) -> list[grammar.Token]:
    """The verb's clause less the relative clauses on agreement nouns ("signed a treaty that supersedes
    their 1998 pact, which entered into force in 1999": that entry into force is the old pact's; the
    mention's own relative clauses are read one by one, with their own tense)."""
    others = [c for c in verb.subtree if c.dep_ in ("relcl", "acl") and c.i != verb.i
              and head_kind(c.head.lower_) is not None and head not in c.subtree]
    # another agreement named in the clause ("builds on the Lombok Treaty, ... that came into force
    # in 2008"): its phrase, with its appositions and clauses, tells that agreement's stage
    others += [t for t in verb.subtree if t.i != head.i and t.i != verb.i and t.pos_ in ("NOUN", "PROPN")
               and head_kind(t.lower_) == "generic" and head not in t.subtree and t.dep_ != "conj"
               and head.i not in {c.i for c in t.conjuncts}]
    skip = {x.i for c in others for x in c.subtree}
    skip |= {t.i for t in verb.subtree if t.i != verb.i and t.pos_ in ("VERB", "AUX")
             and any(c.dep_ == "neg" for c in t.children)}  # "debated the treaty but did not vote on it"
    return [t for t in verb.subtree if t.i not in skip]


def _tells_content(clause: grammar.Token) -> bool:
    """"the treaty, under which an attack on one ally is considered an attack on all": a relative
    clause that says what happens under the agreement (its future or intention is the content's)."""
    return any(c.dep_ == "prep" and c.lower_ in ADJUNCT_PREPS and any(
        g.dep_ == "pobj" and g.lower_ in ("which", "whom") for g in c.children) for c in clause.children)


def _in_adjunct(head: grammar.Token) -> bool:
    """"Under the deal, planes will operate ...": the clause tells what the deal does, not its stage."""
    if head.dep_ != "pobj":
        return False
    prep = head.head
    return prep.lower_ in ADJUNCT_PREPS or prep.head.lower_ in ADJUNCT_NOUNS or (  # "as part of the agreement"
        prep.lower_ in BESIDE and prep.head.pos_ in ("VERB", "AUX"))  # "days after Poland's separate deal"


def _stage(verb: grammar.Token, clause: str) -> str | None:
    """The stage the verb's clause reports, as far as it happened (``modality``): an end is
    recorded only when it happened ("will expire in 2030" ends nothing), an expected or conditional
    signature, ratification or entry into force is only proposed, a denied one says nothing."""
    lemma = verb.lemma_.lower()
    if ceases(verb):  # "ceased to have effect", "is no longer in force"
        return "expired" if end_modality(verb, clause) is Modality.HAPPENED else None
    said = clause_modality(verb, _without_other_subjects_conjuncts(verb, clause))
    for value in ("rejected", "terminated", "expired"):
        if value in all_values("status", lemma):
            return value if end_modality(verb, clause) is Modality.HAPPENED else None
    if "in_force" in all_values("status", clause):
        # "signed ..., and the agreement will enter into force 30 days later": the conjoined verb
        # that says it is the one whose modality counts
        carrier = next((v for v in conjoined_verbs(verb)[1:] if "in_force" in all_values(
            "status", " ".join(t.lower_ for t in _verb_own_words(v)))), None)
        if carrier is not None:
            own = _stage(verb, " ".join(t.lower_ for t in _verb_own_words(verb)))
            later = _stage(carrier, " ".join(t.lower_ for t in carrier.subtree))
            return later if later == "in_force" or own is None else own  # "signed ..., and will enter ..."
        # "came into effect ... after it was signed": a simple past tells what happened, whatever it waited for
        if said is Modality.NEGATED:
            return None
        happened = said is Modality.HAPPENED or verb.tag_ == "VBD" and not has_modal(verb) and not any(
            c.dep_ == "xcomp" for c in verb.children)  # "was to remain in force": what was planned
        return "in_force" if happened else "proposed"
    stage = first_value("status", lemma) or next(
        (v for v in all_values("status", clause) if v in STAGES), None)  # "until terminated" ends nothing
    if stage in ("signed", "ratified", "in_force"):
        if said is Modality.NEGATED:
            return None
        if said is not Modality.HAPPENED:
            return "proposed"
    return stage


SIGN_LEMMAS = re.compile(r"^(?:sign|ink|conclude|seal|initial)$")


# The words from a verb on that say an agreement stopped applying, without saying what ended it.
CEASES = re.compile(r"^(?:ceas|stopp?)\w* to (?:have (?:any |legal )?effect|apply|be (?:in force|in effect|valid|"
                    r"binding|applied))\b|^(?:is|was|are|were|has been|had been) no longer (?:in force|in effect|"
                    r"valid|binding)\b")
# Lemmas of a party's act of ending whose day is not the day the agreement ends: a notice period may
# follow ("denounced the treaty on 2 May 2023" with twelve months' notice).
END_TAKES_TIME = {"denounce", "withdraw", "suspend", "pull", "notify", "quit", "leave"}


def ceases(verb: grammar.Token) -> bool:
    """"ceased to have effect", "stopped applying", "is no longer in force": the verb says the
    agreement stopped applying, without saying what ended it."""
    return bool(CEASES.match(" ".join(t.lower_ for t in verb.subtree if t.i >= verb.i)))


def record_end(frame: Frame, sentence: Sentence, stage: str, verb: grammar.Token) -> None:
    """An end that happened: the status (a neutral "ceased to apply" is a termination where the
    sentence says a party ended it, and never undoes what an earlier sentence said ended it), and
    the day it ceased to have effect where the ending verb's own words date it. The day of a party's
    act that may take effect later ("denounced the treaty on 2 May", "withdrew") is not that day."""
    neutral = ceases(verb)
    if neutral and LEAVING.search(sentence.text.lower()):  # "gave notice ..., and the treaty ceased to apply"
        stage, neutral = "terminated", False
    if not (neutral and frame.end_state):
        frame.end_state = stage
    frame.cite("status", sentence)
    if stage != "rejected" and verb.lemma_.lower() not in END_TAKES_TIME:
        set_date(frame, "ended", end_date(sentence, verb), sentence)


def end_date(sentence: Sentence, verb: grammar.Token) -> str | None:
    """The date in the ending verb's own words and its complement's ("ceased to have effect on 2 May
    2024", "expired in 2019"), not a date of its subject ("the treaty, in force since 1990, expired")
    or of another clause."""
    words = {t.i for t in _verb_own_words(verb)}
    words |= {t.i for c in verb.children if c.dep_ == "xcomp" for t in _verb_own_words(c)}
    words -= {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    return next((d.value for d, t in clause_dates(sentence) if d.value and t.i in words), None)


NOTICE_GIVING = re.compile(r"^(?:give|serve|submit|deliver|send|lodge|hand)$")


def notice_given(sentence: Sentence, head: grammar.Token) -> str | None:
    """The exact day a party gave notice ending the mention's agreement, where its clause (or a
    clause coordinated with it) says so and that happened: "The government gave that notice on 2 May
    2023, and the treaty ceased to ...", "gave notice of its withdrawal from the pact on 3 March"."""
    verbs = conjoined_verbs(_top_of_coordination(grammar.clause_verb(head)))
    for verb in verbs:
        if not NOTICE_GIVING.match(verb.lemma_.lower()):
            continue
        if not any(c.dep_ == "dobj" and c.lemma_.lower() in ("notice", "notification") for c in verb.children):
            continue
        words = " ".join(t.lower_ for t in verb.subtree if t.i not in {x.i for c in coordinate_clauses(verb)
                                                                        for x in c.subtree})
        if clause_modality(verb, words) is not Modality.HAPPENED or "renew" in words:
            continue  # "notice of non-renewal" ends a term, not the agreement on notice
        date = own_date(sentence, verb)
        if date and len(date) == 10:
            return date
    return None


def _top_of_coordination(verb: grammar.Token) -> grammar.Token:
    """The first verb of the coordination ``verb`` is in ("gave ..., and the treaty ceased": "gave")."""
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb


def ended_by_notice(frame: Frame) -> str | None:
    """The day the agreement ceases to have effect: as a sentence dates it, else the day a party gave
    notice plus the notice period the article states for ending it (12 months' notice given on
    2023-05-02: 2024-05-02; a day that may still be ahead of the article, so the status stays what
    the text says). Not where the notice is one against an automatic renewal (that ends a term, on
    a day the renewal rule sets)."""
    if frame.ended or not frame.notice_given or not frame.notice_months or (
            frame.renewal is not None and frame.renewal.automatic):
        return frame.ended
    given = date_bounds(frame.notice_given)
    if given is None or given[0] != given[1]:
        return None
    try:
        return add_months(given[0], round(frame.notice_months)).isoformat()
    except OverflowError:
        return None


def _without_other_subjects_conjuncts(verb: grammar.Token, clause: str) -> str:
    """The clause less conjoined clauses that have a subject of their own ("Sweden signed a similar
    agreement in December, and its Riksdag is expected to take it up"): their modality is theirs."""
    other = [c for c in coordinate_clauses(verb) if any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    if not other:
        return clause
    skip = {t.i for c in other for t in c.subtree}
    return " ".join(t.lower_ for t in verb.subtree if t.i not in skip)


def coordinate_clauses(verb: grammar.Token) -> list[grammar.Token]:
    """Verbs conjoined to ``verb`` as clauses of their own: joined by "and", "but" or a comma or
    semicolon ("Sweden signed it in December, and its Riksdag is expected to take it up"), not a
    clause the parser hung as a conjunct with nothing joining it ("enters into force on the first
    day of the month after the second parliament has approved it": a condition of the verb)."""
    out = []
    for c in verb.children:
        if c.dep_ != "conj" or c.pos_ not in ("VERB", "AUX"):
            continue
        between = verb.doc[verb.i + 1: c.left_edge.i]
        if any(j.head.i in (verb.i, c.i) and (j.dep_ == "cc" or j.lower_ in (",", ";")) for j in between):
            out.append(c)
    return out


def _aside_about_a_party(verb: grammar.Token, head: grammar.Token) -> bool:
    """The mention sits in a relative clause on another noun ("Australia signed a treaty with the
    Philippines, which also has a pact with Japan, on February 2"): the main clause's dates are not its."""
    return verb.dep_ in ("relcl", "acl") and verb.i != head.i and head.i in {t.i for t in verb.subtree} and \
        verb.head.i != head.i and not SIGN_LEMMAS.match(verb.lemma_.lower())


def clause_dates(sentence: Sentence) -> list[tuple[DateMention, grammar.Token]]:
    """The sentence's dates that can date a clause: a year that names a thing ("the 2025 plan",
    "a 2030 target") is its name or period, not the day something happened."""
    return [(d, t) for d, t in grammar.date_tokens(sentence)
            if not (d.value and len(d.value) == 4 and t.dep_ in ("nummod", "compound", "amod", "nmod")
                    and t.head.pos_ == "NOUN" and t.head.i > t.i)]


def signing_date(sentence: Sentence, head: grammar.Token) -> str | None:
    """The date that hangs from the mention's signing verb ("(signed on January 11, 2023)"),
    not another clause's date ("On September 15 ... exchanged notes")."""
    own = grammar.clause_family(grammar.clause_verb(head)) | {c.i for c in head.children if c.dep_ in ("acl", "relcl")}
    signs = {t.i for t in sentence.span if t.i in own and SIGN_LEMMAS.match(t.lemma_.lower())}
    if not signs:  # "(signed on ...)" in a parenthesis the parser hangs elsewhere
        signs = {t.i for t in sentence.span if t.pos_ == "VERB" and t.i > head.i and t.dep_ in ("parataxis", "appos")
                 and SIGN_LEMMAS.match(t.lemma_.lower())}
    for date, tok in clause_dates(sentence):
        if date.value and grammar.clause_verb(tok).i in signs and not _dates_another_mention(tok, head):
            return date.value
    return None


def _dates_another_mention(tok: grammar.Token, head: grammar.Token) -> bool:
    """"signed the LEMOA in 2016, and the COMCASA two years later": the date hangs from the other
    agreement named in the sentence, not from this one."""
    own = {t.i for t in mention_tokens(head)}
    for a in [tok, *grammar.ancestors_until_verb(tok)]:
        if a.i == head.i:
            return False  # reached this mention first
        if a.i not in own and a.pos_ in ("NOUN", "PROPN") and head_kind(a.lower_) == "generic":
            return True
    return False


def _attached_date(sentence: Sentence, head: grammar.Token) -> str | None:
    """A date modifying the mention itself, no verb between ("..., and the COMCASA two years later")."""
    for date, tok in clause_dates(sentence):
        if date.value and tok.i > head.i and any(a.i == head.i for a in grammar.ancestors_until_verb(tok)) \
                and not _dates_another_mention(tok, head):
            return date.value
    return None


def segment_date(sentence: Sentence, head: grammar.Token) -> str | None:
    """The first date after the mention and before the sentence's next agreement noun that follows a
    comma (an adjunct of the main clause, after a relative clause the parse hung it in: "signed the
    Memorandum, which lets ..., in 2016, and the Agreement ..."), not a date inside that clause."""
    later_heads = [t.i for t in sentence.span if t.i > head.i and t.pos_ in ("NOUN", "PROPN")
                   and head_kind(t.lower_) == "generic" and t.i not in {m.i for m in mention_tokens(head)}]
    stop = later_heads[0] if later_heads else len(sentence.span.doc)
    doc = sentence.span.doc
    for date, tok in clause_dates(sentence):
        first = min(t.i for t in tok.subtree)
        opener = first - 1 if first > 0 and doc[first - 1].pos_ == "ADP" else first
        if date.value and head.i < tok.i < stop and opener > 0 and doc[opener - 1].text == ",":
            return date.value
    return None


def _only_date(sentence: Sentence, head: grammar.Token) -> str | None:
    """The sentence's one date, unless it belongs to a clause describing another noun ("the
    framework agreement concluded in 2012")."""
    dated = [(d, t) for d, t in clause_dates(sentence) if d.value]
    if len(dated) != 1:
        return None
    verb = grammar.clause_verb(dated[0][1])
    if verb.dep_ in ("acl", "relcl") and (verb.head.i != head.i and head_kind(verb.head.lower_)
                                          or verb.head.i == head.i and not SIGN_LEMMAS.match(verb.lemma_.lower())):
        return None  # "the agreement, which they had negotiated on 8 March"; not "a conference held on ..."
    return dated[0][0].value


def _scheduled_entry_into_force(sentence: Sentence, verb: grammar.Token, clause: str) -> bool:
    """"The Agreement will enter into force on October 15, 2023": a set day, no condition left."""
    if "in_force" not in all_values("status", clause) or matches("pending", clause) or matches("condition", clause):
        return False
    family = grammar.clause_family(verb)
    return any(d.value and len(d.value) == 10 and grammar.clause_verb(t).i in family
               for d, t in grammar.date_tokens(sentence))


def _clause_date_of(sentence: Sentence, verb: grammar.Token, head: grammar.Token) -> str | None:
    """The clause's date, unless it is another mention's."""
    family = grammar.clause_family(verb)
    for date, tok in clause_dates(sentence):
        if date.value and grammar.clause_verb(tok).i in family and not _dates_another_mention(tok, head):
            return date.value
    return None


def clause_date(sentence: Sentence, verb: grammar.Token) -> str | None:
    family = grammar.clause_family(verb)
    for date, tok in clause_dates(sentence):
        if date.value and grammar.clause_verb(tok).i in family:
            return date.value
    return None


def own_date(sentence: Sentence, verb: grammar.Token) -> str | None:
    """The date inside the verb's own clause, not in a clause conjoined to it ("X gave its consent in
    November, and Y passed the law earlier this year": November is X's alone)."""
    skip = {t.i for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for t in c.subtree}
    for date, tok in clause_dates(sentence):
        if date.value and tok in verb.subtree and tok.i not in skip:
            return date.value
    return None


def continue_ratification(frame: Frame, sentence: Sentence, approvals: list[tuple[str, grammar.Token]]) -> None:
    """A sentence right after an agreement's mention in which legislatures approve without naming it
    ("The Senate gave its consent on May 2"): ratifications of that agreement by their states (by
    any state for an accession, where members ratify the candidate's entry)."""
    for code, verb in approvals:
        if code in frame.parties and len(frame.parties) >= 2 or frame.accession and actor_kind(code) == "state":
            record_ratifiers(frame, sentence, {code}, own_date(sentence, verb))


QUALIFIED_DECADE = re.compile(r"\b(?:(?:an?|one|the) (?:initial|first|further|additional|renewable) decade|"
                              r"(?:every|each|another|subsequent|successive|further|additional) decades?|"
                              r"for (?:the next|a) decade)\b")
# "ending talks that had run for five years", "after a war that lasted two years": how long something
# else went on, not the agreement's term
OTHER_SPAN = re.compile(r"\b(?:talks|negotiations|negotiating|war|fighting|conflict|dispute|crisis|standoff|"
                        r"stalemate|occupation)\b[^.;,]{0,30}$")
# "valid until 2035", "remains in force through 2040": the end year of the term
VALID_UNTIL = re.compile(r"\b(?:(?:valid|in force|in effect|runs?|lasts?) (?:until|through|till|to)|expires? in|"
                         r"expiring in) (?:(?:the end of|\w+ \d{1,2},|\d{1,2} \w+|\w+) )?((?:19|20)\d{2})\b")
# "a decade-long pact": the period as an adjective of the agreement noun
LONG_AGREEMENT = re.compile(r"[- ]long (?:\w+ ){0,2}(?:pact|treaty|agreement|accord|deal|lease|memorandum)\b")
# "signed ... on 3 March 2021 for thirty years": a period right after "for" in a clause of signing
SIGNED_FOR = re.compile(r"\b(?:sign|conclud|agreed|struck|seal|ink|initial)\w*\b[^.;]{0,110}\bfor (?:an? (?:initial )?"
                        r"(?:period|term) of )?$")
# A period followed by these is a span of time between two events ("four years after talks were
# launched", "one year later"), not the agreement's term.
EVERY = re.compile(r"\b(?:every|each)\s*$")  # "every decade after that": a period, not a span
SPAN_AFTER = re.compile(r"^['’]?\s*(?:after|before|later|earlier|since|on from|into)\b")
AGE = re.compile(r"^[- ]?(?:years? )?old\b")  # "the nearly 40-year-old F-16s": an age, not a term
# A year-long period that is a notice: "one year's written notice", "... then ceases to apply one year later".
YEAR_NOTICE = re.compile(r"^['’]s?\s+(?:\w+\s+)?(?:notice|notification)\b")
LEAVING = re.compile(r"notice|notif|terminat|withdraw|denounc|denunc|\bleave\b|\bquit")


def _durations(sentence: Sentence, lowered: str) -> list[Duration]:
    """Periods the sentence states, with "an initial decade" (ten years) among them."""
    found = find_durations(sentence.text, sentence.start)
    found += [Duration(10.0, "year", sentence.start + m.start(), sentence.start + m.end())
              for m in QUALIFIED_DECADE.finditer(lowered) if not any(d.start <= sentence.start + m.start() < d.end
                                                                    for d in found)]
    return found


# "the denunciation would take effect in six months": the time a party's leaving takes is its notice
LEAVING_TAKES_EFFECT = re.compile(r"\b(?:denunciation|withdrawal|termination|exit)\b[^.;]{0,60}\b(?:take|takes|taking|"
                                  r"took|come|comes|become|becomes) (?:effect|into force|effective)\b")


DAYS_NOTICE = re.compile(r"^\s*(?:in advance|before|prior|['’]s?\s+(?:\w+\s+)?notice)")


def _is_notice(d: Duration, before: str, after: str, lowered: str) -> bool:
    """A period of notice: months "in advance"/"notice", or a year's "notice" or withdrawal taking
    effect that long "later"."""
    if d.unit == "month" and (re.search(r"notice|notif|in advance|before|prior", before + after + lowered)
                              or LEAVING_TAKES_EFFECT.search(lowered)):
        return True
    if d.unit == "day" and d.value >= 28 and (DAYS_NOTICE.match(after) or LEAVING_TAKES_EFFECT.search(lowered)):
        return True  # "notifies the other 90 days in advance", "with 180 days' notice"
    return d.unit == "year" and bool(YEAR_NOTICE.match(after) or re.match(r"\s*later\b", after)
                                     and re.search(r"notif|withdraw|denounc|\bleave\b", lowered))


ADVERBIAL_DATE = re.compile(r"\b(?:in|on|at|during|since|from)\s*$")  # a date of the clause, not of a name


def _term_fields(frame: Frame, sentence: Sentence, lowered: str) -> None:
    durations = _durations(sentence, lowered)
    renewal_match = next((m for _, rx in agreement_terms_of("renewal") for m in [rx.search(lowered)] if m), None)
    for d in durations:
        before = lowered[max(0, d.start - sentence.start - 40): d.start - sentence.start]
        after = lowered[d.end - sentence.start: d.end - sentence.start + 30]
        if _is_notice(d, before, after, lowered):
            if LEAVING.search(lowered) and frame.notice_months is None:
                frame.notice_months = round(d.months) if d.unit == "day" else d.months
                frame.cite("termination_notice_months", sentence)
            continue
        periodic = bool(re.match(r"(?:every|each)\b", lowered[d.start - sentence.start:]) or EVERY.search(before))
        if d.unit != "year" or re.search(r"\bago\b|\bsince\b|\bover the past\b|\bin the past\b", before + after) \
                or SPAN_AFTER.match(after) and not periodic or OTHER_SPAN.search(before) or AGE.match(after):
            continue
        is_renewal = renewal_match and renewal_match.start() < d.start - sentence.start and not any(
            renewal_match.end() <= m.start - sentence.start < d.start - sentence.start for m in sentence.dates
            if m.value and ADVERBIAL_DATE.search(lowered[: m.start - sentence.start])
        )  # "renewed in June 2015 for a period of ten years": a renewal that happened, its term (not "their 1999 pact")
        if is_renewal:
            automatic = has_term("term", "automatic", lowered)
            frame.renewal = Renewal(automatic, d.years)
            frame.cite("renewal", sentence)
        elif frame.duration_years is None and (has_term(
                "term", "duration", before + sentence.text.lower()[d.start - sentence.start: d.end - sentence.start])
                or SIGNED_FOR.search(lowered[max(0, d.start - sentence.start - 100): d.start - sentence.start])
                or LONG_AGREEMENT.match(after)):
            frame.duration_years = d.years
            frame.cite("duration_years", sentence)
    _term_until(frame, sentence, lowered)
    if renewal_match and frame.renewal is None and has_term("term", "automatic", lowered):
        frame.renewal = Renewal(True, None)
        frame.cite("renewal", sentence)


def _term_until(frame: Frame, sentence: Sentence, lowered: str) -> None:
    """"valid until 2035" for an agreement signed (or in force) in 2025: a term of ten years."""
    start = frame.in_force or frame.signed
    if frame.duration_years is not None or not start or not (m := VALID_UNTIL.search(lowered)):
        return
    years = int(m.group(1)) - int(start[:4])
    if 0 < years <= 99 and not OTHER_SPAN.search(lowered[: m.start()]):
        frame.duration_years = years
        frame.cite("duration_years", sentence)


def agreement_terms_of(value: str) -> list[tuple[str, re.Pattern[str]]]:

    return [(v, rx) for v, rx in agreement_terms()["term"] if v == value]


def provisions_in(sentence: Sentence, head: grammar.Token | None = None) -> list[str]:
    """Provision codes the sentence states, skipping negated phrases and, for a mention ``head``,
    what a clause describing another agreement says ("replaces the declaration signed in 2007,
    when the concerns were peacekeeping")."""
    lowered = sentence.text.lower()
    elsewhere = _other_agreements_clauses(sentence, head) if head is not None else set()
    found = []
    for code, rx in provision_patterns():
        for m in rx.finditer(lowered):
            tok = grammar.token_at(sentence, sentence.start + m.start(), sentence.start + m.end())
            said_negatively = code in NEGATIVE_PROVISIONS and bool(re.match(r"(?:never|not|non)\b", m.group()))
            if tok is not None and (grammar.is_negated(tok) and not said_negatively or tok.i in elsewhere):
                continue
            if NEGATED_BEFORE.search(lowered[: m.start()]) and not said_negatively:
                continue
            found.append(code)
            break
    return found


# provisions whose phrasing is itself a negation ("pledge never to use force against one another")
NEGATIVE_PROVISIONS = {"nonaggression", "neutrality"}
NEGATED_BEFORE = re.compile(r"\b(?:not|no|without|short of|lacks?|lacking|rather than|instead of|excludes?|"
                            r"excluding|omits?)\b[^.;,]{0,30}$")


REPLACE_LEMMAS = {"replace", "supersede", "succeed", "supplant", "substitute"}


BUILD_ON_LEMMAS = {"build", "base", "model", "expand", "upgrade", "update", "amend", "supplement", "complement"}


def builds_on(head: grammar.Token) -> bool:
    """"The new agreement builds on the Lombok Treaty", "is based on the 2006 pact", "amends the
    1998 accord": the mention is the older agreement another one rests on, not that one."""
    up = head.head
    if head.dep_ == "pobj" and up.lower_ in ("on", "upon") and up.head.lemma_.lower() in BUILD_ON_LEMMAS:
        return True
    return head.dep_ == "dobj" and up.lemma_.lower() in ("amend", "supplement", "complement", "upgrade") and any(
        c.dep_ == "nsubj" and (c.lower_ in ("it", "this", "which", "that") or head_kind(c.lower_) is not None)
        for c in up.children)


def in_replacement(head: grammar.Token) -> bool:
    """The mention is one side of a replacement ("X replaces Y", "Y will be replaced by X", "a treaty
    that supersedes Y"): the agreement on the other side, named in the same sentence, is not it."""
    up = head.head
    if head.dep_ in ("dobj", "nsubj", "nsubjpass") and up.lemma_.lower() in REPLACE_LEMMAS:
        return True
    if head.dep_ == "pobj" and up.lower_ == "by" and up.head.lemma_.lower() in REPLACE_LEMMAS:
        return True
    if builds_on(head):
        return True
    return any(c.dep_ in ("relcl", "acl") and c.lemma_.lower() in REPLACE_LEMMAS for c in head.children)


def _other_agreements_clauses(sentence: Sentence, head: grammar.Token) -> set[int]:
    """Token ids inside relative or participial clauses of the sentence's other agreement nouns."""
    out: set[int] = set()
    for tok in sentence.span:
        if tok.i == head.i or tok.pos_ not in ("NOUN", "PROPN") or head_kind(tok.lower_) != "generic":
            continue
        for clause in own_clauses(tok):
            if head not in clause.subtree:
                out |= {t.i for t in clause.subtree}
        if tok.i > head.i and in_replacement(tok) and in_replacement(head) and tok.head.i == head.head.i:
            out |= set(range(tok.i, sentence.span.end))  # "X replaces the 2007 declaration, ... peacekeeping"
    return out


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


def continue_terms(frame: Frame, sentence: Sentence) -> None:
    """A sentence right after an agreement's mention that goes on to state how it can be ended or
    how long it runs without naming it ("Either side may withdraw by giving one year's written
    notice"): its term, renewal and notice, where it names no state outside the agreement."""
    if any(a.kind == "state" and a.code not in frame.parties for a in sentence.actors):
        return
    _term_fields(frame, sentence, sentence.text.lower())


def _date_in_name(sentence: Sentence, head: grammar.Token) -> str | None:
    """A date that is part of the agreement's name: a year written before the head ("its 2014
    treaty"), or a date after "of" on the head ("the treaty of July 16, 2014"): when it was concluded."""
    inside = {t.i for t in mention_tokens(head) if t.i < head.i}
    for date, tok in grammar.date_tokens(sentence):
        if not date.value:
            continue
        if len(date.value) == 4 and tok.i in inside:
            return date.value
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i == head.i:
            return date.value
    return None


def conjoined_verbs(verb: grammar.Token) -> list[grammar.Token]:
    """The verb and the verbs conjoined to it ("was signed in 2006 and came into force in 2008")."""
    out = [verb]
    for t in out:
        out += [c for c in t.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c not in out]
    return out


def _verb_own_words(verb: grammar.Token) -> list[grammar.Token]:
    """The verb's own words: its subtree less the clauses of other verbs inside it."""
    nested = {t.i for t in verb.subtree if t.i != verb.i and t.pos_ in ("VERB", "AUX") and t.dep_ not in (
        "aux", "auxpass")}
    skip = {x.i for t in verb.subtree if t.i in nested for x in t.subtree}
    return [t for t in verb.subtree if t.i not in skip]


def said_of_each_verb(frame: Frame, sentence: Sentence, head: grammar.Token) -> None:
    """Each verb of the mention's clause that reports a signature or an entry into force that
    happened dates that stage with the date in its own words ("a treaty that was signed in November
    2006 and came into force in February 2008": each verb its own date)."""
    verb = grammar.clause_verb(head)
    tokens = _own_clause_tokens(verb, head) if verb is not head else []
    tokens += [t for c in own_clauses(head) for t in _own_clause_tokens(c, head) if t not in tokens]
    for v in [t for t in tokens if t.pos_ == "VERB" or t.pos_ == "AUX" and t.dep_ not in ("aux", "auxpass")]:
        own = _verb_own_words(v)
        words = " ".join(t.lower_ for t in own)
        field = "in_force" if "in_force" in all_values("status", words) else (
            "signed" if SIGN_LEMMAS.match(v.lemma_.lower()) else None)
        conj = {x.i for c in coordinate_clauses(v) for x in c.subtree}
        said = " ".join(t.lower_ for t in v.subtree if t.i not in conj)  # with its conditions ("once ...")
        if field is None or clause_modality(v, said) is not Modality.HAPPENED:
            continue
        ids = {t.i for t in own}
        date = next((d.value for d, t in clause_dates(sentence) if d.value and t.i in ids), None)
        set_date(frame, field, date, sentence)  # fills or refines only
        if field == "in_force" and frame.stage != "in_force":
            frame.stage = "in_force"  # "a treaty that was signed in 2006 and came into force in 2008"
            frame.cite("status", sentence)


def open_date(current: str | None) -> bool:
    """A date field that a later sentence may still fill or make more precise (a year or month)."""
    return current is None or len(current) < 10


def mention_signed(sentence: Sentence, head: grammar.Token) -> str | None:
    """The day a mention says its agreement was signed, where its own clause signs it and that
    happened ("signed a letter of intent in March"): a feature telling two same-party agreements
    apart."""
    if (named := _date_in_name(sentence, head)) is not None:
        return named  # "the 2013 agreement", "the treaty of July 16, 2014"
    for clause in own_clauses(head):  # "the defence treaty signed in 2014"
        if SIGN_LEMMAS.match(clause.lemma_.lower()) and (date := own_date(sentence, clause)):
            return date
    verb = grammar.clause_verb(head)
    if verb is head or not SIGN_LEMMAS.match(verb.lemma_.lower()) or head.dep_ not in ("dobj", "nsubjpass"):
        return None
    words = " ".join(t.lower_ for t in _own_clause_tokens(verb, head))
    if clause_modality(verb, words) is not Modality.HAPPENED:
        return None
    # "In March, the minister visited Chile and signed a letter of intent": the coordination's date
    return own_date(sentence, verb) or (clause_date(sentence, verb) if verb.dep_ == "conj" else None)


def set_date(frame: Frame, field: str, value: str | None, sentence: Sentence) -> None:
    """Set a date field of the frame when ``value`` fills or refines it, citing the sentence."""
    if date_refines(getattr(frame, field), value):
        setattr(frame, field, value)
        frame.cite(field, sentence)


def own_clauses(head: grammar.Token) -> list[grammar.Token]:
    """Participles and relative clauses that describe the mention: its own ("the agreement signed
    in 2014"), or a signing clause whose relative pronoun is its object, wherever the parser hung it
    ("the agreement with France, which the two countries signed in Paris")."""
    out = [c for c in head.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"]
    for tok in head.subtree:
        if tok.dep_ not in ("relcl", "acl") or tok.i == head.i or tok in out:
            continue
        if not SIGN_LEMMAS.match(tok.lemma_.lower()):
            continue
        if any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("which", "that") for c in tok.children) or (
                _pronoun_then_subject(head, tok)):
            out.append(tok)
    return out


def _relative_signing_date(sentence: Sentence, head: grammar.Token) -> str | None:
    """The date of a signing verb that follows "which" after the mention with no other verb or
    agreement noun between, however the parser hung that relative clause."""
    doc = head.doc
    end = sentence.span.end
    pronoun = next((i for i in range(head.i + 1, end) if doc[i].lower_ == "which"), None)
    if pronoun is None:
        return None
    if any(doc[i].pos_ in ("VERB", "AUX") or head_kind(doc[i].lower_) == "generic" for i in range(head.i + 1, pronoun)):
        return None
    verb = next((doc[i] for i in range(pronoun + 1, end) if doc[i].pos_ in ("VERB", "AUX")), None)
    if verb is None or not SIGN_LEMMAS.match(verb.lemma_.lower()):
        return None
    for date, tok in clause_dates(sentence):
        if date.value and tok.i > verb.i and grammar.clause_verb(tok).i == verb.i:
            return date.value
    return None


def _pronoun_then_subject(head: grammar.Token, verb: grammar.Token) -> bool:
    """", which the two countries signed in Paris" parsed as a participle on "countries": a relative
    pronoun, then only the noun the verb hangs from (no verb between), and no object of its own."""
    doc = head.doc
    pronoun = next((t.i for t in head.subtree if t.lower_ in ("which", "that") and head.i < t.i < verb.head.i), None)
    if pronoun is None or any(c.dep_ == "dobj" for c in verb.children) or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    return not any(doc[i].pos_ in ("VERB", "AUX") for i in range(pronoun + 1, verb.head.i))


def _has_modal(sentence: Sentence) -> bool:
    """"will", "would", "may" as verbs (not the month: "on 30 May"), outside clauses that describe a
    noun ("approved an agreement under which Ankara will help": what the agreement does, not the vote)."""
    if sentence.span is not None:
        return any(t.tag_ == "MD" and t.lower_ in ("will", "would", "could", "may", "should", "might")
                   and not any(a.dep_ in ("relcl", "acl") for a in t.ancestors) for t in sentence.span)
    return bool(re.search(r"\b(?:will|would|could|should|might)\b|\bmay\b(?! \d)", sentence.text.lower()))


def record_ratifiers(frame: Frame, sentence: Sentence, ratifiers: set[str], date: str | None = None) -> None:
    if sentence_modality(sentence.text, _has_modal(sentence)) is not Modality.HAPPENED:
        return
    for code in ratifiers:
        if actor_kind(code) != "state" and code not in frame.parties:
            continue  # an organisation ratifies only what it is a party to ("the European Parliament gave consent")
        when = _with_interval(sentence, code, date or _nearest_date(sentence, code))
        if code not in frame.ratified or (frame.ratified[code] is None and when):
            frame.ratified[code] = when
        frame.cite("ratified", sentence)
        if frame.stage is None or STAGES.index(frame.stage) < STAGES.index("ratified"):
            frame.stage = "ratified"
        frame.cite("status", sentence)


def _nearest_date(sentence: Sentence, code: str) -> str | None:
    """The resolved date closest after (else before) the actor's mention in the sentence."""
    spots = [a.start for a in sentence.actors if a.code == code]
    dated = [d for d in grammar.explicit_dates(sentence) if d.value]
    if not spots and len(dated) == 1:  # "Tokayev ratified it on April 9": the state is not named
        return dated[0].value
    if not spots or not dated:
        return None
    pos = spots[0]
    after = [d for d in dated if d.start >= pos]
    return (min(after, key=lambda d: d.start - pos) if after else min(dated, key=lambda d: pos - d.start)).value


def _with_interval(sentence: Sentence, code: str, when: str | None) -> str | None:
    """``when``, the date found for the actor's ratification, moved across an interval the sentence
    puts between them (``_across_interval``)."""
    spots = [a.start for a in sentence.actors if a.code == code]
    dated = [d for d in grammar.explicit_dates(sentence) if d.value == when]
    if not when or not spots or not dated:
        return when
    pos = _ratifying_mention(sentence, spots)
    return _across_interval(sentence, min(dated, key=lambda d: abs(d.start - pos)), pos)


def _ratifying_mention(sentence: Sentence, spots: list[int]) -> int:
    """Of an actor's mentions, the one nearest a word of ratifying ("the parliament of Azerbaijan
    completed its ratification", not "the agreement between Azerbaijan and Turkey")."""
    words = [sentence.start + m.start() for m in cue_patterns()["ratification"].finditer(sentence.text)]
    if not words or len(spots) == 1:
        return spots[0]
    return min(spots, key=lambda spot: (min(abs(spot - w) for w in words), spot))


INTERVAL_WORD = re.compile(r"\s*(after|before)\b", re.IGNORECASE)


def _across_interval(sentence: Sentence, date: DateMention, pos: int) -> str | None:
    """The date of what the actor did at ``pos`` when an interval stands between it and ``date``:
    "entered into force on December 3, thirty days after Azerbaijan completed its ratification" dates
    the ratification 30 days before December 3, not December 3. Counted only where the date is as
    precise as the interval (a month's date and "ten days after" give nothing); two intervals between
    them give nothing."""
    low, high = sorted((date.end, pos)) if date.start < pos else sorted((pos, date.start))
    between = sentence.text[low - sentence.start:high - sentence.start]
    intervals = [(d, word.group(1).lower()) for d in find_durations(between)
                 if (word := INTERVAL_WORD.match(between, d.end))]
    if not intervals:
        return date.value
    if len(intervals) > 1:
        return None
    interval, word = intervals[0]
    later = (word == "before") == (date.start < pos)  # "D, N days before X" and "X, N days after D": X later
    return shifted(date.value, interval, 1 if later else -1)


def shifted(value: str | None, interval: Duration, sign: int) -> str | None:
    """``value`` moved by ``interval`` (forward for ``sign`` 1), at the value's own precision; None
    where the interval is finer than the value says."""
    if not value:
        return None
    precision = value.count("-")  # 0 year, 1 month, 2 day
    whole = int(interval.value) == interval.value
    if interval.unit in ("day", "week") and precision == 2 and whole:
        days = int(interval.value) * (7 if interval.unit == "week" else 1)
        return (calendar_date.fromisoformat(value) + sign * timedelta(days=days)).isoformat()
    months = interval.value * (12 if interval.unit == "year" else 1) if interval.unit in ("month", "year") else None
    if months is None or int(months) != months or (precision == 0 and months % 12):
        return None
    if precision == 0:
        return str(int(value) + sign * int(months) // 12)
    padded = value if precision == 2 else value + "-01"
    moved = add_months(calendar_date.fromisoformat(padded), sign * int(months)).isoformat()
    return moved if precision == 2 else moved[:7]
