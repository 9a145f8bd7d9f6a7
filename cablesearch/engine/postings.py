"""A term's postings read a block at a time instead of a posting at a time.

Whoosh's leaf matcher has no `all_ids` of its own: the generic one steps `id()`/`next()`
through every posting in Python (about 1 s for 36k postings on a loaded 2-core machine).
The whoosh3 codec unpickles each postings block into its (delta-coded) ids, weights and
values, so we take them whole into numpy arrays that scoring and set algebra use whole:
ids and weights packed by our codec (`index.codec.PackedNumbers`) are read in place, and
every block's deltas are summed in one `cumsum` over the term. Values (encoded positions)
are kept as one byte string with each posting's offsets (`JoinedValues`), taken from our
codec's packed blocks (`index.codec.LazyValues`: `_typecode`, `_lengths`, `_joined`) without
cutting them into a bytes object per posting. This leans on that codec's block attributes
(`_data`, `_byteids`, `_blocklength`, `_fixedsize`, `_i`, `_read_data`, `_next_block`); any
other matcher is stepped through its public interface.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterator, Sequence
from io import BytesIO
from pickle import load, loads
from typing import Any, NamedTuple

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import _INT_SIZE, unpack_int

from cablesearch.index.codec import LazyValues


class Postings(NamedTuple):
    """One term's postings in one segment: parallel arrays, ids ascending.

    `ids` is an int64 array, `weights` a float64 array (empty when not read); `values`
    holds each posting's raw value (e.g. encoded positions; a `JoinedValues` as read here),
    or is None when the field's format stores fixed-size or no values, or they were not
    asked for."""

    ids: np.ndarray
    weights: np.ndarray
    values: Sequence[Any] | None


class JoinedValues(Sequence[bytes]):
    """Postings' raw values as one uint8 array, `data`, and `starts`: posting i's value is
    `data[starts[i]:starts[i + 1]]`. Phrases read the values of many postings at once
    (`engine.phrases`); a bytes object per posting cost more than decoding them."""

    __slots__ = ("data", "starts")

    def __init__(self, data: np.ndarray, starts: np.ndarray) -> None:
        self.data, self.starts = data, starts

    @classmethod
    def of(cls, values: Sequence[bytes]) -> JoinedValues:
        starts = np.zeros(len(values) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, values), dtype=np.int64, count=len(values)),
                  out=starts[1:])
        return cls(np.frombuffer(b"".join(values), dtype=np.uint8), starts)

    def take(self, rows: np.ndarray) -> JoinedValues:
        """The values of postings `rows` (ascending or not), in that order."""
        begins = self.starts[rows]
        lengths = self.starts[rows + 1] - begins
        starts = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=starts[1:])
        at = np.arange(starts[-1], dtype=np.int64) + np.repeat(begins - starts[:-1], lengths)
        return JoinedValues(self.data[at], starts)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, index: int) -> bytes:  # type: ignore[override]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        return self.data[self.starts[index]:self.starts[index + 1]].tobytes()


def _arrays(ids: list[int], weights: list[float], values: list[bytes] | None) -> Postings:
    return Postings(np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64),
                    None if values is None else JoinedValues.of(values))


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
            inner.values.take(keep) if isinstance(inner.values, JoinedValues) else None,
        )
    if type(matcher) is not W3LeafMatcher:
        return _stepped(matcher, weights, values)
    return _blocks(matcher, weights, values and matcher._fixedsize is None)


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


def _walked(matcher: W3LeafMatcher) -> Iterator[tuple[int, Any]] | None:
    """Each block's (posting count, data tuple), from the term's postings read in one
    piece, as `W3LeafMatcher._goto`/`_read_data` lay them out: a block length (negative
    for the last), the pickled block info, the (compressed) pickled data. Seeking and
    reading the postings file block by block through Whoosh's file wrapper cost about as
    much as decoding the blocks. None unless the matcher is still at its first block."""
    if matcher._i:
        return None
    length = matcher._length  # read back from a term info, whoosh3 leaves it a 1-tuple
    raw = matcher._postfile.get(matcher._startoffset,
                                length[0] if isinstance(length, tuple) else length)
    stream = BytesIO(raw)
    position = matcher._baseoffset - matcher._startoffset
    stream.seek(position + _INT_SIZE)
    load(stream)
    if matcher._dataoffset != matcher._startoffset + stream.tell():
        return None

    def blocks() -> Iterator[tuple[int, Any]]:
        at = position
        while True:
            stream.seek(at)
            length = unpack_int(stream.read(_INT_SIZE))[0]
            count, _, _, compression, _, _ = load(stream)
            at += _INT_SIZE + abs(length)
            data = raw[stream.tell():at]
            yield count, loads(zlib.decompress(data) if compression else data)
            if length < 0:
                return

    return blocks()


def _stepped_blocks(matcher: W3LeafMatcher) -> Iterator[tuple[int, Any]]:
    """Each block's (posting count, data tuple), through the matcher's own block steps."""
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        yield matcher._blocklength, matcher._data
        matcher._next_block()


def _block_values(values: Any) -> tuple[np.ndarray, bytes]:
    """A block's value lengths and their concatenation: a packed block's as they were
    pickled (`codec.LazyValues`, uncut), a tuple of few values (or Whoosh's) joined."""
    if isinstance(values, LazyValues):
        return np.frombuffer(values._lengths, dtype=values._typecode), values._joined
    return np.fromiter(map(len, values), dtype=np.int64, count=len(values)), b"".join(values)


def _joined(parts: list[tuple[np.ndarray, bytes]], skip: int) -> JoinedValues:
    """The blocks' values as one `JoinedValues`, less the first `skip` postings."""
    lengths = np.concatenate([part[0] for part in parts], dtype=np.int64)
    starts = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    data = np.frombuffer(b"".join(part[1] for part in parts), dtype=np.uint8)
    return JoinedValues(data[starts[skip]:], starts[skip:] - starts[skip])


def _blocks(matcher: W3LeafMatcher, weights: bool, values: bool) -> Postings:
    counts: list[int] = []
    datas: list[Any] = []
    skip = matcher._i  # postings of the first block already stepped past
    for count, data in _walked(matcher) or _stepped_blocks(matcher):
        counts.append(count)
        datas.append(data)
    if not counts:
        return _arrays([], [], [] if values else None)
    ids = _all_ids([data[0] for data in datas])
    if not matcher._byteids:  # each block's ids are deltas from 0: sum them per block
        ids = np.cumsum(ids)
        if len(counts) > 1:
            ends = np.cumsum(counts)
            ids -= np.repeat(np.concatenate(([0], ids[ends[:-1] - 1])), counts)
    return Postings(ids[skip:],
                    _all_weights([data[1] for data in datas], counts)[skip:] if weights
                    else np.zeros(0),
                    _joined([_block_values(data[2]) for data in datas], skip) if values
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
