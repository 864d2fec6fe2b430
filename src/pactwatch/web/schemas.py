"""The API's response models: what ``/openapi.json`` declares and every ``/api/`` answer obeys.

They describe the knowledge base's dicts (``pactwatch.kb``: merged records from ``merge``, lifecycle
columns from ``lifecycle``, articles and actors from ``store``) so that generated clients get typed
attributes and schema checks can hold the server to them. Fields are precise wherever the shape is
stable; values that are genuinely open stay open: a merged field's ``value`` (a date, a number, a
list of codes or a renewal object, depending on the field) and an arms deal's ``value`` object.

Keys the knowledge base adds without a field here are left out of responses, so a new key becomes
part of the contract only when it is declared in this module. Optional keys that a record may lack
(the lifecycle columns of a list asked without ``as_of``, a milestone's ``party``) are omitted,
not null, when absent (the routes serialise with ``exclude_unset``).

Dates are ISO strings at the precision the articles give: ``2021``, ``2021-06`` or ``2021-06-15``.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

Number = int | float
PartialDate = str
T = TypeVar("T")


# --- shared pieces ------------------------------------------------------------------------------------

class Evidence(BaseModel):
    """A sentence of an article that supports a record: ``article_id``'s text[start:end] is ``quote``."""

    article_id: str
    quote: str
    start: int
    end: int


class FieldEvidence(Evidence):
    """Evidence behind one value of a merged field; ``field`` is the facts field it was cited for."""

    field: str | None = None


class AgreementEvidence(FieldEvidence):
    """Evidence of an agreement, with the title of the article it comes from."""

    article_title: str | None = None


class FieldValue(BaseModel):
    """One value a field was given and every article, duplicate cluster and sentence behind it."""

    value: Any = Field(description="the value as the articles gave it: a date, number, code list or object")
    articles: list[str]
    clusters: list[str] = Field(default_factory=list, description="duplicate clusters (independent sources)")
    independent_sources: int
    evidence: list[FieldEvidence]
    confidence: float | None = Field(None, description="0 to 1: how the value was extracted and how many "
                                                        "independent sources agree (orders the review queue)")


class Reviewed(BaseModel):
    """A person's decision on a field, which the record shows over the extracted values."""

    by: str = Field(description="the reviewer's account name")
    at: str = Field(description="when (ISO time)")
    action: str = Field(description="accept, reject or set")
    value: Any = Field(None, description="the value the record now shows (null once rejected)")


class MergedField(BaseModel):
    """Every value of one field, best supported first; ``shown`` is the one tables show (the reviewed
    value when a reviewer decided, see ``reviewed``)."""

    shown: Any = None
    values: list[FieldValue]
    conflict: bool = False
    reviewed: Reviewed | None = None


class ConflictValue(BaseModel):
    value: Any
    articles: list[str]
    independent_sources: int | None = None


class Conflict(BaseModel):
    """A field whose sources disagree, with each value and who says it."""

    field: str
    values: list[ConflictValue]


class Renewal(BaseModel):
    automatic: bool
    period_years: Number | None = None


# --- agreements -----------------------------------------------------------------------------------------

class ObligationCondition(BaseModel):
    """What a duty waits on or is limited to, in the words of the article that says so."""

    type: str = Field(description="after_consultation, on_request, location, adversary, non_provocation or other")
    quote: str
    article_id: str | None = Field(None, description="the article that states it; null for a treaty clause "
                                                     "from the organisations table")


class Obligation(BaseModel):
    """A directed duty of a merged agreement: ``by`` are bound to ``to`` (a mutual duty lists every
    party in both); conditions are the union of every source's."""

    kind: str = Field(description="defend, consult, not_attack or stay_neutral")
    by: list[str] = Field(description="obligors' actor codes")
    to: list[str] = Field(description="beneficiaries' actor codes")
    conditions: list[ObligationCondition]
    condition_types: list[str] = Field(description="the conditions' types, sorted, once each")
    conditional: bool
    evidence: list[Evidence]
    independent_sources: int


class AgreementSummary(BaseModel):
    """A merged agreement as lists show it. The lifecycle columns (``in_force_as_of`` ...) are
    present only when the list was asked with ``as_of``."""

    id: str
    title: str | None
    parties: list[str] = Field(description="actor codes, e.g. AZE or NATO")
    domain: str | None
    status: str | None
    secret: bool
    signed: PartialDate | None
    ratified: dict[str, PartialDate | None] = Field(description="ratification date per party code")
    in_force: PartialDate | None
    duration_years: Number | None
    renewal: Renewal | None
    termination_notice_months: Number | None
    ended: PartialDate | None = Field(None, description="the day it ceased to have effect, where known")
    provisions: list[str]
    obligations: list[Obligation] = Field(default_factory=list, description="directed duties with their conditions")
    documents: list[str] = Field(description="ids of the articles that report it")
    independent_sources: int
    conflicts: list[Conflict] = Field(default_factory=list)
    in_force_as_of: bool | None = Field(None, description="in force on as_of: true, false, or null (unknown)")
    in_force_reason: str | None = None
    term_ends: str | None = None
    next_renewal: str | None = None
    notice_deadline: str | None = None


