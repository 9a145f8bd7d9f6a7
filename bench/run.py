"""Full-corpus-scale benchmark: our engine against SQLite FTS5, same data, same run.

For each size: write N synthetic cables (bench/synth.py), build both indexes end to end
(parse + index) in measured subprocesses, re-index the unchanged corpus, time warm queries
of every kind (top-10 with snippets and the exact total) and tag + year facets, and a cold
search process as a user runs it. Prints a markdown table (ours, FTS5, ratio) and writes
one JSON object per size under bench/results/.

    python bench/run.py                     # 10,000 and 50,000 cables
    python bench/run.py --cables 10000 --json /tmp/10k.json
    python bench/run.py --full              # 250,000 cables
    python bench/run.py --cables 10000 --workdir W --queries-only   # reuse W's indexes
    python bench/run.py --cables 10000 --workdir W --reuse-fts5     # rebuild ours only
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import synth  # noqa: E402  (sibling scripts, not a package)
from fts5 import Fts5Searcher  # noqa: E402
from measure import MB, MIX, run_measured, size_mb  # noqa: E402

RESULTS = BENCH / "results"
FULL = 250_000
COMMON = "minister"
FACET_QUERY = COMMON
TAG = "PREL"
YEAR = "2008"
KINDS = ("common", "rare", "and", "phrase", "prefix", "tag", "date", "by_cable")
# Query power beside FTS5 where it can do the same: its `NEAR(a b, N)` is our `"a b"~N`
# (at most N words between, in either order); fuzzy words have no FTS5 counterpart.
POWER = (
    {"kind": "near", "ours": '"nuclear program"~3', "fts5": "NEAR(nuclear program, 3)"},
    {"kind": "fuzzy", "ours": "goverment~"},
)
SIDES = ("ours", "fts5")
CORPUS_FIGURES = ("cables", "paragraphs", "text_mb")
BUILD_FIGURES = ("build_s", "para_per_s", "peak_rss_mb", "index_mb", "reindex_s")


def query_specs(rare: str) -> list[dict]:
    """The benchmark's query mix, as both engines' workers take it."""
    return [
        {"kind": "common", "query": COMMON},
        {"kind": "rare", "query": rare},
        {"kind": "and", "query": "nuclear program iran"},
        {"kind": "phrase", "query": '"human rights"'},
        {"kind": "prefix", "query": "terror*"},
        {"kind": "tag", "query": COMMON, "tag": TAG},
        {"kind": "date", "query": COMMON, "since": f"{YEAR}-01-01", "until": f"{YEAR}-12-31"},
        # Each matching cable once, by its best paragraph; the total counts cables.
        {"kind": "by_cable", "query": COMMON, "by_cable": True},
    ]


def _python(script: str, *args: str) -> list[str]:
    return [sys.executable, str(BENCH / script), *args]


def _cli() -> str:
    """The `cablesearch` console script of the interpreter running the benchmark."""
    script = Path(sys.executable).with_name("cablesearch")
    return str(script) if script.exists() else shutil.which("cablesearch") or "cablesearch"


def _cold(command: list[str], runs: int) -> float:
    """Median seconds of a whole search process, from exec to exit.

    One uncounted run first, allowed to write Python's bytecode caches (an environment
    with PYTHONDONTWRITEBYTECODE set would otherwise compile every module of the package
    in each process, about 0.07 s of CPU that no installed copy pays)."""
    env = {name: value for name, value in os.environ.items()
           if name != "PYTHONDONTWRITEBYTECODE"}
    run_measured(command, env)
    return round(statistics.median(run_measured(command, env).seconds for _ in range(runs)),
                 3)


def synthesize(cables: int, seed: int, workdir: Path) -> Path:
    """The synthetic corpus for (cables, seed), written once per work dir."""
    out = workdir / f"synth-{cables}-s{seed}"
    done = out / "done"
    if not done.exists():
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        count = synth.write(synth.Generator(synth.load_model(), seed).cables(cables), out, False)
        done.write_text(f"{count}\n")
        print(f"# synth: {count} cables in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
    return out / "cables.csv"


def _paths(cables: int, seed: int, workdir: Path) -> tuple[Path, Path]:
    """Where a size's FTS5 database and our index live in the work dir."""
    return workdir / f"fts5-{cables}-s{seed}.sqlite", workdir / f"ours-{cables}-s{seed}"


