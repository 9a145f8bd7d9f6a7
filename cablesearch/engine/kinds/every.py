"""Every document (a query of filters alone, or NOT x's positive side): the live ones,
each weighing 1."""

from __future__ import annotations

from typing import Any

import numpy as np

from cablesearch.engine.kind import Kind, Scorer, Segment, Unsupported, constant


class EveryKind(Kind):
    def match(self, segment: Segment, q: Any) -> np.ndarray | None:
        return segment.live() if q.fieldname is None else None

    def score(self, scorer: Scorer, q: Any, segment: Segment, docs: np.ndarray
              ) -> np.ndarray:
        if q.fieldname is not None:
            raise Unsupported(repr(q))
        return constant(segment, q, docs)


EVERY = EveryKind()
