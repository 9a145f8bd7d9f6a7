"""Whoosh's BM25F scores of a query's matches, computed from postings blocks.

Whoosh scores a match by stepping its matcher tree (`skip_to`, `score`) at a few µs per
match and term in Python. Here each term's score is one expression per posting over
the block-read weights and the segment's field-length bytes, the very arithmetic of
`whoosh.scoring.BM25FScorer` (so each term's score is the same float), and a compound
query adds its parts' scores as Whoosh's matchers do: Or and And sum the parts that
match, AndNot keeps its positive side, a phrase sums its words, a date span or the
whole index weighs 1, a boost multiplies.
Sums may be added in another order than Whoosh's matcher tree adds them, so totals can
differ in the last bits: the searcher re-scores the few near-top documents with Whoosh.

`Unsupported` is raised for a query or weighting this module does not reproduce; the
caller then scores with Whoosh's matchers.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader
from whoosh.scoring import BM25F
from whoosh.searching import Searcher as WhooshSearcher
from whoosh.util.numeric import byte_to_length, length_to_byte

from cablesearch.search.datespan import DateSpan
from cablesearch.search.docsets import SegmentDocs


class Unsupported(Exception):
    """A query (or weighting) whose Whoosh score this module does not reproduce."""


Scores = dict[int, float]


class Bm25:
    """BM25F scoring over one Whoosh searcher: its global statistics, and each segment's
    field-length bytes, read once."""

    def __init__(self, searcher: WhooshSearcher) -> None:
        self.searcher = searcher
        weighting = searcher.weighting
        self.supported = type(weighting) is BM25F
        self._lengths: dict[tuple[int, str], Any] = {}
        self._denominators: dict[str, list[float]] = {}

    def scores(self, q: wq.Query, segment: SegmentDocs, within: set[int] | None) -> Scores:
        """The score of each doc of the segment that `q` matches, among `within` (all
        when None)."""
        if not self.supported:
            raise Unsupported(type(self.searcher.weighting).__name__)
        return self._node(q, segment, within)

    def _node(self, q: wq.Query, segment: SegmentDocs, within: set[int] | None) -> Scores:
        if isinstance(q, wq.Term):
            found = self._term(q.fieldname, q.text, segment, within)
        elif isinstance(q, wq.Or):
            if q.scale or q.minmatch:
                raise Unsupported(repr(q))
            found = _summed([self._node(sub, segment, within) for sub in q.subqueries])
        elif isinstance(q, wq.And):
            docs = segment.matches(q)
            docs = docs if within is None else docs & within
            parts = [self._node(sub, segment, docs) for sub in q.subqueries]
            found = _summed(parts)
        elif isinstance(q, wq.AndNot):
            docs = segment.matches(q)
            found = self._node(q.a, segment, docs if within is None else docs & within)
        elif isinstance(q, wq.Phrase):
            docs = segment.matches(q)
            docs = docs if within is None else docs & within
            found = _summed([self._term(q.fieldname, word, segment, docs) for word in q.words])
        elif isinstance(q, DateSpan) or (isinstance(q, wq.Every) and q.fieldname is None):
            docs = segment.matches(q)  # a list of docs weighing 1 each, times the boost
            found = dict.fromkeys(docs if within is None else docs & within, 1.0)
        elif isinstance(q, wq.MultiTerm):
            expanded = segment.expanded(q)
            if expanded is q:
                raise Unsupported(repr(q))
            if isinstance(expanded, wq.Or) and len(expanded.subqueries) >= wq.Or.TOO_MANY_CLAUSES:
                # Whoosh then preloads the terms into an ArrayUnionMatcher, which scores
                # a constant 1 when the prefix is constant-scoring and its own sum else.
                if not q.constantscore:
                    raise Unsupported(repr(q))
                docs = segment.matches(q)
                return dict.fromkeys(docs if within is None else docs & within, 1.0)
            return self._node(expanded, segment, within)  # the expansion carries the boost
        elif q is wq.NullQuery:
            return {}
        else:
            raise Unsupported(repr(q))
        if q.boost != 1.0:
            found = {doc: score * q.boost for doc, score in found.items()}
        return found

    def _term(self, field: str, text: Any, segment: SegmentDocs, within: set[int] | None
              ) -> Scores:
        postings = segment.postings(field, text)
        pairs: Any = zip(postings.ids, postings.weights, strict=True)
        if within is not None:
            pairs = [(doc, weight) for doc, weight in pairs if doc in within]
        fieldobj = self.searcher.schema[field]
        if not fieldobj.scorable:  # Whoosh's WeightScorer: the weight itself
            return dict(pairs)
        btext = fieldobj.to_bytes(text)
        idf = self.searcher.idf(field, btext)
        k1 = self.searcher.weighting.K1
        k1_plus_1 = k1 + 1
        denominators = self._denominators_of(field)
        lengths = self._segment_lengths(segment, field)
        # bm25(): idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
        return {doc: idf * ((weight * k1_plus_1) / (weight + denominators[lengths[doc]]))
                for doc, weight in pairs}

    def _denominators_of(self, field: str) -> list[float]:
        """`K1 * ((1 - B) + B * fl / avgfl)` for each length byte, as `bm25()` computes it."""
        if field not in self._denominators:
            weighting = self.searcher.weighting
            b = weighting._field_B.get(field, weighting.B)
            k1 = weighting.K1
            avgfl = self.searcher.avg_field_length(field) or 1
            self._denominators[field] = [k1 * ((1 - b) + b * byte_to_length(byte) / avgfl)
                                         for byte in range(256)]
        return self._denominators[field]

    def _segment_lengths(self, segment: SegmentDocs, field: str) -> Any:
        """The segment's length byte of `field` per document (0 where it has none)."""
        key = (id(segment.reader), field)
        if key not in self._lengths:
            self._lengths[key] = _length_bytes(segment.reader, field)
        return self._lengths[key]


def _length_bytes(reader: Any, field: str) -> Any:
    """The whoosh3 length column read whole; through `doc_field_length` elsewhere."""
    count = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)
    if type(perdoc) is W3PerDocReader:
        column = perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
        if column is None:
            return bytes(count)
        raw = column._dbfile.get(column._basepos, column._count)
        return bytes(raw) + bytes(count - len(raw))
    return bytes(length_to_byte(reader.doc_field_length(doc, field)) for doc in range(count))


def _summed(parts: list[Scores]) -> Scores:
    """Per doc, the sum of the parts that hold it."""
    parts = [part for part in parts if part]
    if not parts:
        return {}
    total = dict(parts[0])
    for part in parts[1:]:
        get = total.get
        for doc, score in part.items():
            total[doc] = get(doc, 0.0) + score
    return total
