"""A term's postings read a block at a time instead of a posting at a time.

Whoosh's leaf matcher has no `all_ids` of its own: the generic one steps `id()`/`next()`
through every posting in Python (about 1 s for 36k postings on a loaded 2-core machine).
The whoosh3 codec already unpickles each postings block into a tuple of (delta-coded) ids,
weights and values, so we take them whole, and undo the deltas with `accumulate` (C)
rather than the codec's generator, into numpy arrays that scoring and set algebra take
whole. This leans on that codec's block attributes (`_data`, `_byteids`, `_fixedsize`,
`_blocklength`, `_i`, `_read_*`, `_next_block`); any other matcher is stepped through its
public interface.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import Any, NamedTuple

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher


class Postings(NamedTuple):
    """One term's postings in one segment: parallel arrays, ids ascending.

    `ids` is an int64 array, `weights` a float64 array (empty when not read); `values`
    holds each posting's raw value (e.g. encoded positions), or is None when the field's
    format stores fixed-size or no values, or they were not asked for."""

    ids: np.ndarray
    weights: np.ndarray
    values: Sequence[Any] | None


def _arrays(ids: list[int], weights: list[float], values: list[Any] | None) -> Postings:
    return Postings(np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64), values)


def matcher_ids(matcher: Any) -> np.ndarray:
    """The doc numbers the matcher would yield from `all_ids()`, as an int64 array."""
    if isinstance(matcher, FilterMatcher) or type(matcher) is W3LeafMatcher:
        return read_postings(matcher, weights=False).ids
    return np.fromiter(matcher.all_ids(), dtype=np.int64)


def read_postings(matcher: Any, weights: bool = True, values: bool = False) -> Postings:
    """All postings of a term matcher (`reader.postings(...)`), deletions left out.

    Without `weights` the weights are left empty; with `values`, the raw values are read
    too where the format has variable-size ones (positions)."""
    if isinstance(matcher, FilterMatcher):  # a segment with deletions wraps its postings
        inner = read_postings(matcher.child, weights, values)
        listed = np.isin(inner.ids, np.fromiter(matcher._ids, dtype=np.int64))
        keep = np.flatnonzero(listed != matcher._exclude)
        return Postings(
            inner.ids[keep],
            inner.weights[keep] if weights else inner.weights,
            [inner.values[i] for i in keep.tolist()] if inner.values is not None else None,
        )
    if type(matcher) is not W3LeafMatcher:
        return _stepped(matcher, weights, values)
    return _blocks(matcher, weights, values and matcher._fixedsize is None)


def _blocks(matcher: W3LeafMatcher, weights: bool, values: bool) -> Postings:
    ids: list[int] = []
    weight_list: list[float] = []
    value_list: list[Any] = []
    while matcher.is_active():
        start = matcher._i
        if matcher._data is None:
            matcher._read_data()
        block = matcher._data[0]
        if matcher._byteids:
            ids.extend(block[start:])
        elif start:
            ids.extend(list(accumulate(block))[start:])
        else:
            ids.extend(accumulate(block))
        if weights:
            matcher._read_weights()
            weight_list.extend(matcher._weights[start:])
        if values:
            value_list.extend(matcher._data[2][start:])
        matcher._next_block()
    return _arrays(ids, weight_list, value_list if values else None)


def _stepped(matcher: Any, weights: bool, values: bool) -> Postings:
    """Any other matcher (inlined postings of a rare term are a `ListMatcher`)."""
    ids: list[int] = []
    weight_list: list[float] = []
    value_list: list[Any] = []
    while matcher.is_active():
        ids.append(matcher.id())
        if weights:
            weight_list.append(matcher.weight())
        if values:
            value_list.append(matcher.value())
        matcher.next()
    return _arrays(ids, weight_list, value_list if values else None)
