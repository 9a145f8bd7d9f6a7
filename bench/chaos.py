"""Random faults over a synthetic build: does a killed or failed run ever lose committed work?

    .venv/bin/python bench/chaos.py --cables 5000 --faults 10 [--seed 1] [--workdir DIR]

Writes a synthetic `cables.csv` (`synth.py`), then runs `cablesearch index` over it again
and again on one index, each run hit by one fault: SIGKILL, SIGINT or SIGTERM of the main
process or SIGKILL/SIGTERM of a writer process, at a random moment or right as a commit
lands. After each fault it checks that every cable committed before the run is still there
whole, that no process of the run is left, and counts tracebacks and noise on stderr. Then
it re-runs without faults until a run ends with exit 0, and compares the index with what the
parser makes of the dump (the same cables, paragraph counts and content hashes).
Not part of `make test`: it takes minutes.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cablesearch.cable import Cable
from cablesearch.index import IndexMissing, open_index
from cablesearch.index.documents import CABLE_ONLY
from cablesearch.index.rebuild import rebuilding_dir
from cablesearch.index.stats import index_stats
from cablesearch.sources import read_cables

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402  (bench/synth.py, beside this file)

CLI = [sys.executable, "-c", "from cablesearch.cli import main; main(prog_name='cablesearch')"]
NOISE = ("Traceback", "Exception ignored", "Aborted!", "resource_tracker", "WeakSet")
FAULTS = [("main", signal.SIGKILL), ("main", signal.SIGINT), ("main", signal.SIGTERM),
          ("writer", signal.SIGKILL), ("writer", signal.SIGTERM)]

Snapshot = dict[str, tuple[int, str]]


def snapshot(index_dir: Path) -> Snapshot:
    """Cable id -> (paragraphs, content hash) of the last commit; empty before the first."""
    try:
        ix = open_index(index_dir)
    except IndexMissing:
        return {}
    counts: dict[str, int] = {}
    hashes: dict[str, str] = {}
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            # A cable without paragraph text is one document of its fields, no paragraph.
            paragraph = fields.get("kind") != CABLE_ONLY
            counts[fields["cable"]] = counts.get(fields["cable"], 0) + paragraph
            if fields.get("hash"):
                hashes[fields["cable"]] = fields["hash"]
    return {cable: (count, hashes.get(cable, "")) for cable, count in counts.items()}


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def writers(pid: int) -> list[int]:
    """The run's writer processes: main -> fork server -> writers."""
    return [writer for server in children(pid) for writer in children(server)]