class Milestone(BaseModel):
    date: PartialDate
    kind: str = Field(description="signed, ratified, in_force, term_end, renewal, notice_deadline ...")
    label: str
    party: str | None = None


class Lifecycle(BaseModel):
    """Where an agreement stands on one day and the sentence that says why."""

    in_force_as_of: bool | None
    reason: str
    term_start: str | None = None
    term_ends: str | None = None
    next_renewal: str | None = None
    notice_deadline: str | None = None
    approximate: bool = False
    milestones: list[Milestone] = Field(default_factory=list)


class Agreement(AgreementSummary):
    """One agreement: every field's values with their sources and evidence, and its lifecycle."""

    fields: dict[str, MergedField] = Field(description="per field name (signed, ratified.TUR, ...)")
    evidence: list[AgreementEvidence]
    lifecycle: Lifecycle
    needs_review: list[str] = Field(default_factory=list, description="reviewed fields that new evidence disputes")


# --- events -----------------------------------------------------------------------------------------------

class EventSummary(BaseModel):
    """A merged exercise, visit or arms deal."""

    id: str
    type: str = Field(description="exercise, visit or arms_deal")
    participants: list[str]
    date: PartialDate | None
    location: str | None
    value_usd: Number | None
    item: str | None
    value: dict[str, Any] | None = Field(None, description="a deal's value as reported (amount, currency ...)")
    documents: list[str]
    independent_sources: int
    conflicts: list[Conflict] = Field(default_factory=list)
    evidence: list[Evidence]


class Event(EventSummary):
    fields: dict[str, MergedField] = Field(default_factory=dict)
    needs_review: list[str] = Field(default_factory=list, description="reviewed fields that new evidence disputes")


class TimelineItem(BaseModel):
    """A dated fact: an agreement's signature, ratification or entry into force, or an event."""

    date: PartialDate
    kind: str
    label: str
    parties: list[str]
    agreement_id: str | None = None
    event_id: str | None = None
    article_id: str | None = None
    quote: str | None = None


# --- commitments -------------------------------------------------------------------------------------------

class Commitment(BaseModel):
    """One directed duty on a day: ``by`` is bound to ``to`` by an agreement (or, with ``via``, by
    an organisation both belong to), whether it holds that day and why."""

    by: str = Field(description="the obligor's actor code")
    to: str = Field(description="the beneficiary's actor code")
    kind: str = Field(description="defend, consult, not_attack or stay_neutral")
    conditional: bool
    conditions: list[str] = Field(description="condition types, sorted")
    condition_details: list[ObligationCondition] = Field(default_factory=list)
    agreement_id: str | None = Field(description="the agreement it comes from; null for an organisation's duty "
                                                 "between members (via)")
    agreement_title: str | None
    holds_as_of: bool | None = Field(description="true, false, or null when the sources cannot tell (see why)")
    why: str
    evidence: list[Evidence]
    via: str | None = Field(None, description="the organisation whose members' duty this is (expand_members)")
    begins: PartialDate | None = Field(None, description="when it began to bind, where known")
    ends: PartialDate | None = Field(None, description="when it ceased or ceases to bind, where known")


class CommitmentChange(Commitment):
    """A commitment as it stands on the diff's end day, and whether it held on its start day."""

    holds_at_start: bool | None
    why_at_start: str | None


class CommitmentDiff(BaseModel):
    """What changed between two days: ``begun`` hold on ``end`` but not on ``start``; ``ended``
    held on ``start`` but no longer on ``end``."""

    start: str
    end: str
    begun: list[CommitmentChange]
    ended: list[CommitmentChange]


# --- actors and the network -------------------------------------------------------------------------------

class ActorSummary(BaseModel):
    code: str
    name: str
    n_agreements: int
    n_events: int


class Partner(BaseModel):
    code: str
    name: str
    n_agreements: int


class Actor(BaseModel):
    """A state or organisation; ``agreements`` and ``events`` are capped (``*_total`` counts all)."""

    code: str
    name: str
    kind: str = Field(description="state or org")
    agreements: list[AgreementSummary]
    events: list[EventSummary]
    agreements_total: int
    events_total: int
    partners: list[Partner]


class NetworkNode(BaseModel):
    id: str
    name: str
    n_agreements: int
    x: float | None = Field(None, description="position in [-1, 1] from the server's seeded layout")
    y: float | None = Field(None, description="position in [-1, 1] from the server's seeded layout")


