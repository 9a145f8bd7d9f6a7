"""Real versus synthetic corpus statistics, so bench/README.md can show how faithful synth.py is.

Both sides are measured the same way: the real sample and a synthetic corpus written to a
temporary directory are read back through the project's parser.

    python bench/corpus_stats.py [--cables 1048,10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from cablesearch.cable import Cable
from cablesearch.sources import read_cables

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402  (a sibling script, not a package)

TERM = re.compile(r"[a-z0-9]+")
PROBES = ("minister", "nuclear", "rights", "terrorism", "tearline")
LEVELS = ("U", "SBU", "C", "S", "TS", None)


def _percentile(ordered: list[int], q: int) -> int:
    """Nearest-rank percentile of an already sorted list."""
    return ordered[min(len(ordered) - 1, len(ordered) * q // 100)]


def measure(cables: Iterable[Cable]) -> dict:
    """Paragraphs per cable, words per paragraph, marking levels, distinct terms, and the share
    of paragraphs holding each probe term."""
    per_cable: list[int] = []
    per_paragraph: list[int] = []
    levels: Counter[str | None] = Counter()
    terms: set[str] = set()
    probes: Counter[str] = Counter()
    for cable in cables:
        per_cable.append(len(cable.paragraphs))
        for paragraph in cable.paragraphs:
            words = TERM.findall(paragraph.text.lower())
            per_paragraph.append(len(paragraph.text.split()))
            levels[paragraph.level] += 1
            present = set(words)
            terms |= present
            probes.update(present.intersection(PROBES))
    per_cable.sort()
    per_paragraph.sort()
    paragraphs = len(per_paragraph)
    return {
        "cables": len(per_cable),
        "paragraphs": paragraphs,
        "para_per_cable": {"mean": round(paragraphs / len(per_cable), 2),
                           **{f"p{q}": _percentile(per_cable, q) for q in (50, 90, 99)}},
        "words_per_para": {"mean": round(sum(per_paragraph) / paragraphs, 1),
                           **{f"p{q}": _percentile(per_paragraph, q) for q in (50, 90, 99)}},
        "levels_pct": {str(level or "unmarked"): round(100 * levels[level] / paragraphs, 1)
                       for level in LEVELS},
        "distinct_terms": len(terms),
        "probe_pct": {term: round(100 * probes[term] / paragraphs, 3) for term in PROBES},
    }


def parsed(paths: list[str]) -> list[Cable]:
    return [c for c in read_cables(paths, jobs=1) if isinstance(c, Cable)]


def markdown(columns: dict[str, dict]) -> str:
    """One row per statistic, one column per corpus."""
    names = list(columns)
    rows = [("cables", lambda s: s["cables"]), ("paragraphs", lambda s: s["paragraphs"])]
    for key in ("para_per_cable", "words_per_para"):
        for stat in ("mean", "p50", "p90", "p99"):
            rows.append((f"{key.replace('_', ' ')} {stat}", lambda s, k=key, t=stat: s[k][t]))
    for level in LEVELS:
        label = str(level or "unmarked")
        rows.append((f"% paragraphs {label}", lambda s, x=label: s["levels_pct"][x]))
    rows.append(("distinct terms", lambda s: s["distinct_terms"]))
    for term in PROBES:
        rows.append((f"% paragraphs with `{term}`", lambda s, t=term: s["probe_pct"][t]))
    lines = ["| statistic | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    lines += [f"| {label} | " + " | ".join(str(get(columns[n])) for n in names) + " |"
              for label, get in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cables", default="1048,10000", help="synthetic sizes, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sources = [str(p) for p in synth.default_sources() if p.exists()]
    real = parsed(sources)
    model = synth.learn(real)
    columns = {"real sample": measure(real)}
    for size in (int(n) for n in args.cables.split(",")):
        with tempfile.TemporaryDirectory(prefix="cablesearch-stats-") as tmp:
            synth.write(synth.Generator(model, args.seed).cables(size), Path(tmp), False)
            columns[f"synthetic {size:,}"] = measure(parsed([str(Path(tmp) / "cables.csv")]))
    print(markdown(columns))
    return 0


if __name__ == "__main__":
    sys.exit(main())
