"""Per-article facts -> one record per real agreement or event, with every value's sources.

Articles report the same agreement with different words, precision and mistakes. Merging groups
the mentions that can be the same agreement (same parties; compatible title, domain and signing
date), keeps every value each field was given with the articles, duplicate clusters and evidence
behind it, shows the best supported value (most independent sources, i.e. distinct clusters, then
the most precise), and lists disagreements as conflicts instead of dropping them.

The result does not depend on the order of the input: items are first put in a canonical order
(the most specific mentions first, so they anchor the groups vague mentions then join).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, TypeVar

from pactwatch.data_files import table_rows
from pactwatch.facts import OBLIGATION_KINDS, STATUSES, Agreement, Event
from pactwatch.lifecycle import Lifecycle, compute_lifecycle
from pactwatch.nlp.titles import has_headline_capitals
from pactwatch.sameness import Features, affinity, date_precision, dates_compatible

AGREEMENT_FIELDS = ("title", "domain", "status", "secret", "signed", "in_force", "duration_years", "renewal",
                    "termination_notice_months", "ended")
EVENT_FIELDS = ("date", "location", "value_usd", "item", "value")
NO_CONFLICT = {"title", "status", "secret", "provisions", "parties", "item"}


@dataclass(frozen=True)
class SourcedAgreement:
    """One article's agreement, with where it came from (its duplicate cluster counts as one source)."""

    article_id: str
    cluster_id: str
    published: str | None
    agreement: Agreement


@dataclass(frozen=True)
class SourcedEvent:
    article_id: str
    cluster_id: str
    published: str | None
    event: Event


@dataclass
class FieldValue:
    """One value a field was given, and every article, cluster and sentence behind it."""

    value: Any
    articles: list[str] = field(default_factory=list)
    clusters: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "articles": self.articles, "clusters": self.clusters,
                "independent_sources": len(self.clusters), "evidence": self.evidence}


@dataclass
class MergedField:
    """Every value of one field, best supported first; ``shown`` is the one a table shows."""

    name: str
    shown: Any
    values: list[FieldValue]
    conflict: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"shown": self.shown, "values": [v.to_json() for v in self.values], "conflict": self.conflict}


@dataclass
class _Merged:
    id: str
    fields: dict[str, MergedField]
    documents: list[str]
    clusters: list[str]

    @property
    def independent_sources(self) -> int:
        return len(self.clusters)

    def shown(self, name: str) -> Any:
        merged = self.fields.get(name)
        return merged.shown if merged else None

    def conflicts(self) -> list[dict[str, Any]]:
        return [{"field": f.name, "values": [{"value": v.value, "articles": v.articles,
                                               "independent_sources": len(v.clusters)} for v in f.values]}
                for f in self.fields.values() if f.conflict]

    def evidence(self) -> list[dict[str, Any]]:
        seen: dict[tuple[Any, ...], dict[str, Any]] = {}
        for f in self.fields.values():
            for v in f.values:
                for ev in v.evidence:
                    seen.setdefault((ev["field"], ev["article_id"], ev["start"], ev["end"]), ev)
        return [seen[k] for k in sorted(seen, key=lambda k: (k[1], k[2], k[0]))]


@dataclass
class MergedAgreement(_Merged):
    parties: list[str] = field(default_factory=list)
    obligations: list[dict[str, Any]] = field(default_factory=list)

    def ratified(self) -> dict[str, str | None]:
        prefix = "ratified."
        return {name[len(prefix):]: f.shown for name, f in sorted(self.fields.items()) if name.startswith(prefix)}

    def to_json(self) -> dict[str, Any]:
        """The record in the knowledge-base API's shape (see the KB API contract)."""
        out: dict[str, Any] = {"id": self.id, "title": self.shown("title"), "parties": self.parties}
        for name in AGREEMENT_FIELDS[1:]:
            out[name] = self.shown(name)
        out["secret"] = bool(out["secret"])
        out["ratified"] = self.ratified()
        out["provisions"] = self.shown("provisions") or []
        out["obligations"] = self.obligations
        out.update(documents=self.documents, independent_sources=self.independent_sources,
                   conflicts=self.conflicts(), fields={n: f.to_json() for n, f in sorted(self.fields.items())},
                   evidence=self.evidence())
        return out

    def evidence(self) -> list[dict[str, Any]]:
        """Every sentence behind a field or an obligation, once, by article and offset."""
        found = super().evidence()
        seen = {(e["field"], e["article_id"], e["start"], e["end"]) for e in found}
        for ob in self.obligations:
            for ev in ob["evidence"]:
                key = ("obligations", ev["article_id"], ev["start"], ev["end"])
                if key not in seen:
                    seen.add(key)
                    found.append({"article_id": ev["article_id"], "field": "obligations", "quote": ev["quote"],
                                  "start": ev["start"], "end": ev["end"]})
        return sorted(found, key=lambda e: (e["article_id"], e["start"], e["field"]))


