"""Proximity: words or phrases in any order, each at most N words from the next.

`"nuclear weapons"~3` and `nuclear NEAR/3 weapons` are answered by Whoosh's span
machinery (its matchers read the positions, and score as the AND of the parts), with
one correction: Whoosh's unordered `SpanNear2` starts looking for the next part at the
first span that *starts* within the slop, and so misses a phrase part that starts
before it but ends within it (`pipelines NEAR/5 "oil minister"`, the phrase first).
"""

from __future__ import annotations

from typing import Any

from whoosh.query.spans import SpanNear2


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
