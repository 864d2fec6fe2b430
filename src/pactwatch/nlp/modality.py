"""One step that decides whether what a clause reports happened, is denied, expected or conditional.

Every stage of an agreement (signed, ratified, in force, ended), each party's ratification and each
accession is recorded only when its clause says it *happened*: "will expire in 2030" sets no end,
"is expected to enter into force" no entry into force, "once both parliaments approve" no
ratification, "has not been ratified" none either. The phrasings are data (``data/modality.tsv``);
this module only combines them with the parse (auxiliaries, negation, tense).
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache

from pactwatch.data_files import table_rows
from pactwatch.nlp import grammar


class Modality(StrEnum):
    """What a clause says of the event it reports."""

    HAPPENED = "happened"
    NEGATED = "negated"
    EXPECTED = "expected"
    CONDITIONAL = "conditional"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """kind -> one pattern (the kind's rows joined), from ``data/modality.tsv``."""
    rows: dict[str, list[str]] = {}
    for row in table_rows("modality.tsv"):
        rows.setdefault(row.fields[0], []).append(row.pattern.pattern)
    return {kind: re.compile("|".join(rxs)) for kind, rxs in rows.items()}


def matches(kind: str, text: str) -> re.Match[str] | None:
    """The first match of ``kind``'s phrasings in ``text`` (lowercased), or None."""
    return _patterns()[kind].search(text)


def has_modal(verb: grammar.Token) -> bool:
    """The verb has a future or possible auxiliary ("will sign", "to ratify"), or is what an
    intention governs ("plans to sign"); "voted to ratify" is a vote that happened."""
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "vote" and verb.head.tag_ == "VBD":
        return False
    if any(c.dep_ == "aux" and matches("modal_aux", c.lower_) for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and bool(matches("intent_head", verb.head.lemma_.lower()))


def clause_modality(verb: grammar.Token, clause: str) -> Modality:
    """The modality of ``verb``'s clause (``clause``: its lowercased words)."""
    if any(c.dep_ == "neg" for c in verb.children) or matches("denied", clause):
        return Modality.NEGATED
    if matches("condition", clause) or any(c.dep_ == "mark" and matches("condition_mark", c.lower_)
                                           for c in verb.children) or _waits_for(verb):
        return Modality.CONDITIONAL
    if has_modal(verb) or matches("pending", clause):
        return Modality.EXPECTED
    return Modality.HAPPENED


def _waits_for(verb: grammar.Token) -> bool:
    """"enters into force thirty days after the two governments exchange notes": a clause of time in
    the present tense hangs the verb on something that has not happened yet."""
    return any(c.dep_ == "advcl" and c.tag_ in ("VBP", "VBZ") and any(
        m.dep_ == "mark" and m.lower_ in ("after", "once", "when", "until", "before") for m in c.children)
        for c in verb.children)


def end_modality(verb: grammar.Token, clause: str) -> Modality:
    """The modality of an end (expiry, termination, rejection): as any clause's, and a present
    tense of expiring only schedules it ("the pact lapses in 2030", "expires next year")."""
    found = clause_modality(verb, clause)
    present = verb.tag_ in ("VBZ", "VBP", "VB") or verb.tag_ == "NNS" and any(
        c.dep_ in ("nsubj", "compound") for c in verb.children)  # "the deal lapses in May", tagged a plural noun
    if found is Modality.HAPPENED and present and matches("scheduled_end", verb.lemma_.lower()):
        return Modality.EXPECTED
    return found


def sentence_modality(sentence_text: str, parsed_modal: bool) -> Modality:
    """The modality of a whole sentence where no single clause is known (a legislature's approval
    said in passing): pending unless the pending part belongs to another clause after a done one."""
    lowered = sentence_text.lower()
    pending = matches("condition", lowered) or matches("pending", lowered)
    if pending and not matches("done_then_contrast", lowered[: pending.start()]):
        return Modality.EXPECTED
    return Modality.EXPECTED if parsed_modal else Modality.HAPPENED