class NetworkEdge(BaseModel):
    """One agreement between two of its parties (a multilateral one gives an edge per pair)."""

    source: str
    target: str
    agreement_id: str
    title: str | None
    domain: str | None
    status: str | None
    signed: PartialDate | None


class Network(BaseModel):
    """States and organisations as nodes, agreements as edges; at most ``limit`` edges."""

    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    edges_total: int
    truncated: bool


# --- articles ---------------------------------------------------------------------------------------------

class ArticleSummary(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: PartialDate | None
    source: str | None = Field(description="as ingested: a relative path, a file name or upload:NAME")
    cluster_id: str
    n_agreements: int
    n_events: int


class Mention(BaseModel):
    """A span of the article text a page marks: text[start:end]."""

    start: int
    end: int
    kind: str = Field(description="actor, date, agreement or event")
    label: str | None


class FactEvidence(BaseModel):
    field: str
    quote: str
    start: int
    end: int


class FactCondition(BaseModel):
    type: str
    quote: str


class FactObligationEvidence(BaseModel):
    quote: str
    start: int
    end: int


class FactObligation(BaseModel):
    """A directed duty as one article states it (the facts format v1.1)."""

    kind: str
    by: list[str]
    to: list[str]
    conditions: list[FactCondition] = Field(default_factory=list)
    evidence: FactObligationEvidence | None = None


class FactAgreement(BaseModel):
    """An agreement as one article states it (the facts format, SCHEMA.md)."""

    title: str | None
    parties: list[str]
    domain: str | None
    status: str | None
    secret: bool = False
    signed: PartialDate | None
    ratified: dict[str, PartialDate | None] = Field(default_factory=dict)
    in_force: PartialDate | None
    duration_years: Number | None = None
    renewal: Renewal | None = None
    termination_notice_months: Number | None = None
    provisions: list[str] = Field(default_factory=list)
    evidence: list[FactEvidence] = Field(default_factory=list)
    ended: PartialDate | None = None
    obligations: list[FactObligation] = Field(default_factory=list)


class FactEvent(BaseModel):
    """An event as one article states it (the facts format, SCHEMA.md)."""

    type: str
    participants: list[str]
    date: PartialDate | None
    location: str | None = None
    value_usd: Number | None = None
    item: str | None = None
    value: dict[str, Any] | None = None
    evidence: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None


class ArticleFacts(BaseModel):
    doc_id: str
    published: PartialDate | None
    agreements: list[FactAgreement]
    events: list[FactEvent]


class Article(ArticleSummary):
    """One article: its cleaned text, its duplicate cluster, the spans its page marks, its facts."""

    text: str
    duplicates: list[str] = Field(description="ids of the articles in its duplicate cluster, itself included")
    mentions: list[Mention]
    facts: ArticleFacts | None


class DuplicateArticle(BaseModel):
    id: str
    title: str | None


class DuplicateCluster(BaseModel):
    cluster_id: str
    kind: str = Field(description="exact, near or reworded")
    articles: list[DuplicateArticle]


class Refusal(BaseModel):
    """An input that could not be read, and why."""

    source: str
    line: int | None
    reason: str
    at: str = Field(description="when it was refused, ISO date and time in UTC")


# --- changes ----------------------------------------------------------------------------------------------

class AlertEvidence(BaseModel):
    """The sentence that shows a change, and the article it comes from."""

    quote: str
    article_id: str
    source: str | None = Field(None, description="where the article came from: its URL, file or feed link")


class Alert(BaseModel):
    """One change to the knowledge base (``pactwatch.alerts``): what changed on which record, when it
    was seen, and the sentence that says so. The same change is one alert, whatever reports it again."""

    id: str = Field(description="chg-<16 hex>: stable, from the kind, record, field and new value")
    kind: str = Field(description="new_agreement, status_changed, ratified, in_force, terminated, notice_due "
                                  "or conflict")
    at: str = Field(description="when the change was detected (ISO time in UTC)")
    day: str = Field(description="the day the change concerns (a signing, ratification, entry into force or "
                                 "notice deadline), else the day it was detected")
    record_id: str
    record_kind: str = Field(description="agreement")
    title: str | None
    parties: list[str] = Field(description="actor codes")
    domain: str | None
    field: str | None = Field(description="the field that changed; null for a new record")
    old: Any = Field(None, description="the value before (null for a new record or a new value)")
    new: Any = Field(None, description="the value after")
    party: str | None = Field(None, description="the party a ratification is about")
    provisions: list[str] = Field(default_factory=list, description="the agreement's provisions and duty kinds "
                                                                    "(what an [[alert]] rule's kind filter reads)")
    summary: str = Field(description="one plain-text line")
    evidence: AlertEvidence | None
    url: str = Field(description="the record's page, relative to this site")


# --- uploads ---------------------------------------------------------------------------------------------

class UploadRefusal(BaseModel):
    source: str
    reason: str
    line: int | None = None


class UploadReport(BaseModel):
    """What one upload's ingest did; ``agreements`` and ``events`` count what the KB holds after it."""

    articles_read: int
    articles_new: int
    duplicates: int
    agreements: int
    events: int
    refused: list[UploadRefusal]


class UploadJob(BaseModel):
    """A background ingest: queued -> running -> done (with its report) or failed (with the error)."""

    job: str
    state: str
    files: int
    articles_done: int
    report: UploadReport | None = None
    error: str | None = None


# --- pages ------------------------------------------------------------------------------------------------

class Page(BaseModel, Generic[T]):
    """One page of a list: ``items[0]`` is item number ``offset`` of ``total``; ``next`` is the URL
    of the following page (same filters, next offset), null on the last page."""

    total: int = Field(description="items in the whole list, with these filters")
    limit: int = Field(description="the page size asked for")
    offset: int = Field(description="items skipped before this page")
    next: str | None = Field(description="relative URL of the next page (same filters), null on the last page")
    items: list[T]


class AgreementPage(Page[AgreementSummary]):
    """A page of agreements."""


class CommitmentPage(Page[Commitment]):
    """A page of commitments, by obligor, beneficiary, kind and agreement."""


class EventPage(Page[EventSummary]):
    """A page of events."""


class TimelinePage(Page[TimelineItem]):
    """A page of the timeline, by date."""


class ActorPage(Page[ActorSummary]):
    """A page of actors, by code."""


class ArticlePage(Page[ArticleSummary]):
    """A page of articles, by id."""


class DuplicatePage(Page[DuplicateCluster]):
    """A page of duplicate clusters."""


class RefusalPage(Page[Refusal]):
    """A page of refused inputs, newest first."""


class AlertPage(Page[Alert]):
    """A page of changes, newest first."""


# --- reviews ----------------------------------------------------------------------------------------------

class ReviewItem(BaseModel):
    """A merged value that needs a person's look, with why and the sentences behind it."""

    record_id: str
    record_kind: str = Field(description="agreement or event")
    title: str | None = None
    field: str = Field(description="the field (signed, ratified.TUR, parties, ...)")
    party: str | None = Field(None, description="the party this item is about (one of a record's parties)")
    value: Any = Field(None, description="the value shown now")
    confidence: float | None = None
    reasons: list[str] = Field(default_factory=list, description="why it is in the queue")
    evidence: list[Evidence] = Field(default_factory=list)


class ReviewQueuePage(Page[ReviewItem]):
    """A page of the review queue, least confident first."""


class ReviewLogEntry(BaseModel):
    """One decision: who, when, on what, the value before and after, and the reviewer's note."""

    reviewer: str
    at: str
    record: str
    field: str | None = Field(None, description="null for a merge or a split")
    action: str = Field(description="accept, reject, set, merge or split")
    old: Any = None
    new: Any = None
    note: str | None = None


class ReviewLogPage(Page[ReviewLogEntry]):
    """A page of the review log, oldest first."""


class FieldStats(BaseModel):
    accepted: int
    rejected: int
    changed: int
    precision: float | None = Field(description="accepted / reviewed; null before any review")


class ReviewStats(BaseModel):
    """How often reviewers accepted, rejected or changed the extracted values of each field."""

    fields: dict[str, FieldStats]
    total: FieldStats


class ReviewRequest(BaseModel):
    """A decision on one value. The reviewer is the account whose token is sent, never a name given here."""

    model_config = {"extra": "forbid"}

    action: Literal["accept", "reject", "set"]
    record_id: str = Field(min_length=1, max_length=300)
    field: str = Field(min_length=1, max_length=100)
    value: Any = Field(None, description="set only: the new value (a date, a number, a list of codes ...)")
    party: str | None = Field(None, max_length=16, description="the party the decision is about")
    note: str | None = Field(None, max_length=2000)
    reviewer: str | None = Field(None, max_length=64, description="optional; when given, it must be the account's "
                                                                  "own name (403 otherwise)")


class MergeRequest(BaseModel):
    """Two records that are one agreement (or event): ``other_id`` joins ``record_id``."""

    model_config = {"extra": "forbid"}

    record_id: str = Field(min_length=1, max_length=300)
    other_id: str = Field(min_length=1, max_length=300)
    note: str | None = Field(None, max_length=2000)


class SplitRequest(BaseModel):
    """An article that reports another agreement: taken out of ``record_id`` into a record of its own."""

    model_config = {"extra": "forbid"}

    record_id: str = Field(min_length=1, max_length=300)
    article_id: str = Field(min_length=1, max_length=300)
    note: str | None = Field(None, max_length=2000)
