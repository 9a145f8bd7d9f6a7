"""Parse throughput in MB/s per input form, on one core: parsing must never hold up indexing.

Each immediate child of the corpus folder that holds cables (a folder, or a cable file such as
`cables-sample.csv`) is measured on its own: read, decode, parse, exactly as indexing reads
them (`sources.read_sources`, one process). The best of `--repeat` runs is reported, so that
the figures measure our code rather than a cold disk cache. Target: >= 10 MB/s on the viewer
pages (`wikileaks-html/`).

    python bench/parse_speed.py [--corpus ../shared/corpus] [--repeat 3] [--json PATH]

Exits 0 with a clear message when the corpus folder is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from cablesearch.sources import is_cable_file_name, iter_files, read_sources, total_bytes

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = Path(os.environ.get("CABLESEARCH_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))
TARGET_MB_S = 10.0
TARGET_SET = "wikileaks-html"


@dataclass(frozen=True)
class Speed:
    """One input set's best run."""

    name: str
    files: int
    mb: float
    cables: int
    paragraphs: int
    errors: int
    seconds: float
    cpu_seconds: float

    @property
    def mb_s(self) -> float:
        return self.mb / self.seconds if self.seconds else float("inf")

    @property
    def cpu_mb_s(self) -> float:
        """Throughput per CPU second: what the parser costs even on a busy machine."""
        return self.mb / self.cpu_seconds if self.cpu_seconds else float("inf")


def input_sets(corpus: Path) -> list[Path]:
    """The corpus's immediate children that hold cable files, sorted by name."""
    return [child for child in sorted(corpus.iterdir())
            if (child.is_dir() and not child.name.startswith(".")
                and any(path.is_file() for path in iter_files([child])))
            or (child.is_file() and is_cable_file_name(child.name))]


def measure(path: Path, repeat: int) -> Speed:
    """Parse one input set `repeat` times and keep the fastest run."""
    best = best_cpu = float("inf")
    cables = paragraphs = errors = 0
    for _ in range(repeat):
        cables = paragraphs = errors = 0
        start, start_cpu = time.perf_counter(), time.process_time()
        for batch in read_sources([path]):
            errors += batch.error is not None
            cables += len(batch.cables)
            paragraphs += sum(len(cable.paragraphs) for cable in batch.cables)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    files = sum(1 for _ in iter_files([path]))
    return Speed(path.name, files, total_bytes([path]) / 1e6, cables, paragraphs, errors, best,
                 best_cpu)


def report(speeds: list[Speed]) -> str:
    """A markdown table, then the verdict on the target."""
    lines = ["| input | files | MB | cables | paragraphs | errors | seconds | MB/s | CPU MB/s |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    lines += [f"| {s.name} | {s.files} | {s.mb:.2f} | {s.cables} | {s.paragraphs} | {s.errors} "
              f"| {s.seconds:.2f} | {s.mb_s:.1f} | {s.cpu_mb_s:.1f} |" for s in speeds]
    target = next((s for s in speeds if s.name == TARGET_SET), None)
    if target is not None:
        verdict = "met" if target.mb_s >= TARGET_MB_S else "NOT met"
        lines.append(f"\nTarget >= {TARGET_MB_S:g} MB/s on {TARGET_SET}: {target.mb_s:.1f} MB/s "
                     f"wall ({target.cpu_mb_s:.1f} per CPU second), {verdict}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED_CORPUS,
                        help="folder of cable inputs (default: ../shared/corpus)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per input set; best kept")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"parse_speed: no corpus at {args.corpus}; nothing to measure "
              "(set --corpus or CABLESEARCH_SHARED_CORPUS)")
        return 0
    speeds = [measure(path, max(1, args.repeat)) for path in input_sets(args.corpus)]
    if not speeds:
        print(f"parse_speed: no cable files under {args.corpus}; nothing to measure")
        return 0
    print(f"Parse throughput, one process, best of {args.repeat}, over {args.corpus}:\n")
    print(report(speeds))
    if args.json:
        rows = [asdict(s) | {"mb_s": s.mb_s, "cpu_mb_s": s.cpu_mb_s} for s in speeds]
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