def group_alive(group: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    live = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            live.append(int(stat.parent.name))
    return live


def generation(index_dir: Path, since: float = 0.0) -> int:
    """The index's latest generation among tables of contents written at `since` or later
    (-1: none). A rebuild's directory holds, before the run clears it, what a killed
    rebuild left, and after the swap the old index: neither is a commit of this run."""
    gens = []
    for toc in index_dir.glob("_MAIN_*.toc"):
        try:
            if toc.name[6:-4].isdigit() and toc.stat().st_mtime >= since:
                gens.append(int(toc.name[6:-4]))
        except OSError:  # removed meanwhile
            continue
    return max(gens, default=-1)


def run_with_default_signals() -> None:
    """Give a run SIGINT's default disposition: a harness started in the background by a
    shell without job control inherits SIGINT ignored, and so would every run it starts
    (Python keeps an ignored SIGINT ignored), so that its SIGINT faults hit nothing."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def one_fault(dump: Path, index_dir: Path, commit_every: int, rng: random.Random,
              typical: float, rebuild: bool) -> dict:
    """Start a run (a rebuild if the index is complete), hit it with one random fault,
    and check what it left."""
    target, signum = rng.choice(FAULTS)
    at_commit = rng.random() < 0.4
    delay = rng.uniform(0.05, 0.85) * max(typical, 1.0)
    before = snapshot(index_dir)
    watched = rebuilding_dir(index_dir) if rebuild else index_dir
    start_gen = -1 if rebuild else generation(index_dir)
    since = time.time()
    run = subprocess.Popen([*CLI, "index", str(dump), "--index", str(index_dir),
                            "--commit-every", str(commit_every)] + ["--rebuild"] * rebuild,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           start_new_session=True, preexec_fn=run_with_default_signals)
    started = time.monotonic()
    hit = None
    while run.poll() is None and hit is None:
        elapsed = time.monotonic() - started
        # Generation 0 is a new index's empty table of contents, not a commit.
        if at_commit and generation(watched, since) > max(start_gen, 0):
            hit = "at a commit"
        elif not at_commit and elapsed >= delay:
            hit = f"at {elapsed:.1f} s"
        if hit is None:
            time.sleep(0.005 if at_commit else 0.05)
    victim = run.pid
    if hit is not None and target == "writer":
        found = writers(run.pid)
        while not found and run.poll() is None:  # between batches (a commit): the next
            time.sleep(0.005)
            found = writers(run.pid)
        victim = found[0] if found else None
        if victim is None:
            hit = None
    if hit is not None and victim is not None:
        try:
            os.kill(victim, signum)
        except ProcessLookupError:
            hit = None
    hit_at = time.monotonic() - started
    try:
        stdout, stderr = run.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        stdout, stderr = run.communicate()
        stderr += "\n[hung: killed after 600 s]"
    deadline = time.monotonic() + 10
    while group_alive(run.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    orphans = group_alive(run.pid)
    for pid in orphans:
        os.kill(pid, signal.SIGKILL)
    after = snapshot(index_dir)
    lost = [c for c, value in before.items() if after.get(c) != value]
    name = f"{signal.Signals(signum).name} {target}" + (" (rebuild)" if rebuild else "")
    return {"fault": name, "when": hit or "missed (run ended)",
            "seconds": time.monotonic() - started, "ended_by_itself": hit is None,
            "hit_at": hit_at,
            "exit": run.returncode, "stderr": stderr.strip().splitlines(),
            "stdout": stdout.strip(), "lost": lost, "orphans": len(orphans),
            "noise": [line for line in stderr.splitlines() if any(n in line for n in NOISE)],
            "cables_before": len(before), "cables_after": len(after)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cables", type=int, default=5000)
    parser.add_argument("--faults", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--commit-every", type=int, default=0,
                        help="cables per commit (default: a fifth of --cables)")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    commit_every = args.commit_every or max(args.cables // 5, 1)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="cablesearch-chaos-"))
    dump_dir = work / f"synth-{args.cables}"
    if not (dump_dir / "cables.csv").exists():
        synth.main(["--cables", str(args.cables), "--seed", str(args.seed),
                    "--out", str(dump_dir)])
    dump = dump_dir / "cables.csv"
    expected = {c.id: (len(c.paragraphs), c.content_hash())
                for c in read_cables([dump]) if isinstance(c, Cable)}
    index_dir = work / "index"
    clean_started = time.monotonic()
    clean = subprocess.run([*CLI, "index", str(dump), "--index", str(work / "clean"),
                            "--commit-every", str(commit_every)], capture_output=True, text=True)
    typical = time.monotonic() - clean_started
    clean_size = sum(p.stat().st_size for p in (work / "clean").rglob("*") if p.is_file())
    print(f"chaos: {args.cables} cables, {args.faults} faults, commit every {commit_every}, "
          f"seed {args.seed}; a clean build takes {typical:.1f} s (exit {clean.returncode})")
    results = []
    for n in range(1, args.faults + 1):
        complete = snapshot(index_dir) == expected
        result = one_fault(dump, index_dir, commit_every, rng, typical, complete)
        results.append(result)
        if complete and result["ended_by_itself"] and result["exit"] == 0:
            # A rebuild runs faster than the first build: random moments drawn against the
            # first build's time missed the shorter runs' ends. (A run that only finishes
            # what a fault left is no measure: it is shorter still.)
            typical = min(typical, result["seconds"])
        last = result["stderr"][-1] if result["stderr"] else result["stdout"]
        print(f"{n:3d}. {result['fault']:<26} {result['when']:<18} exit {result['exit']:>4}  "
              f"cables {result['cables_before']:>6} -> {result['cables_after']:>6}  "
              f"lost {len(result['lost'])}  orphans {result['orphans']}  "
              f"stderr lines {len(result['stderr'])}: {last[:100]}")
        if len(result["stderr"]) > 1 or result["noise"]:
            for line in result["stderr"]:
                print(f"     stderr: {line}")
        if result["fault"].startswith("SIGINT") and not result["ended_by_itself"] \
                and result["exit"] != 130:
            print(f"     swallowed: a SIGINT {result['hit_at']:.1f} s in, yet exit "
                  f"{result['exit']}")
        for line in result["noise"]:
            print(f"     noise: {line[:160]}")
    reruns = 0
    while reruns < 5:
        reruns += 1
        rerun = subprocess.run([*CLI, "index", str(dump), "--index", str(index_dir)],
                               capture_output=True, text=True)
        if rerun.returncode == 0:
            break
        print(f"re-run {reruns}: exit {rerun.returncode}: {rerun.stderr.strip()[:200]}")
    final = snapshot(index_dir)
    size = sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file())
    tracebacks = sum("Traceback" in line for r in results for line in r["stderr"])
    tracebacks += rerun.stderr.count("Traceback")
    lost = sum(len(r["lost"]) for r in results)
    print(f"faults: {len(results)} ({sum(r['when'].startswith('missed') for r in results)} "
          "missed: the run ended first)")
    swallowed = sum(r["fault"].startswith("SIGINT") and not r["ended_by_itself"]
                    and r["exit"] != 130 for r in results)
    print(f"committed cables lost: {lost}")
    print(f"SIGINTs swallowed (a run hit by one that did not end with exit 130): {swallowed}")
    print(f"re-runs needed: {reruns} (last exit {rerun.returncode}): {rerun.stdout.strip()}")
    print(f"tracebacks: {tracebacks}; other noise lines: "
          f"{sum(len(r['noise']) for r in results) - tracebacks}")
    print(f"orphan processes: {sum(r['orphans'] for r in results)}")
    print(f"equal to a clean build (cables, paragraphs, hashes): {final == expected} "
          f"({len(final)} of {len(expected)} cables)")
    print(f"stats: not_indexed {index_stats(index_dir)['not_indexed']}; index size "
          f"{size / 1e6:.1f} MB against {clean_size / 1e6:.1f} MB for a clean build")
    return 0 if final == expected and not lost and not tracebacks and not swallowed else 1


if __name__ == "__main__":
    raise SystemExit(main())
