"""Whoosh's codec, with each postings block's variable-size values packed in one string.

`W3PostingsWriter` pickles a block's values (encoded positions) as a tuple of bytes with
protocol 2, which spells every bytes object as a `_codecs.encode(str, 'latin1')` call:
on text postings that framing outweighs the positions themselves. Here the tuple is
pickled as one call, `unpack_values(lengths, joined)`, which rebuilds the very same tuple
when the block is read, so Whoosh's readers and matchers read these segments unchanged
(`W3LeafMatcher` sees the tuple it always saw). Fixed-size and empty values, and blocks
of few postings, are written as Whoosh writes them.
"""

from __future__ import annotations

from array import array
from itertools import accumulate
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter

# Fewer values than this are left as Whoosh writes them: the name of `unpack_values`,
# written once per block, outweighs what packing saves on a few postings.
PACK_AT = 8


def unpack_values(typecode: str, lengths: bytes, joined: bytes) -> tuple[bytes, ...]:
    """The values `PackedValues` packed: `joined` cut at the `lengths` (an array)."""
    ends = list(accumulate(array(typecode, lengths)))
    return tuple(map(joined.__getitem__, map(slice, [0, *ends[:-1]], ends)))


class PackedValues(tuple):
    """A block's values, pickled as their lengths and their concatenation."""

    def __reduce__(self) -> tuple[Any, ...]:
        lengths = array("B" if max(map(len, self), default=0) < 256 else "I", map(len, self))
        return unpack_values, (lengths.typecode, lengths.tobytes(), b"".join(self))


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

    def _mini_values(self) -> Any:
        values = super()._mini_values()
        if isinstance(values, tuple) and len(values) >= PACK_AT:
            return PackedValues(values)
        return values


class CompactCodec(W3Codec):
    """`W3Codec` whose postings blocks hold their values packed (`PackedValues`)."""

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return PackedPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                    compression=self._compression,
                                    inlinelimit=self._inlinelimit)
