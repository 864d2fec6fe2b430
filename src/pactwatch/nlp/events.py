"""Event extraction: joint exercises, official visits and arms deals, one record per real event.

The frames (``events_exercise``, ``events_visit``, ``events_arms``) read one parsed sentence each;
this module gives them the article's context (its main states, the nationality of each official
it names, its date) and then folds the mentions into events: repeated mentions of one event merge
(same type, same participants, compatible dates), a one-state mention completes the event it
belongs to ("the exercises will be held in Azerbaijan"), a one-state arms deal takes its parties
from a deal for the same item ("a contract Poland signed in 2022 for the first K2 tanks"), and an
undated meeting reported beside a dated news event between the same states takes that date.

>>> # extract_events(article, analyse(article)) -> [Event(type="visit", participants=[...]), ...]
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import replace

from pactwatch.article import Article
from pactwatch.facts import Event
from pactwatch.nlp import grammar
from pactwatch.nlp.actors import find_places
from pactwatch.nlp.events_arms import arms_events
from pactwatch.nlp.events_common import Context, dateline_state, lexicon, phrase_tokens
from pactwatch.nlp.events_exercise import exercise_events
from pactwatch.nlp.events_visit import visit_events
from pactwatch.nlp.nationality import name_keys, person_names, stated_nationalities
from pactwatch.nlp.numbers import parse_money
from pactwatch.nlp.sentences import Sentence

FRAMES = (exercise_events, visit_events, arms_events)
NEWS_WINDOW_DAYS = 7
FOLLOW_WINDOW = 2  # sentences after an event in which a follow-up ("Among the participants are ...") counts
# a sentence that itself speaks of the exercise and lists this many states names its participants
# ("Alongside the United States, which leads the exercise, they are A, B, C and D"), a little further on
LIST_MIN_STATES = 4
LIST_WINDOW = 6
# a sentence that is itself a list of participants ("They are A, B and C", "A, B and C are also sending
# troops") counts a few sentences further on than a passing mention
LIST_FOLLOW_WINDOW = 4
DATELINE_TYPES = ("visit", "exercise")


def extract_events(article: Article, sentences: list[Sentence]) -> list[Event]:
    """Every exercise, visit and arms deal the article reports, merged within the article."""
    ctx = Context(main_states(sentences), official_nationalities(sentences), article.published,
                  persons=known_persons(sentences), dateline=dateline_state(article))
    mentions: list[tuple[int, Event]] = []
    for n, sentence in enumerate(sentences):
        if sentence.span is None:
            continue
        here = replace(ctx, recent_list=recent_state_list(sentences, n), recent_pair=recent_pair(mentions, n),
                       visitors=recent_visitors(sentences, n, ctx))
        mentions += [(n, event) for frame in FRAMES for event in frame(sentence, here)]
    joins = promote_listed_exercises(exercise_follow_ups(sentences, mentions))
    repeat_exercises(sentences, mentions)
    value_follow_ups(sentences, mentions)
    date_follow_ups(sentences, mentions, ctx)
    full = [e for _, e in mentions if len(e.participants) >= 2]
    partial = [e for _, e in mentions if len(e.participants) < 2]
    full += adopt_arms_parties(full, partial)
    date_deals_before_merging(full, partial)
    merged = merge_events(full)
    if joins:
        merged = merge_events(join_participants(merged, joins))
    merged = fold_sub_exercises(merged)
    fill_from_partial(merged, partial)
    date_undated_visits(merged, sentences, ctx)
    locate_by_dateline(merged, sentences, ctx)
    return merged


LIST_GLUE = re.compile(r"\s*(?:,|,?\s+and|,?\s+&)\s+(?:the\s+)?", re.IGNORECASE)
PAIR_WINDOW = 2  # sentences back in which "the two leaders" may name the last two-state meeting


def state_list(sentence: Sentence) -> tuple[str, ...]:
    """The states of the longest list the sentence writes ("Mali, Burkina Faso and Niger"), read
    from the text: state mentions joined by nothing but commas and "and"; () for fewer than two."""
    states = sorted((a for a in sentence.actors if a.kind == "state"), key=lambda a: a.start)
    best: list[str] = []
    run: list[str] = []
    for before, mention in zip([None, *states], states, strict=False):
        glue = sentence.text[before.end - sentence.start: mention.start - sentence.start] if before else ""
        run = [*run, mention.code] if before is not None and LIST_GLUE.fullmatch(glue) else [mention.code]
        if len(set(run)) > len(set(best)):
            best = run
    codes = tuple(dict.fromkeys(best))
    return codes if len(codes) >= 2 else ()


def recent_state_list(sentences: list[Sentence], n: int) -> tuple[str, ...]:
    """The last list of states written in the few sentences before sentence ``n``: whom a later
    "their leaders" or "the three countries" stands for."""
    for m in range(n - 1, max(-1, n - 1 - LIST_WINDOW), -1):
        found = state_list(sentences[m])
        if found:
            return found
    return ()


def recent_pair(mentions: list[tuple[int, Event]], n: int) -> tuple[str, ...]:
    """The states of the last two-state meeting told just before sentence ``n`` ("Xi arrived in
    Astana for a state visit to Kazakhstan"): whom the next sentence's "the two leaders" are."""
    for m, event in reversed(mentions):
        if n - m > PAIR_WINDOW:
            break
        if event.type == "visit" and len(event.participants) == 2:
            return tuple(event.participants)
    return ()


VISITOR_WINDOW = 2  # sentences back in which "the visit of a delegation led by X" makes X a visitor


def recent_visitors(sentences: list[Sentence], n: int, ctx: Context) -> frozenset[str]:
    """Names of the people sentence ``n`` or the few before it tell as visiting: those a visit
    noun's phrase names ("Hajiyev's visit", "the visit of a delegation led by Gafarova"), so that
    "During a meeting with the Turkish minister, Gafarova said ..." knows who was the guest."""
    out: set[str] = set()
    for sentence in sentences[max(0, n - VISITOR_WINDOW): n + 1]:
        if sentence.span is None or "visit" not in sentence.cues:
            continue
        for noun in sentence.span:
            if noun.pos_ in ("NOUN", "PROPN") and lexicon().has("visit_noun", noun.lower_):
                out |= {t.text for t in phrase_tokens(noun) if t.i != noun.i and
                        (t.ent_type_ == "PERSON" or t.pos_ == "PROPN" and t.text in ctx.persons)}
    return frozenset(out)


def known_persons(sentences: list[Sentence]) -> frozenset[str]:
    """Names (full and surname) of the people the article names, read from the text alone, so that
    "Merz, accompanied by ..., was received by ..." knows Merz is a person even when the parser's
    entity tagger missed him."""
    return frozenset(key for s in sentences for _, name in person_names(s) for key in name_keys(name))


def exercise_follow_ups(sentences: list[Sentence], mentions: list[tuple[int, Event]]) -> list[tuple[Event, list[str]]]:
    """States a sentence right after an exercise lists as taking part ("Among the participants are
    A, B and C", "forces from A and B are involved"): they join that exercise. Read from the text,
    not the parse, so the answer does not depend on which sentences the cue filter let through;
    observers and negated sentences add nothing."""
    joins: list[tuple[Event, list[str]]] = []
    last: tuple[int, Event] | None = None
    by_sentence = {n: e for n, e in mentions if e.type == "exercise"}
    joined: set[int] = set()
    for n, sentence in enumerate(sentences):
        live = last is not None and n - last[0] <= LIST_WINDOW
        if n in by_sentence and not (live and _restates(by_sentence[n], last[1], joined)):
            last = (n, by_sentence[n])
            continue
        if n in by_sentence and not by_sentence[n].participants and n - last[0] <= FOLLOW_WINDOW \
                and _compatible(last[1].date, by_sentence[n].date):
            by_sentence[n].participants = list(last[1].participants)  # "Vostok-2018 began on Tuesday"
        if last is None or not live:
            continue
        gap = n - last[0]
        states = _joining_states(sentence) if gap <= FOLLOW_WINDOW else []
        if not states and gap <= LIST_FOLLOW_WINDOW:
            states = _participant_list(sentences, n, n - 1 in by_sentence) or _sending_states(sentence)
        states = states or _listed_states(sentence)
        if states:
            joins.append((last[1], list(dict.fromkeys(states))))
            joined.add(id(last[1]))
        if states or n in by_sentence:
            last = (n, last[1])
    return joins


def _participant_list(sentences: list[Sentence], n: int, after_exercise: bool) -> list[str]:
    """The states of a sentence that is a list of who takes part: "The participants include A, B and
    C", "They are A, B and C" (a pronoun stands for participants only when the sentence before says
    who takes part, or is the exercise itself: "Thirty countries take part this year"), "A, B and C
    are also sending troops". Only the written list counts; observers and negations add nothing."""
    lex = lexicon()
    sentence = sentences[n]
    listed = state_list(sentence)
    if not listed or lex.search("exercise_join_not_rx", sentence.text):
        return []
    if lex.search("exercise_list_rx", sentence.text):
        if not lex.search("exercise_list_pronoun_rx", sentence.text) or after_exercise:
            return list(listed)
        before = _last_clause(sentences[n - 1].text) if n else ""
        taking_part = lex.search("exercise_join_rx", before) and not lex.search("exercise_join_not_rx", before)
        return list(listed) if taking_part else []
    return [code for code in _joining_states(sentence) if code in listed]


def _last_clause(text: str) -> str:
    """The sentence after its last clause break ("..., while twenty countries sent observers"): what
    a following "They are ..." refers to."""
    text = text.strip().rstrip(".!?\"'”’")
    cuts = [m.end() for m in lexicon().patterns["exercise_join_split_rx"].finditer(text.lower())]
    return text[cuts[-1]:] if cuts else text


def _restates(mention: Event, anchor: Event, joined: set[int]) -> bool:
    """A later mention naming fewer than two states ("The exercise involves 50 ships", "Spanish
    ships arrived for the drills") speaks of the exercise already named with its sides, or already
    given a list: a list that follows still joins that one."""
    return len(mention.participants) < 2 and (len(anchor.participants) >= 2 or id(anchor) in joined)


def _listed_states(sentence: Sentence) -> list[str]:
    """The states of a sentence that speaks of the exercise itself and lists many states ("they are
    A, B, C and D"): a list that long beside the exercise is who takes part. Read from the text (its
    cues and actor mentions), so it does not depend on the parse; negated and observer clauses
    add nothing."""
    if "exercise" not in sentence.cues or lexicon().search("exercise_join_not_rx", sentence.text):
        return []
    states = list(dict.fromkeys(a.code for a in sentence.actors if a.kind == "state"))
    return states if len(states) >= LIST_MIN_STATES else []


def promote_listed_exercises(joins: list[tuple[Event, list[str]]]) -> list[tuple[Event, list[str]]]:
    """An exercise mention that names fewer than two states ("NATO began its BALTOPS exercise",
    "the exercise began on March 1") takes the states that later sentences list as taking part,
    so it becomes a full exercise before merging; the joins left are those of full mentions."""
    partial = {id(e) for e, _ in joins if len(e.participants) < 2}
    for event, states in joins:
        if id(event) in partial:
            event.participants = sorted(set(event.participants) | set(states))
    return [(e, states) for e, states in joins if id(e) not in partial]


def repeat_exercises(sentences: list[Sentence], mentions: list[tuple[int, Event]]) -> None:
    """"A second air exercise is planned for later this month", "the previous exercise was held in
    India": another round of an exercise that names no state but its host is held by the states of
    the last exercise told with its sides, a few sentences before (its own date and place stay its
    own)."""
    exercises = [(n, e) for n, e in mentions if e.type == "exercise"]
    for n, event in exercises:
        if len(event.participants) >= 2 or not lexicon().search("exercise_again_rx", sentences[n].text):
            continue
        before = [e for m, e in exercises if m < n and n - m <= LIST_WINDOW and len(e.participants) >= 2]
        if before and set(event.participants) <= set(before[-1].participants):  # "the previous one, in India"
            event.participants = list(before[-1].participants)


def _clauses(sentence: Sentence) -> list[tuple[int, int, str]]:
    """(begin, end, lowercased text) of the clauses a participant sentence splits into ("A and B
    take part, while C has sent observers"), offsets within the sentence."""
    lowered = sentence.text.lower()
    cuts = [0, *(m.end() for m in lexicon().patterns["exercise_join_split_rx"].finditer(lowered)), len(lowered)]
    return [(begin, end, lowered[begin:end]) for begin, end in zip(cuts, cuts[1:], strict=False)]


def _states_between(sentence: Sentence, begin: int, end: int) -> list[str]:
    """Codes of the states the sentence names between the two offsets."""
    return [a.code for a in sentence.actors if a.kind == "state" and begin <= a.start - sentence.start < end]


def _joining_states(sentence: Sentence) -> list[str]:
    """States named in the clauses of a sentence that say they take part (not observers)."""
    lex = lexicon()
    out: list[str] = []
    for begin, end, clause in _clauses(sentence):
        if lex.search("exercise_join_rx", clause) and not lex.search("exercise_join_not_rx", clause):
            out += _states_between(sentence, begin, end)
    return list(dict.fromkeys(out))


def _sending_states(sentence: Sentence) -> list[str]:
    """"China sent about 3,200 soldiers, and Mongolia contributed a smaller unit": the states named
    before a verb of sending forces, in clauses that are not about observers or refusals."""
    lex = lexicon()
    out: list[str] = []
    for begin, _end, clause in _clauses(sentence):
        sends = [m.start() + begin for m in lex.patterns["exercise_send_rx"].finditer(clause)]
        if sends and not lex.search("exercise_join_not_rx", clause):
            out += _states_between(sentence, begin, max(sends))
    return list(dict.fromkeys(out))


def join_participants(merged: list[Event], joins: list[tuple[Event, list[str]]]) -> list[Event]:
    """Add the follow-up states to the merged exercise that holds the mention they followed."""
    for mention, states in joins:
        target = next((m for m in merged if m is mention), None) or next(
            (m for m in merged if m.type == "exercise" and set(mention.participants) <= set(m.participants)
             and _compatible(m.date, mention.date)), None)
        if target is not None:
            target.participants = sorted(set(target.participants) | set(states))
    return merged


def fold_sub_exercises(events: list[Event]) -> list[Event]:
    """An exercise whose states are some of a larger exercise's, with a compatible date, is that
    exercise again ("Ghana is hosting the exercise alongside Cote d'Ivoire" after the list of 29
    participants): it completes the larger one's date and place instead of standing alone."""
    exercises = sorted((e for e in events if e.type == "exercise"), key=lambda e: -len(e.participants))
    folded: set[int] = set()
    for small in exercises:
        big = next((b for b in exercises if id(b) not in folded and b is not small
                    and set(small.participants) < set(b.participants) and _compatible(b.date, small.date)), None)
        if big is None:
            continue
        big.location = big.location or small.location
        if small.date and (not big.date or len(small.date) > len(big.date)):
            big.date = small.date
        folded.add(id(small))
    return [e for e in events if id(e) not in folded]


def value_follow_ups(sentences: list[Sentence], mentions: list[tuple[int, Event]]) -> None:
    """"The deal is worth $4.75 billion" right after an arms deal without a value: its value.
    Only the first such sentence counts, so a later "cleared a sale worth up to $6 billion" does not."""
    deals = {n: e for n, e in mentions if e.type == "arms_deal"}
    for n, event in deals.items():
        if event.value_usd or event.value:
            continue
        for sentence in sentences[n + 1: n + 1 + FOLLOW_WINDOW]:
            if not lexicon().search("deal_value_rx", sentence.text.lower()):
                continue
            money = parse_money(sentence.text, sentence.start)
            usd = next((m.amount for m in money if m.currency == "USD"), None)
            other = next(({"amount": m.amount, "currency": m.currency} for m in money if m.currency != "USD"), None)
            event.value_usd, event.value = usd, None if usd else other
            break


def date_follow_ups(sentences: list[Sentence], mentions: list[tuple[int, Event]], ctx: Context) -> None:
    """"The export order, concluded earlier this month, ..." right after an undated arms deal: the
    date of the sentence that goes on about that deal is its date (not one later than the article)."""
    for n, event in ((n, e) for n, e in mentions if e.type == "arms_deal" and not e.date):
        for sentence in sentences[n + 1: n + 1 + FOLLOW_WINDOW]:
            if not lexicon().search("deal_ref_rx", sentence.text):
                continue
            dates = [m.value for m in grammar.explicit_dates(sentence) if m.value]
            event.date = next((d for d in dates if not ctx.published or d[:len(ctx.published)] <= ctx.published), None)
            break


def locate_by_dateline(events: list[Event], sentences: list[Sentence], ctx: Context) -> None:
    """A visit or exercise the text places nowhere happened where the article was filed from, when
    that place is one of its states ("VILNIUS, May 22 - ... was received by Lithuanian President");
    not an exercise the article puts "in international waters". A meeting at a gathering ("on the
    sidelines of the summit") happened where the article was filed from, whoever met there."""
    if ctx.dateline is None:
        return
    at_sea = any("exercise" in s.cues and lexicon().search("stateless_place_rx", s.text.lower()) for s in sentences)
    for event in events:
        if event.type in DATELINE_TYPES and event.location is None and ctx.dateline in event.participants and \
                not (event.type == "exercise" and at_sea):
            event.location = ctx.dateline
        elif event.type == "visit" and event.location is None and event.evidence is not None and \
                lexicon().search("gathering_rx", event.evidence.quote):
            event.location = ctx.dateline  # "met on the sidelines of the summit", filed from the summit's city


def main_states(sentences: list[Sentence]) -> list[str]:
    """States named in two or more sentences, most often named first; ties in order of first
    mention (never set order, which changes with the process's string hash seed)."""
    counts: Counter[str] = Counter()
    for s in sentences:
        for code in dict.fromkeys(a.code for a in s.actors if a.kind == "state"):
            counts[code] += 1
    return [c for c, n in counts.most_common() if n >= 2]


def official_nationalities(sentences: list[Sentence]) -> dict[str, str]:
    """Person name (full and surname) -> state, from "Azerbaijani Defense Minister Zakir Hasanov",
    "his Polish counterpart, Wladyslaw Kosiniak-Kamysz", "Israel's foreign minister, Tzipi Livni"
    anywhere in the article, so a later "Ahn held talks with Kosiniak-Kamysz" knows whose officials
    met. Read from the text alone (``nationality.py``), so a sentence the cue filter kept from the
    parser still tells whose official a person is, and the answer never depends on what was parsed.
    A two-word name may also be called by its first word ("Xi Jinping" ... "Xi also held talks"),
    surname first as in Chinese, when no other person's key is that word."""
    people = stated_nationalities(sentences)
    firsts = Counter(name.split()[0] for name in people if len(name.split()) == 2)
    for name, code in list(people.items()):
        first = name.split()[0]
        if len(name.split()) == 2 and firsts[first] == 1 and first not in people:
            people[first] = code
    return people


def adopt_arms_parties(full: list[Event], partial: list[Event]) -> list[Event]:
    """A one-state arms deal for the same item as a two-state deal is a deal between the same
    states (the first batch of the tanks whose second batch the article reports)."""
    adopted = []
    for bit in [p for p in partial if p.type == "arms_deal" and p.item]:
        head = bit.item.split()[-1].lower()
        for event in full:
            if event.type == "arms_deal" and event.item and event.item.split()[-1].lower() == head and \
                    set(bit.participants) <= set(event.participants):
                bit.participants = list(event.participants)
                adopted.append(bit)
                break
    for bit in adopted:
        partial.remove(bit)
    return adopted


def merge_events(events: list[Event]) -> list[Event]:
    """One event per (type, participants, compatible date); later mentions fill missing fields."""
    merged: list[Event] = []
    for event in events:
        same = next((m for m in merged if m.type == event.type and sorted(m.participants) == sorted(event.participants)
                     and _compatible(m.date, event.date) and _same_place(m, event) and _same_item(m, event)), None)
        trip = None if same else next((m for m in merged if _one_trip(m, event)), None)
        if trip is not None:
            trip.date = min(trip.date or "", event.date or "")  # the arrival dates the trip
            continue
        if same is None:
            merged.append(event)
            continue
        if event.date and (not same.date or len(event.date) > len(same.date)):
            same.date = event.date
        same.location = same.location or event.location
        same.value_usd = same.value_usd or event.value_usd
        same.value = same.value or event.value
        same.item = same.item or event.item
    return merged


COUNTED = re.compile(r"(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|dozens)\b)", re.I)


def _same_item(one: Event, other: Event) -> bool:
    """Two deals of counted items that share no word ("18 Rafale fighter jets", "three Belharra frigates") are
    two deals, even between the same states; "Apache" and "96 AH-64E Apache attack helicopters" may be one."""
    if one.type != "arms_deal" or not one.item or not other.item:
        return True
    if not all(COUNTED.match(item) for item in (one.item, other.item)):
        return True  # "the submarines", "Block 15 aircraft": maybe the counted deal's items told again
    words = [{w for w in re.findall(r"[a-z][\w-]*", item.lower())} for item in (one.item, other.item)]
    return bool(words[0] & words[1])


def date_deals_before_merging(full: list[Event], partial: list[Event]) -> None:
    """"Egypt orders 30 more Rafale fighters" (a headline, undated) and "Egypt has signed a contract
    for 30 Rafale aircraft on Tuesday" (one state): the one-state mention dates the first undated
    deal between those states before mentions merge, so an older deal of the same states told later
    ("In February 2015 it bought 24 of the jets") stays a deal of its own."""
    for bit in (p for p in partial if p.type == "arms_deal" and p.participants and p.date):
        target = next((e for e in full if e.type == "arms_deal" and e.date is None
                       and set(bit.participants) <= set(e.participants)), None)
        if target is not None:
            target.date = bit.date


def fill_from_partial(events: list[Event], partial: list[Event]) -> None:
    """A one-state mention of an event ("exercises in Azerbaijan in September", "the meeting with
    the Armenian minister in Paris") completes the location or date of the event it belongs to."""
    for bit in partial:
        if not bit.participants and sum(e.type == bit.type for e in events) != 1:
            continue  # a mention naming no state completes only the one event of its type
        for event in events:
            if event.type == bit.type and set(bit.participants) <= set(event.participants) and \
                    _compatible(event.date, bit.date):
                event.location = event.location or bit.location
                if bit.date and (not event.date or len(bit.date) > len(event.date)):
                    event.date = bit.date
                break


def date_undated_visits(events: list[Event], sentences: list[Sentence], ctx: Context) -> None:
    """A meeting reported without a date in a news article happened on the occasion the article
    reports: the latest full date of the week before publication, named in a sentence about the
    same states ("Egypt and Greece signed ... on Thursday" dates "Shoukry ... with his Greek
    counterpart in Cairo"). Articles without their own date get nothing."""
    news = _news_date(sentences, ctx)
    if news is None:
        return
    day, states, occasion = news
    place = _occasion_place(occasion)
    for event in events:
        if event.type == "visit" and event.date is None and set(event.participants) <= states:
            event.date = day
            if event.location is None and place in event.participants:
                event.location = place  # "reached an agreement in Seoul on Monday": where they met too


def _news_date(sentences: list[Sentence], ctx: Context) -> tuple[str, set[str], Sentence] | None:
    """The latest full date of the week before publication in a sentence about an occasion (a
    signing, a meeting, or officials of the states acting together beside a sentence about their
    meeting), with that sentence's states and the sentence itself."""
    published = _day(ctx.published)
    if published is None:
        return None
    best: tuple[str, set[str], Sentence] | None = None
    for n, sentence in enumerate(sentences):
        if not sentence.cues & {"signature", "visit"} and not _officials_beside_meeting(sentences, n):
            continue  # the occasion is a signing or a meeting, not a statement
        states = {a.code for a in sentence.actors if a.kind == "state"}
        for mention in sentence.dates:
            day = _day(mention.value)
            if day is None or not 0 <= (published - day).days <= NEWS_WINDOW_DAYS or len(states) < 2:
                continue
            if best is None or mention.value > best[0]:
                best = (mention.value, states, sentence)
    return best


WORD = re.compile(r"[a-z]+")


def _officials_beside_meeting(sentences: list[Sentence], n: int) -> bool:
    """"The presidents of A and B agreed on Thursday that ...", next to "their talks" or "after the
    meeting": officials of the states acting together on a day, beside a sentence about their
    meeting, were at that meeting that day."""
    if not any(lexicon().has("official", w) for w in WORD.findall(sentences[n].text.lower())):
        return False
    return any("visit" in sentences[m].cues for m in (n - 1, n + 1) if 0 <= m < len(sentences))


PLACE_BEFORE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)