@dataclass
class MergedEvent(_Merged):
    type: str = ""
    participants: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type, "participants": self.participants}
        for name in EVENT_FIELDS:
            out[name] = self.shown(name)
        out.update(documents=self.documents, independent_sources=self.independent_sources,
                   conflicts=self.conflicts(), fields={n: f.to_json() for n, f in sorted(self.fields.items())},
                   evidence=self.evidence())
        return out


# --- agreements ------------------------------------------------------------------------------------

Regroup = Callable[[list[list[Any]]], list[list[Any]]]


def merge_agreements(items: Iterable[SourcedAgreement], regroup: Regroup | None = None) -> list[MergedAgreement]:
    """One record per real agreement, sorted by id. Mentions from one article are never merged with
    each other: the extractor already decided they are distinct agreements. ``regroup`` (reviewers'
    merge and split decisions, ``pactwatch.store.reviews``) may change the groups before they are merged."""
    groups = _group(items, key=lambda it: tuple(sorted(set(it.agreement.parties))),
                    specificity=_agreement_specificity, compatible=agreements_compatible, affinity=_agreement_affinity)
    if regroup is not None:
        groups = regroup(groups)
    records = [_merged_agreement(g) for g in groups]
    return _with_unique_ids(records)


def agreements_compatible(a: SourcedAgreement, b: SourcedAgreement) -> bool:
    """Can these two mentions (same parties) be the same agreement? Different domains need strong
    evidence of identity (shared title words, or the same day of signature)."""
    x, y = a.agreement, b.agreement
    if not dates_compatible(x.signed, y.signed) or title_overlap(x.title, y.title) < 0.5:
        return False
    if x.domain == y.domain:
        return True
    same_day = date_precision(x.signed) == 3 and x.signed == y.signed
    shared_words = bool(title_tokens(x.title) & title_tokens(y.title))
    return same_day or shared_words


def _agreement_specificity(it: SourcedAgreement) -> tuple[Any, ...]:
    a = it.agreement
    return (len(title_tokens(a.title)) > 0, date_precision(a.signed), date_precision(a.in_force),
            sum(v is not None for v in (a.duration_years, a.renewal, a.termination_notice_months)) + len(a.ratified))


def _agreement_affinity(member: SourcedAgreement, it: SourcedAgreement) -> float:
    """What two records of the same parties share (``pactwatch.sameness.affinity``)."""
    same_cluster = member.cluster_id == it.cluster_id
    return affinity(_features(member.agreement), _features(it.agreement), same_cluster=same_cluster)


def _features(a: Agreement) -> Features:
    return Features(frozenset(a.parties), a.domain, signed=a.signed, words=title_tokens(a.title))


def _merged_agreement(group: list[SourcedAgreement]) -> MergedAgreement:
    fields: dict[str, MergedField] = {}
    fields["parties"] = _merge_field("parties", [(it, sorted(set(it.agreement.parties))) for it in group],
                                     group, "parties")
    for name in AGREEMENT_FIELDS:
        pairs = [(it, _agreement_value(it.agreement, name)) for it in group]
        fields[name] = _merge_field(name, pairs, group, name)
    for party in sorted({p for it in group for p in it.agreement.ratified}):
        pairs = [(it, it.agreement.ratified[party]) for it in group if party in it.agreement.ratified]
        fields[f"ratified.{party}"] = _merge_field(f"ratified.{party}", pairs, group, "ratified", keep_none=True)
    fields["provisions"] = _union_field("provisions", [(it, p) for it in group for p in it.agreement.provisions])
    parties = sorted(set(group[0].agreement.parties))
    head = _Merged("", fields, _documents(group), _clusters(group))
    title_words = sorted(title_tokens(head.shown("title")))
    signed = head.shown("signed")
    key = ["agreement", ",".join(parties), head.shown("domain") or "", " ".join(title_words),
           signed[:4] if signed else ""]
    return MergedAgreement(_stable_id("agr", key), fields, head.documents, head.clusters, parties=parties,
                           obligations=merge_obligations(group))


