"""What an index holds, read from its columns (never from stored text), for `stats`."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from whoosh.util.times import long_to_datetime

from cablesearch.index.store import open_index

UNMARKED = "unmarked"
UNKNOWN = "unknown"
# The raw `created` column value of a document without a date (Whoosh's column default).
NO_DATE = 2**64 - 1


def index_stats(index_dir: str | Path) -> dict:
    """Cables, paragraphs, created range, counts by cable and paragraph level, bytes, updated.

    Keys: `cables`, `paragraphs`, `first_created`, `last_created` (ISO minutes or None),
    `by_classification` (cables per level), `by_marking` (paragraphs per level, `unmarked`
    for paragraphs without a marking), `bytes` (index size on disk), `updated` (ISO UTC
    time of the last commit).
    """
    ix = open_index(index_dir)
    cable_levels: dict[str, str] = {}
    markings: Counter[str] = Counter()
    first = last = NO_DATE
    paragraphs = 0
    with ix.searcher() as searcher:
        for reader, _ in searcher.reader().leaf_readers():
            cables = reader.column_reader("cable")
            levels = reader.column_reader("class_level")
            marks = reader.column_reader("level")
            created = reader.column_reader("created", translate=False)
            for doc in reader.all_doc_ids():
                paragraphs += 1
                cable_levels.setdefault(cables[doc], levels[doc] or UNKNOWN)
                markings[marks[doc] or UNMARKED] += 1
                when = created[doc]
                if when != NO_DATE:
                    first = when if first == NO_DATE or when < first else first
                    last = when if last == NO_DATE or when > last else last
    directory = Path(index_dir)
    return {
        "cables": len(cable_levels),
        "paragraphs": paragraphs,
        "first_created": _iso(first),
        "last_created": _iso(last),
        "by_classification": dict(Counter(cable_levels.values()).most_common()),
        "by_marking": dict(markings.most_common()),
        "bytes": sum(path.stat().st_size for path in directory.iterdir() if path.is_file()),
        "updated": datetime.fromtimestamp(ix.last_modified(), timezone.utc)
        .isoformat(timespec="seconds"),
    }


def _iso(raw: int) -> str | None:
    """A raw `created` column value as an ISO minute string."""
    return None if raw == NO_DATE else long_to_datetime(raw).isoformat(timespec="minutes")
