"""Many documents' stored fields, read in doc order straight from each segment's column.

Whoosh keeps a segment's stored fields as one pickled, zlib-compressed value per document
in its `_stored` column. `reader.stored_fields(doc)` reaches one value through four
layers of Python (segment lookup, pickle, compression and bytes readers) and a seek and
read each; an export reads hundreds of thousands. Here the values of a sorted batch of
documents are read a run of neighbouring bytes at a time, then each is decompressed and
unpickled directly: the same dicts, decoded the same way. ISA-L inflates a value in
about half of zlib's time, most of it the set-up each small value pays.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Sequence
from typing import Any

import numpy as np
from isal import isal_zlib

from cablesearch.engine.internals import stored_column, whole_file

# Neighbouring documents whose values lie at most this many bytes apart are read together:
# a skipped gap costs less than another seek and read.
_GAP = 16 * 1024
_RUN = 1024 * 1024  # and at most this many bytes in one read


class _Segment:
    """One segment's stored-fields column: where each document's value lies in its file."""

    def __init__(self, reader: Any, offset: int) -> None:
        self.offset = offset
        self.end = offset + reader.doc_count_all()
        self._file, self._base, self._offsets, self.lengths = stored_column(reader)
        # a file of its own: read with os.pread, one call and no buffer refilled around
        # each value (a value is read at random where a chunk's hits lie apart)
        self._fd = whole_file(self._file)

    def read(self, docs: np.ndarray, into: dict[int, dict]) -> None:
        """The stored fields of `docs` (sorted, reader-relative) added to `into` under
        their global doc numbers."""
        offsets = self._offsets[docs].astype(np.int64) + self._base
        starts, ends = offsets.tolist(), (offsets + self.lengths[docs]).tolist()
        numbers = (docs + self.offset).tolist()
        decompress, loads = isal_zlib.decompress, pickle.loads
        first = 0
        for i in range(1, len(starts) + 1):
            if i < len(starts) and starts[i] - ends[i - 1] <= _GAP \
                    and ends[i] - starts[first] <= _RUN:
                continue
            base = starts[first]
            data = memoryview(os.pread(self._fd, ends[i - 1] - base, base)
                              if self._fd is not None else self._file.get(base, ends[i - 1] - base))
            for j in range(first, i):
                start, end = starts[j] - base, ends[j] - base
                into[numbers[j]] = loads(decompress(data[start:end])) if end > start else {}
            first = i


class StoredFields:
    """The stored fields of batches of documents of one searcher, by global doc number."""

    def __init__(self, leaves: Sequence[tuple[Any, int]]) -> None:
        self._segments = [_Segment(reader, offset) for reader, offset in leaves]

    def sizes(self, docs: np.ndarray) -> np.ndarray:
        """Each of `docs`' stored value's size on disk (compressed), in their order: what
        reading it costs, so a batch can be bounded by bytes as well as by count."""
        found = np.zeros(len(docs), dtype=np.int64)
        for segment in self._segments:
            inside = (docs >= segment.offset) & (docs < segment.end)
            found[inside] = segment.lengths[docs[inside] - segment.offset]
        return found

    def read(self, docs: Sequence[int] | np.ndarray) -> dict[int, dict]:
        """{doc: its stored fields} for `docs` (any order, repeats allowed)."""
        docs = np.unique(np.asarray(docs, dtype=np.int64))
        found: dict[int, dict] = {}
        for segment in self._segments:
            lo, hi = np.searchsorted(docs, [segment.offset, segment.end])
            if hi > lo:
                segment.read(docs[lo:hi] - segment.offset, found)
        return found
