"""A 500-cable run of bench/run.py, so the benchmark keeps working: every figure is produced,
by a full run, then by a `--reuse-fts5` run and a `--queries-only` run on the same work dir.

It asserts nothing about speed (timings belong in the benchmark's output, not in tests), only
that each figure of the results' JSON shape is there and is a plausible number. Synthetic cables
are learnt from the real sample, so this needs ../shared/corpus.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
BUILD_FIGURES = ("build_s", "para_per_s", "peak_rss_mb", "index_mb", "reindex_s")
SIDE_FIGURES = (*BUILD_FIGURES, "facets_ms", "search_rss_mb", "cold_cli_s")
KINDS = ("common", "rare", "and", "phrase", "prefix", "tag", "date", "by_cable")
TOP_LEVEL = {"cables", "paragraphs", "text_mb", "ours", "fts5", "commit"}
RUNS = ("full", "reuse-fts5", "queries-only")
FTS5_CARRIED = ["text_mb", *(f"fts5.{name}" for name in BUILD_FIGURES if name != "index_mb")]


def _bench(work: Path, *extra: str) -> subprocess.CompletedProcess:
    """bench/run.py on 500 cables with `work`'s data dir and results dir."""
    return subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--cables", "500", "--repeat", "2",
         "--cold-runs", "1", "--workdir", str(work / "data"), "--results", str(work / "results"),
         *extra],
        capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
