"""A quoted phrase: its docs from the words' positions compared as whole arrays
(`phrases`); scored as the sum of its words, where it matches."""

from __future__ import annotations

from typing import Any

import numpy as np

from cablesearch.engine.kind import Kind, Scorer, Segment, halves
from cablesearch.engine.phrases import phrase_ids


class PhraseKind(Kind):
    def match(self, segment: Segment, q: Any) -> np.ndarray | None:
        """None for a phrase Whoosh's matcher answers (slop other than 1, a field
        without positions)."""
        if q.slop != 1 or not segment.positional(q.fieldname):
            return None
        return segment.mask(phrase_ids([segment.postings(q.fieldname, word, values=True)
                                        .positions() for word in q.words]))

    def score(self, scorer: Scorer, q: Any, segment: Segment, docs: np.ndarray
              ) -> np.ndarray:
        found = halves([scorer.term(q.fieldname, word, segment, docs) for word in q.words])
        return np.where(segment.matches(q)[docs], found, 0.0)


PHRASE = PhraseKind()
