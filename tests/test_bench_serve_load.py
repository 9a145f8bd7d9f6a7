"""bench/serve_load.py at toy size: a real server process, real clients, a sane report."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from search_cables import small_index  # noqa: F401  (fixture)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import serve_load  # noqa: E402  (a script beside its siblings)


@pytest.mark.slow
def test_serve_load_reports_latencies_errors_and_rss(small_index):  # noqa: F811
    result = serve_load.run(small_index, clients=3, seconds=2, rare="hydrocarbon")
    assert result["requests"] > 0 and result["errors"] == 0, result["error_samples"]
    assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["max_ms"]
    assert result["server_rss_peak_mb"] >= result["server_pss_peak_mb"] > 10
    assert result["server_cpu_ms_per_request"] > 0 and 0 < result["server_cpu_share"] <= 64
    assert result["targets_met"] is (result["p95_ms"] <= 1000
                                     and result["server_rss_peak_mb"] <= 1536)