def _occasion_place(sentence: Sentence) -> str | None:
    """The one state the occasion sentence puts it in: a capital, state or city right after "in"
    or "at" ("reached an agreement in Seoul on Monday")."""
    places = [*(a for a in sentence.actors if a.kind == "state" and a.how in ("name", "capital")),
              *find_places(sentence.text, sentence.start)]
    codes = {a.code for a in places
             if PLACE_BEFORE.search(sentence.text[max(0, a.start - sentence.start - 12): a.start - sentence.start])}
    return next(iter(codes)) if len(codes) == 1 else None


def _day(value: str | None) -> dt.date | None:
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _same_place(a: Event, b: Event) -> bool:
    """Two visits of the same states in different places are two visits ("Biden hosted Modi" and
    "when Austin visited New Delhi earlier this month")."""
    return a.type != "visit" or a.location is None or b.location is None or a.location == b.location


TRIP_DAYS = 2


def _one_trip(a: Event, b: Event) -> bool:
    """"Xi arrived in Astana on Tuesday for a state visit", "after talks with Tokayev the following
    day": meetings of the same states (in one place, or one not placed) on days next to each other are
    one trip."""
    if a.type != "visit" or b.type != "visit" or sorted(a.participants) != sorted(b.participants) or \
            not _same_place(a, b):
        return False
    day_a, day_b = _day(a.date), _day(b.date)
    return day_a is not None and day_b is not None and abs((day_a - day_b).days) <= TRIP_DAYS


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)
