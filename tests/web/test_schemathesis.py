"""Schemathesis against the OpenAPI document: generated requests never get a server error (5xx).

Bounded (a few examples per operation) so it stays a unit-test-sized run; a writable app with a
token is used so that the upload operation is exercised past its authentication too.
"""

from __future__ import annotations

import schemathesis
from fake_kb import FakeKnowledgeBase
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from conftest import TOKEN, LazySampleKB
from pactwatch.web import create_app

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(kb=FakeKnowledgeBase(), token=TOKEN,
                                                                  max_upload_bytes=20_000))


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case) -> None:
    if case.operation.path == "/api/upload":
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN}"}
    case.call_and_validate(checks=[not_a_server_error])


sample = schemathesis.openapi.from_asgi("/openapi.json", create_app(kb=LazySampleKB()))


@sample.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_on_the_real_kb(case, sample_kb) -> None:
    case.call_and_validate(checks=[not_a_server_error])