def _commit() -> str | None:
    """The checked-out commit, so that carried-over build figures can say where they come
    from (None outside a git work tree)."""
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=BENCH, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def _require(flag: str, *needed: Path) -> None:
    """Fail in one line when a reusing run lacks what an earlier full run leaves behind."""
    for path in needed:
        if not path.exists():
            raise SystemExit(f"run.py {flag}: {path} is missing; run the full benchmark on "
                             f"this --workdir and --results first")


def _figure(result: dict, field: str) -> object:
    """A figure of a result by its `carried_over` name: `cables`, or `side.name`."""
    for key in field.split("."):
        result = result[key]
    return result


def carry_over(previous: Path, cables: int, fields: list[str], flag: str) -> tuple[dict, dict]:
    """An earlier result of this size, and the `carried_over` record of `fields` taken from it.

    The record names the commit whose run measured the figures: a result that was itself
    carried over passes its own origin on when it covers every field; when it covers only some
    (a `--reuse-fts5` result, say), the earlier record is nested, so every field keeps its own.
    """
    old = json.loads(previous.read_text())
    missing = []
    for field in fields:
        try:
            _figure(old, field)
        except (KeyError, TypeError):
            missing.append(field)
    if missing or old.get("cables") != cables:
        raise SystemExit(f"run.py {flag}: {previous} is not a {cables}-cable result "
                         f"with build figures (missing: {', '.join(missing) or 'none'})")
    earlier = old.get("carried_over")
    if earlier and set(fields) <= set(earlier["fields"]):
        return old, {**earlier, "fields": fields}
    record: dict = {"fields": fields}
    if old.get("commit"):
        record = {"from_commit": old["commit"], **record}
    if earlier:
        record["carried_over"] = earlier
    return old, record


def _build(side: str, command: list[str], log: Callable[[str], None]) -> tuple[dict, dict]:
    """One index built from scratch, then re-indexed unchanged: its report and build figures."""
    build = run_measured(command)
    report = build.json()
    log(f"{side} built in {build.seconds:.1f} s")
    reindex = run_measured(command)
    log(f"{side} re-indexed in {reindex.seconds:.1f} s")
    return report, {
        "build_s": round(build.seconds, 2),
        "para_per_s": round(report["paragraphs"] / build.seconds, 1),
        "peak_rss_mb": round(build.peak_rss_mb, 1),
        "reindex_s": round(reindex.seconds, 2),
    }


def build_figures(cables: int, seed: int, workdir: Path, log: Callable[[str], None],
                  previous: Path | None = None) -> dict:
    """Corpus and build figures of one size: both indexes built from scratch, then re-indexed.

    With `previous` (`--reuse-fts5`) only ours is rebuilt: FTS5's build takes most of a full
    run and does not change between our commits, so its database is kept and its build
    figures (and the text size, which its build measures) come from that earlier result.
    """
    db, index = _paths(cables, seed, workdir)
    fts5_fields = ["text_mb", *(f"fts5.{name}" for name in BUILD_FIGURES if name != "index_mb")]
    if previous is not None:
        _require("--reuse-fts5", workdir / f"synth-{cables}-s{seed}" / "done", db, previous)
        old, carried = carry_over(previous, cables, fts5_fields, "--reuse-fts5")
    corpus = synthesize(cables, seed, workdir)
    if previous is None:
        for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            stale.unlink(missing_ok=True)
    shutil.rmtree(index, ignore_errors=True)

    builders = {
        "fts5": _python("fts5.py", "build", "--db", str(db), str(corpus)),
        "ours": _python("ours.py", "build", "--index", str(index), str(corpus)),
    }
    if previous is not None:
        report, figures = _build("ours", builders["ours"], log)
        if report["paragraphs"] != old["paragraphs"]:
            log(f"WARNING: ours indexed {report['paragraphs']} paragraphs, "
                f"FTS5 {old['paragraphs']} (carried over)")
        return {"cables": report["cables"], "paragraphs": report["paragraphs"],
                "text_mb": old["text_mb"],
                "ours": {**figures, "index_mb": round(size_mb(index), 1)},
                "fts5": {**{name: old["fts5"][name] for name in BUILD_FIGURES
                            if name != "index_mb"}, "index_mb": round(size_mb(db), 1)},
                "carried_over": carried}

    sides: dict[str, dict] = {}
    reports = {}
    for side, command in builders.items():
        reports[side], sides[side] = _build(side, command, log)
        sides[side]["index_mb"] = round(size_mb(db if side == "fts5" else index), 1)
    paragraphs = reports["fts5"]["paragraphs"]
    if reports["ours"]["paragraphs"] != paragraphs:
        log(f"WARNING: ours indexed {reports['ours']['paragraphs']} paragraphs, "
            f"FTS5 {paragraphs}")
    return {"cables": reports["fts5"]["cables"], "paragraphs": paragraphs,
            "text_mb": round(reports["fts5"]["text_bytes"] / MB, 1), **sides}


