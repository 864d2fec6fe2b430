"""``queries.commitment_records``: the database hands commitments only the agreements with
obligations or with an organisation among their parties, without their per-field detail, the same
on SQLite and PostgreSQL; and the commitments read from them equal those from the full records."""

from __future__ import annotations

import pactwatch
from pactwatch.article import Article
from pactwatch.commitments import commitments, organisations
from pactwatch.facts import Agreement, ArticleFacts, Condition, Evidence, Obligation
from pactwatch.store import queries

TEXT = "Kenya and Tanzania will aid each other if attacked, once their cabinets have conferred."


def extract(article: Article) -> ArticleFacts:
    evidence = Evidence("obligations", TEXT, 0, len(TEXT))
    facts = {
        "pact": Agreement(["KEN", "TZA"], title="Treaty of Mutual Aid", status="in_force", in_force="2020-06-01",
                          obligations=[Obligation("defend", ["KEN", "TZA"], ["KEN", "TZA"],
                                                  [Condition("after_consultation", "once they have conferred")],
                                                  evidence)]),
        "joins": Agreement(["FIN", "NATO"], status="in_force", in_force="2023-04-04"),
        "trade": Agreement(["KEN", "UGA"], title="customs union", domain="trade", status="in_force"),
    }
    return ArticleFacts(article.id, article.published, [facts[article.id]])


extract.version = "records-1"  # type: ignore[attr-defined]


def test_only_candidates_come_back_without_their_detail(db_url: str) -> None:
    with pactwatch.open(db_url, extractor=extract) as kb:
        kb.ingest_articles([Article(i, TEXT, f"news/{i}.txt", "2024-01-01") for i in ("pact", "joins", "trade")])
        with kb.engine.connect() as conn:
            light = queries.commitment_records(conn, organisations())
            full = queries.full_records(conn, "agreements")
    assert sorted(tuple(r["parties"]) for r in light) == [("FIN", "NATO"), ("KEN", "TZA")]
    assert all("fields" not in r and "conflicts" not in r and "evidence" in r for r in light)
    assert light[[r["parties"] for r in light].index(["KEN", "TZA"])]["obligations"][0]["conditional"] is True
    assert commitments(light, "2024-06-01") == commitments(full, "2024-06-01")
    assert len(commitments(light, "2024-06-01")) == 4
