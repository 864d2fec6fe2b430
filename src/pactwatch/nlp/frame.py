"""An agreement being assembled from its mentions in one article."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pactwatch.facts import Evidence, Renewal
from pactwatch.nlp.sentences import Sentence
from pactwatch.sameness import finer_date

STAGES = ["proposed", "signed", "ratified", "in_force"]


@dataclass
class Frame:
    """An agreement being assembled from its mentions in one article."""

    parties: set[str]
    title: str | None
    domain: str | None
    accession: bool = False
    head_words: set[str] = field(default_factory=set)  # specific nouns it was called ("memorandum")
    from_context: bool = False  # its parties were completed from the article, never named by the grammar
    strong_domain: bool = False  # the domain came from the mention's own words, not its sentence
    last_seen: int = 0  # index of the sentence that last mentioned it: later mentions refer to the latest
    keywords: set[str] = field(default_factory=set)  # content words of its mentions
    domain_votes: Counter[str] = field(default_factory=Counter)  # domains of its mentions' sentences
    stage: str | None = None
    end_state: str | None = None
    ended: str | None = None  # the day it ceased to have effect, where a sentence says so
    notice_given: str | None = None  # the day a party gave notice ending it (with its notice period, the end)
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


def merge_into(target: Frame, frame: Frame) -> None:
    """Fold ``frame``'s facts into ``target`` (the same agreement), keeping what target has."""
    target.title = target.title or frame.title
    if frame.stage and (target.stage is None or STAGES.index(frame.stage) > STAGES.index(target.stage)):
        target.stage = frame.stage
    target.end_state = target.end_state or frame.end_state
    target.ended = finer_date(target.ended, frame.ended)
    target.notice_given = target.notice_given or frame.notice_given
    target.secret = target.secret or frame.secret
    target.signed = finer_date(target.signed, frame.signed)
    target.in_force = finer_date(target.in_force, frame.in_force)
    target.duration_years = target.duration_years or frame.duration_years
    target.renewal = target.renewal or frame.renewal
    target.notice_months = target.notice_months or frame.notice_months
    for code, date in frame.ratified.items():
        if target.ratified.get(code) is None:
            target.ratified[code] = date
    target.provisions |= frame.provisions
    target.evidence.extend(e for e in frame.evidence if e not in target.evidence)

