"""The workbench on the real cables: every facet value a page offers narrows the search to
exactly the count it shows, and the API answers what the CLI prints."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from cablesearch.cli import main
from cablesearch.web import create_app
from cablesearch.web.app import PAGE_FACETS
from cablesearch.web.params import SearchParams


@pytest.fixture(scope="module")
def client(real_index):
    with TestClient(create_app(real_index)) as client:
        yield client


@pytest.mark.parametrize("query", ["minister", '"human rights"'])
def test_every_facet_value_narrows_to_its_count(client, query):
    facets = ",".join(PAGE_FACETS)
    counts = client.get("/api/search", params={"q": query, "facets": facets}).json()["facets"]
    params = SearchParams(query)
    checked = 0
    for facet, values in counts.items():
        if not params.narrows(facet):
            continue
        for value, count in values:
            narrowed = params.narrowed(facet, value).query_string(limit=1)
            total = client.get(f"/api/search?{narrowed}").json()["total"]
            assert total == count, (facet, value)
            checked += 1
    assert checked > 50


@pytest.mark.parametrize(("params", "args"), [
    ({"q": "pipeline gas", "facets": "tag,origin,year"},
     ["pipeline", "gas", "--facets", "tag,origin,year"]),
    ({"q": "minister", "tag": "PREL", "by-cable": "true", "sort": "-date", "limit": 20},
     ["minister", "--tag", "PREL", "--by-cable", "--sort", "-date", "--limit", "20"]),
])
def test_api_is_the_cli_on_real_cables(client, real_index, params, args):
    printed = CliRunner().invoke(main, ["search", *args, "--format", "json",
                                        "--index", str(real_index)])
    assert printed.exit_code == 0, printed.output
    answer = client.get("/api/search", params=params).json()
    assert answer == json.loads(printed.stdout) and answer["total"] > 0
