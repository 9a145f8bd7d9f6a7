"""First build vs unchanged re-run of `update_index` (the target: a re-run costs ≤ 10 % of a build).

    .venv/bin/python bench/reindex.py [--corpus DIR] [--jobs N] [--procs N]

Builds a fresh index in a temporary directory, then runs again over the same files and
prints both times, their ratio, and what the re-run reported (every cable unchanged).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from cablesearch.index import update_index

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpus/wikileaks-html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=1, help="parse worker processes")
    parser.add_argument("--procs", type=int, default=2, help="Whoosh writer processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cablesearch-reindex-") as index_dir:
        first = update_index(index_dir, [args.corpus], jobs=args.jobs, procs=args.procs)
        again = update_index(index_dir, [args.corpus], jobs=args.jobs, procs=args.procs)
    print(f"corpus: {args.corpus} (jobs={args.jobs}, procs={args.procs})")
    print(f"first run:     {first.seconds:7.2f} s  {first.summary()}")
    print(f"unchanged run: {again.seconds:7.2f} s  {again.summary()}")
    print(f"re-run / first run: {100 * again.seconds / first.seconds:.1f} % (target <= 10 %)")
    if again.added or again.replaced or again.unchanged != first.added:
        raise SystemExit("the re-run did not report every cable unchanged")


if __name__ == "__main__":
    main()
