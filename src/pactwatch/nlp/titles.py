"""Agreement titles as a careful reader writes them.

A mention's words are not yet its title. The parser may cut a proper name short (a headline
"Agreement On Strategic Partnership And Mutual Support" parsed as "Agreement On Strategic
Partnership And" plus a conjunct), take in what a headline puts before the name ("Morocco and
Israel Sign Defense Memorandum in Rabat") or the clause after it ("..., which the two governments
renewed in June 2015"), and a headline writes every word with a capital ("AUSTRALIA AND PNG SIGN
PUKPUK TREATY").

- ``title_tokens`` makes a mention's tokens into the name the sentence gives: a capitalised name
  is followed across "of"/"and" to its ends, a headline's subject and verb go, and so do relative
  and participle clauses, appositions after a comma, where it was signed and with whom.
- ``title_text`` joins them, less the words before a title that describe it rather than name it
  ("the 21-article ...", "landmark", "$3 billion").
- ``TitleCasing.as_written`` writes a title taken from a headline as the article's own sentences
  write it ("Pukpuk treaty"), else in sentence case with its proper nouns kept.

The word lists are data (``data/titles.tsv``).

>>> strip_strays("the 21 - article defense industry cooperation agreement")
'defense industry cooperation agreement'
>>> is_headline_case("AUSTRALIA AND PNG SIGN PUKPUK TREATY:"), is_headline_case("They signed the Pukpuk treaty.")
(True, False)
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from pactwatch.data_files import table_rows
from pactwatch.nlp.actors import find_actors
from pactwatch.nlp.grammar import Token
from pactwatch.nlp.lexicon import head_kind, is_group_noun

WORD = re.compile(r"[^\W\d_][\w'’.-]*")
NAME_BREAKERS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERSON", "GPE", "NORP", "PERCENT", "QUANTITY"}
LEFT_CONNECTORS = {"of", "and", "for", "on"}  # "General Security of | Military Information Agreement"
OPENING_PUNCT = {",", "(", "-", "–", "—", ";", ":"}
QUOTES = " ,;:“”\"'‘’"
PAIRS = (("(", ")"), ("“", "”"), ("[", "]"))
PHRASE_TOKENS = 30
DASHES = {"-", "–", "—", "/"}


@dataclass(frozen=True)
class TitleLexicon:
    """``data/titles.tsv``, read once (its header says what each kind is for)."""

    words: dict[str, frozenset[str]]
    strays: re.Pattern[str]
    trailing: re.Pattern[str]
    variants: dict[str, str]

    def has(self, kind: str, word: str) -> bool:
        return word.lower() in self.words.get(kind, frozenset())


@cache
def lexicon() -> TitleLexicon:
    words: dict[str, set[str]] = {}
    patterns: dict[str, list[str]] = {"stray_rx": [], "trailing_rx": []}
    variants: dict[str, str] = {}
    for row in table_rows("titles.tsv"):
        kind, entries = row.fields
        if kind.endswith("_rx"):
            patterns[kind].append(row.pattern.pattern)
        elif kind == "variant":
            forms = [w.strip().lower() for w in entries.split("|") if w.strip()]
            variants.update({w: forms[0] for w in forms})
        else:
            words.setdefault(kind, set()).update(w.strip().lower() for w in entries.split("|") if w.strip())
    determiners = "|".join(re.escape(w) for w in sorted(words.get("determiner", ())))
    strays = "|".join(re.escape(w) for w in sorted(words.get("stray", ()), key=len, reverse=True))
    leading = "|".join([f"(?i:{determiners})", strays, *patterns["stray_rx"]])
    return TitleLexicon(
        words={k: frozenset(v) for k, v in words.items()},
        strays=re.compile(rf"^(?:{leading})(?:\s+(?![-–])|$)"),  # not "three - way"
        trailing=re.compile(rf"\s+(?:{'|'.join(patterns['trailing_rx'])})$", re.IGNORECASE),
        variants=variants,
    )


def word_variants() -> dict[str, str]:
    """Each ``variant`` word of ``data/titles.tsv`` -> the first of its row ("support" ->
    "assistance"), so that two translations of one name compare equal."""
    return lexicon().variants


@lru_cache(maxsize=256)  # asked once per mention; a sentence may hold many
def is_headline_case(text: str) -> bool:
    """Every content word capitalised (three or more of them), or the letters mostly capitals: a
    headline's style, in which capitals say nothing about which words are names."""
    words = WORD.findall(text)
    letters = [c for c in text if c.isalpha()]
    if len(words) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
        return True
    content = [w for w in words if not lexicon().has("function", w)]
    return len(content) >= 3 and all(w[0].isupper() for w in content)


