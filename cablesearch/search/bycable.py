"""A search by cable: each matching cable stands for itself by its best paragraph.

A pure function of arrays over the matches (their cables' codes and scores), so that a
by-cable search costs a few numpy passes over the matches, as a flat search does, rather
than a Python step per match.
"""

from __future__ import annotations

import numpy as np


def best_per_cable(cables: np.ndarray, scores: np.ndarray | None
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Of matches in doc order (`cables[i]` is match i's cable code, `scores[i]` its
    score), the positions of each cable's best match, ascending, and each one's cable's
    count of matches. The best is the highest score, the first in doc order on ties or
    where there are no scores (a date sort shows a cable's first matching paragraph)."""
    if not len(cables):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    # A cable's documents are consecutive in the index (written as one group), so its
    # matches make one run of its code; where they do not, a stable sort groups them.
    order = np.arange(len(cables))
    starts = _runs(cables)
    if len(np.unique(cables[starts])) < len(starts):
        order = np.argsort(cables, kind="stable")
        starts = _runs(cables[order])
    counts = np.diff(np.append(starts, len(cables)))
    if scores is None:
        best = order[starts]
    else:
        ranked = scores[order]
        top = np.maximum.reduceat(ranked, starts)
        at_top = np.flatnonzero(ranked == np.repeat(top, counts))
        group = np.repeat(np.arange(len(starts)), counts)[at_top]
        best = order[at_top[np.concatenate(([True], group[1:] != group[:-1]))]]
    ascending = np.argsort(best)
    return best[ascending], counts[ascending]


def _runs(codes: np.ndarray) -> np.ndarray:
    """Where each run of equal codes starts."""
    return np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
