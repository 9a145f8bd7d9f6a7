"""What an index holds, read from its columns (never from stored text), for `stats`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from whoosh.index import FileIndex
from whoosh.util.times import long_to_datetime

from cablesearch.index.documents import CABLE_ONLY, UNMARKED
from cablesearch.index.manifest import Manifest
from cablesearch.index.store import open_index

UNKNOWN = "unknown"
# The raw `created` column value of a document without a date (Whoosh's column default).
NO_DATE = 2**64 - 1


def index_stats(index_dir: str | Path) -> dict:
    """Cables, paragraphs, created range, counts by cable and paragraph level, bytes, updated.

    Keys: `cables`, `paragraphs`, `first_created`, `last_created` (ISO minutes or None),
    `by_classification` (cables per level), `by_marking` (paragraphs per level, `unmarked`
    for paragraphs without a marking); a cable without paragraph text counts as a cable,
    its one document as no paragraph; `bytes` (index size on disk), `updated` (ISO UTC
    time of the last commit), `analysis_version` (the analysis it was built with, see
    `analysis.ANALYSIS_VERSION`), `not_indexed` (cables the record of indexed files claims
    that the index lacks, or holds with another paragraph count: 0 when they agree).
    """
    ix = open_index(index_dir)
    cable_levels: dict[str, str] = {}
    markings: Counter[str] = Counter()
    dates: list[int] = []
    per_cable: Counter[str] = Counter()
    with ix.searcher() as searcher:
        for reader, _ in searcher.reader().leaf_readers():
            live = list(reader.all_doc_ids()) if reader.has_deletions() else None
            cables, levels, created = (
                _live(reader.column_reader(name, translate=name != "created"), live)
                for name in ("cable", "class_level", "created"))
            paragraphs = _paragraphs(reader, live)
            per_cable.update(_live(reader.column_reader("cable"), paragraphs))
            for cable_id, level in zip(cables, levels, strict=True):
                cable_levels.setdefault(cable_id, level or UNKNOWN)
            markings.update(mark or UNMARKED
                            for mark in _live(reader.column_reader("level"), paragraphs))
            known = [when for when in created if when != NO_DATE]
            dates.extend((min(known), max(known)) if known else ())
    directory = Path(index_dir)
    return {
        "cables": len(cable_levels),
        "paragraphs": per_cable.total(),
        "first_created": _iso(min(dates)) if dates else None,
        "last_created": _iso(max(dates)) if dates else None,
        "by_classification": dict(Counter(cable_levels.values()).most_common()),
        "by_marking": dict(markings.most_common()),
        "bytes": sum(path.stat().st_size for path in directory.iterdir() if path.is_file()),
        "updated": datetime.fromtimestamp(ix.last_modified(), timezone.utc)
        .isoformat(timespec="seconds"),
        "analysis_version": getattr(ix.schema["text"].analyzer, "version", 1),
        "not_indexed": len(Manifest.load(directory).missing_from(per_cable)),
    }


def paragraphs_per_cable(ix: FileIndex) -> Counter[str]:
    """The index's live paragraphs per cable id, from the `cable` column (a cable without
    paragraphs is absent: its one document is no paragraph)."""
    counts: Counter[str] = Counter()
    with ix.searcher() as searcher:
        for reader, _ in searcher.reader().leaf_readers():
            live = list(reader.all_doc_ids()) if reader.has_deletions() else None
            counts.update(_live(reader.column_reader("cable"), _paragraphs(reader, live)))
    return counts


def _paragraphs(reader: Any, live: list[int] | None) -> list[int] | None:
    """A segment's live paragraph documents (None: all its documents): the live ones less
    the documents of cables without paragraphs (`documents.CABLE_ONLY`)."""
    if ("kind", CABLE_ONLY) not in reader:
        return live
    cable_only = set(reader.postings("kind", CABLE_ONLY).all_ids())
    docs = range(reader.doc_count_all()) if live is None else live
    return [doc for doc in docs if doc not in cable_only]


def _live(column: Iterable, live: list[int] | None) -> list:
    """A segment's column values, in one pass, for its live documents only."""
    values = list(column)
    return values if live is None else [values[doc] for doc in live]


def _iso(raw: int) -> str:
    """A raw `created` column value as an ISO minute string."""
    return long_to_datetime(raw).isoformat(timespec="minutes")
