"""A term's postings read a block at a time instead of a posting at a time.

Whoosh's leaf matcher has no `all_ids` of its own: the generic one steps `id()`/`next()`
through every posting in Python (about 1 s for 36k postings on a loaded 2-core machine).
The whoosh3 codec unpickles each postings block into its (delta-coded) ids, weights and
values, so we take them whole into numpy arrays that scoring and set algebra use whole:
ids and weights packed by our codec (`index.codec.PackedNumbers`) are read in place, and
every block's deltas are summed in one `cumsum` over the term. Values (encoded positions)
are kept as one byte string with each posting's offsets (`JoinedValues`), taken from our
codec's packed blocks (`index.codec.LazyValues`: `_typecode`, `_lengths`, `_joined`) without
cutting them into a bytes object per posting. The blocks are reached through the whoosh3
codec's block attributes (`engine.internals`); any other matcher is stepped through its
public interface.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from cablesearch.engine.internals import (
    block_values,
    filtered,
    is_leaf_matcher,
    leaf_blocks,
    leaf_layout,
)
from cablesearch.engine.varints import JoinedValues, WordPositions


class Postings(NamedTuple):
    """One term's postings in one segment: parallel arrays, ids ascending.

    `ids` is an int64 array, `weights` a float64 array (empty when not read); `values`
    holds each posting's raw value (e.g. encoded positions; a `JoinedValues` as read here),
    or is None when the field's format stores fixed-size or no values, or they were not
    asked for."""

    ids: np.ndarray
    weights: np.ndarray
    values: Sequence[Any] | None

    def positions(self) -> WordPositions:
        """The postings' doc numbers and encoded positions, for the phrase arithmetic
        (read with the values, in our positions format)."""
        assert isinstance(self.values, JoinedValues), "postings read without positions"
        return WordPositions(self.ids, self.values)


def _arrays(ids: list[int], weights: list[float], values: list[bytes] | None) -> Postings:
    return Postings(np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64),
                    None if values is None else JoinedValues.of(values))


def matcher_ids(matcher: Any) -> np.ndarray:
    """The doc numbers the matcher would yield from `all_ids()`, as an int64 array."""
    if filtered(matcher) is not None or is_leaf_matcher(matcher):
        return read_postings(matcher, weights=False).ids
    return np.fromiter(matcher.all_ids(), dtype=np.int64)


def read_postings(matcher: Any, weights: bool = True, values: bool = False) -> Postings:
    """All postings of a term matcher (`reader.postings(...)`), deletions left out.

    Without `weights` the weights are left empty; with `values`, the raw values are read
    too where the format has variable-size ones (positions)."""
    wrapped = filtered(matcher)
    if wrapped is not None:  # a segment with deletions wraps its postings
        child, listed_ids, exclude = wrapped
        inner = read_postings(child, weights, values)
        listed = np.isin(inner.ids, np.fromiter(listed_ids, dtype=np.int64))
        keep = np.flatnonzero(listed != exclude)
        return Postings(
            inner.ids[keep],
            inner.weights[keep] if weights else inner.weights,
            inner.values.take(keep) if isinstance(inner.values, JoinedValues) else None,
        )
    if not is_leaf_matcher(matcher):
        return _stepped(matcher, weights, values)
    return _blocks(matcher, weights, values)


def _numbers(block: Any) -> np.ndarray:
    """A block's ids or weights: an array (`codec.PackedNumbers`) read in place, a
    tuple (Whoosh's own blocks, and blocks of few postings) converted."""
    if isinstance(block, array):
        return np.frombuffer(block, dtype=block.typecode)
    return np.array(block)


def _block_weights(weights: Any, count: int) -> np.ndarray:
    """A block's weights as the whoosh3 codec minifies them: None for all 1, one float
    for all equal, else one per posting."""
    if weights is None:
        return np.ones(count)
    if isinstance(weights, float):
        return np.full(count, weights)
    return _numbers(weights)


def _all_ids(blocks: list[Any]) -> np.ndarray:
    """The blocks' ids (or deltas) end to end: when all are arrays of one type, as
    packed ones usually are, joined and read at once rather than an array each."""
    if len({getattr(block, "typecode", None) for block in blocks}) == 1 and isinstance(
            blocks[0], array):
        return np.frombuffer(b"".join(blocks), dtype=blocks[0].typecode).astype(np.int64)
    return np.concatenate([_numbers(block) for block in blocks], dtype=np.int64)


def _all_weights(blocks: list[Any], counts: list[int]) -> np.ndarray:
    """The blocks' weights end to end. Term frequencies are mostly byte-sized: all 1
    (None), all one number, or packed bytes (`codec.PackedNumbers` "B"); such blocks are
    joined as bytes and read at once, rather than an array each."""
    parts: list[Any] = []
    for block, count in zip(blocks, counts, strict=True):
        if block is None:
            parts.append(b"\x01" * count)
        elif type(block) is array and block.typecode == "B":
            parts.append(block)
        elif type(block) is float and block.is_integer() and 0 <= block < 256:
            parts.append(bytes((int(block),)) * count)
        else:
            return np.concatenate([_block_weights(block, count)
                                   for block, count in zip(blocks, counts, strict=True)],
                                  dtype=np.float64)
    return np.frombuffer(b"".join(parts), dtype=np.uint8).astype(np.float64)


def _joined(parts: list[tuple[np.ndarray, bytes]], skip: int) -> JoinedValues:
    """The blocks' values as one `JoinedValues`, less the first `skip` postings."""
    lengths = np.concatenate([part[0] for part in parts], dtype=np.int64)
    starts = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    data = np.frombuffer(b"".join(part[1] for part in parts), dtype=np.uint8)
    return JoinedValues(data[starts[skip]:], starts[skip:] - starts[skip])


def _blocks(matcher: Any, weights: bool, values: bool) -> Postings:
    counts: list[int] = []
    datas: list[Any] = []
    # postings of the first block already stepped past; ids whole or deltas; values
    # read only where they are of variable size (positions)
    skip, byteids, variable = leaf_layout(matcher)
    values = values and variable
    for count, data in leaf_blocks(matcher):
        counts.append(count)
        datas.append(data)
    if not counts:
        return _arrays([], [], [] if values else None)
    ids = _all_ids([data[0] for data in datas])
    if not byteids:  # each block's ids are deltas from 0: sum them per block
        ids = np.cumsum(ids)
        if len(counts) > 1:
            ends = np.cumsum(counts)
            ids -= np.repeat(np.concatenate(([0], ids[ends[:-1] - 1])), counts)
    return Postings(ids[skip:],
                    _all_weights([data[1] for data in datas], counts)[skip:] if weights
                    else np.zeros(0),
                    _joined([block_values(data[2]) for data in datas], skip) if values
                    else None)


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
