"""A cable's paragraph documents, found from any one of them through the `seq` column.

The rarely queried cable fields (`schema.CABLE_WIDE`: `to:`, `from:`, `signer:` ...) are
indexed on each cable's first paragraph document only, one posting per cable rather than
one per paragraph. `CableWide` wraps a query on such a field and matches every
paragraph document of each cable whose first document matches, with that document's
score, so `from:X` still finds all the paragraphs of X's cables.

A cable's documents are consecutive in one segment, in `seq` order (the writer adds a
cable at once, merges keep the order), and the next cable starts again at seq 1: a cable
runs on while `seq` rises. A replaced cable's old documents are deleted together, so a
deleted document ends a run, and the wrapped matcher never yields a deleted first one.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import Any

import numpy as np
from whoosh import matching
from whoosh.query import NullQuery, Query, WrappingQuery

from cablesearch.engine.columns import raw_values
from cablesearch.engine.kind import Kind, Scorer, Segment, frozen

# Each reader's `seq` column, read once: {reader: the values}.
_SEQ: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_FIRSTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # and `first_docs`


def _seq(reader: Any) -> Sequence[int]:
    found = _SEQ.get(reader)
    if found is None:
        found = _SEQ[reader] = raw_values(reader, "seq")
    return found


def _firsts(reader: Any) -> np.ndarray:
    """Each of the segment's documents' cable's first document (reader-relative), read
    once per reader."""
    found = _FIRSTS.get(reader)
    if found is None:
        found = _FIRSTS[reader] = first_docs([(reader, 0)])
    return found


def _continues(reader: Any, seq: Sequence[int], doc: int) -> bool:
    """Whether document `doc` belongs to the same cable as `doc - 1`."""
    return (0 < doc < len(seq) and seq[doc] > seq[doc - 1]
            and not reader.is_deleted(doc))


def first_doc(reader: Any, doc: int) -> int:
    """The first paragraph document of the cable `doc` belongs to (reader-relative)."""
    seq = _seq(reader)
    while _continues(reader, seq, doc):
        doc -= 1
    return doc


def cable_docs(reader: Any, first: int) -> range:
    """All the paragraph documents of the cable whose first document is `first`."""
    seq = _seq(reader)
    end = first + 1
    while _continues(reader, seq, end):
        end += 1
    return range(first, end)


class CableWide(WrappingQuery):
    """Every paragraph of each cable whose first paragraph document matches `child`."""

    def __eq__(self, other: object) -> bool:
        return type(other) is CableWide and self.child == other.child

    def __hash__(self) -> int:
        return hash((CableWide, self.child))

    def _rewrap(self, child: Query) -> CableWide:
        return CableWide(child)

    def normalize(self) -> Query:
        child = self.child.normalize()
        return child if child is NullQuery else CableWide(child)

    def estimate_size(self, ixreader: Any) -> int:
        return ixreader.doc_count_all()

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        inner = self.child.matcher(searcher, context)
        reader = searcher.reader()
        scored = context is None or context.needs_current or context.weighting is not None
        ids: list[int] = []
        scores: list[float] = []
        end = 0
        while inner.is_active():
            doc = inner.id()
            if doc >= end:  # else inside the last cable (an index indexing every paragraph)
                docs = cable_docs(reader, doc)
                ids.extend(docs)
                if scored:
                    scores.extend([inner.score()] * len(docs))
                end = docs.stop
            inner.next()
        if not ids:
            return matching.NullMatcher()
        return matching.ListMatcher(ids, weights=scores or None)


class CableWideKind(Kind):
    """Matched and scored from the wrapped query's match set and scores at first
    documents, as arrays: `to:secstate` matches nearly every cable, and stepping its
    matcher (as `CableWide.matcher` does) took seconds at 250k cables. Its own boost is
    not applied, as the matcher's list of scores does not apply it."""

    boosted = False

    def match(self, segment: Segment, q: Any) -> np.ndarray:
        return frozen(segment.matches(q.child)[_firsts(segment.reader)] & segment.live())

    def score(self, scorer: Scorer, q: Any, segment: Segment, docs: np.ndarray
              ) -> np.ndarray:
        heads, each = np.unique(_firsts(segment.reader)[docs], return_inverse=True)
        return scorer.node(q.child, segment, heads)[each]


CABLE_WIDE = CableWideKind()


def first_docs(leaves: Sequence[tuple[Any, int]]) -> np.ndarray:
    """Each global doc number's cable's first document, for every doc at once (`first_doc`
    one at a time steps back through the cable), from `(reader, offset)` pairs."""
    parts = [np.zeros(0, dtype=np.int64)]
    for reader, offset in leaves:
        seq = np.asarray(raw_values(reader, "seq"), dtype=np.int64)
        starts = np.r_[True, seq[1:] <= seq[:-1]] if len(seq) else np.zeros(0, dtype=bool)
        if reader.has_deletions():  # a deleted document ends a run
            deleted = np.zeros(len(seq), dtype=bool)
            deleted[list(reader.deleted_docs_set)] = True
            starts |= np.r_[False, deleted[:-1]]
        index = np.arange(len(seq), dtype=np.int64)
        parts.append(np.maximum.accumulate(np.where(starts, index, 0)) + offset)
    return np.concatenate(parts)


def heads(firsts: np.ndarray) -> np.ndarray:
    """The first documents themselves, in doc order, from `first_docs`."""
    return np.flatnonzero(firsts == np.arange(len(firsts), dtype=firsts.dtype))
