"""A 500-cable run of bench/run.py, so the benchmark keeps working: every figure is produced.

It asserts nothing about speed (timings belong in the benchmark's output, not in tests), only
that each figure of issue 5's JSON shape is there and is a plausible number. Synthetic cables
are learnt from the real sample, so this needs ../shared/corpus.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SIDE_FIGURES = ("build_s", "para_per_s", "peak_rss_mb", "index_mb", "reindex_s", "facets_ms",
                "search_rss_mb", "cold_cli_s")
KINDS = ("common", "rare", "and", "phrase", "prefix", "tag", "date")


@pytest.fixture(scope="module")
def smoke_result(shared_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("bench")
    out = work / "result.json"
    completed = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--cables", "500", "--repeat", "2",
         "--cold-runs", "1",
         "--workdir", str(work / "data"), "--results", str(work / "results"),
         "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "| figure | ours | FTS5 | ours / FTS5 |" in completed.stdout
    assert (work / "results" / "cables-500.json").read_text() == out.read_text()
    return json.loads(out.read_text())


def _positive(value: object) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and value > 0


def test_corpus_figures(smoke_result: dict) -> None:
    assert set(smoke_result) == {"cables", "paragraphs", "text_mb", "ours", "fts5"}
    assert smoke_result["cables"] == 500
    assert smoke_result["paragraphs"] > smoke_result["cables"]
    assert _positive(smoke_result["text_mb"])


@pytest.mark.parametrize("side", ["ours", "fts5"])
def test_every_side_figure(smoke_result: dict, side: str) -> None:
    figures = smoke_result[side]
    assert set(figures) == {*SIDE_FIGURES, "queries"}
    assert {name: figures[name] for name in SIDE_FIGURES if not _positive(figures[name])} == {}
    assert set(figures["queries"]) == set(KINDS)
    for kind, stats in figures["queries"].items():
        assert set(stats) == {"p50_ms", "p95_ms", "max_ms"}, kind
        assert all(_positive(value) for value in stats.values()), (kind, stats)
        assert stats["p50_ms"] <= stats["p95_ms"] <= stats["max_ms"], (kind, stats)
