"""Which cables cite a cable, and `cited-by-count:`: the `references` postings read backwards.

A cable's REF lines are indexed (lower-cased, on its first paragraph document) in the
`references` field, so the postings of the term `08state58370` are exactly the cables
citing 08STATE58370. The reverse map is therefore the index itself: it is written with
every commit, replaced with every re-indexed cable and deleted with it, and can never
disagree with what a search finds. Nothing is stored twice; what is worth keeping
between queries (the count of citers of every cited id, for `cited-by-count:`) is built
from the postings once per committed state of the index.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from typing import Any

import numpy as np
from whoosh import matching
from whoosh import query as wq
from whoosh.reading import TermNotFound

from cablesearch.engine.columns import raw_values
from cablesearch.engine.kind import Kind, Scorer, Segment, constant

FIELD = "references"
# {top-level reader: {lower-case cited id: live citing cables}}, built once per reader.
_COUNTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# {segment reader: (each document's cable code, each code's lower-case id)}.
_CABLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _live_ids(reader: Any, term: bytes) -> list[int]:
    """The segment's live documents carrying `term` in `references`."""
    try:
        ids = reader.postings(FIELD, term).all_ids()
    except (KeyError, TermNotFound):
        return []
    if reader.has_deletions():  # a re-indexed cable's old version still has postings
        return [doc for doc in ids if not reader.is_deleted(doc)]
    return list(ids)


def _live_cable_docs(reader: Any, cable: bytes) -> list[int]:
    """The segment's live documents of one cable (its id as indexed, upper case)."""
    try:
        ids = reader.postings("cable", cable).all_ids()
    except (KeyError, TermNotFound):
        return []
    return [doc for doc in ids if not reader.is_deleted(doc)]


def citing_docs(searcher: Any, cable_id: str) -> Iterator[int]:
    """Global doc numbers of the first paragraph documents of the cables citing `cable_id`."""
    if FIELD not in searcher.schema:
        return
    term = cable_id.strip().lower().encode("utf-8")
    for leaf, offset in searcher.leaf_searchers():
        for doc in _live_ids(leaf.reader(), term):
            yield doc + offset


def cited_counts(reader: Any) -> dict[str, int]:
    """Every cited id (lower case) with how many indexed cables cite it; kept per reader."""
    found = _COUNTS.get(reader)
    if found is None:
        counts: dict[str, int] = {}
        for segment, _offset in reader.leaf_readers():
            if FIELD not in segment.indexed_field_names():
                continue
            for term, info in segment.iter_field(FIELD):
                n = (len(_live_ids(segment, term)) if segment.has_deletions()
                     else info.doc_frequency())
                if n:
                    key = term.decode("utf-8")
                    counts[key] = counts.get(key, 0) + n
        found = _COUNTS[reader] = counts
    return found


def _cable_codes(reader: Any) -> tuple[np.ndarray, list[str]]:
    """Each document of one segment as a code, and each code's lower-case cable id."""
    found = _CABLES.get(reader)
    if found is None:
        table: dict[Any, int] = {}
        raws = raw_values(reader, "cable") if reader.has_column("cable") else []
        codes = np.fromiter((table.setdefault(raw, len(table)) for raw in raws),
                            dtype=np.int32, count=len(raws))
        ids = [raw.decode("utf-8").lower() if isinstance(raw, bytes) else str(raw).lower()
               for raw in table]
        found = _CABLES[reader] = (codes, ids)
    return found


class CitedByCount(wq.Query):
    """Paragraphs of the cables cited by between `low` and `high` indexed cables (None:
    open); a cable nobody cites counts 0. Scores a constant, like a filter."""

    def __init__(self, low: int | None, high: int | None, boost: float = 1.0) -> None:
        self.low = low
        self.high = high
        self.boost = boost
        # The qualifying cited ids of the last counts seen (one search asks every segment).
        self._cited: tuple[dict[str, int], list[str]] | None = None

    def __repr__(self) -> str:
        return f"CitedByCount({self.low!r}, {self.high!r})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, CitedByCount) and self.low == other.low
                and self.high == other.high)

    def __hash__(self) -> int:
        return hash((CitedByCount, self.low, self.high))

    def is_leaf(self) -> bool:
        return True

    def field(self) -> str:
        return FIELD

    def estimate_size(self, ixreader: Any) -> int:
        return ixreader.doc_count_all()

    def normalize(self) -> wq.Query:
        return self

    def _counted(self, count: int) -> bool:
        return ((self.low is None or count >= self.low)
                and (self.high is None or count <= self.high))

    def doc_ids(self, searcher: Any) -> list[int]:
        """The live documents of one segment's searcher that qualify, ascending."""
        top = searcher.get_parent() if searcher.has_parent() else searcher
        counts = cited_counts(top.reader())
        reader = searcher.reader()
        if self.low is not None and self.low > 0:
            # Only cited cables qualify: their documents from the `cable` postings, as a
            # whole `cable` column costs seconds to read at full scale.
            if self._cited is None or self._cited[0] is not counts:
                self._cited = (counts, [cable.upper() for cable, count in counts.items()
                                        if self._counted(count)])
            cited = self._cited[1]
            return sorted(doc for cable in cited
                          for doc in _live_cable_docs(reader, cable.encode("utf-8")))
        codes, ids = _cable_codes(reader)
        keep = np.fromiter((self._counted(counts.get(cable, 0)) for cable in ids),
                           dtype=bool, count=len(ids))
        docs = np.flatnonzero(keep[codes]) if len(codes) else np.zeros(0, dtype=np.int64)
        return [doc for doc in docs.tolist() if not reader.is_deleted(doc)] \
            if reader.has_deletions() else docs.tolist()

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        found = self.doc_ids(searcher)
        if not found:
            return matching.NullMatcher()
        return matching.ListMatcher(found, all_weights=self.boost)


class CitedByCountKind(Kind):
    """Matched from the citing counts, scored a constant 1 (times the boost), as a filter."""

    def match(self, segment: Segment, q: Any) -> np.ndarray:
        return segment.mask(q.doc_ids(segment.leaf))

    def score(self, scorer: Scorer, q: Any, segment: Segment, docs: np.ndarray
              ) -> np.ndarray:
        return constant(segment, q, docs)


CITED_BY = CitedByCountKind()