def has_headline_capitals(title: str) -> bool:
    """A title written as a headline writes it: shouted, or with a capital on a function word past
    its first ("Agreement On Strategic Partnership"), which no name's own spelling has."""
    words = WORD.findall(title)
    shouted = len(words) >= 2 and all(w.isupper() for w in words)
    return shouted or any(w[0].isupper() and lexicon().has("function", w) for w in words[1:])


# --- the tokens of a title ----------------------------------------------------------------------

def title_tokens(head: Token, tokens: Sequence[Token]) -> list[Token]:
    """The tokens of the name a mention gives, from the mention's parsed ``tokens`` (in order).

    The name is followed to its ends where the parse cut it ("General Security of" before
    "Military Information Agreement"); a headline's subject and verb before it are dropped, as are
    clauses and appositions after it, the place it was signed in and the party it was signed with."""
    headline = is_headline_case(head.doc.text)
    span = _extended(list(tokens), headline)
    span = _after_headline_verb(head, span, headline)
    drop = _clauses(head, span, headline) | _places_and_parties(head, span)
    return _trimmed(_with_joining_dashes([t for t in span if t.i not in drop]))


def title_text(tokens: Sequence[Token]) -> str | None:
    """The title the tokens spell, without leading determiners and descriptive words; None when
    nothing but the agreement noun is left ("the 144-page agreement")."""
    title = strip_strays(" ".join(t.text for t in tokens).strip(QUOTES))
    return title if len(title.split()) > 1 else None


def strip_strays(title: str) -> str:
    """Leading determiners and words that describe rather than name ("the landmark", "21-article",
    "$3 billion", the year before a name) and trailing judgements ("in their history") removed."""
    lex = lexicon()
    previous = None
    while previous != title:
        previous = title
        title = lex.strays.sub("", title, count=1).strip(QUOTES)
        title = lex.trailing.sub("", title).strip(QUOTES)
    return title


def _name_word(token: Token) -> bool:
    """A capitalised word that can be part of an agreement's proper name: not a date, a person, a
    place or a state (those end a name: "the Reciprocal Access Agreement Tokyo signed")."""
    return (token.text[:1].isupper() and not token.is_punct and token.ent_type_ not in NAME_BREAKERS
            and not lexicon().has("determiner", token.text) and not _actor(token.text))


def _extended(span: list[Token], headline: bool) -> list[Token]:
    """Outside headlines, a capitalised name is followed across "of"/"and" to the words the parse
    left out on either side; in any sentence, a title ending on a connector ("... Partnership And")
    goes on to the name's end, where there is one."""
    if not span:
        return span
    if not headline and _name_word(span[0]):
        span = _left_run(span[0]) + span
    if not headline and _name_word(span[-1]) or lexicon().has("connector", span[-1].text):
        span = span + _right_run(span[-1], headline)
    return span


def _left_run(first: Token) -> list[Token]:
    """Capitalised words and the connectors between them before ``first`` ("General Security of")."""
    doc, added, i = first.doc, [], first.i
    while (i >= 2 and doc[i - 1].lower_ in LEFT_CONNECTORS and doc[i - 1].is_lower and _name_word(doc[i - 2])
           and not (doc[i - 1].lower_ == "and" and head_kind(doc[i - 2].lower_) == "generic")):  # "Treaty and"
        j = i - 2
        while j >= 1 and _name_word(doc[j - 1]):
            j -= 1
        added = [doc[k] for k in range(j, i)] + added
        i = j
    return added


def _right_run(last: Token, headline: bool) -> list[Token]:
    """Capitalised words, and connectors followed by more of them, after ``last`` ("Related to
    Naval Nuclear Propulsion"); a headline writes its connectors with capitals too."""
    lex, doc, added = lexicon(), last.doc, []
    for t in doc[last.i + 1:]:
        joins = lex.has("connector", t.text)
        if not (joins and (t.is_lower or headline) or not joins and _name_word(t)):
            break
        added.append(t)
    while added and lex.has("connector", added[-1].text):
        added.pop()
    return added


def _after_headline_verb(head: Token, span: list[Token], headline: bool) -> list[Token]:
    """"Morocco and Israel Sign Defense Memorandum": the title starts after the headline's verb (a
    verb the parser took for part of the name). A capitalised one counts only in a headline ("the
    Agreed Framework" is a name)."""
    verbs = [t.i for t in span if t.i < head.i and lexicon().has("headline_verb", t.text) and (headline or t.is_lower)]
    return [t for t in span if t.i > verbs[-1]] if verbs else span


