"""A prefix (`pipelin*`), fuzzy word or range of terms: the terms it stands for in each
segment, matched as their OR (of many, one mask read as the lexicon is); scored as that
OR, or a constant 1 where Whoosh's own expansion scores so."""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh import query as wq

from cablesearch.engine.internals import prefix_terms
from cablesearch.engine.kind import STREAM_TERMS, Kind, Scorer, Segment, Unsupported, constant


class MultiTermKind(Kind):
    boosted = False  # the expansion carries the boost

    def match(self, segment: Segment, q: Any) -> np.ndarray | None:
        if isinstance(q, wq.Prefix) and segment.many_terms(q, STREAM_TERMS + 1):
            return segment.union((q.fieldname, btext)
                                 for btext in prefix_terms(q, segment.reader))
        expanded = segment.expanded(q)
        if expanded is q:
            return None
        found = segment.matches(expanded)
        # The union is kept; its terms' masks are not (their postings are, for scoring).
        segment.release(expanded, postings=False)
        return found

    def score(self, scorer: Scorer, q: Any, segment: Segment, docs: np.ndarray
              ) -> np.ndarray:
        if isinstance(q, wq.Prefix) and segment.many_terms(q, wq.Or.TOO_MANY_CLAUSES):
            # As below, without building the Or of its terms (`s*`: every s- word).
            if not q.constantscore:
                raise Unsupported(repr(q))
            return constant(segment, q, docs)
        expanded = segment.expanded(q)
        if expanded is q:
            raise Unsupported(repr(q))
        if isinstance(expanded, wq.Or) and len(expanded.subqueries) >= wq.Or.TOO_MANY_CLAUSES:
            # Whoosh then preloads the terms into an ArrayUnionMatcher, which scores a
            # constant 1 when the prefix is constant-scoring and its own sum else.
            if not q.constantscore:
                raise Unsupported(repr(q))
            return constant(segment, q, docs)
        found = scorer.node(expanded, segment, docs)
        segment.release(expanded)  # scored once: memory stays one clause's, not all
        return found


MULTI_TERM = MultiTermKind()
