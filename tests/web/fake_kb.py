"""An in-memory knowledge base that follows the KB API contract (``/tmp`` brief: pactwatch.open -> KnowledgeBase).

Three small articles of our own (a defence pact reported twice, a partnership whose signing date two
reports disagree on, and an arms deal), with the same dict shapes the real KB returns: merged records
with their obligations (a conditional mutual defence duty whose agreement has no entry-into-force
date, and a partnership's defence duty limited to the parties' territory beside an unconditional
duty to consult), and the commitments computed from them by ``pactwatch.commitments``. ``ingest``
reads files with the real readers and stores the articles without extracting anything, which is
all the web tests need from it (uploads and the hostile-article test).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pactwatch.article import Article, Refusal
from pactwatch.facts import DOMAINS, EVENT_TYPES, PROVISIONS, STATUSES
from pactwatch.kb import relabelled
from pactwatch.lifecycle import compute_lifecycle
from pactwatch.read import iter_inputs
from pactwatch.store.sources import relative_to_inputs

NAMES = {"AZE": "Azerbaijan", "TUR": "Türkiye", "GRC": "Greece", "FRA": "France"}
SURFACES = {"Azerbaijan": "AZE", "Turkey": "TUR", "Greece": "GRC", "France": "FRA", "Greek": "GRC"}

TEXTS = {
    "shusha-pact": (
        "Azerbaijan and Turkey pledge mutual aid",
        "2021-06-16",
        "Azerbaijan and Turkey signed the Shusha Declaration on Allied Relations on 15 June 2021.\n\n"
        "Under the declaration each state will help the other if it is attacked by a third country. "
        "Any such help would follow consultations between the two governments. "
        "The Turkish parliament ratified the declaration on 1 February 2022.\n\n"
        "Officials said the two armies would also train together more often.",
    ),
    "shusha-pact-copy": None,  # an exact copy of shusha-pact, filled below
    "greece-france": (
        "Greece and France seal defence partnership",
        "2021-10-08",
        "Greece and France signed a strategic partnership for defence and security on 28 September 2021.\n\n"
        "The partnership runs for five years and renews automatically. "
        "The Greek parliament approved the partnership on 7 October 2021.\n\n"
        "Each country will come to the other's aid with all appropriate means if its territory is attacked, "
        "and the two will consult each other before any crisis.\n\n"
        "Athens also ordered three frigates from France for 3 billion US dollars.",
    ),
    "greece-france-brief": (
        "Paris and Athens: a pact",
        "2021-09-29",
        "Greece and France signed their defence partnership on 27 September 2021, a French official said.",
    ),
}
TEXTS["shusha-pact-copy"] = TEXTS["shusha-pact"]


def _ev(article_id: str, quote: str, field_name: str | None = None) -> dict[str, Any]:
    text = TEXTS[article_id][2]
    start = text.index(quote)
    out = {"article_id": article_id, "quote": quote, "start": start, "end": start + len(quote)}
    if field_name:
        out["field"] = field_name
    return out


def _sentence(article_id: str, needle: str) -> str:
    """The sentence of the article that contains ``needle``."""
    text = TEXTS[article_id][2]
    at = text.index(needle)
    dot = text.rfind(". ", 0, at)
    start = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, at) + 1)
    end = text.find(".", at) + 1
    return text[start:end]


def _condition(kind: str, article_id: str, quote: str) -> dict[str, Any]:
    assert quote in TEXTS[article_id][2], quote
    return {"type": kind, "quote": quote, "article_id": article_id}


def _obligation(kind: str, by: list[str], to: list[str], evidence: list[dict[str, Any]], sources: int,
                conditions: list[dict[str, Any]]) -> dict[str, Any]:
    """A merged obligation (``merge.merge_obligations`` shape)."""
    types = sorted({c["type"] for c in conditions})
    return {"kind": kind, "by": by, "to": to, "conditions": conditions, "condition_types": types,
            "conditional": bool(types), "independent_sources": sources,
            "evidence": [{k: v for k, v in e.items() if k != "field"} for e in evidence]}


def _article_obligations(record: dict[str, Any], article_id: str) -> list[dict[str, Any]]:
    """A merged record's obligations as one article's facts state them (``facts.Obligation.to_json``)."""
    out = []
    for ob in record["obligations"]:
        for ev in ob["evidence"]:
            if ev["article_id"] == article_id:
                out.append({"kind": ob["kind"], "by": ob["by"], "to": ob["to"],
                            "conditions": [{"type": c["type"], "quote": c["quote"]} for c in ob["conditions"]
                                           if c["article_id"] == article_id],
                            "evidence": {"quote": ev["quote"], "start": ev["start"], "end": ev["end"]}})
    return out


@dataclass
class IngestReport:
    articles_read: int = 0
    articles_new: int = 0
    duplicates: int = 0
    agreements: int = 0
    events: int = 0
    refused: list[Refusal] = field(default_factory=list)


class FakeKnowledgeBase:
    """The contract's methods over hand-made records; filters behave as documented."""

    def __init__(self) -> None:
        self.articles_by_id: dict[str, Article] = {
            aid: Article(aid, text, f"tests/{aid}.txt", published, f"https://example.org/{aid}", title)
            for aid, (title, published, text) in TEXTS.items()}
        self.clusters = {"shusha-pact": "c1", "shusha-pact-copy": "c1", "greece-france": "c2",
                         "greece-france-brief": "c3"}
        self.refusals: list[dict[str, Any]] = [
            {"source": "tests/empty.txt", "line": None, "reason": "no text after cleaning",
             "at": "2026-01-01T00:00:00"}]
        self.records = [self._shusha(), self._greece_france()]
        self.event_records = [self._frigates()]
        self.log: list[dict[str, Any]] = []
        self.clock = 0  # review times advance a minute per decision, so the log has an order
        self.alerts = self._alerts()

    # --- records ----------------------------------------------------------------------------------

    def _field(self, value: Any, evidence: list[dict[str, Any]]) -> dict[str, Any]:
        articles = sorted({e["article_id"] for e in evidence})
        clusters = {self.clusters[a] for a in articles}
        return {"shown": value, "values": [{"value": value, "articles": articles,
                                            "confidence": _confidence(len(clusters), False),
                                            "independent_sources": len(clusters),
                                            "evidence": [{k: v for k, v in e.items() if k != "field"}
                                                         for e in evidence]}]}

    def _record(self, base: dict[str, Any], fields: dict[str, dict[str, Any]],
                evidence: list[dict[str, Any]]) -> dict[str, Any]:
        docs = sorted({e["article_id"] for e in evidence})
        base.update(documents=docs, independent_sources=len({self.clusters[d] for d in docs}), fields=fields,
                    evidence=[{**e, "article_title": self.articles_by_id[e["article_id"]].title} for e in evidence])
        base.setdefault("conflicts", [])
        conflicted = {c["field"] for c in base["conflicts"]}
        for name, merged in fields.items():
            for v in merged["values"]:
                v["confidence"] = _confidence(v["independent_sources"], name in conflicted)
        return base

    def _shusha(self) -> dict[str, Any]:
        signed = [_ev(a, _sentence(a, "signed the Shusha"), "signed") for a in ("shusha-pact", "shusha-pact-copy")]
        ratified = [_ev("shusha-pact", _sentence("shusha-pact", "ratified"), "ratified.TUR")]
        defence = [_ev("shusha-pact", _sentence("shusha-pact", "help the other"), "provisions")]
        duty = [_ev(a, _sentence(a, "help the other"), "obligations") for a in ("shusha-pact", "shusha-pact-copy")]
        base = {"id": "agr-shusha", "title": "Shusha Declaration on Allied Relations", "parties": ["AZE", "TUR"],
                "domain": "security", "status": "ratified", "secret": False, "signed": "2021-06-15",
                "ratified": {"TUR": "2022-02-01"}, "in_force": None, "duration_years": None, "renewal": None,
                "termination_notice_months": None, "provisions": ["mutual_defense"], "ended": None,
                "obligations": [_obligation("defend", ["AZE", "TUR"], ["AZE", "TUR"], duty, 1, [
                    _condition("after_consultation", "shusha-pact",
                               "would follow consultations between the two governments")])]}
        fields = {"title": self._field(base["title"], signed), "parties": self._field(["AZE", "TUR"], signed),
                  "signed": self._field("2021-06-15", signed),
                  "status": self._field("ratified", ratified), "ratified.TUR": self._field("2022-02-01", ratified),
                  "provisions": self._field(["mutual_defense"], defence)}
        return self._record(base, fields, signed + ratified + defence + duty)

    def _greece_france(self) -> dict[str, Any]:
        signed_a = _ev("greece-france", _sentence("greece-france", "signed a strategic"), "signed")
        signed_b = _ev("greece-france-brief", _sentence("greece-france-brief", "signed their"), "signed")
        term = _ev("greece-france", _sentence("greece-france", "five years"), "duration_years")
        approved = _ev("greece-france", _sentence("greece-france", "approved"), "ratified.GRC")
        renewal = {"automatic": True, "period_years": 5}
        aid = [_ev("greece-france", _sentence("greece-france", "come to the other's aid"), "obligations")]
        both = ["FRA", "GRC"]
        base = {"id": "agr-grc-fra", "title": "Strategic Partnership for Defence and Security",
                "parties": ["FRA", "GRC"], "domain": "security", "status": "ratified", "secret": False,
                "signed": "2021-09-28", "ratified": {"GRC": "2021-10-07"}, "in_force": "2021-10-07",
                "duration_years": 5, "renewal": renewal, "termination_notice_months": 6, "provisions": [],
                "ended": None, "obligations": [
                    _obligation("defend", both, both, aid, 1, [
                        _condition("location", "greece-france", "if its territory is attacked")]),
                    _obligation("consult", both, both, aid, 1, [])]}
        signed_field = self._field("2021-09-28", [signed_a])
        signed_field["values"].append(self._field("2021-09-27", [signed_b])["values"][0])
        fields = {"title": self._field(base["title"], [signed_a]), "parties": self._field(both, [signed_a, signed_b]),
                  "signed": signed_field,
                  "ratified.GRC": self._field("2021-10-07", [approved]),
                  "duration_years": self._field(5, [term]), "renewal": self._field(renewal, [term])}
        base["conflicts"] = [{"field": "signed", "values": [
            {"value": "2021-09-28", "articles": ["greece-france"]},
            {"value": "2021-09-27", "articles": ["greece-france-brief"]}]}]
        return self._record(base, fields, [signed_a, signed_b, term, approved] + aid)

    def _frigates(self) -> dict[str, Any]:
        ev = _ev("greece-france", _sentence("greece-france", "frigates"))
        record = {"id": "evt-frigates", "type": "arms_deal", "participants": ["FRA", "GRC"], "date": "2021-10",
                  "location": None, "value_usd": 3000000000, "item": "frigates", "documents": ["greece-france"],
                  "independent_sources": 1, "evidence": [ev]}
        record["fields"] = {name: self._field(record[name], [ev]) for name in ("type", "participants", "date",
                                                                              "value_usd", "item")}
        return record

    # --- reading ------------------------------------------------------------------------------------

    @staticmethod
    def _check(name: str, value: str | None, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        if value is not None and value not in allowed:
            raise ValueError(f"unknown {name} {value!r}: choose one of {', '.join(allowed)}")

    def _matching(self, party: str | None = None, domain: str | None = None, status: str | None = None,
                  provision: str | None = None, as_of: str | None = None, q: str | None = None) -> list[dict]:
        self._check("domain", domain, DOMAINS)
        self._check("status", status, STATUSES)
        self._check("provision", provision, PROVISIONS)
        if as_of is not None:
            date.fromisoformat(as_of)
        out = []
        party = party.strip().upper() if party else None
        words = _search_words(q)
        for r in self.records:
            text = (r["title"] or "") + "\n" + "\n".join(e["quote"] for e in r["evidence"])
            if (party and party not in r["parties"]) or (domain and r["domain"] != domain) \
                    or (status and r["status"] != status) or (provision and provision not in r["provisions"]) \
                    or (words is not None and not _has_words(text, words)):
                continue
            out.append(self._with_lifecycle(r, as_of) if as_of else self._summary(r))
        return out

    @staticmethod
    def _summary(r: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in r.items() if k not in ("fields", "evidence")}

    @staticmethod
    def _lifecycle(r: dict[str, Any], as_of: str | None) -> dict[str, Any]:
        return compute_lifecycle(signed=r["signed"], ratified=r["ratified"], in_force=r["in_force"],
                                 duration_years=r["duration_years"], renewal=r["renewal"],
                                 termination_notice_months=r["termination_notice_months"], status=r["status"],
                                 as_of=as_of or date.today(), ended=r.get("ended")).to_json()

    def _with_lifecycle(self, r: dict[str, Any], as_of: str) -> dict[str, Any]:
        life = self._lifecycle(r, as_of)
        return {**self._summary(r), "in_force_as_of": life["in_force_as_of"], "in_force_reason": life["reason"],
                "term_ends": life["term_ends"], "next_renewal": life["next_renewal"],
                "notice_deadline": life["notice_deadline"]}

    def agreements(self, party=None, domain=None, status=None, provision=None, as_of=None, q=None,
                   sort="signed", desc=False, limit=50, offset=0) -> list[dict[str, Any]]:
        self._check("sort", sort, ("signed", "title", "domain", "status", "in_force", "independent_sources"))
        rows = self._matching(party, domain, status, provision, as_of, q)
        rows.sort(key=lambda r: (r.get(sort) is None, str(r.get(sort) or "").lower()), reverse=desc)
        return _window(rows, limit, offset)

    def count_agreements(self, **filters: Any) -> int:
        return len(self._matching(**filters))

    def agreement(self, id: str, as_of: str | None = None) -> dict[str, Any] | None:
        for r in self.records:
            if r["id"] == id:
                out = self._with_lifecycle(r, as_of or date.today().isoformat())
                out.update(fields=r["fields"], evidence=r["evidence"], lifecycle=self._lifecycle(r, as_of),
                           needs_review=list(r.get("needs_review", [])))
                return out
        return None

    def _events(self, party=None, type=None, q=None) -> list[dict[str, Any]]:
        self._check("type", type, EVENT_TYPES)
        party = party.strip().upper() if party else None
        words = _search_words(q)
        return [{k: v for k, v in e.items() if k not in ("fields", "needs_review")} for e in self.event_records
                if (not party or party in e["participants"])
                and (not type or e["type"] == type)
                and (words is None or _has_words((e["item"] or "") + "\n" + "\n".join(
                    x["quote"] for x in e["evidence"]), words))]

    def events(self, party=None, type=None, q=None, limit=50, offset=0) -> list[dict[str, Any]]:
        return _window(self._events(party, type, q), limit, offset)

    def count_events(self, **filters: Any) -> int:
        return len(self._events(**filters))

    def event(self, id: str) -> dict[str, Any] | None:
        record = next((e for e in self.event_records if e["id"] == id), None)
        return None if record is None else {**record, "needs_review": list(record.get("needs_review", []))}

    def timeline(self, party=None, start=None, end=None, limit=None, offset=0) -> list[dict[str, Any]]:
        return _window(self._timeline(party, start, end), limit, offset)

    def count_timeline(self, party=None, start=None, end=None) -> int:
        return len(self._timeline(party, start, end))

    def _timeline(self, party=None, start=None, end=None) -> list[dict[str, Any]]:
        party = party.strip().upper() if party else None
        items = []
        for r in self.records:
            first = r["evidence"][0]
            for m in self._lifecycle(r, None)["milestones"]:
                if m["kind"] in ("signed", "ratified", "in_force"):
                    items.append({"date": m["date"], "kind": m["kind"], "label": f"{r['title']}: {m['label']}",
                                  "parties": r["parties"], "agreement_id": r["id"],
                                  "article_id": first["article_id"], "quote": first["quote"]})
        for e in self.event_records:
            items.append({"date": e["date"], "kind": e["type"], "label": f"{e['item']}", "parties": e["participants"],
                          "event_id": e["id"], "article_id": e["documents"][0], "quote": e["evidence"][0]["quote"]})
        items = [i for i in items if (not party or party in i["parties"]) and (not start or i["date"] >= start)
                 and (not end or i["date"][:len(end)] <= end)]
        return sorted(items, key=lambda i: i["date"])

    def _article_summary(self, a: Article) -> dict[str, Any]:
        return {"id": a.id, "title": a.title, "url": a.url, "published": a.published, "source": a.source,
                "cluster_id": self.clusters.get(a.id, a.id),
                "n_agreements": sum(a.id in r["documents"] for r in self.records),
                "n_events": sum(a.id in e["documents"] for e in self.event_records)}

    def _articles(self, q=None) -> list[dict[str, Any]]:
        words = _search_words(q)
        return [self._article_summary(a) for a in sorted(self.articles_by_id.values(), key=lambda a: a.id)
                if words is None or _has_words((a.title or "") + "\n" + a.text, words)]

    def articles(self, limit=50, offset=0, q=None) -> list[dict[str, Any]]:
        return _window(self._articles(q), limit, offset)

    def count_articles(self, q=None) -> int:
        return len(self._articles(q))

    def article(self, id: str) -> dict[str, Any] | None:
        a = self.articles_by_id.get(id)
        if a is None:
            return None
        out = self._article_summary(a)
        cluster = out["cluster_id"]
        mentions = [{"start": i, "end": i + len(s), "kind": "actor", "label": code}
                    for s, code in SURFACES.items() for i in _all(a.text, s)]
        facts: dict[str, Any] = {"doc_id": a.id, "published": a.published, "agreements": [], "events": []}
        for r in self.records:
            evs = [e for e in r["evidence"] if e["article_id"] == a.id]
            if evs:
                facts["agreements"].append({**self._summary(r), "obligations": _article_obligations(r, a.id),
                                            "evidence": [{"field": e["field"], "quote": e["quote"],
                                                          "start": e["start"], "end": e["end"]} for e in evs]})
        for e in self.event_records:
            for ev in e["evidence"]:
                if ev["article_id"] == a.id:
                    facts["events"].append({"type": e["type"], "participants": e["participants"], "date": e["date"],
                                            "location": e["location"], "value_usd": e["value_usd"],
                                            "item": e["item"], "evidence": ev["quote"],
                                            "evidence_start": ev["start"], "evidence_end": ev["end"]})
        out.update(text=a.text, duplicates=sorted(k for k, c in self.clusters.items() if c == cluster),
                   mentions=sorted(mentions, key=lambda m: m["start"]), facts=facts)
        return out

    def actor(self, code: str) -> dict[str, Any] | None:
        code = code.strip().upper()
        if code not in NAMES:
            return None
        agreements = [self._summary(r) for r in self.records if code in r["parties"]]
        events = [e for e in self.event_records if code in e["participants"]]
        partners: dict[str, int] = {}
        for r in agreements:
            for p in r["parties"]:
                if p != code:
                    partners[p] = partners.get(p, 0) + 1
        return {"code": code, "name": NAMES[code], "kind": "state", "agreements": agreements[:200],
                "agreements_total": len(agreements), "events": events[:200], "events_total": len(events),
                "partners": [{"code": p, "name": NAMES[p], "n_agreements": n} for p, n in sorted(partners.items())]}

    def actors(self, limit=None, offset=0) -> list[dict[str, Any]]:
        rows = [{"code": c, "name": n, "n_agreements": sum(c in r["parties"] for r in self.records),
                 "n_events": sum(c in e["participants"] for e in self.event_records)} for c, n in sorted(NAMES.items())]
        return _window(rows, limit, offset)

    def count_actors(self) -> int:
        return len(NAMES)

    def network(self, as_of=None, domain=None) -> dict[str, Any]:
        rows = self._matching(domain=domain, as_of=as_of)
        if as_of:
            rows = [r for r in rows if r["in_force_as_of"]]
        edges = [{"source": r["parties"][0], "target": r["parties"][1], "agreement_id": r["id"], "title": r["title"],
                  "domain": r["domain"], "status": r["status"], "signed": r["signed"]} for r in rows]
        codes = sorted({c for e in edges for c in (e["source"], e["target"])})
        return {"nodes": [{"id": c, "name": NAMES[c], "n_agreements": sum(c in (e["source"], e["target"])
                                                                           for e in edges)} for c in codes],
                "edges": edges}

    def commitments(self, as_of=None, party=None, kind=None, expand_members=False) -> list[dict[str, Any]]:
        """Contract 3, computed from the records by the real ``pactwatch.commitments``."""
        from pactwatch import commitments as duties

        return duties.commitments(self.records, as_of, party, kind, expand_members, known_codes=NAMES)

    def commitments_diff(self, start, end, party=None, kind=None, expand_members=False) -> dict[str, Any]:
        from pactwatch import commitments as duties

        return duties.commitments_diff(self.records, start, end, party, kind, expand_members, known_codes=NAMES)

    def duplicates(self, limit=None, offset=0) -> list[dict[str, Any]]:
        return _window([{"cluster_id": "c1", "kind": "exact", "articles": [
            {"id": a, "title": self.articles_by_id[a].title} for a in ("shusha-pact", "shusha-pact-copy")]}],
            limit, offset)

    def count_duplicates(self) -> int:
        return 1

    def refused(self, limit=100, offset=0) -> list[dict[str, Any]]:
        return _window(self.refusals, limit, offset)

    def count_refused(self) -> int:
        return len(self.refusals)

    # --- accounts (contract A keeps them in the KB's database: here an in-memory SQLite) -------------

    @property
    def engine(self) -> Any:
        """A private in-memory database holding only the ``accounts`` table, made on first use."""
        if "_engine" not in self.__dict__:
            try:
                from sqlalchemy import create_engine
                from sqlalchemy.pool import StaticPool

                from pactwatch.store.models import Account
            except ImportError as err:  # no accounts yet: the KB has no engine
                raise AttributeError("engine") from err
            engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
            Account.__table__.create(engine)
            self.__dict__["_engine"] = engine
        return self.__dict__["_engine"]

    # --- reviewing (contract B, in memory) ---------------------------------------------------------

    def _any_record(self, record_id: str) -> tuple[str, dict[str, Any]]:
        for r in self.records:
            if r["id"] == record_id:
                return "agreement", r
        for e in self.event_records:
            if e["id"] == record_id:
                return "event", e
        raise ValueError(f"no agreement or event {record_id!r}")

    def _now(self) -> str:
        self.clock += 1
        return f"2026-01-02T{self.clock // 60:02d}:{self.clock % 60:02d}:00"

    def review_queue(self, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Every field value no one has reviewed yet (or whose review new evidence disputes), least
        confident first; the parties one party at a time."""
        items = []
        for kind, records in (("agreement", self.records), ("event", self.event_records)):
            for r in records:
                for name, merged in r["fields"].items():
                    if "reviewed" in merged and name not in r.get("needs_review", []):
                        continue
                    top = merged["values"][0]
                    reasons = []
                    if top["independent_sources"] < 2:
                        reasons.append("single source")
                    if len(merged["values"]) > 1:
                        reasons.append("sources disagree")
                    if name in r.get("needs_review", []):
                        reasons.append("new evidence disagrees with the reviewed value")
                    evidence = [{k: e[k] for k in ("article_id", "quote", "start", "end")} for e in top["evidence"]]
                    base = {"record_id": r["id"], "record_kind": kind, "title": r.get("title") or r.get("item"),
                            "field": name, "confidence": top["confidence"], "reasons": reasons,
                            "evidence": evidence}
                    if name in CODE_LIST_FIELDS:
                        items += [{**base, "party": code, "value": code} for code in merged["shown"]]
                    else:
                        items.append({**base, "party": None, "value": merged["shown"]})
        items.sort(key=lambda i: (i["confidence"], i["record_id"], i["field"], i["party"] or ""))
        return _window(items, limit, offset)

    def count_review_queue(self) -> int:
        return len(self.review_queue(limit=None))

    def review(self, action: str, record_id: str, field: str, *, reviewer: str, value: Any = None,
               party: str | None = None, note: str | None = None) -> dict[str, Any]:
        if action not in REVIEW_ACTIONS:
            raise ValueError(f"unknown action {action!r}: choose one of {', '.join(REVIEW_ACTIONS)}")
        if not reviewer or not str(reviewer).strip():
            raise ValueError("a review needs the reviewer's name")
        _, record = self._any_record(record_id)
        if field not in record["fields"]:
            raise ValueError(f"{record_id} has no field {field!r}: "
                             f"its fields are {', '.join(sorted(record['fields']))}")
        if party is not None:
            party = _known_party(party)
        merged = record["fields"][field]
        old = merged["shown"]
        if action == "set":
            if value is None:
                raise ValueError("set needs a value")
            new = _checked_value(field, value)
        elif party is not None and field in CODE_LIST_FIELDS:
            if party not in old:
                raise ValueError(f"{party} is not among the {field} of {record_id}: {', '.join(old)}")
            new = [c for c in old if c != party] if action == "reject" else old
        else:
            new = None if action == "reject" else old
        at = self._now()
        merged["shown"] = new
        merged["reviewed"] = {"by": reviewer, "at": at, "action": action, "value": new}
        if "." not in field and field in record:
            record[field] = new
        if field in record.get("needs_review", []):
            record["needs_review"].remove(field)
        entry = {"reviewer": reviewer, "at": at, "record": record_id, "field": field, "action": action,
                 "old": old, "new": new, "note": note}
        self.log.append(entry)
        return entry

    def review_merge(self, record_id: str, other_id: str, *, reviewer: str, note: str | None = None) -> dict:
        kind, record = self._any_record(record_id)
        other_kind, other = self._any_record(other_id)
        if record_id == other_id or kind != other_kind:
            raise ValueError(f"cannot merge {record_id} with {other_id}: two different agreements or events only")
        (self.records if kind == "agreement" else self.event_records).remove(other)
        record["documents"] = sorted(set(record["documents"]) | set(other["documents"]))
        entry = {"reviewer": reviewer, "at": self._now(), "record": record_id, "field": None, "action": "merge",
                 "old": None, "new": other_id, "note": note}
        self.log.append(entry)
        return entry

    def review_split(self, record_id: str, article_id: str, *, reviewer: str, note: str | None = None) -> dict:
        _, record = self._any_record(record_id)
        if article_id not in record["documents"]:
            raise ValueError(f"{article_id!r} is not one of the articles of {record_id}: "
                             f"{', '.join(record['documents'])}")
        if len(record["documents"]) < 2:
            raise ValueError(f"{record_id} has a single article: nothing to split")
        entry = {"reviewer": reviewer, "at": self._now(), "record": record_id, "field": None, "action": "split",
                 "old": None, "new": article_id, "note": note}
        self.log.append(entry)
        return entry

    def review_log(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        return _window(list(self.log), limit, offset)

    def count_review_log(self) -> int:
        return len(self.log)

    def review_stats(self) -> dict[str, Any]:
        counts: dict[str, dict[str, Any]] = {}
        outcome = {"accept": "accepted", "reject": "rejected", "set": "changed"}
        for e in self.log:
            if e["action"] in outcome:
                row = counts.setdefault(e["field"].split(".", 1)[0], {"accepted": 0, "rejected": 0, "changed": 0})
                row[outcome[e["action"]]] += 1
        total = {k: sum(r[k] for r in counts.values()) for k in ("accepted", "rejected", "changed")}
        for row in [*counts.values(), total]:
            n = row["accepted"] + row["rejected"] + row["changed"]
            row["precision"] = round(row["accepted"] / n, 4) if n else None
        return {"fields": counts, "total": total}

    def flag_for_review(self, record_id: str, field: str) -> None:
        """Test helper: as if a new article disagreed with the reviewed value of ``field``."""
        _, record = self._any_record(record_id)
        record.setdefault("needs_review", []).append(field)

    # --- changes (pactwatch.alerts' Alert shape) ---------------------------------------------------------

    def _alert(self, kind: str, record: dict[str, Any], at: str, day: str, summary: str, *, field_name: str | None,
               old: Any = None, new: Any = None, party: str | None = None,
               evidence: dict[str, Any] | None = None) -> dict[str, Any]:
        import hashlib
        import json

        key = json.dumps([kind, record["id"], field_name, new], sort_keys=True)
        source = None
        if evidence is not None:
            article = self.articles_by_id[evidence["article_id"]]
            source = article.url or article.source
            evidence = {"quote": evidence["quote"], "article_id": evidence["article_id"], "source": source}
        return {"id": f"chg-{hashlib.sha256(key.encode()).hexdigest()[:16]}", "kind": kind, "at": at, "day": day,
                "record_id": record["id"], "record_kind": "agreement", "title": record["title"],
                "parties": record["parties"], "domain": record["domain"], "field": field_name, "old": old,
                "new": new, "party": party, "summary": summary, "evidence": evidence,
                "provisions": sorted(set(record["provisions"]) | {o["kind"] for o in record["obligations"]}),
                "url": f"/agreements/{record['id']}"}

    def _alerts(self) -> list[dict[str, Any]]:
        """A few changes as a watch over these articles would have recorded them, oldest first."""
        shusha, partnership = self.records
        signed = shusha["fields"]["signed"]["values"][0]["evidence"][0]
        ratified = shusha["fields"]["ratified.TUR"]["values"][0]["evidence"][0]
        grc_signed = partnership["fields"]["signed"]["values"]
        term = partnership["fields"]["duration_years"]["values"][0]["evidence"][0]
        return [
            self._alert("new_agreement", shusha, "2026-11-02T08:00:00Z", "2021-06-15", "New agreement: Shusha "
                        "Declaration on Allied Relations (Azerbaijan, Türkiye), signed 2021-06-15",
                        field_name=None, new="signed", evidence=signed),
            self._alert("new_agreement", partnership, "2026-11-02T08:00:00Z", "2021-09-28", "New agreement: "
                        "Strategic Partnership for Defence and Security (France, Greece), signed 2021-09-28",
                        field_name=None, new="signed", evidence=grc_signed[0]["evidence"][0]),
            self._alert("ratified", shusha, "2026-11-03T09:15:00Z", "2022-02-01", "Türkiye ratified the Shusha "
                        "Declaration on Allied Relations (2022-02-01)", field_name="ratified.TUR", new="2022-02-01",
                        party="TUR", evidence=ratified),
            self._alert("status_changed", shusha, "2026-11-03T09:15:00Z", "2022-02-01", "Shusha Declaration on "
                        "Allied Relations: status signed -> ratified", field_name="status", old="signed",
                        new="ratified", evidence=ratified),
            self._alert("conflict", partnership, "2026-11-04T10:00:00Z", "2026-11-04", "Strategic Partnership for "
                        "Defence and Security: sources disagree on signed (2021-09-28 or 2021-09-27)",
                        field_name="signed", old="2021-09-28", new="2021-09-27", evidence=grc_signed[1]["evidence"][0]),
            self._alert("notice_due", partnership, "2026-11-05T06:00:00Z", "2031-04-07", "Strategic Partnership "
                        "for Defence and Security: last day to give 6 months' notice is 2031-04-07 (renews "
                        "automatically 2031-10-07)", field_name="notice_deadline", new="2031-04-07", evidence=term),
        ]

    def _changes(self, since: str | None, kind: str | None) -> list[dict[str, Any]]:
        from datetime import UTC, datetime

        self._check("kind", kind, ALERT_KINDS)
        start = None
        if since is not None:
            try:
                moment = datetime.fromisoformat(str(since).replace("Z", "+00:00"))
            except ValueError:
                raise ValueError(f"since must be an ISO day or time like 2026-11-01 or 2026-11-01T08:00:00Z, "
                                 f"not {since!r}") from None
            moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
            start = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        order = sorted(enumerate(self.alerts), key=lambda pair: (pair[1]["at"], pair[0]), reverse=True)
        return [a for _, a in order if (kind is None or a["kind"] == kind) and (start is None or a["at"] >= start)]

    def changes(self, since: str | None = None, kind: str | None = None, limit: int | None = 50,
                offset: int = 0) -> list[dict[str, Any]]:
        """Recorded alerts, newest first; ``since``: detected at or after (an ISO day or time)."""
        return _window(self._changes(since, kind), limit, offset)

    def count_changes(self, since: str | None = None, kind: str | None = None) -> int:
        return len(self._changes(since, kind))

    # --- writing ------------------------------------------------------------------------------------

    def ingest_articles(self, articles: Iterable[Article], progress: Any = None) -> IngestReport:
        report = IngestReport()
        for a in articles:
            report.articles_read += 1
            if progress is not None:
                progress(1)
            if a.id in self.articles_by_id:
                report.duplicates += 1
                continue
            self.articles_by_id[a.id] = a
            report.articles_new += 1
        return report

    def ingest(self, paths: list[str], progress: Any = None, limits: Any = None,
               shown_as: tuple[str, str] | None = None) -> IngestReport:
        items = list(iter_inputs(paths, limits))
        if shown_as is not None:
            items = list(relabelled(items, *shown_as))
        items = list(relative_to_inputs(items, paths))
        report = self.ingest_articles([i for i in items if isinstance(i, Article)], progress)
        report.refused = [i for i in items if isinstance(i, Refusal)]
        for r in report.refused:
            self.refusals.append({"source": r.source, "line": r.line, "reason": r.reason, "at": "2026-01-01T00:00:00"})
        return report


ALERT_KINDS = ("new_agreement", "status_changed", "ratified", "in_force", "terminated", "notice_due", "conflict")
REVIEW_ACTIONS = ("accept", "reject", "set")
DATE_FIELDS = ("signed", "in_force", "ratified", "date")
NUMBER_FIELDS = ("duration_years", "termination_notice_months", "value_usd")
CODE_LIST_FIELDS = ("parties", "participants")
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _confidence(sources: int, conflict: bool) -> float:
    """The fake's confidence: more independent sources, more trust; a conflict halves it."""
    value = min(0.95, 0.45 + 0.2 * max(0, sources - 1))
    return round(value / 2 if conflict else value, 2)


def _checked_value(field_name: str, value: Any) -> Any:
    """``value`` when it fits ``field_name``; ValueError naming what is expected otherwise."""
    base = field_name.split(".", 1)[0]
    if base in DATE_FIELDS:
        if not isinstance(value, str) or not PARTIAL_DATE.match(value):
            raise ValueError(f"{field_name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        try:
            date.fromisoformat(value + "-01-01"[len(value) - 4:])
        except ValueError:
            raise ValueError(f"{field_name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    elif base in NUMBER_FIELDS:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{field_name}: {value!r} is not a whole number")
    elif base in CODE_LIST_FIELDS:
        if not isinstance(value, list) or not value or not all(isinstance(c, str) for c in value):
            raise ValueError(f"{field_name}: {value!r} is not a list of party codes")
        for code in value:
            _known_party(code)
    elif base == "status":
        FakeKnowledgeBase._check("status", value, STATUSES)
    elif base == "type":
        FakeKnowledgeBase._check("type", value, EVENT_TYPES)
    elif base in ("title", "item") and (not isinstance(value, str) or not value.strip()):
        raise ValueError(f"{field_name}: {value!r} is not a text")
    return value


def _known_party(code: Any) -> str:
    if not isinstance(code, str) or code.upper() not in NAMES:
        raise ValueError(f"unknown party code {code!r}: known codes are {', '.join(sorted(NAMES))}")
    return code.upper()


def _window(rows: list[Any], limit: int | None, offset: int) -> list[Any]:
    """The page the real KB returns: from ``offset`` (negative counts as 0), ``limit`` rows (None: all)."""
    first = max(0, int(offset))
    return rows[first:] if limit is None else rows[first:first + max(0, int(limit))]


MAX_QUERY_CHARS = 200


def _search_words(q: str | None) -> list[str] | None:
    """The real KB's search rule: the query's words (letters and digits), at most 200 characters
    (``ValueError`` beyond); None for no query."""
    if q is None or not q.strip():
        return None
    if len(q) > MAX_QUERY_CHARS:
        raise ValueError(f"search text is {len(q):,} characters, over the limit of {MAX_QUERY_CHARS}")
    return re.findall(r"[^\W_]+", q.lower())


def _has_words(text: str, words: list[str]) -> bool:
    """``words`` appear in ``text`` in this order, one after another, the last as a word prefix."""
    if not words:
        return False
    tokens = re.findall(r"[^\W_]+", text.lower())
    n = len(words)
    return any(tokens[i:i + n - 1] == words[:-1] and tokens[i + n - 1].startswith(words[-1])
               for i in range(len(tokens) - n + 1))


def _all(text: str, needle: str) -> list[int]:
    out, at = [], text.find(needle)
    while at >= 0:
        out.append(at)
        at = text.find(needle, at + 1)
    return out
