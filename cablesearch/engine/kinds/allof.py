"""AND: the intersection of its parts' masks; scores summed in Whoosh's tree of
intersections, where all parts match."""

from __future__ import annotations

from functools import reduce
from typing import Any

import numpy as np

from cablesearch.engine.kind import Kind, Scorer, Segment, frozen


class AllOfKind(Kind):
    def match(self, segment: Segment, q: Any) -> np.ndarray | None:
        if not q.subqueries:
            return None
        masks = [segment.matches(part) for part in q.subqueries]
        nothing = segment.nothing()
        if any(mask is nothing for mask in masks):
            return segment.mask(())
        return masks[0] if len(masks) == 1 else frozen(reduce(np.logical_and, masks))

    def score(self, scorer: Scorer, q: Any, segment: Segment, docs: np.ndarray
              ) -> np.ndarray:
        found = scorer.tree(q.subqueries, segment, docs, -1)
        return np.where(segment.matches(q)[docs], found, 0.0)


ALL_OF = AllOfKind()