def carried_figures(cables: int, seed: int, workdir: Path, previous: Path) -> dict:
    """Corpus and build figures of one size taken from an earlier run's JSON, for a query-side
    run that must not rebuild (a 250k build takes over an hour and query-side changes keep the
    index format); only the index sizes are measured again, from disk."""
    db, index = _paths(cables, seed, workdir)
    _require("--queries-only", workdir / f"synth-{cables}-s{seed}" / "done", db, index, previous)
    fields = [*CORPUS_FIGURES, *(f"{side}.{name}" for side in SIDES for name in BUILD_FIGURES
                                 if name != "index_mb")]
    old, carried = carry_over(previous, cables, fields, "--queries-only")
    result = {name: old[name] for name in CORPUS_FIGURES}
    for side, path in {"ours": index, "fts5": db}.items():
        result[side] = {name: old[side][name] for name in BUILD_FIGURES}
        result[side]["index_mb"] = round(size_mb(path), 1)
    return {**result, "carried_over": carried}


def query_figures(result: dict, seed: int, workdir: Path, repeat: int, cold_runs: int,
                  log: Callable[[str], None]) -> dict:
    """Add the query-side figures to a size's corpus and build figures."""
    db, index = _paths(result["cables"], seed, workdir)
    rare = Fts5Searcher(db).rare_term(max(3, result["paragraphs"] // 15_000))
    spec = json.dumps({"specs": query_specs(rare), "facet_query": FACET_QUERY})
    totals = {}
    for side, command in {
        "fts5": _python("fts5.py", "queries", "--db", str(db), "--spec", spec,
                        "--repeat", str(repeat)),
        "ours": _python("ours.py", "queries", "--index", str(index), "--spec", spec,
                        "--repeat", str(repeat)),
    }.items():
        measured = run_measured(command).json()
        totals[side] = measured["totals"]
        result[side].update(queries=measured["queries"], facets_ms=measured["facets_ms"],
                            search_rss_mb=measured["search_rss_mb"])
        log(f"{side} queried")
    for side, figures in power_figures(db, index, repeat).items():
        result[side]["query_power"] = figures
    log("query power measured")
    result["ours"]["research"] = research_figures(index, repeat)
    log("ours: kwic, timeline and export measured")
    result["ours"]["cold_cli_s"] = _cold([_cli(), "search", COMMON, "--index", str(index),
                                          "--limit", "10", "--format", "json"], cold_runs)
    result["fts5"]["cold_cli_s"] = _cold(_python("fts5.py", "search", "--db", str(db), COMMON),
                                         cold_runs)
    return {**result, "commit": _commit(), "_totals": totals, "_rare": rare}


def power_figures(db: Path, index: Path, repeat: int) -> dict[str, dict]:
    """Per side, each POWER kind it can answer: its warm latencies and its hits."""
    figures = {}
    for side, where in (("ours", ["--index", str(index)]), ("fts5", ["--db", str(db)])):
        specs = [{"kind": power["kind"], "query": power[side]} for power in POWER
                 if side in power]
        spec = json.dumps({"specs": specs, "facet_query": FACET_QUERY})
        measured = run_measured(_python(f"{side}.py", "queries", *where, "--spec", spec,
                                        "--repeat", str(repeat))).json()
        figures[side] = {kind["kind"]: {**measured["queries"][kind["kind"]],
                                        "hits": measured["totals"][kind["kind"]]}
                         for kind in specs}
    return figures


def research_figures(index: Path, repeat: int) -> dict:
    """Concordance and timeline latencies (warm), and the export's throughput and peak RSS
    in a process of its own. FTS5 has no counterpart of these here: ours alone."""
    figures = run_measured(_python("research.py", "latency", "--index", str(index),
                                   "--repeat", str(repeat))).json()
    # The worker's own peak RSS: a forked child's rusage also counts the parent's pages.
    exported = run_measured(_python("research.py", "export", "--index", str(index)))
    bulk = run_measured(_python("research.py", "opensearch", "--index", str(index)))
    return {**figures, **exported.json(), **bulk.json()}


def _ratio(ours: float, fts5: float | None) -> str:
    return f"{ours / fts5:.2f}×" if fts5 else "—"


def provenance(carried: dict) -> str:
    """The table header's account of a `carried_over` record, nested records included."""
    origin = f"commit {carried['from_commit'][:12]}" if "from_commit" in carried else \
        "the previous result"
    text = f"carried over from {origin}, not re-measured: {', '.join(carried['fields'])}"
    if "carried_over" in carried:
        text += f" (in that result, {provenance(carried['carried_over'])})"
    return text


def markdown(result: dict) -> str:
    """The table of one size: every figure as ours, FTS5's, and ours / FTS5."""
    ours, fts5 = result["ours"], result["fts5"]
    rows = [
        ("build, end to end (s)", ours["build_s"], fts5["build_s"]),
        ("paragraphs/s", ours["para_per_s"], fts5["para_per_s"]),
        ("peak RSS over all processes (MB)", ours["peak_rss_mb"], fts5["peak_rss_mb"]),
        ("index size (MB)", ours["index_mb"], fts5["index_mb"]),
        ("index / text", round(ours["index_mb"] / result["text_mb"], 2),
         round(fts5["index_mb"] / result["text_mb"], 2)),
        ("unchanged re-index (s)", ours["reindex_s"], fts5["reindex_s"]),
    ]
    totals = result["_totals"]
    for kind in KINDS:
        for stat in ("p50_ms", "p95_ms", "max_ms"):
            rows.append((f"{kind} query {stat.replace('_ms', '')} (ms)",
                         ours["queries"][kind][stat], fts5["queries"][kind][stat]))
        rows.append((f"{kind} query hits", totals["ours"][kind], totals["fts5"][kind]))
    for stat in ("p50_ms", "p95_ms", "max_ms"):
        rows.append((f"{MIX} (all kinds pooled) {stat.replace('_ms', '')} (ms)",
                     ours["queries"][MIX][stat], fts5["queries"][MIX][stat]))
    rows += [
        ("facets tag + year over `minister` (ms)", ours["facets_ms"], fts5["facets_ms"]),
        ("searching process RSS (MB)", ours["search_rss_mb"], fts5["search_rss_mb"]),
        ("cold `search` process (s)", ours["cold_cli_s"], fts5["cold_cli_s"]),
    ]
    for power in POWER:
        mine = ours.get("query_power", {}).get(power["kind"])
        theirs = fts5.get("query_power", {}).get(power["kind"])
        if mine:
            rows += [(f"{power['kind']} `{power['ours']}` p50 (ms)", mine["p50_ms"],
                      theirs and theirs["p50_ms"]),
                     (f"{power['kind']} hits", mine["hits"], theirs and theirs["hits"])]
    research = ours.get("research")
    if research:  # ours only: FTS5 has no concordance, timeline or record export here
        rows += [
            ('kwic `"human rights"` first 100 lines (ms)', research["kwic_100_ms"], None),
            ("timeline `minister` by month (ms)", research["timeline_month_ms"], None),
            ("export `minister`, hits/s to /dev/null", research["export_hits_per_s"], None),
            ("export process peak RSS (MB)", research["export_rss_mb"], None),
            ("`refs ID --depth 2` (ms)", research.get("refs_depth2_ms"), None),
            ("`cited-by-count:[5 TO *]` (ms)", research.get("cited_by_count_ms"), None),
            ("`similar REF` (ms)", research.get("similar_ms"), None),
            ("`minister --collapse-duplicates` (ms)", research.get("collapse_ms"), None),
            ("export --format opensearch, paragraphs/s",
             research.get("opensearch_paragraphs_per_s"), None),
            ("export --format opensearch, peak RSS (MB)", research.get("opensearch_rss_mb"),
             None),
        ]
    header = (f"{result['cables']:,} cables, {result['paragraphs']:,} paragraphs, "
              f"{result['text_mb']} MB of paragraph text; rare term `{result['_rare']}`")
    if "carried_over" in result:
        header += f"; {provenance(result['carried_over'])}"
    lines = [
        header,
        "",
        "| figure | ours | FTS5 | ours / FTS5 |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {label} | {a} | {'—' if b is None else b} | {_ratio(a, b)} |"
              for label, a, b in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cables", default="10000,50000", help="sizes, comma-separated")
    parser.add_argument("--full", action="store_true", help=f"{FULL:,} cables")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query kind")
    parser.add_argument("--cold-runs", type=int, default=3,
                        help="cold search processes per side (median)")
    parser.add_argument("--workdir", type=Path, help="synthetic data and indexes "
                        "(default: a temporary directory, removed afterwards)")
    parser.add_argument("--results", type=Path, default=RESULTS,
                        help="directory of the per-size JSON (default bench/results)")
    parser.add_argument("--json", type=Path, help="also write the result here (with several "
                        "sizes: PATH with -N before the suffix)")
    parser.add_argument("--queries-only", action="store_true", help="measure the query side "
                        "only, on --workdir's existing data and indexes; corpus and build figures "
                        "are carried over from --results (index sizes re-measured)")
    parser.add_argument("--reuse-fts5", action="store_true", help="rebuild and re-index ours "
                        "only, keeping --workdir's FTS5 database; FTS5's build figures are "
                        "carried over from --results (index size re-measured)")
    args = parser.parse_args(argv)
    if args.queries_only and args.reuse_fts5:
        parser.error("--queries-only already reuses both indexes; drop --reuse-fts5")
    for flag, given in (("--queries-only", args.queries_only), ("--reuse-fts5", args.reuse_fts5)):
        if given and args.workdir is None:
            parser.error(f"{flag} needs --workdir (the data and indexes of a previous run)")
    sizes = [FULL] if args.full else [int(n) for n in args.cables.split(",")]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cablesearch-bench-"))
    if not (args.queries_only or args.reuse_fts5):
        workdir.mkdir(parents=True, exist_ok=True)
    try:
        for size in sizes:
            load = os.getloadavg()[0]
            log = lambda text, size=size: print(  # noqa: E731
                f"# {size}: {text}", file=sys.stderr, flush=True)
            stored = args.results / f"cables-{size}.json"
            result = (carried_figures(size, args.seed, workdir, stored) if args.queries_only
                      else build_figures(size, args.seed, workdir, log,
                                         stored if args.reuse_fts5 else None))
            result = query_figures(result, args.seed, workdir, args.repeat, args.cold_runs, log)
            stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
            print(f"\n### {size:,} cables ({stamp}, {os.cpu_count()} cores, load average "
                  f"{load:.1f} at start)\n")
            print(markdown(result))
            shape = {key: value for key, value in result.items() if not key.startswith("_")}
            targets = [stored]
            if args.json:
                targets.append(args.json if len(sizes) == 1 else
                               args.json.with_name(f"{args.json.stem}-{size}{args.json.suffix}"))
            for target in targets:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(json.dumps(shape, indent=2) + "\n")
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
