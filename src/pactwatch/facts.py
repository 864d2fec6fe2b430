"""The facts format (``SCHEMA.md`` v1.1): what extraction writes, what everything after it reads.

Plain dataclasses with a ``to_json`` that writes exactly the documented shape, and
``from_json`` to read it back (the knowledge base ingests these). Two keys are additive and
written only when known: an agreement's ``obligations`` (v1.1: directed duties with their
conditions) and ``ended`` (the date it ceased to have effect, for a terminated or expired one; an
extension of ours, documented in docs/facts-format.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DOMAINS = ("security", "defense_industry", "trade", "energy", "climate", "other")
STATUSES = ("proposed", "signed", "ratified", "in_force", "expired", "terminated", "rejected")
PROVISIONS = (
    "mutual_defense", "consultation", "nonaggression", "neutrality", "military_technical",
    "defense_industry", "training", "exercises", "intelligence", "classified_info",
    "joint_commission", "basing", "peacekeeping", "economic",
)
EVENT_TYPES = ("exercise", "visit", "arms_deal")
OBLIGATION_KINDS = ("defend", "consult", "not_attack", "stay_neutral")
CONDITION_TYPES = ("after_consultation", "on_request", "location", "adversary", "non_provocation", "other")


@dataclass
class Evidence:
    """A verbatim sentence of the cleaned text supporting one field, with its offsets."""

    field: str
    quote: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "quote": self.quote, "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Evidence:
        return cls(obj["field"], obj["quote"], int(obj.get("start", -1)), int(obj.get("end", -1)))


@dataclass
class Renewal:
    automatic: bool
    period_years: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"automatic": self.automatic, "period_years": self.period_years}


@dataclass
class Condition:
    """What a duty waits on or is limited to (``CONDITION_TYPES``), with the words that say so."""

    type: str
    quote: str

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "quote": self.quote}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Condition:
        return cls(str(obj.get("type") or "other"), str(obj.get("quote") or ""))


@dataclass
class Obligation:
    """A directed duty an agreement's text states: ``by`` are bound to ``to`` (a mutual duty lists
    all parties in both), with its conditions and the sentence stating it."""

    kind: str
    by: list[str]
    to: list[str]
    conditions: list[Condition] = field(default_factory=list)
    evidence: Evidence | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "by": sorted(set(self.by)), "to": sorted(set(self.to)),
                               "conditions": [c.to_json() for c in self.conditions]}
        out["evidence"] = ({"quote": self.evidence.quote, "start": self.evidence.start, "end": self.evidence.end}
                           if self.evidence else None)
        return out

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Obligation:
        ev = obj.get("evidence")
        evidence = (Evidence("obligations", str(ev.get("quote") or ""), int(ev.get("start", -1)),
                             int(ev.get("end", -1))) if isinstance(ev, dict) else None)
        return cls(str(obj.get("kind")), list(obj.get("by") or []), list(obj.get("to") or []),
                   [Condition.from_json(c) for c in obj.get("conditions") or []], evidence)


@dataclass
class Agreement:
    """One agreement an article mentions, between at least two identifiable parties."""

    parties: list[str]
    title: str | None = None
    domain: str = "security"
    status: str = "signed"
    secret: bool = False
    signed: str | None = None
    ratified: dict[str, str | None] = field(default_factory=dict)
    in_force: str | None = None
    duration_years: float | None = None
    renewal: Renewal | None = None
    termination_notice_months: float | None = None
    provisions: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    ended: str | None = None
    obligations: list[Obligation] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = {
            "title": self.title,
            "parties": sorted(set(self.parties)),
            "domain": self.domain,
            "status": self.status,
            "secret": self.secret,
            "signed": self.signed,
            "ratified": dict(sorted(self.ratified.items())),
            "in_force": self.in_force,
            "duration_years": _number(self.duration_years),
            "renewal": self.renewal.to_json() if self.renewal else None,
            "termination_notice_months": _number(self.termination_notice_months),
            "provisions": sorted(set(self.provisions)),
            "evidence": [e.to_json() for e in self.evidence],
        }
        if self.ended:
            out["ended"] = self.ended
        if self.obligations:
            out["obligations"] = [o.to_json() for o in self.obligations]
        return out

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Agreement:
        ren = obj.get("renewal")
        return cls(
            parties=list(obj.get("parties") or []),
            title=obj.get("title"),
            domain=obj.get("domain") or "other",
            status=obj.get("status") or "signed",
            secret=bool(obj.get("secret")),
            signed=obj.get("signed"),
            ratified=dict(obj.get("ratified") or {}),
            in_force=obj.get("in_force"),
            duration_years=obj.get("duration_years"),
            renewal=Renewal(bool(ren.get("automatic")), ren.get("period_years")) if ren else None,
            termination_notice_months=obj.get("termination_notice_months"),
            provisions=list(obj.get("provisions") or []),
            evidence=[Evidence.from_json(e) for e in obj.get("evidence") or []],
            ended=obj.get("ended"),
            obligations=[Obligation.from_json(o) for o in obj.get("obligations") or []],
        )


@dataclass
class Event:
    """An exercise, official visit or arms deal the article reports."""

    type: str
    participants: list[str]
    date: str | None = None
    location: str | None = None
    value_usd: float | None = None
    item: str | None = None
    value: dict[str, Any] | None = None
    evidence: Evidence | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type,
            "participants": sorted(set(self.participants)),
            "date": self.date,
            "location": self.location,
            "value_usd": _number(self.value_usd),
            "item": self.item,
            "evidence": self.evidence.quote if self.evidence else None,
        }
        if self.evidence:
            out["evidence_start"] = self.evidence.start
            out["evidence_end"] = self.evidence.end
        if self.value:
            out["value"] = self.value
        return out

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Event:
        ev = obj.get("evidence")
        evidence = None
        if isinstance(ev, str):
            start, end = int(obj.get("evidence_start", -1)), int(obj.get("evidence_end", -1))
            evidence = Evidence("event", ev, start, end)
        return cls(
            type=obj["type"], participants=list(obj.get("participants") or []), date=obj.get("date"),
            location=obj.get("location"), value_usd=obj.get("value_usd"), item=obj.get("item"),
            value=obj.get("value"), evidence=evidence,
        )


@dataclass
class ArticleFacts:
    """Everything extracted from one article: one line of ``pactwatch facts`` output."""

    doc_id: str
    published: str | None
    agreements: list[Agreement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "published": self.published,
            "agreements": [a.to_json() for a in self.agreements],
            "events": [e.to_json() for e in self.events],
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> ArticleFacts:
        return cls(
            doc_id=obj["doc_id"], published=obj.get("published"),
            agreements=[Agreement.from_json(a) for a in obj.get("agreements") or []],
            events=[Event.from_json(e) for e in obj.get("events") or []],
        )


def _number(value: float | None) -> float | int | None:
    """Whole numbers print as ints (10, not 10.0), as the schema's examples do."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


_ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def schema_problems(obj: dict[str, Any], text: str | None = None) -> list[str]:
    """Every way ``obj`` (one facts line) breaks SCHEMA.md; with ``text``, also every evidence
    quote that is not verbatim at its offsets. An empty list means valid. Used by the fuzz tests
    and as a guard users can call on any facts file."""
    import re

    problems: list[str] = []

    def check_date(where: str, value: Any) -> None:
        if value is not None and not (isinstance(value, str) and re.match(_ISO_DATE, value)):
            problems.append(f"{where}: {value!r} is not an ISO date")

    def check_quote(where: str, quote: Any, start: Any, end: Any) -> None:
        if not isinstance(quote, str) or not quote:
            problems.append(f"{where}: empty evidence")
        elif text is not None and text[start:end] != quote:
            problems.append(f"{where}: quote is not verbatim at {start}:{end}")

    check_date("published", obj.get("published"))
    if not isinstance(obj.get("doc_id"), str):
        problems.append("doc_id: missing")
    for i, a in enumerate(obj.get("agreements") or []):
        where = f"agreements[{i}]"
        parties = a.get("parties") or []
        if len(set(parties)) < 2 or parties != sorted(set(parties)):
            problems.append(f"{where}.parties: {parties!r} (need >= 2, sorted, unique)")
        if a.get("domain") not in DOMAINS:
            problems.append(f"{where}.domain: {a.get('domain')!r}")
        if a.get("status") not in STATUSES:
            problems.append(f"{where}.status: {a.get('status')!r}")
        for key in ("signed", "in_force", "ended"):
            check_date(f"{where}.{key}", a.get(key))
        for party, day in (a.get("ratified") or {}).items():
            check_date(f"{where}.ratified.{party}", day)
        bad = [p for p in a.get("provisions") or [] if p not in PROVISIONS]
        if bad:
            problems.append(f"{where}.provisions: unknown {bad}")
        for j, ev in enumerate(a.get("evidence") or []):
            check_quote(f"{where}.evidence[{j}]", ev.get("quote"), ev.get("start"), ev.get("end"))
        for j, ob in enumerate(a.get("obligations") or []):
            problems.extend(_obligation_problems(f"{where}.obligations[{j}]", ob, set(parties), check_quote))
    for i, e in enumerate(obj.get("events") or []):
        where = f"events[{i}]"
        if e.get("type") not in EVENT_TYPES:
            problems.append(f"{where}.type: {e.get('type')!r}")
        if not e.get("participants"):
            problems.append(f"{where}.participants: empty")
        check_date(f"{where}.date", e.get("date"))
        if e.get("evidence") is not None:
            check_quote(f"{where}.evidence", e["evidence"], e.get("evidence_start"), e.get("evidence_end"))
    return problems


def _obligation_problems(where: str, ob: dict[str, Any], parties: set[str], check_quote: Any) -> list[str]:
    """How one obligation breaks SCHEMA.md v1.1: kind, by/to among the parties, condition types,
    verbatim evidence (``check_quote`` adds its own problems)."""
    problems: list[str] = []
    if ob.get("kind") not in OBLIGATION_KINDS:
        problems.append(f"{where}.kind: {ob.get('kind')!r}")
    for key in ("by", "to"):
        codes = ob.get(key) or []
        if not codes or codes != sorted(set(codes)) or not set(codes) <= parties:
            problems.append(f"{where}.{key}: {codes!r} (need parties of the agreement, sorted, unique)")
    for k, condition in enumerate(ob.get("conditions") or []):
        if condition.get("type") not in CONDITION_TYPES:
            problems.append(f"{where}.conditions[{k}].type: {condition.get('type')!r}")
    ev = ob.get("evidence")
    if not isinstance(ev, dict):
        problems.append(f"{where}.evidence: missing")
    else:
        check_quote(f"{where}.evidence", ev.get("quote"), ev.get("start"), ev.get("end"))
    return problems
