"""Two facets counted together: how many paragraphs (or cables) have each pair of values,
`origin` by `year` for instance, from the same per-document codes as one facet."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cablesearch.search.facets import FacetArrays


@dataclass(frozen=True)
class CrossTab:
    """`counts` holds (value of the first facet, value of the second, count), largest
    first; `rows` and `columns` each facet's values, by their total (years in order)."""

    by: tuple[str, str]
    counts: tuple[tuple[str, str, int], ...]

    @property
    def rows(self) -> list[str]:
        return _ordered(self.by[0], [(row, n) for row, _, n in self.counts])

    @property
    def columns(self) -> list[str]:
        return _ordered(self.by[1], [(column, n) for _, column, n in self.counts])

    def to_json(self) -> dict:
        return {"by": list(self.by), "counts": [list(cell) for cell in self.counts]}


def _ordered(facet: str, pairs: list[tuple[str, int]]) -> list[str]:
    totals: Counter = Counter()
    for value, n in pairs:
        totals[value] += n
    if facet == "year":
        return sorted(totals)
    return [value for value, _ in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]


def cross_count(arrays: FacetArrays, by: tuple[str, str], docs: Sequence[int] | np.ndarray,
                groups: np.ndarray | None = None) -> CrossTab:
    """The pairs of values of `by`'s two facets among `docs` (distinct groups, e.g.
    cables, when `groups` holds each doc's group code)."""
    docs = np.asarray(docs, dtype=np.int64)
    (codes_a, table_a), (codes_b, table_b) = (arrays.facet_codes(name) for name in by)
    width = max(len(table_b), 1)
    pairs = codes_a[docs].astype(np.int64) * width + codes_b[docs]
    counts: Counter = Counter()
    if groups is None:
        found, per_pair = np.unique(pairs, return_counts=True)
        for pair, n in zip(found.tolist(), per_pair.tolist(), strict=True):
            for a in table_a[pair // width]:
                for b in table_b[pair % width]:
                    counts[str(a), str(b)] += n
    else:  # a cable counts once per pair of values, however many paragraphs carry it
        npairs = max(len(table_a), 1) * width
        keys = np.unique(groups[docs].astype(np.int64) * npairs + pairs)
        seen = {(group, str(a), str(b))
                for group, pair in zip((keys // npairs).tolist(), (keys % npairs).tolist(),
                                       strict=True)
                for a in table_a[pair // width] for b in table_b[pair % width]}
        counts.update((a, b) for _, a, b in seen)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return CrossTab(by, tuple((a, b, n) for (a, b), n in ordered))
