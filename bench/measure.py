"""How the benchmark measures: wall time and peak RSS of a process tree, query latencies.

Builds run as subprocesses so that their memory is measured whole: Whoosh's writer forks
worker processes and the parser may too, so the peak is the largest sum of the resident
sets of the whole tree, sampled from /proc, and never less than the largest single
process's high-water mark that `wait4` reports.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
SAMPLE_SECONDS = 0.1
MIX = "mix"  # the key of the pooled query latencies, beside the query kinds


@dataclass(frozen=True)
class Measured:
    """A finished subprocess: its seconds, peak RSS over its tree, and its stdout."""

    seconds: float
    peak_rss_mb: float
    stdout: str

    def json(self) -> dict:
        return json.loads(self.stdout)


def _children() -> dict[int, list[int]]:
    """Every live process's children, from /proc/<pid>/stat."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _status_kb(pid: int | str, key: str) -> int:
    """A `VmRSS`/`VmHWM` line of /proc/<pid>/status in kB, 0 once the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(root: int) -> list[int]:
    """A process and all its descendants."""
    tree = _children()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, ()))
    return found


def tree_rss_kb(root: int) -> int:
    """The summed resident set of a process and all its descendants."""
    return sum(_status_kb(pid, "VmRSS:") for pid in _tree(root))


def tree_cpu_s(root: int) -> float:
    """The CPU seconds (user and system) a process and its live descendants have used."""
    ticks = 0
    for pid in _tree(root):
        try:
            with open(f"/proc/{pid}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def tree_pss_kb(root: int) -> int:
    """The summed proportional set of a process and its descendants: a page they share
    (forked, or the same file mapped) counts once in all, where the RSS sum counts it in
    each. 0 where the kernel gives no `smaps_rollup`."""
    total = 0
    for pid in _tree(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total += next((int(line.split()[1]) for line in rollup
                               if line.startswith("Pss:")), 0)
        except OSError:
            pass
    return total


def self_peak_rss_mb() -> float:
    """This process's own high-water resident set."""
    return _status_kb("self", "VmHWM:") / 1024


def run_measured(command: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run a command to completion; raise with its stderr if it fails."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True, env=env)
        peak_kb = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_kb
            while not done.wait(SAMPLE_SECONDS):
                peak_kb = max(peak_kb, tree_rss_kb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4 gives this child's own rusage: the largest single peak among it and the
        # descendants it waited for.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command[:4])}... exited {process.returncode}: "
                               f"{err.read().strip()[-2000:]}")
        return Measured(seconds, max(peak_kb, usage.ru_maxrss) / 1024, out.read())


def samples_ms(run: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of `repeat` runs after one warm-up run, kept raw so they can be pooled."""
    run()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def latencies(run: Callable[[], object], repeat: int) -> dict[str, float]:
    """p50/p95/max milliseconds of `repeat` runs after one warm-up run."""
    return summarize(samples_ms(run, repeat))


def mix_latencies(runs: Mapping[str, Callable[[], object]],
                  repeat: int) -> dict[str, dict[str, float]]:
    """`latencies` per kind, and under MIX the same over every kind's samples pooled: the latency
    target is on the whole mix, which per-kind percentiles cannot give."""
    stats, pooled = {}, []
    for kind, run in runs.items():
        samples = samples_ms(run, repeat)
        stats[kind] = summarize(samples)
        pooled += samples
    stats[MIX] = summarize(pooled)
    return stats


def summarize(samples_ms: Iterable[float]) -> dict[str, float]:
    """Nearest-rank p50 and p95 (the ceil(q·n)-th smallest), and the maximum."""
    ordered = sorted(samples_ms)
    rank = lambda q: ordered[max(0, math.ceil(len(ordered) * q) - 1)]  # noqa: E731
    return {"p50_ms": round(rank(0.50), 2), "p95_ms": round(rank(0.95), 2),
            "max_ms": round(ordered[-1], 2)}


def size_mb(path: Path) -> float:
    """Bytes on disk of a file or a directory tree."""
    if path.is_file():
        return path.stat().st_size / MB
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / MB
