"""The by-cable row of bench/run.py: FTS5's by-cable query answers what its flat search
collapsed by cable answers, and both workers count the same cables of corpus/ as our API
(timings are the benchmark's business)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from cablesearch.index import update_index
from cablesearch.search import Searcher

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import fts5  # noqa: E402
import ours  # noqa: E402
import run  # noqa: E402

QUERIES = ("pipeline", "gas", "election", "labor OR cotton", "human rights")


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("bench-by-cable")
    fts5.build(work / "fts5.sqlite", [str(REPO / "corpus")], jobs=1)
    update_index(work / "ours", [REPO / "corpus"])
    return work / "fts5.sqlite", work / "ours"


@pytest.mark.parametrize("query", QUERIES)
def test_fts5_by_cable_is_its_flat_search_collapsed(engines, query):
    searcher = fts5.Fts5Searcher(engines[0])
    flat = searcher.search(query, limit=100_000)
    cables = Counter(hit["ref"].split(" ")[0] for hit in flat["hits"])
    best: dict[str, float] = {}
    for hit in flat["hits"]:
        cable = hit["ref"].split(" ")[0]
        best[cable] = max(best.get(cable, hit["score"]), hit["score"])
    collapsed = searcher.by_cable(query, limit=100_000)
    assert collapsed["total"] == len(cables) > 0
    assert {hit["ref"].split(" ")[0]: (hit["score"], hit["matches"])
            for hit in collapsed["hits"]} == {cable: (best[cable], cables[cable])
                                              for cable in cables}
    scores = [hit["score"] for hit in collapsed["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert searcher.by_cable(query, limit=2)["hits"] == collapsed["hits"][:2]


def test_both_workers_count_the_cables_of_the_by_cable_row(engines):
    spec = next(spec for spec in run.query_specs("tearline") if spec["kind"] == "by_cable")
    spec = {**spec, "query": "pipeline"}
    fts5_totals = fts5.run_queries(engines[0], [spec], "pipeline", 1)["totals"]
    ours_totals = ours.run_queries(engines[1], [spec], "pipeline", 1)["totals"]
    with Searcher(engines[1]) as searcher:
        expected = searcher.search("pipeline", by_cable=True).total
        assert expected < searcher.search("pipeline").total  # cables, not paragraphs
    assert fts5_totals == ours_totals == {"by_cable": expected}
