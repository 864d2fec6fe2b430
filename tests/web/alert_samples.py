"""Alerts for the web tests of the changes (``/api/alerts``, ``/alerts.atom``, ``/changes``): three
changes to the fake KB's records in the contract's shape (``pactwatch.alerts``), a hostile one, and
a knowledge base that serves any list of them through ``changes`` / ``count_changes``."""

from __future__ import annotations

from typing import Any

from fake_kb import FakeKnowledgeBase


def alert(id: str, kind: str, at: str, record_id: str, title: str | None, summary: str, *,
          field: str | None = None, old: Any = None, new: Any = None, party: str | None = None,
          day: str | None = None, evidence: dict[str, Any] | None = None,
          parties: list[str] | None = None) -> dict[str, Any]:
    """One alert dict as ``kb.changes`` returns it."""
    return {"id": id, "kind": kind, "at": at, "day": day or at[:10], "record_id": record_id,
            "record_kind": "agreement", "title": title, "parties": parties or ["AZE", "TUR"], "domain": "security",
            "field": field, "old": old, "new": new, "party": party, "summary": summary, "evidence": evidence,
            "url": f"/agreements/{record_id}"}


# newest first, as kb.changes answers
ALERTS = [
    alert("chg-00000000000000c3", "ratified", "2026-11-04T09:15:00Z", "agr-shusha", "Shusha Declaration",
          "Türkiye ratified the Shusha Declaration (2022-02-01)", field="ratified.TUR", old=None,
          new="2022-02-01", party="TUR", day="2022-02-01",
          evidence={"quote": "The Turkish parliament ratified the declaration on 1 February 2022.",
                    "article_id": "shusha-pact", "source": "https://news.example.org/shusha"}),
    alert("chg-00000000000000b2", "status_changed", "2026-11-02T18:00:00Z", "agr-grc-fra",
          "Strategic Partnership for Defence and Security",
          "Strategic Partnership for Defence and Security is now ratified (was signed)",
          field="status", old="signed", new="ratified", parties=["FRA", "GRC"],
          evidence={"quote": "The Greek parliament approved the partnership on 7 October 2021.",
                    "article_id": "greece-france", "source": "sample/greece-france.txt"}),
    alert("chg-00000000000000a1", "new_agreement", "2026-10-30T07:30:00Z", "agr-shusha", "Shusha Declaration",
          "New agreement: Shusha Declaration (AZE, TUR), signed 2021-06-15", day="2021-06-15",
          evidence={"quote": "Azerbaijan and Turkey signed the Shusha Declaration on Allied Relations on 15 June "
                             "2021.", "article_id": "shusha-pact", "source": None}),
]

HOSTILE_TEXT = "<script>alert(1)</script> ]]> & \"q\" 'a' \x00\x07\x1b\x7f\x85 \u202eevil\u202c \ufffe end"
HOSTILE = alert("chg-00000000000000d4", "conflict", "2026-11-05T10:00:00Z", "agr-<x>&\"y\"",
                "<b>Pact</b> ]]> \u202egnp.exe", f"Conflict: {HOSTILE_TEXT}", field="signed<x>",
                old="<i>2021</i>", new=HOSTILE_TEXT,
                evidence={"quote": f"They said {HOSTILE_TEXT}", "article_id": "a<rt>&\"cle\"",
                          "source": "javascript:alert(1)"})


class ChangesKB(FakeKnowledgeBase):
    """The fake KB with ``alerts`` as its changes (newest first). ``since`` keeps the changes
    detected on or after that day, ``kind`` those of that kind."""

    def __init__(self, alerts: list[dict[str, Any]] | None = None) -> None:
        super().__init__()
        self.alerts = list(ALERTS if alerts is None else alerts)
        self.calls: list[dict[str, Any]] = []

    def _matching_changes(self, since: str | None, kind: str | None) -> list[dict[str, Any]]:
        return [a for a in self.alerts
                if (since is None or a["at"][:10] >= since) and (kind is None or a["kind"] == kind)]

    def changes(self, since: str | None = None, kind: str | None = None, limit: int | None = 50,
                offset: int = 0) -> list[dict[str, Any]]:
        self.calls.append({"since": since, "kind": kind, "limit": limit, "offset": offset})
        rows = self._matching_changes(since, kind)[offset:]
        return rows if limit is None else rows[:limit]

    def count_changes(self, since: str | None = None, kind: str | None = None) -> int:
        return len(self._matching_changes(since, kind))
