"""Every read of a whoosh3 private attribute on the query side, in this one module.

The engine is fast because it reads Whoosh's on-disk structures whole, where Whoosh's
public interface steps them a value at a time: a term's postings blocks (its leaf
matcher's block attributes), a numeric or fixed-size column's bytes, a field's length
bytes, the stored-fields column, BM25F's per-field B, a prefix's terms. These are the
insides of whoosh3 3.54 (pinned in `setup.cfg`); `tests/test_whoosh_contract.py` names
each attribute read here, so an upgrade that renames one fails there, by name. Every
other engine module asks this one. (The index writer's are in the subclasses of Whoosh's
writer classes that need them: `index/codec.py`, `segment.py`, `parallel.py`, `retire.py`.)
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from io import BytesIO
from pickle import load, loads
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, STORED_COLUMN, W3LeafMatcher, W3PerDocReader
from whoosh.columns import FixedBytesColumn, NumericColumn
from whoosh.index import FileIndex
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import _INT_SIZE, unpack_int
from whoosh.util.numeric import length_to_byte

from cablesearch.index.codec import LazyValues

# -- readers -------------------------------------------------------------------------


def segments_reader(index: FileIndex, schema: Any, segments: list[Any],
                    generation: int | None) -> Any:
    """A reader over the given segments of one commit, as `FileIndex` opens its own: a
    thread reading beside others gets one over the same commit (`readers.Readers`)."""
    return FileIndex._reader(index.storage, schema, segments, generation)


# -- postings ------------------------------------------------------------------------


def is_leaf_matcher(matcher: Any) -> bool:
    """Whether the matcher is the whoosh3 codec's own, whose blocks are read here."""
    return type(matcher) is W3LeafMatcher


def filtered(matcher: Any) -> tuple[Any, frozenset[int] | set[int], bool] | None:
    """A segment with deletions wraps its postings in a FilterMatcher: its child, the doc
    numbers it lists and whether it excludes them (else keeps only them); None for any
    other matcher."""
    if isinstance(matcher, FilterMatcher):
        return matcher.child, matcher._ids, matcher._exclude
    return None


def leaf_layout(matcher: W3LeafMatcher) -> tuple[int, bool, bool]:
    """A leaf matcher's postings already stepped past in its first block, whether its
    ids are stored whole (else deltas from 0 per block), and whether its values are of
    variable size (positions)."""
    return matcher._i, bool(matcher._byteids), matcher._fixedsize is None


def leaf_blocks(matcher: W3LeafMatcher) -> Iterator[tuple[int, Any]]:
    """Each block's (posting count, data tuple: ids, weights, values) from the matcher's
    block on: read in one piece where it is still at its first block, else through its
    own block steps."""
    return _walked(matcher) or _stepped_blocks(matcher)


def _walked(matcher: W3LeafMatcher) -> Iterator[tuple[int, Any]] | None:
    """The term's postings read in one piece, as `W3LeafMatcher._goto`/`_read_data` lay
    them out: a block length (negative for the last), the pickled block info, the
    (compressed) pickled data. Seeking and reading the postings file block by block
    through Whoosh's file wrapper cost about as much as decoding the blocks. None unless
    the matcher is still at its first block."""
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
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        yield matcher._blocklength, matcher._data
        matcher._next_block()


def block_values(values: Any) -> tuple[np.ndarray, bytes]:
    """A block's value lengths and their concatenation: a packed block's as they were
    pickled (our codec's `LazyValues`, uncut), a tuple of few values (or Whoosh's) joined."""
    if isinstance(values, LazyValues):
        return np.frombuffer(values._lengths, dtype=values._typecode), values._joined
    return np.fromiter(map(len, values), dtype=np.int64, count=len(values)), b"".join(values)


def prefix_terms(q: Any, reader: Any) -> Iterator[bytes]:
    """The terms (bytes) a prefix or other multi-term query stands for in one segment, as
    the lexicon is read: no Or of Term queries is built."""
    return q._btexts(reader)


# -- columns -------------------------------------------------------------------------


def numeric_column(column: Any) -> tuple[str, bytes, Any, int] | None:
    """A `NumericColumn.Reader`'s values in one read: its typecode, its big-endian bytes,
    its default and how many values the bytes hold (the default past them); None for any
    other column."""
    if not isinstance(column, NumericColumn.Reader):
        return None
    raw = column._dbfile.get(column._basepos, column._count * column._fixedlen)
    return column._typecode, raw, column._default, column._count


def fixed_bytes_column(column: Any, size: int) -> tuple[bytes, int, int]:
    """A `FixedBytesColumn.Reader`'s values in one read: the bytes of the first of them
    (at most `size`), how many, and each one's length."""
    assert isinstance(column, FixedBytesColumn.Reader)
    count = min(column._count, size)
    return column._dbfile.get(column._basepos, count * column._fixedlen), count, column._fixedlen


def length_bytes(reader: Any, field: str) -> bytes:
    """A segment's length byte of `field` per document (0 where it has none): the whoosh3
    length column read whole; through `doc_field_length` with another codec."""
    count = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)
    if type(perdoc) is W3PerDocReader:
        column = perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
        if column is None:
            return bytes(count)
        raw = column._dbfile.get(column._basepos, column._count)
        return bytes(raw) + bytes(count - len(raw))
    return bytes(length_to_byte(reader.doc_field_length(doc, field)) for doc in range(count))


def stored_column(reader: Any) -> tuple[Any, int, np.ndarray, np.ndarray]:
    """A segment's stored-fields column: its file, where its values start, and each
    document's value offset and length (views of the column's own arrays: no copy)."""
    column = reader._perdoc._cached_reader("_stored", STORED_COLUMN)._child
    offsets = np.frombuffer(column._offsets, dtype=np.dtype(column._offsets.typecode))
    lengths = np.frombuffer(column._lengths, dtype=np.dtype(column._lengths.typecode))
    return column._dbfile, column._basepos, offsets, lengths


def whole_file(dbfile: Any) -> int | None:
    """The descriptor of a Whoosh file that is a whole file on disk, in which positions are
    the file's own (None for a part of a compound file, or one in memory)."""
    return dbfile.file.fileno() if isinstance(dbfile.file, io.BufferedReader) else None


# -- scoring -------------------------------------------------------------------------


def field_b(weighting: Any, field: str) -> float:
    """BM25F's B for one field (its per-field B where one is set)."""
    return weighting._field_B.get(field, weighting.B)
