"""The research tools' benchmark worker: concordance, timeline, references graph,
near-duplicates and export, through the API.

    python bench/research.py latency --index DIR --repeat N   # kwic, timeline, refs, similar
    python bench/research.py export --index DIR --query Q     # every hit to /dev/null
    python bench/research.py opensearch --index DIR           # the index as bulk files

`export` runs alone in its process, so that its peak RSS is the export's own (the
searcher, the ordered doc numbers and one record at a time).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from cablesearch.opensearch import write_export
from cablesearch.search import NoIndex, Searcher
from cablesearch.search.export import write_jsonl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import latencies, self_peak_rss_mb  # noqa: E402  (a sibling script)

KWIC = '"human rights"'
TIMELINE = "minister"
CITED = "cited-by-count:[5 TO *]"


def latency(index_dir: Path, repeat: int) -> dict:
    """Warm p50s: the first 100 concordance lines of KWIC (with the exact occurrence
    count), and TIMELINE's hits per month (with its top 10, as `search --timeline`)."""
    with Searcher(index_dir) as searcher:
        kwic = latencies(lambda: searcher.kwic(KWIC, limit=100), repeat)
        timeline = latencies(lambda: searcher.search(TIMELINE, timeline="month"), repeat)
        found = searcher.kwic(KWIC, limit=100)
        months = searcher.search(TIMELINE, timeline="month").timeline
        graphs = references(searcher, repeat)
        duplicates = near_duplicates(searcher, repeat)
    return {"kwic_100_ms": kwic["p50_ms"], "kwic_occurrences": found.total,
            "timeline_month_ms": timeline["p50_ms"],
            "timeline_buckets": len(months.buckets) if months else 0, **graphs, **duplicates}


def references(searcher: Searcher, repeat: int) -> dict:
    """Warm p50s of `refs ID --depth 2` on the oldest cable cited by 5 or more (an early
    instruction, the largest graphs), and of the query `cited-by-count:[5 TO *]`."""
    hubs = searcher.search(CITED, sort="date", by_cable=True, limit=1).hits
    cable = hubs[0].cable if hubs else searcher.search(TIMELINE, limit=1).hits[0].cable
    refs = latencies(lambda: searcher.refs(cable, depth=2), repeat)
    cited = latencies(lambda: searcher.search(CITED, limit=10), repeat)
    return {"refs_depth2_ms": refs["p50_ms"], "refs_cable": cable,
            "refs_nodes": len(searcher.refs(cable, depth=2).nodes),
            "cited_by_count_ms": cited["p50_ms"]}


def near_duplicates(searcher: Searcher, repeat: int) -> dict:
    """Warm p50s of `similar` on the top paragraph for TIMELINE, and of TIMELINE's top 10
    with near-duplicates collapsed; None on an index built before paragraph fingerprints
    (a `--queries-only` run on an old work dir)."""
    ref = searcher.search(TIMELINE, limit=1).hits[0].ref
    try:
        similar = latencies(lambda: searcher.similar(ref), repeat)
        collapse = latencies(
            lambda: searcher.search(TIMELINE, collapse_duplicates=True), repeat)
    except NoIndex:
        return {"similar_ms": None, "similar_ref": ref, "collapse_ms": None}
    return {"similar_ms": similar["p50_ms"], "similar_ref": ref,
            "collapse_ms": collapse["p50_ms"]}


def export(index_dir: Path, query: str) -> dict:
    """Every hit of `query` as JSON lines to /dev/null: hits per second from the first
    record asked to the last written, and this process's peak RSS."""
    with Searcher(index_dir) as searcher, open(os.devnull, "w", encoding="utf-8") as out:
        started = time.perf_counter()
        written = write_jsonl(searcher.export(query), out)
        seconds = time.perf_counter() - started
    return {"export_hits": written, "export_s": round(seconds, 3),
            "export_hits_per_s": round(written / seconds, 1) if seconds else None,
            "export_rss_mb": round(self_peak_rss_mb(), 1)}


def opensearch(index_dir: Path) -> dict:
    """The whole index written as OpenSearch bulk files (`export --format opensearch`):
    paragraphs per second and this process's peak RSS, which must not grow with the index."""
    with Searcher(index_dir) as searcher, tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        summary = write_export(searcher.cables(), out)
        seconds = time.perf_counter() - started
        size = sum(path.stat().st_size for path in summary.files)
    return {"opensearch_paragraphs": summary.paragraphs, "opensearch_s": round(seconds, 3),
            "opensearch_paragraphs_per_s": round(summary.paragraphs / seconds, 1)
            if seconds else None,
            "opensearch_bytes": size,
            "opensearch_rss_mb": round(self_peak_rss_mb(), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    latency_cmd = commands.add_parser("latency")
    latency_cmd.add_argument("--index", type=Path, required=True)
    latency_cmd.add_argument("--repeat", type=int, default=20)
    export_cmd = commands.add_parser("export")
    export_cmd.add_argument("--index", type=Path, required=True)
    export_cmd.add_argument("--query", default=TIMELINE)
    commands.add_parser("opensearch").add_argument("--index", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "latency":
        result = latency(args.index, args.repeat)
    elif args.command == "export":
        result = export(args.index, args.query)
    else:
        result = opensearch(args.index)
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
