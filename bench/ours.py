"""Our engine, driven through its public Python API, as the benchmark's subprocess worker.

    python bench/ours.py build --index DIR PATH...      # prints the IndexReport as JSON
    python bench/ours.py queries --index DIR --spec JSON --repeat N
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cablesearch.index import update_index
from cablesearch.search import Searcher

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import latencies, mix_latencies, self_peak_rss_mb  # noqa: E402  (a sibling script)


def build(index_dir: Path, paths: list[str]) -> dict:
    """`update_index` with its defaults (the ones `cablesearch index` uses)."""
    report = update_index(index_dir, paths)
    if report.skipped:
        raise SystemExit(f"ours: {len(report.skipped)} inputs skipped, first: {report.skipped[0]}")
    return {"cables": report.cables, "added": report.added, "unchanged": report.unchanged,
            "paragraphs": report.paragraphs_added + report.paragraphs_replaced
            + report.paragraphs_unchanged, "seconds": round(report.seconds, 3)}


def _filters(spec: dict) -> dict:
    return {key: spec[key] for key in ("tag", "since", "until") if spec.get(key)}


def run_queries(index_dir: Path, specs: list[dict], facet_query: str, repeat: int) -> dict:
    """Warm-searcher latencies per query kind and over the whole mix (top-10 hits with
    snippets and the exact total), the tag + year facet latency, totals, and this process's
    peak RSS."""
    with Searcher(index_dir) as searcher:
        runs = {spec["kind"]: lambda spec=spec: searcher.search(
            spec["query"], filters=_filters(spec), limit=10,
            by_cable=spec.get("by_cable", False)).total for spec in specs}
        queries = mix_latencies(runs, repeat)
        totals = {kind: run() for kind, run in runs.items()}
        facets = latencies(
            lambda: searcher.search(facet_query, limit=0, facets=("tag", "year")), repeat)
    return {"queries": queries, "totals": totals, "facets_ms": facets["p50_ms"],
            "search_rss_mb": round(self_peak_rss_mb(), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build")
    build_cmd.add_argument("--index", type=Path, required=True)
    build_cmd.add_argument("paths", nargs="+")
    queries_cmd = commands.add_parser("queries")
    queries_cmd.add_argument("--index", type=Path, required=True)
    queries_cmd.add_argument("--spec", required=True, help="JSON: {specs, facet_query}")
    queries_cmd.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    if args.command == "build":
        result = build(args.index, args.paths)
    else:
        spec = json.loads(args.spec)
        result = run_queries(args.index, spec["specs"], spec["facet_query"], args.repeat)
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
