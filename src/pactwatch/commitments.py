"""Who is bound to whom on a given date, and on what terms: directed commitments from merged agreements.

An agreement's obligations (``merge.merge_obligations``) say who is bound (``by``) to whom (``to``)
and how (``kind``: defend, consult, not_attack, stay_neutral), with the conditions any source
states. A commitment is one directed pair of them: one row per (obligor, beneficiary, kind,
agreement), obligor and beneficiary different. Whether it holds on a day is the agreement's
lifecycle on that day (``merge.lifecycle_of``): ``true``, ``false`` (not yet in force, term over,
ceased to have effect, only proposed) or ``null`` with the reason (no entry-into-force date known,
a date known only to the month). A signed agreement not yet in force binds no one yet; a
terminated or expired one binds no one after its end.

Organisations: an accession record (parties ``[state, organisation]``, the accession's day as its
entry into force) binds the state to and by an organisation listed in ``data/organisations.tsv``
with that organisation's duty kinds, from the accession day (and never before the clause itself
took effect). With ``expand_members``, the organisation's duties are spread to every pair of its
members (``data/memberships.tsv``, extended by the accessions and withdrawals found in the news),
each row marked ``via`` the organisation.

>>> from pactwatch.merge import SourcedAgreement, merge_agreements
>>> from pactwatch.facts import Agreement
>>> joined = SourcedAgreement("a1", "c1", None, Agreement(["FIN", "NATO"], status="in_force", in_force="2023-04-04"))
>>> records = [r.to_json() for r in merge_agreements([joined])]
>>> [(r["by"], r["to"], r["kind"], r["holds_as_of"]) for r in commitment_rows(records, "2023-06-01")]
[('FIN', 'NATO', 'defend', True), ('NATO', 'FIN', 'defend', True)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from pactwatch.calendar_days import check_day
from pactwatch.data_files import table_rows
from pactwatch.facts import OBLIGATION_KINDS
from pactwatch.lifecycle import ENDED
from pactwatch.merge import lifecycle_of

# A [state, organisation] record is an accession (membership) when nothing says it is another kind
# of agreement: no title, or one that names joining or the organisation's own treaty, and no
# provision beyond the duties membership brings (a NATO intelligence-sharing deal is no accession).
ACCESSION_TITLE = re.compile(
    r"\b(?:accession|membership|member|join\w*|bid|admission|enlargement|protocol|north atlantic treaty|"
    r"washington treaty|collective security treaty)\b", re.IGNORECASE)
MEMBERSHIP_PROVISIONS = frozenset({"mutual_defense", "consultation"})
EVIDENCE_FIELDS = ("in_force", "parties", "status", "ended")


@dataclass(frozen=True)
class Organisation:
    """A row of ``data/organisations.tsv``: the duties membership brings and since when."""

    code: str
    kinds: tuple[str, ...]
    conditions: tuple[str, ...]
    since: str
    clause: str

    @property
    def treaty(self) -> str:
        """The clause's short name: "North Atlantic Treaty, Article 5"."""
        return self.clause.split(":", 1)[0].strip()


@dataclass(frozen=True)
class Membership:
    """A row of ``data/memberships.tsv``: member from ``joined`` until the day before ``left``."""

    org: str
    member: str
    joined: str
    left: str | None

    def covers(self, day: str) -> bool:
        return self.joined <= day and (self.left is None or day < self.left)


@cache
def organisations() -> dict[str, Organisation]:
    """``data/organisations.tsv`` by code."""
    out = {}
    for row in table_rows("organisations.tsv"):
        code, kinds, conditions, since, clause = (f.strip() for f in row.fields)
        out[code] = Organisation(code, tuple(k.strip() for k in kinds.split("|")),
                                 () if conditions == "-" else tuple(sorted(c.strip() for c in conditions.split("|"))),
                                 since, clause)
    return out


@cache
def memberships() -> dict[str, tuple[Membership, ...]]:
    """``data/memberships.tsv``: organisation code -> its membership periods, in file order."""
    out: dict[str, list[Membership]] = {}
    for row in table_rows("memberships.tsv"):
        org, member, joined, left = (f.strip() for f in row.fields)
        out.setdefault(org, []).append(Membership(org, member, joined, left if left not in ("", "-") else None))
    return {org: tuple(rows) for org, rows in out.items()}


# --- the query ---------------------------------------------------------------------------------------