def merge_obligations(group: Sequence[SourcedAgreement]) -> list[dict[str, Any]]:
    """One obligation per (kind, set of obligors, set of beneficiaries) over every source: the union
    of the conditions any source states (a condition one article leaves out still binds), the
    sentence each source states it with, and how many duplicate clusters state it.

    >>> from pactwatch.facts import Condition, Obligation
    >>> duty = Obligation("defend", ["TUR", "AZE"], ["AZE", "TUR"], [Condition("after_consultation", "after talks")])
    >>> one = SourcedAgreement("a1", "c1", None, Agreement(["AZE", "TUR"], obligations=[duty]))
    >>> [(o["kind"], o["by"], o["condition_types"], o["conditional"]) for o in merge_obligations([one])]
    [('defend', ['AZE', 'TUR'], ['after_consultation'], True)]
    """
    merged: dict[tuple[str, tuple[str, ...], tuple[str, ...]], dict[str, Any]] = {}
    clusters: dict[tuple[str, tuple[str, ...], tuple[str, ...]], set[str]] = {}
    for it in sorted(group, key=lambda it: (it.article_id, it.cluster_id)):
        for ob in it.agreement.obligations:
            key = (ob.kind, tuple(sorted(set(ob.by))), tuple(sorted(set(ob.to))))
            out = merged.setdefault(key, {"kind": ob.kind, "by": list(key[1]), "to": list(key[2]), "conditions": [],
                                          "evidence": []})
            clusters.setdefault(key, set()).add(it.cluster_id)
            for condition in ob.conditions:
                if not any(c["type"] == condition.type and c["quote"] == condition.quote for c in out["conditions"]):
                    out["conditions"].append({"type": condition.type, "quote": condition.quote,
                                              "article_id": it.article_id})
            ev = ob.evidence
            if ev is not None:
                found = {"article_id": it.article_id, "quote": ev.quote, "start": ev.start, "end": ev.end}
                if found not in out["evidence"]:
                    out["evidence"].append(found)
    result = []
    for key in sorted(merged, key=lambda k: (_kind_rank(k[0]), k)):
        out = merged[key]
        out["conditions"].sort(key=lambda c: (c["type"], c["article_id"], c["quote"]))
        out["evidence"].sort(key=lambda e: (e["article_id"], e["start"], e["end"]))
        types = sorted({c["type"] for c in out["conditions"]})
        result.append({"kind": out["kind"], "by": out["by"], "to": out["to"], "conditions": out["conditions"],
                       "condition_types": types, "conditional": bool(types), "evidence": out["evidence"],
                       "independent_sources": len(clusters[key])})
    return result


def _kind_rank(kind: str) -> int:
    return OBLIGATION_KINDS.index(kind) if kind in OBLIGATION_KINDS else len(OBLIGATION_KINDS)


def _agreement_value(a: Agreement, name: str) -> Any:
    value = getattr(a, name)
    if name == "renewal" and value is not None:
        return value.to_json()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- events ----------------------------------------------------------------------------------------

def merge_events(items: Iterable[SourcedEvent], regroup: Regroup | None = None) -> list[MergedEvent]:
    """One record per real event: same type and participants, compatible date and item."""
    groups = _group(items, key=lambda it: (it.event.type, tuple(sorted(set(it.event.participants)))),
                    specificity=_event_specificity, compatible=events_compatible, affinity=_event_affinity)
    if regroup is not None:
        groups = regroup(groups)
    return _with_unique_ids([_merged_event(g) for g in groups])


def events_compatible(a: SourcedEvent, b: SourcedEvent) -> bool:
    x, y = a.event, b.event
    return dates_compatible(x.date, y.date) and title_overlap(x.item, y.item) >= 0.5