def _clauses(head: Token, span: list[Token], headline: bool) -> set[int]:
    """Tokens of relative and participle clauses ("which ...", "signed by the two countries in
    2014", "known as GSOMIA"), infinitive clauses on a word other than the head ("letter of intent
    to sell ..."), and appositions after punctuation ("Lombok Treaty, a framework for ...")."""
    drop: set[int] = set()
    for t in span:
        if t.i == head.i or t.i in drop:
            continue
        participle = t.dep_ == "acl" and t.tag_ == "VBN" and (t.is_lower or headline)  # not "... Related to ..."
        infinitive = t.dep_ == "acl" and t.head.i != head.i and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
        aside = t.dep_ == "appos" and _set_off(t) and not _names_it(head, t)
        if t.dep_ == "relcl" or participle or infinitive or aside:
            drop |= {x.i for x in t.subtree}
    return drop


def _set_off(token: Token) -> bool:
    """An apposition that punctuation sets off from what precedes it."""
    left = token.left_edge
    return left.i > 0 and left.doc[left.i - 1].text in OPENING_PUNCT


def _names_it(head: Token, appos: Token) -> bool:
    """"the pact, the Falepili Union": a capitalised name in apposition to a lower-case noun."""
    words = [t for t in appos.subtree if not t.is_punct and not lexicon().has("determiner", t.text)]
    return head.is_lower and bool(words) and words[0].text[:1].isupper() and not words[0].text.isupper()


def _places_and_parties(head: Token, span: list[Token]) -> set[int]:
    """"in Rabat" on the agreement noun (where it was signed), "with the breakaway region of
    Somaliland" (whom with), "between the two sides" (the parties again): not part of a name."""
    lex, drop = lexicon(), set()
    for t in span:
        objects = [c for c in t.children if c.dep_ == "pobj"]
        if t.dep_ != "prep" or not objects:
            continue
        place = lex.has("place_prep", t.text) and t.head.i == head.i
        if not (place or lex.has("party_prep", t.text) or lex.has("pair_prep", t.text)):
            continue
        inside = list(t.subtree)[1:PHRASE_TOKENS]  # a place or a party is a short phrase
        named = bool(find_actors(" ".join(x.text for x in inside))) or any(
            x.ent_type_ in ("GPE", "LOC", "FAC") for x in inside)
        if (place and named or lex.has("party_prep", t.text) and (named or is_group_noun(objects[0].lower_))
                or lex.has("pair_prep", t.text) and is_group_noun(objects[0].lower_)):
            drop |= {x.i for x in t.subtree}
    return drop


def _with_joining_dashes(span: list[Token]) -> list[Token]:
    """A dash the parse hung elsewhere, between two words of the title ("US – Saudi strategic pact")."""
    out: list[Token] = []
    for t in span:
        if out and t.i == out[-1].i + 2 and t.doc[t.i - 1].text in DASHES:
            out.append(t.doc[t.i - 1])
        out.append(t)
    return out


def _trimmed(span: list[Token]) -> list[Token]:
    """Without punctuation at either end and function words at the end ("... Partnership And")."""
    lex = lexicon()
    def closes_a_pair(token: Token) -> bool:
        return any(token.text == close and any(t.text == open_ for t in span) for open_, close in PAIRS)

    while span and (span[-1].is_punct and not closes_a_pair(span[-1]) or lex.has("function", span[-1].text)):
        span = span[:-1]
    while span and span[0].is_punct and span[0].text not in {open_ for open_, _ in PAIRS}:
        span = span[1:]
    return span


# --- casing ---------------------------------------------------------------------------------------