def commitments(records: Iterable[dict[str, Any]], as_of: date | str | None = None, party: str | None = None,
                kind: str | None = None, expand_members: bool = False,
                known_codes: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The commitment rows of ``records`` (merged agreement records, ``to_json`` shape) on ``as_of``
    (default today), those touching ``party`` (as obligor or beneficiary) and of ``kind`` when
    given, sorted by (by, to, kind, agreement_id, via). Raises ValueError for a bad date, an
    unknown kind (listing the allowed ones) or a party code no actor has (``known_codes`` adds codes
    to those the gazetteer and the organisations table know)."""
    day, party, kind = check_filters(as_of, party, kind, known_codes)
    return _filtered(commitment_rows(records, day or date.today().isoformat(), expand_members), party, kind)


def commitments_diff(records: Iterable[dict[str, Any]], start: date | str, end: date | str,
                     party: str | None = None, kind: str | None = None, expand_members: bool = False,
                     known_codes: Iterable[str] = ()) -> dict[str, Any]:
    """What began and what ended between two days: ``begun`` holds the rows that hold on ``end``
    but not on ``start``, ``ended`` those that held on ``start`` but not on ``end``; each row as it
    stands on ``end`` (its ``why`` says what changed), with ``holds_at_start`` and ``why_at_start``."""
    first, party, kind = check_filters(start, party, kind, known_codes, name="start")
    last = check_day("end", end)
    if first is None or last is None:
        raise ValueError("a diff needs both days: start and end (YYYY-MM-DD)")
    if first > last:
        raise ValueError(f"start {first} is after end {last}")
    records = list(records)
    before = {_key(r): r for r in _filtered(commitment_rows(records, first, expand_members), party, kind)}
    after = _filtered(commitment_rows(records, last, expand_members), party, kind)
    begun, ended = [], []
    for row in after:
        was = before.get(_key(row))
        held = was is not None and was["holds_as_of"] is True
        marked = {**row, "holds_at_start": was["holds_as_of"] if was else None,
                  "why_at_start": was["why"] if was else None}
        if row["holds_as_of"] is True and not held:
            begun.append(marked)
        elif row["holds_as_of"] is not True and held:
            ended.append(marked)
    return {"start": first, "end": last, "begun": begun, "ended": ended}


def check_filters(as_of: date | str | None, party: str | None, kind: str | None, known_codes: Iterable[str] = (),
                  name: str = "as_of") -> tuple[str | None, str | None, str | None]:
    """The filters as the query uses them (an ISO day, an upper-case code, a kind), or ValueError."""
    day = check_day(name, as_of)
    if kind is not None and kind != "" and kind not in OBLIGATION_KINDS:
        raise ValueError(f"unknown kind {kind!r}: choose one of {', '.join(OBLIGATION_KINDS)}")
    code = party.strip().upper() if party and party.strip() else None
    if code is not None and code not in actor_codes() and code not in set(known_codes):
        raise ValueError(f"unknown party code {party!r}: use an ISO 3166 three-letter code (AZE, TUR) or an "
                         f"organisation's ({', '.join(sorted(organisations()))})")
    return day, code, kind or None


def _filtered(rows: list[dict[str, Any]], party: str | None, kind: str | None) -> list[dict[str, Any]]:
    return [r for r in rows if (party is None or party in (r["by"], r["to"])) and (kind is None or r["kind"] == kind)]


def _key(row: dict[str, Any]) -> tuple[str, str, str, str, str]:
    return (row["by"], row["to"], row["kind"], row["agreement_id"] or "", row["via"] or "")


@cache
def actor_codes() -> frozenset[str]:
    """Every code an actor can have: the gazetteer's states and organisations, and the organisations table's."""
    from pactwatch.gazetteer import gazetteer

    found = gazetteer()
    return frozenset(found.names) | frozenset(code for code, _ in found.aliases.values()) | frozenset(organisations())


# --- rows of one day -----------------------------------------------------------------------------------

def commitment_rows(records: Iterable[dict[str, Any]], day: str, expand_members: bool = False) -> list[dict[str, Any]]:
    """Every commitment row on ``day`` (an ISO day), unfiltered, sorted."""
    rows: list[dict[str, Any]] = []
    accessions: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for record in records:
        org = accession_org(record)
        if org is not None:
            state = next(p for p in record["parties"] if p != org.code)
            accessions.setdefault((org.code, state), []).append(record)
        rows += _record_rows(record, day, org)
    if expand_members:
        rows += member_rows(accessions, day)
    return sorted(rows, key=_key)


def accession_org(record: dict[str, Any]) -> Organisation | None:
    """The organisation a [state, organisation] record is an accession to, when the organisation
    brings duties (``data/organisations.tsv``) and the record is no other kind of agreement."""
    from pactwatch.gazetteer import actor_kind

    parties = record.get("parties") or []
    orgs = [organisations()[p] for p in parties if p in organisations()]
    if len(parties) != 2 or len(orgs) != 1 or record.get("domain") not in (None, "security"):
        return None
    state = next(p for p in parties if p != orgs[0].code)
    title = record.get("title")
    if actor_kind(state) != "state" or (title and not ACCESSION_TITLE.search(title)):
        return None
    return orgs[0] if set(record.get("provisions") or []) <= MEMBERSHIP_PROVISIONS else None


def _record_rows(record: dict[str, Any], day: str, org: Organisation | None) -> list[dict[str, Any]]:
    """The rows of one agreement: its stated obligations, then (an accession) the organisation's duties
    where the articles state none of that kind and direction."""
    if org is None and not record.get("obligations"):
        return []
    holds, why, ends = _holds(record, day)
    state = next((p for p in record["parties"] if org is not None and p != org.code), "")
    if org is not None and not record.get("title"):
        record = {**record, "title": accession_title(state, org)}
    rows = []
    for ob in record.get("obligations") or []:
        for by in ob["by"]:
            for to in ob["to"]:
                if by != to:
                    rows.append(_row(by, to, ob["kind"], record, holds, why, ends, ob.get("conditions") or [],
                                     ob.get("evidence") or []))
    if org is None:
        return rows
    stated = {(r["by"], r["to"], r["kind"]) for r in rows}
    holds, why = _after_clause(org, day, holds, f"accession to {org.code} ({org.treaty}): {why}")
    evidence = _accession_evidence(record)
    conditions = [{"type": t, "quote": org.clause, "article_id": None} for t in org.conditions]
    for duty in org.kinds:
        for by, to in ((state, org.code), (org.code, state)):
            if (by, to, duty) not in stated:
                rows.append(_row(by, to, duty, record, holds, why, ends, conditions, evidence))
    return rows


def accession_title(state: str, org: Organisation) -> str:
    """What an untitled accession record's rows are called: "accession of Finland to NATO"."""
    from pactwatch.gazetteer import actor_name

    return f"accession of {actor_name(state)} to {org.code}"


def _holds(record: dict[str, Any], day: str) -> tuple[bool | None, str, str | None]:
    """Whether the agreement binds on ``day``, why, and the day its binding ends where one is known
    (it ceased to have effect, or a fixed term that does not renew itself)."""
    life = lifecycle_of(record, day)
    holds, why = life.in_force_as_of, life.reason
    if holds is None and record.get("status") == "proposed" and not record.get("in_force"):
        holds, why = False, f"only proposed, never reported signed or in force ({why})"
    ends = record.get("ended") or (life.term_ends if life.term_ends and not life.next_renewal else None)
    return holds, why, ends


def _after_clause(org: Organisation, day: str, holds: bool | None, why: str) -> tuple[bool | None, str]:
    if day < org.since:
        return False, f"{org.treaty} took effect only on {org.since}; {why}"
    return holds, why


def _accession_evidence(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The sentences that report the state joining (entry into force, parties, status)."""
    found = []
    for ev in record.get("evidence") or []:
        item = {"article_id": ev["article_id"], "quote": ev["quote"], "start": ev["start"], "end": ev["end"]}
        if ev.get("field") in EVIDENCE_FIELDS and item not in found:
            found.append(item)
    return found


def _row(by: str, to: str, kind: str, record: dict[str, Any], holds: bool | None, why: str, ends: str | None,
         conditions: list[dict[str, Any]], evidence: list[dict[str, Any]], via: str | None = None) -> dict[str, Any]:
    types = sorted({c["type"] for c in conditions})
    return {"by": by, "to": to, "kind": kind, "conditional": bool(types), "conditions": types,
            "condition_details": conditions, "agreement_id": record.get("id"), "agreement_title": record.get("title"),
            "holds_as_of": holds, "why": why, "evidence": evidence, "via": via, "begins": record.get("in_force"),
            "ends": ends}


# --- membership expansion ------------------------------------------------------------------------------

def member_rows(accessions: dict[tuple[str, str], list[dict[str, Any]]], day: str) -> list[dict[str, Any]]:
    """Each organisation's duties between every two of its members, and between the organisation
    and each member known only from the membership table (news accessions give their own rows)."""
    rows: list[dict[str, Any]] = []
    table = memberships()
    for org in organisations().values():
        members = sorted({m.member for m in table.get(org.code, ())} | {s for o, s in accessions if o == org.code})
        status = {m: _member_on(org, m, day, accessions.get((org.code, m), [])) for m in members}
        for member in members:
            if (org.code, member) in accessions:
                continue
            holds, why = _after_clause(org, day, *status[member][:2])
            for duty in org.kinds:
                for by, to in ((member, org.code), (org.code, member)):
                    rows.append(_member_row(org, by, to, duty, holds, why, *status[member][2:]))
        for a in members:
            for b in members:
                if a != b and _may_overlap(org, a, b, accessions):
                    holds, why = _both(org, day, a, status[a], b, status[b])
                    begins = max(filter(None, (status[a][2], status[b][2], org.since)), default=None)
                    ends = min(filter(None, (status[a][3], status[b][3])), default=None)
                    rows += [_member_row(org, a, b, duty, holds, why, begins, ends) for duty in org.kinds]
    return rows


def _member_row(org: Organisation, by: str, to: str, kind: str, holds: bool | None, why: str,
                begins: str | None, ends: str | None) -> dict[str, Any]:
    conditions = [{"type": t, "quote": org.clause, "article_id": None} for t in org.conditions]
    row = _row(by, to, kind, {"id": None, "title": org.treaty}, holds, why, ends, conditions, [], via=org.code)
    row["begins"] = begins
    return row


def _member_on(org: Organisation, member: str, day: str,
               news: list[dict[str, Any]]) -> tuple[bool | None, str, str | None, str | None]:
    """Whether ``member`` belongs to ``org`` on ``day``, why, and since / until when as far as known.
    An accession the news reports in force wins; else the membership table, unless the news reports
    the membership ended by then; else what the news leaves open."""
    periods = [m for m in memberships().get(org.code, ()) if m.member == member]
    lives = [(r, lifecycle_of(r, day)) for r in news]
    for record, life in lives:
        if life.in_force_as_of is True:
            return True, f"{member} in {org.code}: {life.reason}", record.get("in_force"), record.get("ended")
    current = next((p for p in periods if p.covers(day)), None)
    left_by_news = next((life for r, life in lives if life.in_force_as_of is False
                         and (r.get("status") in ENDED or r.get("ended"))), None)
    if current is not None and left_by_news is None:
        return True, f"{member} a member of {org.code} since {current.joined}", current.joined, current.left
    if left_by_news is not None:
        return False, f"{member} no longer in {org.code}: {left_by_news.reason}", None, None
    unknown = next((life for _, life in lives if life.in_force_as_of is None), None)
    if unknown is not None:
        return None, f"{member} in {org.code}? {unknown.reason}", None, None
    if periods:
        spans = ", ".join(f"{p.joined} until {p.left}" if p.left else f"from {p.joined}" for p in periods)
        nearest = ([p for p in periods if p.joined <= day] or periods)[-1]
        return False, f"{member} not a member of {org.code} on {day} (member {spans})", nearest.joined, nearest.left
    reason = lives[0][1].reason if lives else "no membership known"
    return False, f"{member} not a member of {org.code} on {day}: {reason}", None, None


def _both(org: Organisation, day: str, a: str, a_status: tuple[Any, ...], b: str,
          b_status: tuple[Any, ...]) -> tuple[bool | None, str]:
    """A pair's duty holds when both are members and the clause is in effect; false beats unknown."""
    answers = [a_status[0], b_status[0]]
    why = f"{a_status[1]}; {b_status[1]}"
    holds: bool | None = False if False in answers else (None if None in answers else True)
    return _after_clause(org, day, holds, f"both members of {org.code}: {why}" if holds else why)


def _may_overlap(org: Organisation, a: str, b: str, accessions: dict[tuple[str, str], list[Any]]) -> bool:
    """Could ``a`` and ``b`` ever have been members at once while the clause was in effect? (A member
    known from the news may have been one at any time.)"""
    if (org.code, a) in accessions or (org.code, b) in accessions:
        return True
    spans = {m: [(p.joined, p.left or "9999-12-31") for p in memberships().get(org.code, ()) if p.member == m]
             for m in (a, b)}
    return any(max(x[0], y[0], org.since) < min(x[1], y[1]) for x in spans[a] for y in spans[b])
