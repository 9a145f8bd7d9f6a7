"""Exact phrases matched from positions, checked only where all the words occur: a pure
function of arrays.

Whoosh's phrase matcher (`SpanNear2`) steps an intersection of the words' matchers one
document at a time in Python, building span objects for each. Here the documents that
hold every word come from set algebra, and only those have their positions compared:
word i of the phrase must stand at position p + i for some p. The positions (varint
deltas, `index.positions.CompactPositions`) are decoded and compared as whole arrays over
all the candidates, with no Python step per document (at 250k cables a step per
candidate was most of a phrase query's time).
"""

from __future__ import annotations

from functools import reduce

import numpy as np

from cablesearch.engine.varints import WordPositions


def common(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The numbers in both ascending arrays of distinct numbers, found by binary search:
    unlike `np.intersect1d`, nothing is sorted again."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return a
    at = np.searchsorted(b, a).clip(max=len(b) - 1)
    return a[b[at] == a]


def _phrase_ranks(words: list[WordPositions], candidates: np.ndarray) -> np.ndarray:
    """The ranks in `candidates` of the docs where word i stands at p + i for some p
    (ascending, repeated where the phrase occurs more than once).

    Word i's positions become keys `rank * stride + (position - i + n)` (n words, stride
    past every such offset): ascending and distinct within a word, and a key common to
    every word's keys is a match."""
    decoded = [word.at(candidates) for word in words]
    n = len(words)
    stride = max(int(positions.max(initial=0)) for positions, _ in decoded) + n + 1
    keys = [owners * stride + (positions + (n - i))
            for i, (positions, owners) in enumerate(decoded)]
    return reduce(common, keys) // stride


def phrase_ids(words: list[WordPositions]) -> np.ndarray:
    """The docs (ascending) where the words stand one after another."""
    candidates = reduce(common, [word.ids for word in words])
    if not len(candidates):
        return candidates
    return np.unique(candidates[_phrase_ranks(words, candidates)])


def phrase_counts(words: list[WordPositions]) -> tuple[np.ndarray, np.ndarray]:
    """The docs holding the phrase (one word: the term), ascending, and how often it
    stands in each."""
    candidates = reduce(common, [word.ids for word in words])
    if not len(candidates):
        return candidates, np.zeros(0, dtype=np.int64)
    counts = np.bincount(_phrase_ranks(words, candidates), minlength=len(candidates))
    return candidates[counts > 0], counts[counts > 0]
