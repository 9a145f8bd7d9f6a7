"""A word in one field: its postings' docs; BM25F from their weights."""

from __future__ import annotations

from typing import Any

import numpy as np

from cablesearch.engine.kind import Kind, Scorer, Segment


class TermKind(Kind):
    def match(self, segment: Segment, q: Any) -> np.ndarray:
        return segment.mask(segment.postings(q.fieldname, q.text).ids)

    def score(self, scorer: Scorer, q: Any, segment: Segment, docs: np.ndarray
              ) -> np.ndarray:
        return scorer.term(q.fieldname, q.text, segment, docs)


TERM = TermKind()
