"""Whoosh's codec, with each postings block's ids, weights and values packed in strings.

`W3PostingsWriter` pickles a block's values (encoded positions) as a tuple of bytes with
protocol 2, which spells every bytes object as a `_codecs.encode(str, 'latin1')` call:
on text postings that framing outweighs the positions themselves. Here the tuple is
pickled as one call, `unpack_values(typecode, lengths, joined)`, which reads back as a
`LazyValues`: a sequence equal to the tuple Whoosh wrote, that cuts `joined` apart only when
a value is read, so queries that never read positions (terms, AND, prefixes) skip that work
while Whoosh's readers and matchers (`W3LeafMatcher`) index it as they index the tuple.
Fixed-size and empty values, and blocks of few postings, are written as Whoosh writes them.

Ids (deltas) and weights (term frequencies, whole numbers) are pickled likewise as
`unpack_numbers(typecode, raw)`, the smallest array type that holds them: an `array`, which
Whoosh indexes and iterates as the tuple it wrote, and numpy reads without a copy
(`engine.postings`). A tuple of ints or floats unpickles one Python object per posting,
and a float pickles in 9 bytes where a term frequency fits in one.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate
from operator import sub
from typing import Any, overload

from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter

# Fewer values than this are left as Whoosh writes them: the name of `unpack_values`,
# written once per block, outweighs what packing saves on a few postings.
PACK_AT = 8


def unpack_values(typecode: str, lengths: bytes, joined: bytes) -> LazyValues:
    """The values `PackedValues` packed, read back (the name older segments pickled)."""
    return LazyValues(typecode, lengths, joined)


class LazyValues(Sequence[bytes]):
    """A block's values, `joined` cut at its `lengths` (an array's bytes) on first read.

    Unpickling a block cut every posting's positions out even when the query only reads
    ids and weights (70 of 405 ms in a 3-term AND on 50k cables); now that waits until
    a value, a slice or the length of an unread block is asked for.
    """

    __slots__ = ("_typecode", "_lengths", "_joined", "_items")

    def __init__(self, typecode: str, lengths: bytes, joined: bytes) -> None:
        self._typecode, self._lengths, self._joined = typecode, lengths, joined

    def _cut(self) -> tuple[bytes, ...]:
        ends = list(accumulate(array(self._typecode, self._lengths)))
        self._items = tuple(map(self._joined.__getitem__, map(slice, [0, *ends[:-1]], ends)))
        return self._items

    @overload
    def __getitem__(self, index: int) -> bytes: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[bytes, ...]: ...

    def __getitem__(self, index: int | slice) -> bytes | tuple[bytes, ...]:
        """Read once per posting by `W3LeafMatcher.value()`: the cut tuple, when there is
        one, is the fast path (an unset slot raises AttributeError)."""
        try:
            return self._items[index]
        except AttributeError:
            return self._cut()[index]

    def __len__(self) -> int:
        return len(self._lengths) // array(self._typecode).itemsize

    def __iter__(self) -> Iterator[bytes]:
        try:
            return iter(self._items)
        except AttributeError:
            return iter(self._cut())

    def __eq__(self, other: object) -> bool:
        """Equal to the tuple it stands for (and to its equals), as the tuple was."""
        if isinstance(other, LazyValues):
            other = tuple(other)
        return tuple(self) == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))


class PackedValues(tuple):
    """A block's values, pickled as their lengths and their concatenation."""

    def __reduce__(self) -> tuple[Any, ...]:
        lengths = array("B" if max(map(len, self), default=0) < 256 else "I", map(len, self))
        return unpack_values, (lengths.typecode, lengths.tobytes(), b"".join(self))


def unpack_numbers(typecode: str, raw: bytes) -> array:
    """The numbers `PackedNumbers` packed, as an array of their type."""
    return array(typecode, raw)


