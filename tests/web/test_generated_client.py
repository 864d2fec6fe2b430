"""A client generated from ``/openapi.json`` by openapi-python-client, talking to a real server
(uvicorn on 127.0.0.1), lists agreements and fetches them with typed attributes.

This is what the response models are for: before them every answer was declared "any object" and
a generated client could only hand back dicts.
"""

from __future__ import annotations

import datetime
import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fake_kb import FakeKnowledgeBase

from conftest import json_of, running
from pactwatch.web import create_app

GENERATOR = Path(sys.executable).parent / "openapi-python-client"
PACKAGE = "pactwatch_generated_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimpleNamespace]:
    """The generated package, imported; its modules by the names a user of it would write."""
    assert GENERATOR.exists(), "openapi-python-client is a test dependency: make dev"
    from fastapi.testclient import TestClient

    folder = tmp_path_factory.mktemp("client")
    (folder / "spec.json").write_text(json.dumps(json_of(TestClient(create_app(kb=FakeKnowledgeBase()))
                                                         .get("/openapi.json"))))
    (folder / "config.yml").write_text(f"package_name_override: {PACKAGE}\npost_hooks: []\n")
    done = subprocess.run([str(GENERATOR), "generate", "--path", "spec.json", "--output-path", PACKAGE,
                           "--meta", "none", "--config", "config.yml", "--fail-on-warning"],
                          cwd=folder, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    sys.path.insert(0, str(folder))
    try:
        api = importlib.import_module(f"{PACKAGE}.api.api")
        yield SimpleNamespace(
            Client=importlib.import_module(PACKAGE).Client, models=importlib.import_module(f"{PACKAGE}.models"),
            **{name: importlib.import_module(f"{api.__name__}.{name}")
               for name in ("list_agreements", "get_agreement", "list_events", "get_article", "get_actor")})
    finally:
        sys.path.remove(str(folder))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def all_agreements(gen: SimpleNamespace, client: Any, page_size: int, **filters: Any) -> list[Any]:
    """Every agreement summary, page by page, as a user of the generated client would fetch them."""
    items, offset = [], 0
    while True:
        page = gen.list_agreements.sync(client=client, limit=page_size, offset=offset, **filters)
        assert isinstance(page, gen.models.AgreementPage), page
        items += page.items
        if page.next_ is None:  # "next" is a Python builtin, so the generator names it next_
            return items
        offset = page.offset + page.limit


def test_the_generated_client_lists_and_fetches_agreements(generated, fake_kb) -> None:
    m = generated.models
    with running(create_app(kb=fake_kb)) as url:
        client = generated.Client(base_url=url, raise_on_unexpected_status=True)
        page = generated.list_agreements.sync(client=client, party="GRC", domain=m.Domain.SECURITY)
        one = generated.get_agreement.sync(client=client, agreement_id="agr-grc-fra", as_of=datetime.date(2022, 1, 1))
        missing = generated.get_agreement.sync_detailed(client=client, agreement_id="nope")
        events = generated.list_events.sync(client=client, type_=m.EventType.ARMS_DEAL)
    assert isinstance(page, m.AgreementPage) and page.total == 1 and page.next_ is None
    summary = page.items[0]
    assert isinstance(summary, m.AgreementSummary)
    assert (summary.id, summary.parties, summary.duration_years) == ("agr-grc-fra", ["FRA", "GRC"], 5)
    assert isinstance(summary.renewal, m.Renewal) and summary.renewal.automatic is True
    assert isinstance(one, m.Agreement) and one.title == "Strategic Partnership for Defence and Security"
    assert isinstance(one.lifecycle, m.Lifecycle) and one.lifecycle.term_ends == "2026-10-07"
    assert [x.kind for x in one.lifecycle.milestones][:3] == ["signed", "ratified", "in_force"]
    signed = one.fields["signed"]
    assert isinstance(signed, m.MergedField) and [v.value for v in signed.values] == ["2021-09-28", "2021-09-27"]
    assert one.conflicts[0].field == "signed" and one.in_force_as_of is True
    assert {e.article_id for e in one.evidence} == {"greece-france", "greece-france-brief"}
    assert missing.status_code == 404 and isinstance(missing.parsed, m.ErrorOut)
    assert missing.parsed.detail == "No agreement 'nope'."
    assert events.items[0].value_usd == 3000000000 and events.items[0].item == "frigates"


def test_the_generated_client_reads_the_real_kb(generated, sample_kb) -> None:
    m = generated.models
    with running(create_app(kb=sample_kb)) as url:
        client = generated.Client(base_url=url, raise_on_unexpected_status=True)
        listed = all_agreements(generated, client, page_size=4)
        fetched = [generated.get_agreement.sync(client=client, agreement_id=a.id) for a in listed]
        article = generated.get_article.sync(client=client, article_id=listed[0].documents[0])
        actor = generated.get_actor.sync(client=client, code=listed[0].parties[0])
    assert len(listed) == sample_kb.count_agreements() > 4
    assert len({a.id for a in listed}) == len(listed)
    for summary, detail in zip(listed, fetched, strict=True):
        assert isinstance(detail, m.Agreement) and (detail.id, detail.title) == (summary.id, summary.title)
        assert detail.parties == summary.parties and isinstance(detail.lifecycle, m.Lifecycle)
        assert all(isinstance(e, m.AgreementEvidence) for e in detail.evidence)
    assert isinstance(article, m.Article) and isinstance(article.facts, m.ArticleFacts)
    assert all(article.text[x.start:x.end] for x in article.mentions)
    assert isinstance(actor, m.Actor) and actor.agreements_total >= len(actor.agreements) > 0
