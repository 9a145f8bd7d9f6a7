"""A query that matches nothing (a value whose analysis left no term)."""

from __future__ import annotations

from typing import Any

import numpy as np

from cablesearch.engine.kind import Kind, Scorer, Segment


class NullKind(Kind):
    boosted = False

    def match(self, segment: Segment, q: Any) -> np.ndarray:
        return segment.mask(())

    def score(self, scorer: Scorer, q: Any, segment: Segment, docs: np.ndarray
              ) -> np.ndarray:
        return np.zeros(len(docs))


NULL = NullKind()
