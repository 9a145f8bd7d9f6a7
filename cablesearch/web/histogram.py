"""The date histogram of a search: one bar per year of its hits, drawn on the server.

The bars are computed here (plain numbers for an SVG template), from the exact `year`
facet counts of the search, so the chart needs no script and agrees with the sidebar.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

WIDTH, HEIGHT = 240, 72
GAP = 1  # pixels between bars
MIN_BAR = 1  # a year with a hit stays visible beside a year with thousands


class Bar(NamedTuple):
    year: str
    count: int
    x: float
    y: float
    width: float
    height: float


def year_bars(counts: Sequence[tuple[str, int]]) -> list[Bar]:
    """A bar per year from the first to the last year with hits, empty years included
    (so gaps show as gaps), heights scaled to the busiest year."""
    years = {int(year): count for year, count in counts if year.isdigit()}
    if not years:
        return []
    first, last = min(years), max(years)
    span = last - first + 1
    step = WIDTH / span
    top = max(years.values())
    bars = []
    for i, year in enumerate(range(first, last + 1)):
        count = years.get(year, 0)
        height = max(HEIGHT * count / top, MIN_BAR) if count else 0
        bars.append(Bar(str(year), count, round(i * step, 2), round(HEIGHT - height, 2),
                        round(max(step - GAP, 1), 2), round(height, 2)))
    return bars
