"""bench/research.py, the worker of the research rows of bench/run.py: each figure is there
and agrees with the API on a small index (its timings are the benchmark's business)."""

from __future__ import annotations

import sys
from pathlib import Path

from search_cables import small_index  # noqa: F401  (fixture)

from cablesearch.index import index_stats
from cablesearch.search import Searcher

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import research  # noqa: E402


def test_latency_and_export_figures(small_index):  # noqa: F811
    figures = research.latency(small_index, 2)
    assert figures["kwic_occurrences"] == 2  # "human rights": Baghdad ¶1, USUN ¶-
    assert figures["timeline_buckets"] == 35  # minister: 2006-03 to 2009-01, by month
    assert figures["kwic_100_ms"] > 0 and figures["timeline_month_ms"] > 0
    exported = research.export(small_index, "minister")
    with Searcher(small_index) as searcher:
        assert exported["export_hits"] == searcher.search("minister").total == 3
    assert exported["export_hits_per_s"] > 0 and exported["export_rss_mb"] > 0


def test_opensearch_export_figures(small_index):  # noqa: F811
    figures = research.opensearch(small_index)
    assert figures["opensearch_paragraphs"] == index_stats(small_index)["paragraphs"]
    assert figures["opensearch_paragraphs_per_s"] > 0 and figures["opensearch_rss_mb"] > 0
    assert figures["opensearch_bytes"] > 0
