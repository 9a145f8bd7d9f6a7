"""Whoosh's BM25F scores of a query's matches, computed from postings blocks.

Whoosh scores a match by stepping its matcher tree (`skip_to`, `score`) at a few µs per
match and term in Python. Here a query's scores are one float64 array over the matching
documents of a segment (each part 0 where it does not match): each term's is one
vectorized expression over its block-read weights and the segment's field-length bytes,
the very arithmetic of `whoosh.scoring.BM25FScorer` in the same IEEE doubles (so each
term's score is the same float), and a compound query adds its parts' scores as
Whoosh's matchers do, each kind of node in its own home (`kinds`: Or and And sum the
parts that match, AndNot keeps its positive side, a phrase sums its words, a proximity
its parts, a date span or the whole index weighs 1), a boost multiplies. Doubles do not
add up associatively, so the parts are summed in the very binary tree Whoosh builds over
them in each segment (`Bm25.tree`, `kind.halves`): the totals are Whoosh's to the last
bit, and so are the ranking and its ties.

`Unsupported` is raised for a query or weighting this engine does not reproduce; the
`Engine` then scores with Whoosh's matchers.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Sequence
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F
from whoosh.searching import Searcher as WhooshSearcher
from whoosh.util.numeric import byte_to_length

from cablesearch.engine.docsets import SPARSE
from cablesearch.engine.internals import field_b, length_bytes
from cablesearch.engine.kind import Segment, Unsupported, halves
from cablesearch.engine.kinds import kind_of

# A term's scores go through a whole-segment array where it has many postings
# (`docsets.SPARSE`) and the docs to score are at least 1/LOOKUP of them; else the
# fewer of postings and docs are found among the more by binary search.
LOOKUP = 8


class Bm25:
    """BM25F scoring over one Whoosh searcher: its global statistics, and each segment's
    field-length bytes, read once."""

    def __init__(self, searcher: WhooshSearcher) -> None:
        self.searcher = searcher
        weighting = searcher.weighting
        self.supported = type(weighting) is BM25F
        self._lengths: dict[tuple[str, str], np.ndarray] = {}
        self._denominators: dict[str, np.ndarray] = {}

    def scores(self, q: wq.Query, segment: Segment, docs: np.ndarray) -> np.ndarray:
        """The score of each of the segment's (ascending) `docs`, 0 where `q` does not
        match."""
        if not self.supported:
            raise Unsupported(type(self.searcher.weighting).__name__)
        return self.node(q, segment, docs)

    def node(self, q: Any, segment: Segment, docs: np.ndarray) -> np.ndarray:
        """A node's scores, as its kind computes them (`kinds`), times its boost."""
        kind = kind_of(q)
        found = kind.score(self, q, segment, docs)
        if kind.boosted and q.boost != 1.0:
            found = found * q.boost
        return found

    def tree(self, subqueries: Sequence[wq.Query], segment: Segment, docs: np.ndarray,
              sign: int) -> np.ndarray:
        """The parts' scores summed in the tree Whoosh's `CompoundQuery._tree_matcher`
        builds on this segment: `make_weighted_tree` pairs the two lightest first, weighing
        each part by its `estimate_size` here (an Or, `sign` 1) or its negation (an And,
        -1). Its sort and `insort` compare (weight, matcher) pairs, and matchers never
        compare less, so parts of equal weight keep their order and a pair goes after
        the parts it weighs as much as. Two parts need no weights: they add up the same
        either way."""
        if len(subqueries) <= 2:
            parts = [self.node(sub, segment, docs) for sub in subqueries]
            return halves(parts) if parts else np.zeros(len(docs))
        # The tree is built from the weights alone, then summed holding few parts at once
        # (a prefix's hundreds of terms held one array each: 205 MB for s* in subject).
        weighed: list[tuple[int, Any]] = sorted(
            ((sign * sub.estimate_size(segment.reader), sub) for sub in subqueries),
            key=_weight)
        while len(weighed) > 1:
            (weight_a, a), (weight_b, b) = weighed.pop(0), weighed.pop(0)
            insort(weighed, (weight_a + weight_b, _Sum(a, b)), key=_weight)
        return self._sum(weighed[0][1], segment, docs)

    def _sum(self, tree: Any, segment: Segment, docs: np.ndarray) -> np.ndarray:
        """A `tree` summed, the side needing more arrays first (Sethi-Ullman), so that
        about log2(parts) arrays are alive at once; `a + b` is `b + a` to the bit."""
        done: dict[int, np.ndarray] = {}
        stack = [tree]
        while stack:
            node = stack[-1]
            if not isinstance(node, _Sum):
                done[id(stack.pop())] = self.node(node, segment, docs)
                continue
            first, second = ((node.a, node.b) if _need(node.a) >= _need(node.b)
                             else (node.b, node.a))
            if id(first) not in done:
                stack.append(first)
            elif id(second) not in done:
                stack.append(second)
            else:
                stack.pop()
                done[id(node)] = done.pop(id(node.a)) + done.pop(id(node.b))
        return done[id(tree)]

    def term(self, field: str, text: Any, segment: Segment, docs: np.ndarray
              ) -> np.ndarray:
        postings = segment.postings(field, text)
        ids, weights = postings.ids, postings.weights
        if not len(ids) or not len(docs):
            return np.zeros(len(docs))
        if len(ids) * SPARSE >= segment.size and len(docs) * LOOKUP >= len(ids):
            # Many postings, and docs not far fewer: score them all into a whole-segment
            # array, and read the docs' scores off it.
            spread = np.zeros(segment.size)
            spread[ids] = self._posting_scores(field, text, segment, ids, weights)
            return spread[docs]
        # Else find the fewer among the more by binary search.
        found = np.zeros(len(docs))
        if len(ids) <= len(docs):  # each posting's place among the docs (a rare term)
            at = np.searchsorted(docs, ids).clip(max=len(docs) - 1)
            held = docs[at] == ids
            found[at[held]] = self._posting_scores(field, text, segment, ids[held],
                                                   weights[held])
        else:  # each doc's posting (an AND)
            at = np.searchsorted(ids, docs).clip(max=len(ids) - 1)
            held = ids[at] == docs
            at = at[held]
            found[held] = self._posting_scores(field, text, segment, ids[at], weights[at])
        return found

    def _posting_scores(self, field: str, text: Any, segment: Segment, ids: np.ndarray,
                        weights: np.ndarray) -> np.ndarray:
        """The term's score in each of the docs `ids`, given its `weights` there."""
        fieldobj = self.searcher.schema[field]
        if not fieldobj.scorable:  # Whoosh's WeightScorer: the weight itself
            return weights
        idf = self.searcher.idf(field, fieldobj.to_bytes(text))
        k1_plus_1 = self.searcher.weighting.K1 + 1
        denominators = self._denominators_of(field)[self._segment_lengths(segment, field)[ids]]
        # bm25(): idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
        return idf * ((weights * k1_plus_1) / (weights + denominators))

    def _denominators_of(self, field: str) -> np.ndarray:
        """`K1 * ((1 - B) + B * fl / avgfl)` for each length byte, as `bm25()` computes it."""
        if field not in self._denominators:
            weighting = self.searcher.weighting
            b = field_b(weighting, field)
            k1 = weighting.K1
            avgfl = self.searcher.avg_field_length(field) or 1
            self._denominators[field] = np.array(
                [k1 * ((1 - b) + b * byte_to_length(byte) / avgfl) for byte in range(256)])
        return self._denominators[field]

    def _segment_lengths(self, segment: Segment, field: str) -> np.ndarray:
        """The segment's length byte of `field` per document (0 where it has none), kept
        under the segment's name: each thread reads through a reader of its own, and an
        object's id can come back for another segment's reader once one is freed."""
        key = (segment.reader.segment().segment_id(), field)
        if key not in self._lengths:
            self._lengths[key] = np.frombuffer(length_bytes(segment.reader, field),
                                               dtype=np.uint8)
        return self._lengths[key]


def _weight(pair: tuple[int, Any]) -> int:
    return pair[0]


class _Sum:
    """A node of `tree`'s binary tree: the sum of two parts (subqueries or sums)."""

    __slots__ = ("a", "b", "need")

    def __init__(self, a: Any, b: Any) -> None:
        self.a, self.b = a, b
        need_a, need_b = _need(a), _need(b)
        self.need = max(need_a, need_b) if need_a != need_b else need_a + 1


def _need(node: Any) -> int:
    """Arrays alive at once to sum a node, its larger side first."""
    return node.need if isinstance(node, _Sum) else 1
