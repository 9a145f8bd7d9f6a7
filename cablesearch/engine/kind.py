"""What a query node kind answers, one home per kind (`kinds`): the documents it matches
in a segment, its BM25F score there, and where its highlighted terms come from.

A kind that does not reproduce Whoosh for a node says so: `match` returns None (Whoosh's
matcher then matches it) and `score` raises `Unsupported` (Whoosh's matchers then score
the whole query, inside `Engine`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import numpy as np

# An Or of more terms than this (`s*` expanded) is matched into one mask, term by term as
# the lexicon is read, keeping no query, mask or postings per term: a mask per term took
# 1.17 GB for `s*` on 224k paragraphs, and grows with the index.
STREAM_TERMS = 64


class Unsupported(Exception):
    """A query (or weighting) whose Whoosh score the engine does not reproduce."""


class Segment(Protocol):
    """One segment's postings and match masks during one search (`docsets.SegmentDocs`)."""

    size: int
    leaf: Any  # the segment's Whoosh searcher (its parent holds the whole index)
    reader: Any

    def postings(self, field: str, text: Any, values: bool = False) -> Any: ...
    def matches(self, q: Any) -> np.ndarray: ...
    def mask(self, ids: Any) -> np.ndarray: ...
    def nothing(self) -> np.ndarray: ...
    def live(self) -> np.ndarray: ...
    def positional(self, field: str) -> bool: ...
    def many_terms(self, q: Any, many: int) -> bool: ...
    def expanded(self, q: Any) -> Any: ...
    def release(self, expanded: Any, postings: bool = True) -> None: ...
    def union(self, terms: Iterable[tuple[str, bytes]]) -> np.ndarray: ...


class Scorer(Protocol):
    """BM25F over one searcher (`scoring.Bm25`): a node's scores, a term's, and parts
    summed in Whoosh's tree."""

    def node(self, q: Any, segment: Segment, docs: np.ndarray) -> np.ndarray: ...
    def term(self, field: str, text: Any, segment: Segment, docs: np.ndarray
             ) -> np.ndarray: ...
    def tree(self, subqueries: Sequence[Any], segment: Segment, docs: np.ndarray,
             sign: int) -> np.ndarray: ...


class Kind:
    """A kind of query node. The defaults: Whoosh's matcher matches it, our BM25F does
    not score it, and its highlighted terms are its own (a leaf) or its parts'."""

    # Whether the node's boost multiplies its score (span queries and expansions take none).
    boosted = True

    def match(self, segment: Segment, q: Any) -> np.ndarray | None:
        """The mask of the segment's live documents `q` matches; None: ask Whoosh."""
        return None

    def score(self, scorer: Scorer, q: Any, segment: Segment, docs: np.ndarray
              ) -> np.ndarray:
        """The score of each of the segment's (ascending) `docs`, 0 where `q` does not
        match, before the boost."""
        raise Unsupported(repr(q))

    def highlighted(self, q: Any) -> Sequence[Any] | None:
        """The parts whose terms a match of `q` looks for; None: `q`'s own terms."""
        return None if q.is_leaf() else list(q.children())


def halves(parts: list[np.ndarray]) -> np.ndarray:
    """The parts summed as `whoosh.util.make_binary_tree` pairs them (a phrase's words, a
    span's parts): the first half's sum plus the second's."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return halves(parts[:half]) + halves(parts[half:])


def constant(segment: Segment, q: Any, docs: np.ndarray) -> np.ndarray:
    """1 for each of `docs` that `q` matches (a filter-like node), else 0."""
    return segment.matches(q)[docs].astype(np.float64)


def frozen(mask: np.ndarray) -> np.ndarray:
    """The mask made read-only: match sets are cached and shared within a search."""
    mask.flags.writeable = False
    return mask
