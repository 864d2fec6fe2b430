"""The visit frame: officials of two or more states meeting, visiting, hosting or signing together.

A trigger (a meeting verb or noun, a visit verb or noun, a signing verb) names its parties through
the grammar: subjects and objects of "met", "welcomed", "hosted"; "talks with X", "a meeting
between A and B", "X held talks with Y", "during a meeting with Y, X said"; "A and B signed".
Participants are the states those party phrases stand for, plus the host of a visit ("paid a
visit to Ankara", "arrived in Baku"). Countries the sentence only talks about stay out, and at
least one party must be an official (a person, an office, a delegation), so "Azerbaijan is
meeting Armenia with confidence" is no visit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from pactwatch.facts import Event
from pactwatch.nlp import grammar
from pactwatch.nlp.events_common import (
    PERSONAL_PRONOUNS,
    TOPIC_PREPS,
    Context,
    Token,
    actor_index,
    agents_of,
    event_date,
    evidence,
    governing_verb,
    is_future,
    is_official,
    lexicon,
    location_near,
    phrase_states,
    phrase_tokens,
    place_state,
    prep_objects,
    subjects_of,
    with_conjuncts,
)
from pactwatch.nlp.sentences import ActorMention, Sentence

RECEIVING = {"welcome", "host", "receive", "greet"}
HOSTING = {"host", "co-host", "cohost"}
RECENT_DAYS = 7
BACKGROUND_YEARS = 2  # a signing this many calendar years before the article is the document's history
PARTY_PREPS = {"with", "between", "alongside", "by", "among"}
TRAVEL_VERBS = {"send", "go", "come", "head", "dispatch", "fly", "travel", "arrive", "land", "visit", "tour"}
PLAIN_TRAVEL = {"go", "head", "journey"}  # going somewhere is a visit only for a meeting
STAY_VERBS = {"be", "stay", "remain"}
PLANNING_VERBS = {"invite", "plan", "expect", "hope", "propose", "schedule", "seek", "want", "urge", "call"}
# verbs whose infinitive is only what was agreed ("agreed to meet soon"), not what happened
AGREEING_VERBS = {"agree", "decide", "pledge", "promise", "vow", "resolve"}


@dataclass
class Frame:
    """What one trigger says: who met (party phrases), where they went (hosts), where it was."""

    trigger: Token
    parties: list[Token] = field(default_factory=list)
    hosts: set[str] = field(default_factory=set)
    location: str | None = None


def visit_events(sentence: Sentence, ctx: Context) -> list[Event]:
    """Every visit or meeting the sentence reports (several triggers may name several visits)."""
    if sentence.span is None:
        return []
    actors = actor_index(sentence)
    out = []
    for trigger in visit_triggers(sentence):
        if grammar.is_negated(trigger) or _only_planned(trigger):
            continue
        frame = frame_for(trigger, actors, ctx)
        if frame is None:
            event = _signed_at_place(trigger, sentence, actors, ctx)
            out += [event] if event is not None else []
            continue
        event = event_from_frame(frame, sentence, actors, ctx)
        if event is not None and not _background_signing(trigger, event, ctx):
            out.append(event)
            if len(event.participants) == 2:
                ctx = replace(ctx, recent_pair=tuple(event.participants))  # "..., the encounter of the two leaders"
    return out


def _background_signing(trigger: Token, event: Event, ctx: Context) -> bool:
    """A signing years before the article ("the three leaders signed a declaration in Khartoum in
    March 2015") is the history of a document, not a meeting the article reports; a meeting told
    in its own words ("talks in Ankara in January 2019") still is."""
    if not lexicon().has("sign_verb", trigger.lemma_.lower()) or not event.date or not ctx.published:
        return False
    return int(ctx.published[:4]) - int(event.date[:4]) >= BACKGROUND_YEARS


def _signed_at_place(trigger: Token, sentence: Sentence, actors: dict[int, ActorMention],
                     ctx: Context) -> Event | None:
    """"Tuesday's deal was signed at a Danish air force base": a deal signed this week, with no
    signer named, in a place of one of the article's two main states, is a meeting of those two
    states' officials there. Older signings ("the 2010 treaty was signed in Baku") are left out."""
    if trigger.pos_ not in ("VERB", "AUX") or not lexicon().has("sign_verb", trigger.lemma_.lower()) or \
            agents_of(trigger) or not any(c.dep_ == "nsubjpass" for c in trigger.children):
        return None
    main = ctx.main[:2]
    location = location_near(trigger, actors)
    date = event_date(sentence, trigger, ctx)
    if len(main) < 2 or location not in main or not _this_week(date, ctx.published):
        return None
    return Event("visit", sorted(main), date=date, location=location, evidence=evidence(sentence))


def _this_week(date: str | None, published: str | None) -> bool:
    """A full date at most a week before the article's own."""
    if not date or not published or len(date) != 10 or len(published) < 10:
        return False
    try:
        days = (dt.date.fromisoformat(published[:10]) - dt.date.fromisoformat(date)).days
    except ValueError:
        return False
    return 0 <= days <= RECENT_DAYS


def visit_triggers(sentence: Sentence) -> list[Token]:
    """Meeting and visit verbs and nouns, signing verbs, and "put pen to paper"."""
    out = [tok for tok in sentence.span if _is_trigger(tok)]
    match = lexicon().search("sign_rx", sentence.text)
    if match:
        tok = grammar.token_at(sentence, sentence.start + match.start(), sentence.start + match.end())
        if tok is not None and tok.pos_ in ("VERB", "AUX"):
            out.append(tok)
    return out


def _is_trigger(tok: Token) -> bool:
    lex = lexicon()
    if tok.pos_ in ("VERB", "AUX"):
        lemma = tok.lemma_.lower()
        return any(lex.has(kind, lemma) for kind in ("meet_verb", "visit_verb", "sign_verb", "handover_verb",
                                                     "talk_verb"))
    if tok.pos_ in ("NOUN", "PROPN"):
        return lex.has("meet_noun", tok.lower_) or lex.has("visit_noun", tok.lower_)
    return False


def _only_planned(trigger: Token) -> bool:
    """A visit someone will make, was invited to or plans is not (yet) an event."""
    if is_future(trigger) or trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in AGREEING_VERBS:
        return True
    return any(a.pos_ in ("VERB", "AUX") and a.lemma_.lower() in PLANNING_VERBS for a in list(trigger.ancestors)[:3])


def frame_for(trigger: Token, actors: dict[int, ActorMention], ctx: Context) -> Frame | None:
    lex = lexicon()
    lemma = trigger.lemma_.lower()
    if trigger.pos_ in ("VERB", "AUX"):
        if lex.has("sign_verb", lemma) or trigger.lower_ == "put":
            return _signing_frame(trigger, actors, ctx)
        if lex.has("handover_verb", lemma):
            return _handover_frame(trigger, actors, ctx)
        if lex.has("talk_verb", lemma):
            return _talk_frame(trigger, actors, ctx)
        return _verb_frame(trigger, actors, travel=lex.has("visit_verb", lemma), ctx=ctx)
    return _noun_frame(trigger, actors, ctx)


def _verb_frame(verb: Token, actors: dict[int, ActorMention], travel: bool, ctx: Context) -> Frame | None:
    if verb.lemma_.lower() in PLAIN_TRAVEL and not _for_meeting(verb):
        return None  # "had gone to Israel for medical treatment"
    frame = Frame(verb, parties=subjects_of(verb) + agents_of(verb) + prep_objects(verb, PARTY_PREPS))
    objects = with_conjuncts([c for c in verb.children if c.dep_ == "dobj"])
    for obj in objects:
        host = place_state(obj, actors) if _is_place(obj, actors) else None
        if host:
            frame.hosts.add(host)
        elif is_official(obj, ctx):
            frame.parties.append(obj)
    if objects and not frame.hosts and verb.lemma_.lower() in RECEIVING and \
            not any(is_official(o, ctx) for o in objects):
        return None  # "Ukraine received Patriot systems": goods, not guests
    if travel or verb.lemma_.lower() in ("welcome", "host", "receive"):
        frame.hosts |= _destinations(verb, actors)
    frame.location = location_near(verb, actors) or _institution(verb, actors)
    return frame


def _signing_frame(verb: Token, actors: dict[int, ActorMention], ctx: Context) -> Frame | None:
    """Officials signing together met: needs two or more signers ("A and B signed", "signed by A
    and B", "A signed with B"). States as signers need an official who reports it from one of
    their capitals (``_reported_from``)."""
    signers = subjects_of(verb) + agents_of(verb) + prep_objects(verb, {"with", "alongside"}) + _torn_partner(verb)
    if len(signers) < 2 and not any(s.tag_ == "NNS" and lexicon().has("official", s.lower_) for s in signers):
        return None  # one signer, unless "the defence ministers of India and Australia"
    if lexicon().search("remote_rx", verb.sent.text):
        return None  # "signed ... during a virtual summit": no one met
    frame = Frame(verb, parties=signers, location=location_near(verb, actors))
    if not any(is_official(s, ctx) for s in signers):
        _reported_from(frame, actors, ctx)
    return frame


def _torn_partner(verb: Token) -> list[Token]:
    """"put pen to paper alongside Minister X": when the parser left "alongside"/"with" without its
    object and hung the partner on the verb as a direct object, that object is the partner."""
    bare = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "alongside")
            and not any(p.dep_ == "pobj" for p in c.children)]
    if not bare:
        return []
    return with_conjuncts([c for c in verb.children if c.dep_ == "dobj" and c.i > bare[0].i])


