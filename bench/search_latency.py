"""Warm-searcher latency of each query kind on an existing index (the search side only).

    python bench/search_latency.py --index DIR [--repeat 5]

Prints, per kind, the exact total and the first and median milliseconds of a top-10
search with snippets; then facet counts (tag + year), a date sort and a by-cable search.
`bench/run.py` is the full comparison with SQLite FTS5; this isolates the query layer.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from cablesearch.search import Searcher

KINDS = (
    ("common term", "minister", None),
    ("rare term", "hezbollah", None),
    ("and", "nuclear program iran", None),
    ("phrase", '"human rights"', None),
    ("prefix", "terror*", None),
    ("proximity", '"nuclear weapons"~5', None),
    ("near", "nuclear NEAR/3 program", None),
    ("fuzzy", "goverment~", None),
    ("misspelt, did you mean", "nucler wepons", None),
    ("tag filter", "government", {"tag": "PREL"}),
    ("date filter", "government", {"since": "2008", "until": "2008"}),
)


def _timed(action: Callable[[], object], repeat: int) -> tuple[object, float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        value = action()
        times.append((time.perf_counter() - started) * 1000)
    return value, times[0], statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    with Searcher(args.index) as searcher:
        print(f"open: {(time.perf_counter() - started) * 1000:.0f} ms")
        print("| kind | query | total | first ms | p50 ms |\n| --- | --- | --- | --- | --- |")
        for kind, query, filters in KINDS:
            result, first, median = _timed(
                lambda q=query, f=filters: searcher.search(q, filters=f, limit=10), args.repeat)
            print(f"| {kind} | `{query}` {filters or ''} | {result.total:,} | {first:.0f} "
                  f"| {median:.0f} |")
        for label, action in (
            ("facets tag+year over minister",
             lambda: searcher.search("minister", limit=0, facets=("tag", "year"))),
            ("minister, newest first", lambda: searcher.search("minister", sort="-date")),
            ("minister, by cable", lambda: searcher.search("minister", by_cable=True)),
        ):
            _, first, median = _timed(action, args.repeat)
            print(f"| {label} | | | {first:.0f} | {median:.0f} |")


if __name__ == "__main__":
    main()
