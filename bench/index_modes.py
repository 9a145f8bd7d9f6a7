"""Which use of two cores builds the index fastest: parse workers, Whoosh writer processes, both.

    .venv/bin/python bench/index_modes.py [--corpus DIR] [--rounds N]

Each mode builds a fresh index of the same files (rounds interleaved, so that load from
other processes spreads evenly); prints wall seconds per round, the best, paragraphs/s at
the best, and the CPU seconds of this process and of its worker processes. On a busy
machine wall times mostly measure the load; the CPU split gives the wall time two idle
cores would allow: at least max(this process, total / 2).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from cablesearch.index import update_index

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpus/wikileaks-html"
MODES = {  # name: (parse worker processes, Whoosh writer processes)
    "serial": (1, 1),
    "parse workers (jobs=2)": (2, 1),
    "writer procs=2 multisegment": (1, 2),
    "both": (2, 2),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in MODES}
    cpu: dict[str, list[tuple[float, float]]] = {name: [] for name in MODES}
    paragraphs = 0
    for _ in range(args.rounds):
        for name, (jobs, procs) in MODES.items():
            with tempfile.TemporaryDirectory(prefix="cablesearch-modes-") as index_dir:
                started, (own, workers) = time.monotonic(), _cpu_seconds()
                report = update_index(index_dir, [args.corpus], jobs=jobs, procs=procs)
                times[name].append(time.monotonic() - started)
                own_after, workers_after = _cpu_seconds()
                cpu[name].append((own_after - own, workers_after - workers))
                paragraphs = report.paragraphs_added
    print(f"{paragraphs} paragraphs from {args.corpus}")
    print("| mode | wall s per round | best | paragraphs/s | CPU s: main + workers "
          "| idle 2-core bound s |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, runs in times.items():
        rounds = ", ".join(f"{t:.1f}" for t in runs)
        own, workers = min(cpu[name], key=sum)
        bound = max(own, (own + workers) / 2)
        print(f"| {name} | {rounds} | {min(runs):.1f} | {paragraphs / min(runs):.0f} "
              f"| {own:.1f} + {workers:.1f} | {bound:.1f} |")


def _cpu_seconds() -> tuple[float, float]:
    """User + system CPU of this process, and of its finished (joined) children."""
    times = os.times()
    return times.user + times.system, times.children_user + times.children_system


if __name__ == "__main__":
    main()