def _event_specificity(it: SourcedEvent) -> tuple[Any, ...]:
    e = it.event
    return (date_precision(e.date), e.item is not None, e.location is not None, e.value_usd is not None)


def _event_affinity(member: SourcedEvent, it: SourcedEvent) -> float:
    x, y = member.event, it.event
    score = 2.0 * (member.cluster_id == it.cluster_id) + 0.5 * (x.location is not None and x.location == y.location)
    if x.date and y.date:
        score += 1.0 if x.date == y.date else 0.5
    return score


def _merged_event(group: list[SourcedEvent]) -> MergedEvent:
    fields: dict[str, MergedField] = {}
    for name in EVENT_FIELDS:
        pairs = [(it, _event_value(it.event, name)) for it in group]
        fields[name] = _merge_field(name, pairs, group, "event")
    first = group[0].event
    participants = sorted(set(first.participants))
    head = _Merged("", fields, _documents(group), _clusters(group))
    when = head.shown("date")
    key = ["event", first.type, ",".join(participants), when[:7] if when else ""]
    return MergedEvent(_stable_id("evt", key), fields, head.documents, head.clusters, type=first.type,
                       participants=participants)


def _event_value(e: Event, name: str) -> Any:
    value = getattr(e, name)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- lifecycle on merged records -------------------------------------------------------------------

def with_lifecycle(record_json: dict[str, Any], as_of: date | str) -> dict[str, Any]:
    """A copy of an agreement record (``to_json`` shape) with its lifecycle on ``as_of`` added."""
    life = lifecycle_of(record_json, as_of)
    out = dict(record_json)
    out.update(in_force_as_of=life.in_force_as_of, in_force_reason=life.reason, term_ends=life.term_ends,
               next_renewal=life.next_renewal, notice_deadline=life.notice_deadline, lifecycle=life.to_json())
    return out


def lifecycle_of(record_json: dict[str, Any], as_of: date | str) -> Lifecycle:
    """The lifecycle of an agreement record (``to_json`` shape) on ``as_of``, its ``ended`` date included."""
    return compute_lifecycle(
        signed=record_json.get("signed"), ratified=record_json.get("ratified") or {},
        in_force=record_json.get("in_force"), duration_years=record_json.get("duration_years"),
        renewal=record_json.get("renewal"), termination_notice_months=record_json.get("termination_notice_months"),
        status=record_json.get("status"), as_of=as_of, ended=record_json.get("ended"))


# --- the shared machinery ---------------------------------------------------------------------------

Item = TypeVar("Item", SourcedAgreement, SourcedEvent)


def _group(items: Iterable[Item], *, key: Callable[[Item], Any], specificity: Callable[[Item], tuple[Any, ...]],
           compatible: Callable[[Item, Item], bool], affinity: Callable[[Item, Item], float]) -> list[list[Item]]:
    """Complete-linkage grouping in a canonical order: each item joins the group it fits best
    (compatible with every member, no member from its own article), or starts a new one."""
    unique = {_canonical(it): it for it in items}
    ordered = sorted(unique.values(), key=lambda it: (_neg(specificity(it)), _canonical(it)))
    buckets: dict[Any, list[list[Item]]] = {}
    for it in ordered:
        groups = buckets.setdefault(key(it), [])
        best: tuple[float, list[Item]] | None = None
        for g in groups:
            if any(m.article_id == it.article_id for m in g) or not all(compatible(m, it) for m in g):
                continue
            score = sum(affinity(m, it) for m in g) / len(g)
            if best is None or score > best[0]:
                best = (score, g)
        if best is None:
            groups.append([it])
        else:
            best[1].append(it)
    return [g for groups in buckets.values() for g in groups]


def _merge_field(name: str, pairs: Sequence[tuple[Any, Any]], group: Sequence[Any], evidence_field: str,
                 keep_none: bool = False) -> MergedField:
    """Collect every value, choose the shown one and decide whether the values conflict."""
    values = _collect(name, [(it, v) for it, v in pairs if v is not None or keep_none], evidence_field)
    if not values:
        return MergedField(name, None, [])
    support = {_key(v.value): _support(v, values, by_words=name in ("title", "item")) for v in values}
    values.sort(key=lambda v: (-support[_key(v.value)], -_precision(v.value), *_form_rank(name, v), _key(v.value)))
    shown = values[0].value
    if name == "status":
        shown = _shown_status(values)
    elif name == "secret":  # "secret: false" means only that the text does not say it is secret
        shown = any(v.value is True for v in values)
    return MergedField(name, shown, values, _conflicting(name, [v.value for v in values]))


