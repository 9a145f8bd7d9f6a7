"""When a commit merges segments: only small ones, and only once there are several.

Whoosh's default policy (`MERGE_SMALL`) merges every segment up to a Fibonacci-sized
threshold, so a bulk build keeps re-merging its own earlier batches: at 50k cables the
parent process spent minutes alone in such merges while the writer processes waited,
and merging costs as much as indexing (measured at 100k paragraphs), for no query
speed worth it. Here segments of a bulk batch (`SMALL` documents or more) are left as
they are; small ones, which incremental runs and the last batch of a build leave, are
merged together once there are `MERGE_AT` of them, and so are segments that are mostly
deleted documents (replaced cables).
"""

from __future__ import annotations

from typing import Any

from whoosh.reading import SegmentReader

SMALL = 20_000  # documents
MERGE_AT = 6


def _mostly_deleted(segment: Any) -> bool:
    return segment.deleted_count() * 2 > segment.doc_count_all()


def merge_small(writer: Any, segments: list[Any]) -> list[Any]:
    """A Whoosh merge policy: the segments it keeps; the ones it merges go to `writer`."""
    chosen = [segment for segment in segments
              if segment.doc_count_all() < SMALL or _mostly_deleted(segment)]
    mostly_deleted = any(map(_mostly_deleted, chosen))
    if len(chosen) < MERGE_AT and not mostly_deleted:
        return segments
    for segment in chosen:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment not in chosen]
