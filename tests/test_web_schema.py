"""The JSON API fuzzed from its own OpenAPI document: whatever schemathesis sends, no
answer is a 500 and every answer matches the schema (status, content type, shape).

One default check is left out: that every schema-valid request succeeds. A query is a
language inside a string, so `q=(` is valid to the schema and still a bad query (a 400 that
the schema documents). The fuzzers take a minute on a busy machine: they are in the slow
tier, with the browser tests."""

from __future__ import annotations

from urllib.parse import quote

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance
from search_cables import small_index  # noqa: F401  (fixture)

from cablesearch.web import create_app

OPERATIONS = ["GET /api/search", "GET /api/cable/{cable_id}", "GET /api/facets",
              "GET /api/kwic", "GET /api/refs/{cable_id}",
              "GET /api/similar/{cable_id}/{number}"]


@pytest.fixture
def api_schema(small_index):  # noqa: F811
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(small_index))


def test_every_operation_is_fuzzed(api_schema):
    found = {f"{op.ok().method.upper()} {op.ok().path}" for op in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.slow
@pytest.mark.parametrize("label", OPERATIONS)
def test_api_answers_within_its_schema(api_schema, label):
    operation = next(op.ok() for op in api_schema.get_all_operations()
                     if f"{op.ok().method.upper()} {op.ok().path}" == label)
    statuses = []

    @given(case=operation.as_strategy())
    @settings(max_examples=50, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    def fuzz(case):
        response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
        assert response.status_code < 500
        statuses.append(response.status_code)

    fuzz()
    assert statuses  # it ran


@pytest.fixture(scope="module")
def pages(small_index):  # noqa: F811
    from fastapi.testclient import TestClient

    with TestClient(create_app(small_index)) as client:
        yield client


_typed = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@pytest.mark.slow
@given(q=_typed, tag=_typed, since=_typed, phrase=_typed, ref=_typed)
@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_pages_answer_whatever_is_typed(pages, q, tag, since, phrase, ref):
    """The HTML pages are not in the OpenAPI document: fuzzed here by hand."""
    for path, params in [("/", {"q": q, "tag": tag, "since": since}),
                         ("/", {"q": q, "by-cable": "true", "sort": "-date"}),
                         ("/kwic", {"phrase": phrase, "q": q}),
                         ("/export.jsonl", {"q": q}),
                         (f"/cable/{quote(ref, safe='')}", {"q": q}),
                         (f"/ref/08ASTANA1111/{quote(ref, safe='')}", {}),
                         (f"/similar/08ASTANA1111/{quote(ref, safe='')}", {})]:
        answer = pages.get(path, params=params, follow_redirects=False)
        assert answer.status_code in (200, 302, 307, 400, 404), (path, params, answer.text[:200])