def _form_rank(name: str, value: FieldValue) -> tuple[int, int]:
    """Among equally supported titles of one content ("Pukpuk Treaty", "Pukpuk treaty", "PUKPUK
    TREATY"), the form most articles write, and a name's own spelling before a headline's."""
    if name != "title" or not isinstance(value.value, str):
        return (0, 0)
    return (-len(value.articles), int(has_headline_capitals(value.value)))


def _union_field(name: str, pairs: Sequence[tuple[Any, Any]]) -> MergedField:
    """A set-valued field (provisions): the union, each member with its own sources."""
    values = sorted(_collect(name, pairs, name), key=lambda v: _key(v.value))
    return MergedField(name, [v.value for v in values], values)


def _collect(name: str, pairs: Sequence[tuple[Any, Any]], evidence_field: str) -> list[FieldValue]:
    by_value: dict[str, FieldValue] = {}
    for it, value in pairs:
        fv = by_value.setdefault(_key(value), FieldValue(value))
        if it.article_id not in fv.articles:
            fv.articles.append(it.article_id)
        if it.cluster_id not in fv.clusters:
            fv.clusters.append(it.cluster_id)
        for ev in _evidence_of(it, evidence_field):
            if ev not in fv.evidence:
                fv.evidence.append(ev)
    for fv in by_value.values():
        fv.articles.sort()
        fv.clusters.sort()
        fv.evidence.sort(key=lambda e: (e["article_id"], e["start"], e["field"]))
    return list(by_value.values())


def _evidence_of(it: Any, evidence_field: str) -> list[dict[str, Any]]:
    if isinstance(it, SourcedEvent):
        ev = it.event.evidence
        return [_evidence_json(it.article_id, ev)] if ev is not None else []
    evs = [e for e in it.agreement.evidence if e.field == evidence_field]
    if not evs and evidence_field in ("title", "parties"):  # the sentence naming it, where not cited apart
        evs = [e for e in it.agreement.evidence if e.field in ("title", "parties")][:1] or it.agreement.evidence[:1]
    return [_evidence_json(it.article_id, e) for e in evs]


def _evidence_json(article_id: str, ev: Any) -> dict[str, Any]:
    return {"article_id": article_id, "field": ev.field, "quote": ev.quote, "start": ev.start, "end": ev.end}


def _support(value: FieldValue, values: list[FieldValue], by_words: bool) -> int:
    """Distinct clusters behind a value, counting those behind less precise values it refines."""
    clusters = {c for other in values if other is value or refines(other.value, value.value, by_words)
                for c in other.clusters}
    return len(clusters)


def _shown_status(values: list[FieldValue]) -> str | None:
    """Articles of different days report different stages: the furthest stage reached is shown."""
    stages = [v.value for v in values if v.value in STATUSES]
    return max(stages, key=STATUSES.index) if stages else values[0].value


def _conflicting(name: str, values: list[Any]) -> bool:
    if name in NO_CONFLICT:
        return name == "status" and status_conflicts(values)
    return any(not (refines(a, b) or refines(b, a)) for i, a in enumerate(values) for b in values[i + 1:])


def _precision(value: Any) -> int:
    if isinstance(value, str):
        return date_precision(value) or len(title_tokens(value))
    if isinstance(value, dict):
        return sum(v is not None for v in value.values())
    return 0 if value is None else 1


def _documents(group: Sequence[Any]) -> list[str]:
    return sorted({it.article_id for it in group})


def _clusters(group: Sequence[Any]) -> list[str]:
    return sorted({it.cluster_id for it in group})


def _stable_id(prefix: str, key: list[str]) -> str:
    """Depends only on the shown identity of the record, not on input order or article ids."""
    return f"{prefix}-{hashlib.sha1('|'.join(key).encode()).hexdigest()[:12]}"


M = TypeVar("M", MergedAgreement, MergedEvent)


