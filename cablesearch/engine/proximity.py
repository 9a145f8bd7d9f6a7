"""Proximity: words or phrases in any order, each at most N words from the next.

`"nuclear weapons"~3` and `nuclear NEAR/3 weapons` are Whoosh's span query `SpanNear2`
(unordered; its matchers read the positions, and score as the AND of the parts), with
one correction: Whoosh's unordered `SpanNear2` starts looking for the next part at the
first span that *starts* within the slop, and so misses a phrase part that starts
before it but ends within it (`pipelines NEAR/5 "oil minister"`, the phrase first).

Two words in our positions format, the common case, are matched on whole arrays as
phrases are (`near_ids`): Whoosh's span matcher builds span objects for every
document holding both words, one at a time in Python. Other proximities take the
matcher's path.
"""

from __future__ import annotations

from functools import reduce
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.query.spans import SpanNear2

from cablesearch.engine.kind import Kind, Scorer, Segment, Unsupported, halves
from cablesearch.engine.phrases import common
from cablesearch.engine.varints import WordPositions


def proximity(parts: list[Any], distance: int) -> Any:
    """`parts` (term or phrase span queries) in any order, at most `distance` words
    between one and the next."""
    # Whoosh's slop is a distance between positions: N words between is N + 1.
    return Proximity(parts, slop=distance + 1, ordered=False)


def phrase_span(parts: list[Any]) -> SpanNear2:
    """The words as a phrase inside a proximity: adjacent, in order."""
    return SpanNear2(parts, slop=1, ordered=True)


class Proximity(SpanNear2):
    """Whoosh's `SpanNear2`, its unordered matching corrected (see the module)."""

    class SpanNear2Matcher(SpanNear2.SpanNear2Matcher):
        def _get_spans(self) -> list[Any]:
            spans = self.ms[0].spans()
            for matcher in self.ms[1:]:
                if not spans:
                    break
                joined = set()
                for a in spans:
                    for b in matcher.spans():  # ordered by start
                        if b.start > a.end + self.slop:
                            break
                        if (not self.ordered or a.start <= b.start) and (
                                self.mindist <= a.distance_to(b) <= self.slop):
                            joined.add(a.to(b))
                spans = sorted(joined)
            return spans


def near_ids(words: list[WordPositions], slop: int) -> np.ndarray:
    """The docs (ascending) where the two words stand within `slop` of each other in
    either order, at distinct positions (as the span matcher's `mindist` of 1 asks)."""
    candidates = reduce(common, [word.ids for word in words])
    if not len(candidates):
        return candidates
    decoded = [word.at(candidates) for word in words]
    # Keys rank * stride + position: ascending within each word, and two keys of
    # different candidates are more than the slop apart.
    stride = max(int(positions.max(initial=0)) for positions, _ in decoded) + slop + 2
    a, b = (np.sort(owners * stride + positions) for positions, owners in decoded)
    # Each position of the first word against the nearest of the second on either side,
    # strictly before and strictly after it.
    before = np.searchsorted(b, a, side="left") - 1
    after = np.searchsorted(b, a, side="right")
    near = np.zeros(len(a), dtype=bool)
    has = before >= 0
    near[has] |= a[has] - b[before[has]] <= slop
    has = after < len(b)
    near[has] |= b[after[has]] - a[has] <= slop
    return candidates[np.unique(a[near] // stride)]


class NearKind(Kind):
    """A span query (`SpanNear2`: a proximity, or a phrase inside one)."""

    boosted = False  # span queries take no boost

    def match(self, segment: Segment, q: Any) -> np.ndarray | None:
        """Two words in either order, from their positions (`near_ids`); None for what
        Whoosh's span matcher answers (more parts, phrases inside, ordered)."""
        parts = q.qs
        if (len(parts) != 2 or q.ordered or q.mindist != 1
                or not all(isinstance(part, wq.Term) for part in parts)):
            return None
        field = parts[0].fieldname
        if parts[1].fieldname != field or not segment.positional(field):
            return None
        return segment.mask(near_ids([segment.postings(field, part.text, values=True)
                                      .positions() for part in parts], q.slop))

    def score(self, scorer: Scorer, q: Any, segment: Segment, docs: np.ndarray
              ) -> np.ndarray:
        return np.where(segment.matches(q)[docs], _span_sum(scorer, q, segment, docs), 0.0)


def _span_sum(scorer: Scorer, q: Any, segment: Segment, docs: np.ndarray) -> np.ndarray:
    """A span query's parts summed as its matcher's `make_binary_tree` of intersections
    adds them: halves, down to the terms."""
    if isinstance(q, wq.Term) and q.boost == 1.0:
        return scorer.term(q.fieldname, q.text, segment, docs)
    if isinstance(q, SpanNear2):
        return halves([_span_sum(scorer, part, segment, docs) for part in q.qs])
    raise Unsupported(repr(q))


NEAR = NearKind()