class TitleCasing:
    """An article's sentences, to write a title from a headline as the article itself writes it.

    Built once per article; what it learns from the body (the forms each word takes when it does
    not open a sentence) is worked out only when a title from a headline asks."""

    def __init__(self, sentences: Sequence[str]) -> None:
        self.sentences = list(sentences)
        self.text = "\n".join(self.sentences)
        self.starts = [0]
        for s in self.sentences[:-1]:
            self.starts.append(self.starts[-1] + len(s) + 1)
        self._body: list[str] | None = None
        self._forms: dict[str, Counter[str]] | None = None

    def as_written(self, title: str | None) -> str | None:
        """The title as the body writes it, if it came from a headline (else as it is): the body's
        own form of the whole name ("Pukpuk treaty"), else word by word ("NATO bid")."""
        if not title:
            return title
        words = title.split()
        pattern = r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])"
        found = re.search(pattern, self.text)
        if found is None:
            return title
        n = bisect.bisect_right(self.starts, found.start()) - 1
        opens = not WORD.search(self.text[self.starts[n]:found.start()])  # "Letter of intent" heading a line
        headline = is_headline_case(self.sentences[n])
        if not headline and not opens:
            return title
        forms = Counter(" ".join(m.group(0).split()) for s in self.body()
                        for m in re.finditer(pattern, s, re.IGNORECASE)
                        if WORD.search(s[:m.start()]) and not m.group(0).isupper())
        if forms:
            return max(forms, key=lambda f: forms[f])
        if headline:
            return self._recased(words)
        first = words[0]
        lower = first.istitle() and self._proper(first, False) is None and self._written_lower(first)
        return " ".join([first.lower() if lower else first, *words[1:]])

    def body(self) -> list[str]:
        """The sentences not in headline style: where capitals mean names."""
        if self._body is None:
            self._body = [s for s in self.sentences if not is_headline_case(s)]
        return self._body

    def forms(self) -> dict[str, Counter[str]]:
        """Each word (lower-cased) -> how often the body writes it each way, past a sentence's first word."""
        if self._forms is None:
            self._forms = {}
            for s in self.body():
                for w in WORD.findall(s)[1:]:
                    for part in w.strip(".'’").split("-"):
                        if part:
                            self._forms.setdefault(part.lower(), Counter())[part] += 1
        return self._forms

    def _recased(self, words: list[str]) -> str:
        """A headline's title the body does not write out: as a name, with its capitals and its
        function words in lower case ("Agreement on Strategic Partnership and Mutual Support"),
        where one of its words (other than a state's) is a name; else in sentence case with the
        names kept ("NATO bid", "defense memorandum")."""
        lex = lexicon()
        shouted = all(w.isupper() for w in words if any(c.isalpha() for c in w))
        name = any(self._proper(p, shouted) is not None for w in words if not lex.has("function", w)
                   for p in w.split("-") if p and not _actor(p))
        out = []
        for n, word in enumerate(words):
            if n > 0 and lex.has("function", word):
                out.append(word.lower())
            else:
                out.append("-".join(self._part(p, name, shouted) for p in word.split("-")))
        return " ".join(out)

    def _part(self, part: str, name: bool, shouted: bool) -> str:
        proper = self._proper(part, shouted)
        if proper is not None:
            return proper
        if not name:
            return part.lower()
        return part.capitalize() if part.isupper() and (shouted or len(part) > 5) else part

    def _proper(self, part: str, shouted: bool) -> str | None:
        """``part`` as written where it is a name, else None: the body's commonest form where the
        body mostly capitalises it; a state or organisation; a word of no agreement's vocabulary
        that the body does not use ("Pukpuk"), in title case where the headline shouts."""
        forms = self.forms().get(part.lower(), Counter())
        capitalised = Counter({f: n for f, n in forms.items() if f[:1].isupper()})
        if forms:
            written = sum(capitalised.values())
            return max(capitalised, key=lambda f: capitalised[f]) if written * 2 >= forms.total() else None
        if _actor(part):
            return part.capitalize() if part.isupper() and len(part) > 4 else part
        if not part[:1].isupper() or _common(part):
            return None
        return part.capitalize() if shouted else part

    def _written_lower(self, word: str) -> bool:
        forms = self.forms().get(word.lower(), Counter())
        return bool(forms) and all(f.islower() for f in forms)


@lru_cache(maxsize=4096)
def _actor(word: str) -> bool:
    """A state or organisation's name or short name ("Israel", "AUSTRALIA", "PNG")."""
    return bool(find_actors(word) or word.isupper() and find_actors(word.capitalize()))


@cache
def _common(word: str) -> bool:
    """A word of the vocabulary titles are written in (not a name): agreement nouns, generic title
    words, function words and the words a headline or a description puts around a name."""
    lex = lexicon()
    lower = word.lower()
    return (head_kind(lower) is not None or lower in generic_title_words()
            or any(lex.has(kind, lower) for kind in ("function", "stray", "headline_verb", "determiner")))


@cache
def generic_title_words() -> frozenset[str]:
    """``data/title_words.tsv``'s generic words ("agreement", "defence", "cooperation")."""
    return frozenset(w.strip().lower() for row in table_rows("title_words.tsv") if row.fields[0] == "generic"
                     for w in row.fields[1].split("|") if w.strip())
