"""`a -b` (and NOT x, as everything less x): a's matches less b's, scored and highlighted
as a alone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from cablesearch.engine.kind import Kind, Scorer, Segment, frozen


class AndNotKind(Kind):
    def match(self, segment: Segment, q: Any) -> np.ndarray:
        return frozen(segment.matches(q.a) & ~segment.matches(q.b))

    def score(self, scorer: Scorer, q: Any, segment: Segment, docs: np.ndarray
              ) -> np.ndarray:
        return np.where(segment.matches(q)[docs], scorer.node(q.a, segment, docs), 0.0)

    def highlighted(self, q: Any) -> Sequence[Any]:
        return [q.a]


AND_NOT = AndNotKind()