def smoke_results(shared_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The JSON of a full run, of a `--reuse-fts5` run on its work dir, then of a
    `--queries-only` run on that; plus each run's stderr log and the FTS5 db's mtime after it."""
    work = tmp_path_factory.mktemp("bench")
    db = work / "data" / "fts5-500-s1.sqlite"
    results: dict = {"work": work, "log": {}, "db_mtime": {}}
    for run, extra in zip(RUNS, ((), ("--reuse-fts5",), ("--queries-only",)), strict=True):
        out = work / f"{run}.json"
        completed = _bench(work, "--json", str(out), *extra)
        assert completed.returncode == 0, completed.stderr[-3000:]
        assert "| figure | ours | FTS5 | ours / FTS5 |" in completed.stdout
        assert "| mix (all kinds pooled) p95 (ms) |" in completed.stdout
        assert (work / "results" / "cables-500.json").read_text() == out.read_text()
        assert ("carried over" in completed.stdout.split("|")[0]) == (run != "full"), run
        results[run] = json.loads(out.read_text())
        results["log"][run] = completed.stderr
        results["db_mtime"][run] = db.stat().st_mtime_ns
    return results


def _positive(value: object) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and value > 0


@pytest.mark.parametrize("run", RUNS)
def test_corpus_figures(smoke_results: dict, run: str) -> None:
    result = smoke_results[run]
    assert set(result) == (TOP_LEVEL if run == "full" else TOP_LEVEL | {"carried_over"})
    assert result["cables"] == 500
    assert result["paragraphs"] > result["cables"]
    assert _positive(result["text_mb"])


@pytest.mark.parametrize("run", RUNS)
@pytest.mark.parametrize("side", ["ours", "fts5"])
def test_every_side_figure(smoke_results: dict, run: str, side: str) -> None:
    figures = smoke_results[run][side]
    assert set(figures) == {*SIDE_FIGURES, "queries", "query_power",
                            *(["research"] if side == "ours" else [])}
    assert {name: figures[name] for name in SIDE_FIGURES if not _positive(figures[name])} == {}
    assert set(figures["queries"]) == {*KINDS, "mix"}
    for kind, stats in figures["queries"].items():
        assert set(stats) == {"p50_ms", "p95_ms", "max_ms"}, kind
        assert all(_positive(value) for value in stats.values()), (kind, stats)
        assert stats["p50_ms"] <= stats["p95_ms"] <= stats["max_ms"], (kind, stats)
    # The mix pools every kind's samples: its slowest is the slowest of any kind.
    assert figures["queries"]["mix"]["max_ms"] == max(
        figures["queries"][kind]["max_ms"] for kind in KINDS)


@pytest.mark.parametrize("run", RUNS)
def test_query_power_figures(smoke_results: dict, run: str) -> None:
    """Proximity on both sides (FTS5's NEAR), fuzzy words on ours alone."""
    ours, fts5 = (smoke_results[run][side]["query_power"] for side in ("ours", "fts5"))
    assert set(ours) == {"near", "fuzzy"} and set(fts5) == {"near"}
    for stats in (*ours.values(), *fts5.values()):
        assert _positive(stats["p50_ms"]) and stats["p50_ms"] <= stats["max_ms"], stats
        assert isinstance(stats["hits"], int) and stats["hits"] >= 0, stats


@pytest.mark.parametrize("run", RUNS)
def test_research_figures(smoke_results: dict, run: str) -> None:
    """Ours only (FTS5 has no counterpart): concordance, timeline, export, references graph
    and near-duplicates."""
    research = smoke_results[run]["ours"]["research"]
    timed = ("kwic_100_ms", "timeline_month_ms", "export_hits_per_s", "export_rss_mb",
             "opensearch_paragraphs_per_s", "opensearch_rss_mb",
             "refs_depth2_ms", "cited_by_count_ms", "similar_ms", "collapse_ms")
    assert {name: research.get(name) for name in timed
            if not _positive(research.get(name))} == {}
    assert research["refs_nodes"] >= 1 and research["refs_cable"]
    assert " ¶" in research["similar_ref"]


def test_reuse_fts5_rebuilds_ours_only(smoke_results: dict) -> None:
    full, reused = smoke_results["full"], smoke_results["reuse-fts5"]
    assert reused["carried_over"] == {"from_commit": full["commit"], "fields": FTS5_CARRIED}
    log = smoke_results["log"]["reuse-fts5"]
    assert "ours built" in log and "ours re-indexed" in log and "fts5 built" not in log
    assert smoke_results["db_mtime"]["reuse-fts5"] == smoke_results["db_mtime"]["full"]
    # FTS5's db is the same file, so its re-measured size is the full run's.
    assert {name: reused["fts5"][name] for name in BUILD_FIGURES} == {
        name: full["fts5"][name] for name in BUILD_FIGURES}
    # Our build's report gives the counts, and they agree with FTS5's (no warning).
    assert (reused["cables"], reused["paragraphs"]) == (full["cables"], full["paragraphs"])
    assert "WARNING" not in log


def test_queries_only_carries_build_figures_over(smoke_results: dict) -> None:
    reused, again = smoke_results["reuse-fts5"], smoke_results["queries-only"]
    carried = again["carried_over"]
    # Ours was last built by the reuse run; its FTS5 figures came from the full run before.
    assert carried.get("from_commit") == reused["commit"]
    assert carried.get("carried_over") == reused["carried_over"]
    assert set(carried["fields"]) == {"cables", "paragraphs", "text_mb"} | {
        f"{side}.{name}" for side in ("ours", "fts5") for name in BUILD_FIGURES
        if name != "index_mb"}
    assert "fts5 built" not in smoke_results["log"]["queries-only"]
    for side in ("ours", "fts5"):
        # index_mb is measured again, from the same untouched indexes.
        assert {name: again[side][name] for name in BUILD_FIGURES} == {
            name: reused[side][name] for name in BUILD_FIGURES}, side


@pytest.mark.parametrize("flag", ["--queries-only", "--reuse-fts5"])
def test_reuse_without_a_build_fails_cleanly(tmp_path: Path, flag: str) -> None:
    completed = _bench(tmp_path, flag)
    assert completed.returncode == 1
    assert completed.stderr.strip().count("\n") == 0, completed.stderr
    assert flag in completed.stderr and "missing" in completed.stderr
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("lacking", ["fts5-500-s1.sqlite", "cables-500.json"])
def test_reuse_fts5_without_db_or_results_fails_cleanly(smoke_results: dict, tmp_path: Path,
                                                        lacking: str) -> None:
    data = smoke_results["work"] / "data"
    if lacking.endswith(".json"):
        (tmp_path / "data").symlink_to(data)  # everything but --results
    else:
        (tmp_path / "data").mkdir()  # the corpus, but no FTS5 db
        (tmp_path / "data" / "synth-500-s1").symlink_to(data / "synth-500-s1")
    completed = _bench(tmp_path, "--reuse-fts5")
    assert completed.returncode == 1
    assert completed.stderr.strip().count("\n") == 0, completed.stderr
    assert f"{lacking} is missing" in completed.stderr
