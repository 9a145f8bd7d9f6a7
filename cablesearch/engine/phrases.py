"""Exact phrases matched from positions, checked only where all the words occur.

Whoosh's phrase matcher (`SpanNear2`) steps an intersection of the words' matchers one
document at a time in Python, building span objects for each. Here the documents that
hold every word come from set algebra, and only those have their positions compared:
word i of the phrase must stand at position p + i for some p.

Positions in our format (`index.positions.CompactPositions`: varint deltas) are decoded
and compared as whole arrays over all the candidates, with no Python step per document
(at 250k cables a step per candidate was most of a phrase query's time); other formats
(Whoosh's `Positions` of older indexes, a subclass decoding its own way) are decoded
one candidate at a time.
"""

from __future__ import annotations

from functools import reduce
from itertools import accumulate
from pickle import loads
from typing import TYPE_CHECKING, Any

import numpy as np
from whoosh.formats import Positions
from whoosh.system import _INT_SIZE

from cablesearch.engine.postings import JoinedValues, Postings
from cablesearch.index.positions import CompactPositions

if TYPE_CHECKING:
    from collections.abc import Callable


def decode_positions(value: bytes) -> list[int]:
    """`Positions.decode_positions`, with the deltas summed in C: a count, then the
    pickled deltas (the writer may drop the pickle's final STOP byte)."""
    payload = value[_INT_SIZE:]
    return list(accumulate(loads(payload if payload.endswith(b".") else payload + b".")))


def varint_positions(values: JoinedValues) -> tuple[np.ndarray, np.ndarray]:
    """Every posting's positions from `CompactPositions` values (varint deltas, 7 bits a
    byte, low bits first, a byte below 128 ending one): the positions, and the index of
    the posting each belongs to, both int64 arrays in posting order."""
    data = values.data
    lengths = np.diff(values.starts)
    owners = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    ends = data < 0x80
    if ends.all():  # every delta below 128, as nearly all are: one byte each
        deltas = data.astype(np.int64)
    else:
        last = np.flatnonzero(ends)  # each varint's last byte
        first = np.concatenate(([0], last[:-1] + 1))
        within = np.arange(len(data), dtype=np.int64) - np.repeat(first, last - first + 1)
        parts = (data & 0x7F).astype(np.int64) << (7 * within)
        deltas = np.add.reduceat(parts, first)
        owners = owners[last]
    # Sum the deltas within each posting: a running total less the total before it.
    total = np.cumsum(deltas)
    counts = np.bincount(owners, minlength=len(lengths))
    before = np.concatenate(([0], total))[np.cumsum(counts) - counts]
    return total - np.repeat(before, counts), owners


def common(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The numbers in both ascending arrays of distinct numbers, found by binary search:
    unlike `np.intersect1d`, nothing is sorted again."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return a
    at = np.searchsorted(b, a).clip(max=len(b) - 1)
    return a[b[at] == a]


def _phrase_ranks(words: list[Postings], candidates: np.ndarray) -> np.ndarray:
    """The ranks in `candidates` of the docs where word i stands at p + i for some p
    (ascending, repeated where the phrase occurs more than once).

    Word i's positions become keys `rank * stride + (position - i + n)` (n words, stride
    past every such offset): ascending and distinct within a word, and a key common to
    every word's keys is a match."""
    decoded = []
    for postings in words:
        assert isinstance(postings.values, JoinedValues)
        rows = np.searchsorted(postings.ids, candidates)
        decoded.append(varint_positions(postings.values.take(rows)))
    n = len(words)
    stride = max(int(positions.max(initial=0)) for positions, _ in decoded) + n + 1
    keys = [owners * stride + (positions + (n - i))
            for i, (positions, owners) in enumerate(decoded)]
    return reduce(common, keys) // stride


def _stepped_docs(words: list[Postings], candidates: np.ndarray,
                  decode: Callable[[bytes], list[int]]) -> list[int]:
    """The candidates holding the phrase, each decoded and compared on its own."""
    values: list[list[Any]] = []
    for postings in words:
        assert postings.values is not None  # read with the values
        rows = np.searchsorted(postings.ids, candidates).tolist()
        values.append(list(map(postings.values.__getitem__, rows)))
    found = []
    for k, doc in enumerate(candidates.tolist()):
        starts = set(decode(values[0][k]))
        for i, by_candidate in enumerate(values[1:], 1):
            starts.intersection_update(map((-i).__add__, decode(by_candidate[k])))
            if not starts:
                break
        else:
            found.append(doc)
    return found


def phrase_ids(words: list[Postings], fmt: Any) -> np.ndarray:
    """The docs (ascending) where the words, their postings with positions read in the
    field's format `fmt`, stand one after another."""
    candidates = reduce(common, [postings.ids for postings in words])
    if not len(candidates):
        return candidates
    if type(fmt).decode_positions is CompactPositions.decode_positions:
        return np.unique(candidates[_phrase_ranks(words, candidates)])
    decode = (decode_positions if type(fmt) is Positions
              else fmt.decode_positions)  # a subclass with a value of its own
    return np.asarray(_stepped_docs(words, candidates, decode), dtype=np.int64)


def phrase_counts(words: list[Postings]) -> tuple[np.ndarray, np.ndarray]:
    """The docs holding the phrase (one word: the term), ascending, and how often it
    stands in each, from postings with `CompactPositions` values."""
    candidates = reduce(common, [found.ids for found in words])
    if not len(candidates):
        return candidates, np.zeros(0, dtype=np.int64)
    counts = np.bincount(_phrase_ranks(words, candidates), minlength=len(candidates))
    return candidates[counts > 0], counts[counts > 0]