def _reported_from(frame: Frame, actors: dict[int, ActorMention], ctx: Context) -> None:
    """"Minister X said in Belgrade that Hungary and Serbia ... signed an agreement": an official
    who reports the two states' signing from a place in one of them was there for it; the official
    joins the parties and the place is the meeting's."""
    states = {code for s in frame.parties for code in phrase_states(s, actors, ctx)}
    for verb in [a for a in frame.trigger.ancestors if a.pos_ in ("VERB", "AUX")][:4]:
        speakers = [s for s in subjects_of(verb) if is_official(s, ctx)]
        if not speakers or not any(c.dep_ == "ccomp" and frame.trigger in c.subtree for c in verb.children):
            continue
        place = location_near(verb, actors, climb=False)
        if place in states:
            frame.parties += speakers
            frame.location = frame.location or place
        return


def _handover_frame(verb: Token, actors: dict[int, ActorMention], ctx: Context) -> Frame | None:
    """"X handed the documents to Secretary of State Y at the State Department": the giver and an
    official receiver met; handing something to a state or a body is no meeting."""
    tos = [c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"]
    receivers = [o for o in with_conjuncts([p for c in tos for p in c.children if p.dep_ == "pobj"])
                 if is_official(o, ctx)]
    givers = [s for s in subjects_of(verb) if is_official(s, ctx)]
    if not receivers or not givers:
        return None
    return Frame(verb, parties=givers + receivers, location=location_near(verb, actors) or _institution(verb, actors))


def _talk_frame(verb: Token, actors: dict[int, ActorMention], ctx: Context) -> Frame | None:
    """"X raised the issue with Foreign Minister Y in Beijing", "X discussed trade with Y": talking
    with an official in person is a meeting; not by phone or video, and not with a state or body."""
    topics = [c for c in verb.children if c.dep_ == "dobj"]  # "discussed migration with X": "with" under the topic
    partners = [o for h in (verb, *topics) for o in prep_objects(h, {"with"}) if is_official(o, ctx)]
    speakers = [s for s in subjects_of(verb) if is_official(s, ctx)]
    if not partners or not speakers or lexicon().search("remote_rx", verb.sent.text):
        return None
    return Frame(verb, parties=speakers + partners, location=location_near(verb, actors))


def _noun_frame(noun: Token, actors: dict[int, ActorMention], ctx: Context) -> Frame | None:
    lex = lexicon()
    frame = Frame(noun, parties=prep_objects(noun, PARTY_PREPS))
    if lex.has("visit_noun", noun.lower_) or noun.lower_ in ("delegation", "delegations"):
        frame.parties += prep_objects(noun, {"of"})
        frame.hosts |= _destinations(noun, actors)
    elif any(_sides(p) for p in prep_objects(noun, {"of"})):
        frame.parties += prep_objects(noun, {"of"})  # "a joint meeting of the two governments"
    frame.parties += [c for c in noun.children if c.dep_ == "poss"]
    delegation = noun.lower_ in ("delegation", "delegations")
    if delegation:
        frame.parties.append(noun)
    if len(frame.parties) < 2 and any(c.dep_ == "prep" and c.lower_ == "between" for c in noun.children):
        frame.parties += _between_window(noun)
    frame.location = location_near(noun, actors, climb=False) or _location_in_relative(noun, actors)
    hosts = _hosted_by([noun, *frame.parties])
    if hosts:
        frame.parties += hosts
        frame.location = frame.location or _single({c for h in hosts for c in phrase_states(h, actors, ctx)})
    verb = governing_verb(noun)
    if verb is not None and _verb_shares_parties(noun, verb):
        frame.parties += subjects_of(verb)
        if verb.lemma_.lower() in TRAVEL_VERBS or _stay_for(noun, verb):
            frame.hosts |= _destinations(verb, actors)
            if delegation:
                frame.parties += prep_objects(verb, {"from"})  # "sent from Turkey to Qatar"
        frame.location = frame.location or location_near(verb, actors, climb=False)
    return frame


def _hosted_by(phrases: list[Token]) -> list[Token]:
    """"talks between A and B, hosted by Chinese officials": whoever hosts a meeting takes part in it
    (the parser may hang the participle on the meeting or on one of its parties)."""
    out = []
    for phrase in phrases:
        for t in [phrase, *phrase.conjuncts, *(c for c in phrase.children if c.dep_ == "appos")]:
            for acl in (c for c in t.children if c.dep_ == "acl" and c.lemma_.lower() in HOSTING):
                out += agents_of(acl)
    return out


def _single(codes: set[str]) -> str | None:
    return next(iter(codes)) if len(codes) == 1 else None


BETWEEN_STOP = {"that", "which", "who", "whom", "during", "said", "says", ";", ".", "on", "over", "about"}


def _between_window(noun: Token) -> list[Token]:
    """"a meeting between A, the foreign minister, and B that ...": when the parse tore the pair
    apart, the names written between "between" and the end of the phrase."""
    doc = noun.doc
    prep = next(c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between")
    out = []
    for t in doc[prep.i + 1:]:
        if t.lower_ in BETWEEN_STOP:
            break
        if t.ent_type_ == "PERSON" and (t.i + 1 >= len(doc) or doc[t.i + 1].ent_type_ != "PERSON"):
            out.append(t)  # the last word of each person's name
    return out


def _for_meeting(verb: Token) -> bool:
    """"went to Nigeria to discuss security with ...", "headed to Tokyo for talks": plain going is a
    visit only when it is for a meeting."""
    lex = lexicon()
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "for" and any(
                lex.has("meet_noun", p.lower_) or lex.has("visit_noun", p.lower_) for p in child.children):
            return True
        if child.dep_ in ("advcl", "xcomp") and (lex.has("meet_verb", child.lemma_.lower()) or
                                                 lex.has("talk_verb", child.lemma_.lower())):
            return True
    return False


def _stay_for(noun: Token, verb: Token) -> bool:
    """"The minister was in Ankara for talks": being somewhere for a meeting names its host."""
    return verb.lemma_.lower() in STAY_VERBS and noun.dep_ == "pobj" and noun.head.lower_ == "for"


def _verb_shares_parties(noun: Token, verb: Token) -> bool:
    """The verb's subject took part in the meeting noun: "X held talks", "X paid a visit", "during
    a meeting with Y, X said", "X landed in Turkey for a visit"; not "X briefed Y on a meeting"."""
    lex = lexicon()
    if noun.dep_ in ("dobj", "attr") and noun.head.i == verb.i:
        return lex.has("light_verb", verb.lemma_.lower())
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return noun.lower_ in ("delegation", "delegations")
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        return noun.head.lower_ not in TOPIC_PREPS | {"of", "to", "ahead", "before", "after", "since", "as"}
    return False


def _destinations(tok: Token, actors: dict[int, ActorMention]) -> set[str]:
    """Host states of a visit: "to Ankara", "in Baku" after arrive/land, "to the White House"."""
    hosts = set()
    for obj in prep_objects(tok, {"to", "in", "into"}):
        code = place_state(obj, actors)
        if code:
            hosts.add(code)
    return hosts


def _is_place(tok: Token, actors: dict[int, ActorMention]) -> bool:
    mention = actors.get(tok.i)
    return mention is not None and mention.how in ("name", "capital", "institution") and \
        all(t.i == tok.i or t.dep_ in ("det", "compound", "punct") or t.i in actors for t in phrase_tokens(tok))


def _institution(tok: Token, actors: dict[int, ActorMention]) -> str | None:
    for obj in prep_objects(tok, {"to", "at", "in"}):
        mention = actors.get(obj.i)
        if mention is not None and mention.how == "institution":
            return mention.code
    return None


def _location_in_relative(noun: Token, actors: dict[int, ActorMention]) -> str | None:
    """"a meeting ... that had taken place during the forum in Davos": the place in the meeting's
    own relative clause."""
    for child in noun.children:
        if child.dep_ in ("relcl", "acl"):
            for t in child.subtree:
                if t.dep_ == "prep" and t.lower_ in ("in", "at"):
                    for obj in (c for c in t.children if c.dep_ == "pobj"):
                        code = place_state(obj, actors)
                        if code:
                            return code
    return None


def party_states(frame: Frame, actors: dict[int, ActorMention], ctx: Context) -> tuple[set[str], bool, bool]:
    """States of the party phrases; whether some official party has no known state; whether any
    party is an official at all."""
    states: set[str] = set()
    unresolved = official = False
    for tok in _resolve_pronouns(frame.parties, frame.trigger):
        found = phrase_states(tok, actors, ctx)
        states |= found
        if is_official(tok, ctx):
            official = True
            if not found and _of_a_group(tok, actors):
                continue  # "leaders of the Eurasian grouping met": a bloc's gathering, no one state's
            if not found or _stateless_person(tok, actors, ctx):
                unresolved = True
    return states, unresolved, official


def _of_a_group(tok: Token, actors: dict[int, ActorMention]) -> bool:
    """The officials are a bloc's ("leaders of the Gulf Cooperation Council", "heads of state of
    the grouping"): an organisation or a group noun after "of"."""
    for t in phrase_tokens(tok):
        if t.dep_ == "pobj" and t.head.lower_ == "of":
            mention = actors.get(t.i)
            if mention is not None and mention.kind != "state" or lexicon().has("group_noun", t.lower_):
                return True
    return False


def _stateless_person(tok: Token, actors: dict[int, ActorMention], ctx: Context) -> bool:
    """The phrase holds a named person of unknown nationality with no state in their own title
    ("Prime Minister Anthony Albanese" beside an appositive "PNG Prime Minister James Marape")."""
    for t in phrase_tokens(tok):
        if _person(t, ctx) and t.dep_ != "compound" and t.text not in ctx.people:
            own = [c for c in t.subtree if c.dep_ == "compound" or c.i == t.i]
            if not any(c.i in actors for c in own):
                return True
    return False


def _resolve_pronouns(parties: list[Token], trigger: Token) -> list[Token]:
    """"his trip", "their meeting": the pronoun stands for the subject of the sentence's main verb;
    a relative "who" for the person its clause describes."""
    out = []
    for tok in parties:
        if tok.lower_ == "who" and tok.head.dep_ == "relcl":
            out.append(tok.head.head)  # "Modi, who was welcomed by ...": the person the clause is about
        elif tok.lower_ in PERSONAL_PRONOUNS and tok.lower_ not in ("who",):
            root = trigger.sent.root if hasattr(trigger, "sent") else None
            subs = [s for s in subjects_of(root) if s.lower_ not in PERSONAL_PRONOUNS] if root is not None else []
            out.extend(subs or [tok])
        else:
            out.append(tok)
    return out


def event_from_frame(frame: Frame, sentence: Sentence, actors: dict[int, ActorMention], ctx: Context) -> Event | None:
    states, unresolved, official = party_states(frame, actors, ctx)
    sides = max((_sides(p) for p in _resolve_pronouns(frame.parties, frame.trigger)), default=0)
    if not official and not sides:
        return None  # "a joint meeting of the two governments" is one of officials
    location = frame.location or (next(iter(frame.hosts)) if len(frame.hosts) == 1 else None) or \
        _visitors_host(frame, actors, ctx)
    codes = states | frame.hosts
    if len(codes) == 1 and unresolved:
        codes |= _other_side(codes, location, frame, ctx, actors)
    if not codes and unresolved:
        codes = _governing_states(frame, actors) if len(_governing_states(frame, actors)) >= 2 else \
            _listed_before(frame, ctx)
    if len(codes) == 1 and location and location not in codes and _host_by_place(sentence):
        codes.add(location)  # "Meloni held talks in Tunis": the place's state received her
    if not codes and unresolved:
        codes = _unnamed_pair(frame, location, ctx)
    if sides == 3 and len(codes) < 3 and len(ctx.recent_list) == 3:
        codes |= set(ctx.recent_list)
    elif sides == 3 and len(codes) < 3 and len(ctx.main) >= 3:
        codes |= set(ctx.main[:3])
    if len(codes) < 2 and lexicon().search("both_sides_rx", sentence.text):
        codes |= set(ctx.recent_pair or ctx.main[:2])  # "the two leaders": the pair just told, else the article's
    if not 1 <= len(codes) <= 6 or len(codes) == 1 and not location:
        return None  # one state with a place is kept to complete the full mention
    return Event("visit", sorted(codes), date=_visit_date(sentence, frame.trigger, ctx), location=location,
                 evidence=evidence(sentence))


def _visitors_host(frame: Frame, actors: dict[int, ActorMention], ctx: Context) -> str | None:
    """"The visit of a delegation led by X" then "During a meeting with the Turkish minister, X
    said ...": a guest just told as visiting meets the host's officials in the host's state, the
    one state the other parties stand for (when it is not the guest's own)."""
    parties = _resolve_pronouns(frame.parties, frame.trigger)
    guests = [p for p in parties if any(t.text in ctx.visitors for t in phrase_tokens(p))]
    if not guests:
        return None
    own = {code for g in guests for code in phrase_states(g, actors, ctx)}
    hosts = {code for p in parties if p not in guests for code in phrase_states(p, actors, ctx)}
    return _single(hosts) if not hosts & own else None


def _sides(tok: Token) -> int:
    """How many sides a party phrase names as a whole: 2 for "the two governments", "the presidents
    of the two countries"; 3 for "the leaders of the three countries"; else 0."""
    words = " ".join(t.lower_ for t in [*tok.subtree] if t.dep_ not in ("relcl", "acl")) if tok.lower_ not in \
        PERSONAL_PRONOUNS else ""
    lex = lexicon()
    return 3 if lex.search("three_sides_rx", words) else 2 if lex.search("both_sides_rx", words) else 0


def _unnamed_pair(frame: Frame, location: str | None, ctx: Context) -> set[str]:
    """Two or more named officials of unknown nationality ("Mitsotakis, in the Emirati capital for
    talks with Crown Prince Mohammed bin Zayed", "signed by Minister Sasin and Minister Lee") are
    the article's two main states, when they meet in one of them or sign; a meeting elsewhere
    (a third state, a summit city) may be between anyone."""
    named = {p.i for p in frame.parties if _person(p, ctx)}
    signing = frame.trigger.pos_ in ("VERB", "AUX") and lexicon().has("sign_verb", frame.trigger.lemma_.lower())
    main = ctx.main[:2]
    if len(named) < 2 or len(main) < 2 or not (location in main or location is None and signing):
        return set()
    return set(main)


def _visit_date(sentence: Sentence, trigger: Token, ctx: Context) -> str | None:
    """The meeting's date, but not a bare year that names what was signed or discussed ("signed
    an agreement on the 2025 plan", "the 2030 strategy"): that year is the document's, and the
    meeting's own day may be one the article cannot resolve ("on Tuesday" in an undated text)."""
    date = event_date(sentence, trigger, ctx, skip=lambda tok: _dates_other_thing(tok, trigger))
    if date is None or len(date) != 4:
        return date
    for mention, tok in grammar.date_tokens(sentence):
        if mention.value == date and tok.dep_ in ("nummod", "compound", "amod") and tok.head.pos_ == "NOUN" and \
                not (lexicon().has("meet_noun", tok.head.lower_) or lexicon().has("visit_noun", tok.head.lower_)):
            return None
    return date


def _dates_other_thing(tok: Token, trigger: Token) -> bool:
    """The date lies in a relative clause about a thing other than the meeting ("talks last
    Thursday ... under the treaty that Moscow and Minsk signed in 1999"): it dates that thing. A
    clause about a person ("Putin, who arrived on Monday") may still date the meeting."""
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.dep_ not in ("relcl", "acl") or trigger in verb.subtree or verb.head.i == trigger.i:
        return False
    head = verb.head
    lex = lexicon()
    return head.pos_ == "NOUN" and not (lex.has("official", head.lower_) or lex.has("meet_noun", head.lower_)
                                        or lex.has("visit_noun", head.lower_))


def _host_by_place(sentence: Sentence) -> bool:
    """The place of a one-sided meeting is its host, unless it is an international venue or a
    gathering ("talks in Brussels", "on the sidelines of the summit in Astana")."""
    lex = lexicon()
    lowered = sentence.text.lower()
    venues = lex.words["venue_city"]
    return not lex.search("gathering_rx", lowered) and not any(v in lowered for v in venues)


def _named_actor(frame: Frame, ctx: Context) -> bool:
    """A named person of unknown nationality is the sentence's subject, or the subject or "by" agent
    of the trigger itself ("Austin visited New Delhi", "signed by Putin and Kim"), and the meeting
    is not a topic ("During a meeting with the Turkish minister, Gafarova declared ...")."""
    trigger = frame.trigger
    if any(a.dep_ == "prep" and a.lower_ in TOPIC_PREPS | {"following", "after", "before"} for a in trigger.ancestors):
        return False
    actors = subjects_of(trigger.sent.root)
    if trigger.pos_ in ("VERB", "AUX"):
        actors += subjects_of(trigger) + agents_of(trigger)
    parties = {p.i for p in frame.parties}
    return any(_person(s, ctx) and s.i in parties for s in actors)


def _person(tok: Token, ctx: Context) -> bool:
    """A person's name: tagged so by the parser, or a name the article gives a person elsewhere."""
    return tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.text in ctx.persons)


def _unknown_receiver(frame: Frame, ctx: Context, actors: dict[int, ActorMention]) -> bool:
    """The one who welcomed, hosted or received the guest is an official whose state the article
    does not give: the receiver is at home."""
    verb = frame.trigger
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in RECEIVING:
        return False
    passive = any(c.dep_ == "nsubjpass" for c in verb.children) or verb.dep_ == "relcl" and verb.tag_ == "VBN"
    receivers = agents_of(verb) if passive else [s for s in subjects_of(verb) if s.dep_ == "nsubj"]
    return bool(receivers) and all(is_official(r, ctx) and not phrase_states(r, actors, ctx) for r in receivers)


def _governing_state(frame: Frame, actors: dict[int, ActorMention]) -> str | None:
    """The state that is the subject of a clause the trigger's clause hangs from: "Sweden joined
    NATO ... when Prime Minister Kristersson handed ..." makes Kristersson Sweden's official."""
    return next(iter(_governing_states(frame, actors)), None)


def _governing_states(frame: Frame, actors: dict[int, ActorMention]) -> list[str]:
    """The states that are the subjects of the nearest clause the trigger's clause hangs from:
    "Guyana and Venezuela pledge not to use force as leaders meet in St Vincent" are the leaders'."""
    for verb in [a for a in frame.trigger.ancestors if a.pos_ in ("VERB", "AUX")][:3]:
        subs = with_conjuncts([c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")])
        codes = [m.code for m in (actors.get(s.i) for s in subs)
                 if m is not None and m.kind == "state" and m.how == "name"]
        if codes:
            return list(dict.fromkeys(codes))
    return []


def _listed_before(frame: Frame, ctx: Context) -> set[str]:
    """"Last July their leaders met in Niamey": officials whose only owner is "their" belong to the
    states a sentence before listed ("Mali, Burkina Faso and Niger ceased to be members")."""
    theirs = any(c.lower_ == "their" and c.dep_ == "poss" for p in frame.parties for c in p.children)
    return set(ctx.recent_list) if theirs else set()


def _other_side(codes: set[str], location: str | None, frame: Frame, ctx: Context,
                actors: dict[int, ActorMention]) -> set[str]:
    """An official of unknown nationality meeting an official of state S: the host, when the
    meeting is in one of the article's main states other than S ("Shoukry ... with his Greek
    counterpart in Cairo"), else the article's other main state when the text says "counterpart"
    or names the person ("Healey and his German counterpart"); first of all the state whose clause
    the meeting hangs from (``_governing_state``)."""
    main = ctx.main[:3]
    if location and location not in codes and location in main:
        return {location}
    if frame.hosts and codes <= frame.hosts and codes < set(ctx.main[:2]):
        return set(ctx.main[:2]) - codes  # "the navy chief, who arrived in Vietnam": no one visits their own state
    if location is None and ctx.dateline and ctx.dateline not in codes and _unknown_receiver(frame, ctx, actors):
        return {ctx.dateline}  # "Modi, who was welcomed on the tarmac by Marape" in a paper filed from the host
    governing = _governing_state(frame, actors)
    if governing and governing not in codes:
        return {governing}
    words = {t.lower_ for p in frame.parties for t in phrase_tokens(p)}
    if (words & {"counterpart", "counterparts"} or _named_actor(frame, ctx)) and codes & set(ctx.main[:2]):
        other = [c for c in ctx.main[:2] if c not in codes]
        return set(other[:1])
    return set()
