"""OR: the union of its parts' masks (of many terms, one mask read term by term); scores
summed in Whoosh's tree of unions."""

from __future__ import annotations

from functools import reduce
from typing import Any

import numpy as np
from whoosh import query as wq

from cablesearch.engine.kind import STREAM_TERMS, Kind, Scorer, Segment, Unsupported, frozen


class AnyOfKind(Kind):
    def match(self, segment: Segment, q: Any) -> np.ndarray | None:
        parts = q.subqueries
        if len(parts) > STREAM_TERMS and all(isinstance(part, wq.Term) for part in parts):
            schema = segment.reader.schema
            return segment.union((term.fieldname, schema[term.fieldname].to_bytes(term.text))
                                 for term in parts if term.fieldname in schema)
        if not parts:
            return None
        masks = [segment.matches(part) for part in parts]
        nothing = segment.nothing()
        found = [mask for mask in masks if mask is not nothing] or masks[:1]
        return found[0] if len(found) == 1 else frozen(reduce(np.logical_or, found))

    def score(self, scorer: Scorer, q: Any, segment: Segment, docs: np.ndarray
              ) -> np.ndarray:
        if q.scale or q.minmatch or len(q.subqueries) >= wq.Or.TOO_MANY_CLAUSES:
            raise Unsupported(repr(q))  # not the binary tree of unions
        return scorer.tree(q.subqueries, segment, docs, 1)


ANY_OF = AnyOfKind()
