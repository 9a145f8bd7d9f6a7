"""The date histogram of a search: one bar per year (or month) of its hits, drawn on the
server as SVG, so the chart needs no script.

The bars come from the search's own timeline (exact counts, every bucket from the first
hit's to the last's, empty ones as gaps); each bar's label is also the date range it
narrows to (`since=2008&until=2008`, `since=2008-06&until=2008-06`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

WIDTH, HEIGHT = 240, 72
GAP = 1  # pixels between bars
MIN_BAR = 1  # a bucket with one hit stays visible beside one with thousands
MONTHS_UNDER = 3  # hits in fewer years than this are drawn by month


class Bar(NamedTuple):
    label: str
    count: int  # type: ignore[assignment]  # the bar's hits; shadows tuple.count, unused here
    x: float
    y: float
    width: float
    height: float


def unit_for(since: str | None, until: str | None) -> str:
    """Month bars when the date filters already span fewer than MONTHS_UNDER years (so
    the search's own timeline is by month); else years, to be redrawn by month when the
    hits turn out to span few years."""
    if since and until and since[:4].isdigit() and until[:4].isdigit():
        if int(until[:4]) - int(since[:4]) + 1 < MONTHS_UNDER:
            return "month"
    return "year"


def bars(buckets: Sequence[tuple[str, int]]) -> list[Bar]:
    """A bar per bucket, in order, heights scaled to the busiest one."""
    if not buckets:
        return []
    step = WIDTH / len(buckets)
    top = max(count for _, count in buckets) or 1
    return [
        Bar(label, count, round(i * step, 2),
            round(HEIGHT - (max(HEIGHT * count / top, MIN_BAR) if count else 0), 2),
            round(max(step - GAP, 1), 2),
            round(max(HEIGHT * count / top, MIN_BAR) if count else 0, 2))
        for i, (label, count) in enumerate(buckets)
    ]