def _with_unique_ids(records: list[M]) -> list[M]:
    """Two records whose identities hash alike get -2, -3... in order of their first document."""
    records.sort(key=lambda r: (r.id, r.documents, json.dumps(r.to_json()["fields"], sort_keys=True, default=str)))
    seen: dict[str, int] = {}
    for r in records:
        seen[r.id] = seen.get(r.id, 0) + 1
        if seen[r.id] > 1:
            r.id = f"{r.id}-{seen[r.id]}"
    return sorted(records, key=lambda r: r.id)


def _canonical(it: Any) -> str:
    facts = it.agreement.to_json() if isinstance(it, SourcedAgreement) else it.event.to_json()
    return json.dumps([it.article_id, it.cluster_id, it.published, facts], sort_keys=True, default=str)


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _neg(spec: tuple[Any, ...]) -> tuple[float, ...]:
    return tuple(-float(x) for x in spec)


# --- comparing values -------------------------------------------------------------------------------

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def refines(coarse: Any, fine: Any, by_words: bool = False) -> bool:
    """Is ``fine`` the same value as ``coarse`` told more precisely? (None < '2021' < '2021-04';
    {automatic: true, period: null} < {automatic: true, period: 1}; with ``by_words``, a title's
    content words < more words.)"""
    if coarse is None or coarse == fine:
        return True
    if isinstance(coarse, str) and isinstance(fine, str):
        if date_precision(coarse) and date_precision(fine):
            return fine.startswith(coarse) and len(fine) > len(coarse)
        return by_words and title_tokens(coarse) <= title_tokens(fine)
    if isinstance(coarse, dict) and isinstance(fine, dict):
        return all(v is None or fine.get(k) == v for k, v in coarse.items())
    return False


def status_conflicts(values: list[Any]) -> bool:
    """Stages reported on different days are a history, not a conflict; two different ends, or a
    rejection beside ratification or entry into force, are."""
    ends = {v for v in values if v in ("expired", "terminated", "rejected")}
    return len(ends) > 1 or ("rejected" in ends and bool({"ratified", "in_force"} & set(values)))


def title_tokens(title: str | None) -> frozenset[str]:
    """The content words of a title, spelling variants unified, generic words dropped, and so are
    words that only restate the parties or the term ("Azerbaijan-Turkey", "ten-year"): records are
    compared on their parties and terms anyway, and a headline's "Azerbaijan-Turkey defence
    agreement" names the same pact as the body's "ten-year defence cooperation agreement"."""
    if not title:
        return frozenset()
    generic, variants = _title_words()
    words = (_singular(w) for w in _WORD.findall(title.lower().replace("'s", "")))
    return frozenset(variants.get(w, w) for w in words if w not in generic and variants.get(w, w) not in generic
                     and not _restates_parties_or_term(w))


_TERM_WORD = re.compile(r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                        r"twenty-five|thirty|fifty|hundred)-(?:year|month|day)")


def _restates_parties_or_term(word: str) -> bool:
    """A term ("ten-year", "25-year") or a compound of actor names ("azerbaijan-turkey", "us-japan").
    A single actor or place name stays: "Treaty of Lisbon" and "Treaty of Brussels" differ."""
    if _TERM_WORD.fullmatch(word):
        return True
    parts = word.split("-")
    return len(parts) >= 2 and all(_names_an_actor(part) for part in parts)


@cache
def _names_an_actor(word: str) -> bool:
    from pactwatch.gazetteer import resolve_actor

    return any(resolve_actor(form) for form in (word.title(), word.upper()))


def title_overlap(a: str | None, b: str | None) -> float:
    """Shared content words over the smaller title's; 1.0 where either title says nothing specific."""
    x, y = title_tokens(a), title_tokens(b)
    if not x or not y:
        return 1.0
    return len(x & y) / min(len(x), len(y))


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@cache
def _title_words() -> tuple[frozenset[str], dict[str, str]]:
    """``data/title_words.tsv``: generic words and spelling variants."""
    generic: set[str] = set()
    variants: dict[str, str] = {}
    for row in table_rows("title_words.tsv"):
        kind, words = row.fields
        forms = [w.strip() for w in words.split("|") if w.strip()]
        if kind == "generic":
            generic.update(forms)
        elif kind == "variant":
            variants.update({w: forms[0] for w in forms})
    return frozenset(generic), variants
