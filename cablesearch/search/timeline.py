"""How many hits fell in each year or month: when a subject rose and fell.

Counts come from one per-document array of month numbers (year * 12 + month - 1, -1 for
an undated document), built once per searcher from the `created` column like the facet
arrays: a timeline is then one `bincount` over the matching doc numbers, at any scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from cablesearch.search.facets import FacetArrays

UNITS = ("year", "month")
UNDATED = -1
_SPARKS = "▁▂▃▄▅▆▇█"


def _month(value: datetime | None) -> int:
    return value.year * 12 + value.month - 1 if value else UNDATED


def months(arrays: FacetArrays) -> np.ndarray:
    """Each global doc number's month number (UNDATED where it has no date)."""
    codes, table = arrays.coded("created", _month, name="created month")
    return np.asarray(table, dtype=np.int64)[codes] if len(table) else codes.astype(np.int64)


@dataclass(frozen=True)
class Timeline:
    """Hits per bucket, oldest first, every bucket from the first hit's to the last's
    (zero ones too); `undated` counts the hits without a date, which no bucket holds."""

    unit: str
    buckets: tuple[tuple[str, int], ...]
    undated: int = 0

    def to_json(self) -> dict:
        return {"unit": self.unit, "buckets": [[label, count] for label, count in self.buckets],
                "undated": self.undated}

    def sparkline(self) -> str:
        """One block character per bucket, its height the bucket's share of the highest."""
        top = max((count for _, count in self.buckets), default=0)
        if not top:
            return ""
        steps = len(_SPARKS) - 1
        return "".join(" " if not count else _SPARKS[max(1, round(count / top * steps))]
                       for _, count in self.buckets)


def count_timeline(month_of: np.ndarray, docs: Sequence[int] | np.ndarray,
                   unit: str) -> Timeline:
    """The timeline of `docs` (global doc numbers) in `unit`s (year or month)."""
    if unit not in UNITS:
        raise ValueError(f"unknown timeline unit '{unit}' (use {', '.join(UNITS)})")
    picked = month_of[np.asarray(docs, dtype=np.int64)]
    dated = picked[picked != UNDATED]
    undated = len(picked) - len(dated)
    if not len(dated):
        return Timeline(unit, (), undated)
    keys = dated // 12 if unit == "year" else dated
    low = int(keys.min())
    counts = np.bincount(keys - low).tolist()
    if unit == "year":
        labels = [str(low + i) for i in range(len(counts))]
    else:
        labels = [f"{(low + i) // 12:04d}-{(low + i) % 12 + 1:02d}" for i in range(len(counts))]
    return Timeline(unit, tuple(zip(labels, counts, strict=True)), undated)
