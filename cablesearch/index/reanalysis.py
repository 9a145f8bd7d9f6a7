"""An index built with another analysis than the code's: found, and rebuilt from its inputs.

Terms are made by `analysis.CableAnalyzer`; when what it makes of a text changes (its
`ANALYSIS_VERSION`), an index built before no longer answers queries the new way (a
phrase with stop words finds nothing in an index without them). The version is pickled
with the analyzer in the index's schema, so it is committed with the index itself; the
next `cablesearch index` sees the difference and rebuilds, re-reading the inputs the
manifest recorded as well as the ones it was given, so no cable is silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from os import PathLike
from pathlib import Path

from cablesearch.index.analysis import ANALYSIS_VERSION, CableAnalyzer
from cablesearch.index.manifest import Manifest
from cablesearch.index.store import IndexMissing, open_index
from cablesearch.sources import iter_files


def built_version(index_dir: str | Path) -> int | None:
    """The analysis version the index in `index_dir` was built with; None without one."""
    try:
        analyzer = open_index(index_dir).schema["text"].analyzer
    except IndexMissing:
        return None
    return analyzer.version if isinstance(analyzer, CableAnalyzer) else 1


def recorded_inputs(index_dir: str | Path, given: Iterable[str | PathLike]
                    ) -> tuple[list[str], list[str]]:
    """The files the manifest recorded cables from that `given` does not already cover
    (a CSV dump once for all its rows), in the manifest's order: those that exist, and
    those that no longer do."""
    covered = {str(path) for path in iter_files(given)}
    found: dict[str, None] = {}
    gone: dict[str, None] = {}
    for source in Manifest.load(Path(index_dir)).units:
        path = source
        if not Path(path).is_file():
            head, _, line = source.rpartition(":")
            path = head if line.isdigit() and head else source
        if path in covered:
            continue
        (found if Path(path).is_file() else gone)[path] = None
    return list(found), list(gone)


def stale_analysis(index_dir: str | Path) -> str | None:
    """The one line saying the index must be rebuilt for the code's analysis, or None."""
    version = built_version(index_dir)
    if version is None or version == ANALYSIS_VERSION:
        return None
    return (f"the index was built with analysis version {version}, this is version "
            f"{ANALYSIS_VERSION}: rebuilding it")


def inputs_to_reanalyze(index_dir: str | Path, paths: Iterable[str | PathLike],
                        on_message: Callable[[str], None] | None) -> list | None:
    """When the index in `index_dir` was built with another analysis: what to rebuild it
    from (`paths` and the recorded inputs they do not cover), said in one line, with one
    more naming recorded inputs that no longer exist; else None."""
    stale = stale_analysis(index_dir)
    if stale is None:
        return None
    say = on_message or (lambda _: None)
    say(stale)
    given = list(paths)
    recorded, gone = recorded_inputs(index_dir, given)
    if gone:
        shown = ", ".join(gone[:5]) + (" ..." if len(gone) > 5 else "")
        say(f"{len(gone)} inputs the index was built from no longer exist ({shown}); "
            "their cables are not in the rebuilt index")
    return [*given, *recorded]