def _typecode(top: int) -> str | None:
    """The smallest unsigned array type holding 0..top (None past 2**32-1)."""
    return "B" if top < 1 << 8 else "H" if top < 1 << 16 else "I" if top < 1 << 32 else None


class PackedNumbers(tuple):
    """A block's ids or weights, pickled as the bytes of an array of `typecode`."""

    packed: array

    def __reduce__(self) -> tuple[Any, ...]:
        return unpack_numbers, (self.packed.typecode, self.packed.tobytes())


def packed_numbers(numbers: Sequence[float]) -> tuple[float, ...]:
    """The numbers as a `PackedNumbers` where they are whole numbers from 0 to 2**32-1,
    else as a plain tuple. Runs for every block a build writes: the checks stay in C."""
    whole = list(map(int, numbers))
    if len(whole) < PACK_AT or whole != list(numbers) or min(whole) < 0:
        return tuple(numbers)
    typecode = _typecode(max(whole))
    if typecode is None:
        return tuple(numbers)
    packed = PackedNumbers(numbers)
    packed.packed = array(typecode, whole)
    return packed


class PackedPostingsWriter(W3PostingsWriter):
    def add_postings(self, ids: list[int], weights: list[float], values: list[bytes | None],
                     lengths: list[int]) -> None:
        """A term's postings in one call, into the same blocks and block statistics as
        `add_posting` one at a time would make (a Python call per posting was 15 % of a
        build). Leans on `W3PostingsWriter`'s block buffers (`_ids`, `_weights`, ...)."""
        start, total = 0, len(ids)
        while start < total:
            if len(self._ids) >= self._blocklimit:
                self._write_block()
            end = min(total, start + self._blocklimit - len(self._ids))
            chunk = weights[start:end]
            self._ids.extend(ids[start:end])
            self._weights.extend(chunk)
            self._maxweight = max(self._maxweight, *chunk)
            self._values.extend(filter(None, values[start:end]))
            known = [length for length in lengths[start:end] if length]
            if known:
                shortest = min(known)
                if self._minlength is None or shortest < self._minlength:
                    self._minlength = shortest
                self._maxlength = max(self._maxlength, *known)
            start = end

    def min_length(self) -> int | None:
        """The buffered block's shortest length, for the term's statistics; a block with
        no known length (every posting from a document whose field counts no length, a
        paragraph of stop words only) gives the term's shortest so far, since Whoosh's
        `W3TermInfo.add_block` compares a None with the term's length and raises
        TypeError (which, depending on how postings fall into blocks, failed a build)."""
        if self._minlength is None:
            return self._terminfo._minlength
        return self._minlength

    # Whoosh's `_mini_ids` and `_mini_weights`, with their per-posting generators (deltas,
    # `all(w == ...)`) done by C-level `map` and `list.count`: they run for every block.

    def _mini_ids(self) -> Any:
        ids = self._ids
        if not self._byteids:
            ids = list(map(sub, ids, [0, *ids[:-1]]))
        return packed_numbers(ids)

    def _mini_weights(self) -> Any:
        weights = self._weights
        if weights.count(1.0) == len(weights):
            return None
        if weights.count(weights[0]) == len(weights):
            return weights[0]
        return packed_numbers(weights)

    def _mini_values(self) -> Any:
        values = super()._mini_values()
        if isinstance(values, tuple) and len(values) >= PACK_AT:
            return PackedValues(values)
        return values


class CompactCodec(W3Codec):
    """`W3Codec` whose postings blocks hold their ids, weights (`PackedNumbers`) and
    values (`PackedValues`) packed, compressed at zlib level 1 rather than 3: the same
    size to within 0.3 % and a tenth less commit time (2,000 synthetic cables)."""

    def __init__(self, blocklimit: int = 128, compression: int = 1, inlinelimit: int = 1
                 ) -> None:
        super().__init__(blocklimit, compression, inlinelimit)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return PackedPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                    compression=self._compression,
                                    inlinelimit=self._inlinelimit)
