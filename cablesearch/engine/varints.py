"""Word positions as arrays: postings' encoded positions (varint deltas) held as one
byte array, and decoded for many postings at once. Pure numpy: the phrase and proximity
arithmetic (`phrases`, `proximity`) works on these and nothing of Whoosh's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np


class JoinedValues(Sequence[bytes]):
    """Postings' raw values as one uint8 array, `data`, and `starts`: posting i's value is
    `data[starts[i]:starts[i + 1]]`. Phrases read the values of many postings at once
    (`phrases`); a bytes object per posting cost more than decoding them."""

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


class WordPositions(NamedTuple):
    """One word's postings in one segment: its docs (ascending int64) and each one's
    positions as `CompactPositions` values (`index.positions`: varint deltas)."""

    ids: np.ndarray
    values: JoinedValues

    def at(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions of the word in `docs` (each of which holds it) and the index in
        `docs` each position belongs to: int64 arrays, in doc order."""
        return varint_positions(self.values.take(np.searchsorted(self.ids, docs)))


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
