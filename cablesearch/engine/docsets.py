"""Which documents a query matches in one segment, as boolean masks built from postings.

Set algebra over each term's doc numbers runs vectorized (numpy), where Whoosh's matcher
tree steps one match at a time in Python. A match set is a read-only boolean array, one
entry per document of the segment: at 2.5 M paragraphs a common term matches half a
million of them, and `|`, `&` and counting over such masks take a millisecond where sets
of Python ints take tens. A rare term is the other way round: building and scanning masks
of every segment for its few postings cost more than its doc numbers (`found`). A
`SegmentDocs` lives for one search: each term's postings (`postings.read_postings`) and
each subquery's mask are read once, and shared by matching, phrase checking (`phrases`)
and scoring (`scoring`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import reduce
from itertools import islice
from typing import Any, TypeGuard

import numpy as np
from whoosh import query as wq
from whoosh.reading import TermNotFound

from cablesearch.engine.datespan import DateSpan
from cablesearch.engine.internals import prefix_terms
from cablesearch.engine.phrases import phrase_counts, phrase_ids
from cablesearch.engine.postings import Postings, matcher_ids, read_postings
from cablesearch.engine.proximity import Proximity, near_ids
from cablesearch.engine.varints import JoinedValues

NO_POSTINGS = Postings(np.zeros(0, dtype=np.int64), np.zeros(0), JoinedValues.of([]))
# A term (or an Or of terms) whose postings are fewer than 1/SPARSE of the segment's
# documents is matched from its doc numbers: a whole-segment mask costs more.
SPARSE = 64
# A prefix, or an Or of terms, of more terms than this (`s*`) is matched into one mask,
# term by term as the lexicon is read, keeping no query, mask or postings per term: a mask
# per term took 1.17 GB for `s*` on 224k paragraphs, and grows with the index.
STREAM_TERMS = 64


def _all_terms(queries: Sequence[wq.Query]) -> TypeGuard[Sequence[wq.Term]]:
    """Whether every query is a term, whose field and text can then be read."""
    return all(isinstance(q, wq.Term) for q in queries)


def frozen(mask: np.ndarray) -> np.ndarray:
    """The mask made read-only: match sets are cached and shared within a search."""
    mask.flags.writeable = False
    return mask


class SegmentDocs:
    """One segment's postings and match masks, as read during one search."""

    def __init__(self, leaf: Any) -> None:
        self.leaf = leaf  # the segment's Whoosh searcher
        self.reader = leaf.reader()
        self.size = self.reader.doc_count_all()
        self._postings: dict[tuple[str, Any], Postings] = {}
        self._masks: dict[int, tuple[wq.Query, np.ndarray]] = {}
        self._expanded: dict[int, tuple[wq.Query, wq.Query]] = {}
        self._live: np.ndarray | None = None
        self._nothing: np.ndarray | None = None

    def postings(self, field: str, text: Any, values: bool = False) -> Postings:
        """A term's postings (empty when the segment lacks it), with positions if asked."""
        key = (field, text)
        found = self._postings.get(key)
        if found is None or (values and found.values is None):
            try:
                btext = self.reader.schema[field].to_bytes(text)
                found = read_postings(self.reader.postings(field, btext), values=values)
            except (KeyError, ValueError, TermNotFound):
                found = NO_POSTINGS
            self._postings[key] = found
        return found

    def many_terms(self, q: wq.Prefix, many: int) -> bool:
        """Whether a prefix expands to at least `many` terms in this segment (counted as
        the lexicon is read, not built into an Or of that many Term queries)."""
        return next(islice(prefix_terms(q, self.reader), many - 1, None), None) is not None

    def _union(self, terms: Iterable[tuple[str, bytes]]) -> np.ndarray:
        """The mask of the documents any of many (field, term bytes) matches, in memory
        for one mask."""
        found = np.zeros(self.size, dtype=bool)
        for field, btext in terms:
            try:
                matcher = self.reader.postings(field, btext)
            except TermNotFound:
                continue
            found[read_postings(matcher, weights=False).ids] = True
        return frozen(found)

    def mask(self, ids: Any) -> np.ndarray:
        """A read-only mask with the given segment-relative doc numbers set (one shared
        mask for none: a rare term is absent from most segments)."""
        if not len(ids):
            if self._nothing is None:
                self._nothing = frozen(np.zeros(self.size, dtype=bool))
            return self._nothing
        mask = np.zeros(self.size, dtype=bool)
        mask[ids] = True
        return frozen(mask)

    def live(self) -> np.ndarray:
        """The mask of the segment's documents that are not deleted."""
        if self._live is None:
            live = np.ones(self.size, dtype=bool)
            if self.reader.has_deletions():
                live[np.fromiter(self.reader.deleted_docs_set, dtype=np.int64)] = False
            self._live = frozen(live)
        return self._live

    def positional(self, field: str) -> bool:
        """Whether the field holds word positions (in our format: `CompactPositions`;
        the engine refuses an index whose positions are in another)."""
        schema = self.reader.schema
        return field in schema and schema[field].format.supports("positions")

    def phrase_mask(self, q: wq.Phrase) -> np.ndarray | None:
        """The mask of the docs holding the exact phrase; None for a phrase answered by
        Whoosh's matcher (slop other than 1, a field without positions)."""
        if q.slop != 1 or not self.positional(q.fieldname):
            return None
        return self.mask(phrase_ids([self.postings(q.fieldname, word, values=True).positions()
                                     for word in q.words]))

    def phrase_counts(self, field: str, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The docs holding the phrase of analyzed `words` (one word: the term), ascending,
        and how often it stands in each. Deleted docs are not left out."""
        return phrase_counts([self.postings(field, word, values=True).positions()
                              for word in words])

    def proximity_mask(self, q: Proximity) -> np.ndarray | None:
        """The mask of the docs where the two words of `q` stand within its slop of each
        other, in either order; None for a proximity Whoosh's span matcher answers (more
        parts, phrases inside, ordered, another format)."""
        parts = q.qs
        if (len(parts) != 2 or q.ordered or q.mindist != 1
                or not all(isinstance(part, wq.Term) for part in parts)):
            return None
        field = parts[0].fieldname
        if parts[1].fieldname != field or not self.positional(field):
            return None
        return self.mask(near_ids([self.postings(field, part.text, values=True).positions()
                                   for part in parts], q.slop))

    def expanded(self, q: wq.MultiTerm) -> wq.Query:
        """A prefix or range as the terms it stands for in this segment (an Or)."""
        if id(q) not in self._expanded:
            self._expanded[id(q)] = (q, q.simplify(self.reader))
        return self._expanded[id(q)][1]

    def found(self, q: wq.Query) -> np.ndarray:
        """The segment's (live) documents `q` matches, ascending."""
        terms = [q] if isinstance(q, wq.Term) else q.subqueries if isinstance(q, wq.Or) else ()
        if len(terms) > STREAM_TERMS and _all_terms(terms):
            postings = sum(self.reader.doc_frequency(t.fieldname, t.text) for t in terms)
            if postings * SPARSE >= self.size:  # many: one mask, term by term
                return np.flatnonzero(self.matches(q))
        if terms and _all_terms(terms):
            ids = [self.postings(term.fieldname, term.text).ids for term in terms]
            if sum(map(len, ids)) * SPARSE < self.size:
                return reduce(np.union1d, ids)
        return np.flatnonzero(self.matches(q))

    def matches(self, q: wq.Query) -> np.ndarray:
        """The mask of the segment's (live) documents that `q` matches."""
        if id(q) not in self._masks:  # the query is kept with its mask, so its id stays its own
            self._masks[id(q)] = (q, self._match_mask(q))
        return self._masks[id(q)][1]

    def _match_mask(self, q: wq.Query) -> np.ndarray:
        if isinstance(q, wq.Prefix) and self.many_terms(q, STREAM_TERMS + 1):
            return self._union((q.fieldname, btext) for btext in prefix_terms(q, self.reader))
        if (isinstance(q, wq.Or) and len(q.subqueries) > STREAM_TERMS
                and _all_terms(q.subqueries)):
            schema = self.reader.schema
            return self._union((term.fieldname, schema[term.fieldname].to_bytes(term.text))
                               for term in q.subqueries if term.fieldname in schema)
        if isinstance(q, wq.Or) and q.subqueries:
            parts = [self.matches(sub) for sub in q.subqueries]
            found = [part for part in parts if part is not self._nothing] or parts[:1]
            return found[0] if len(found) == 1 else frozen(reduce(np.logical_or, found))
        if isinstance(q, wq.And) and q.subqueries:
            parts = [self.matches(sub) for sub in q.subqueries]
            if any(part is self._nothing for part in parts):
                return self.mask(())
            return parts[0] if len(parts) == 1 else frozen(reduce(np.logical_and, parts))
        if isinstance(q, wq.AndNot):
            return frozen(self.matches(q.a) & ~self.matches(q.b))
        if isinstance(q, wq.Term):
            return self.mask(self.postings(q.fieldname, q.text).ids)
        if isinstance(q, DateSpan):
            return frozen(q.mask(self.reader) & self.live())
        if isinstance(q, wq.Every) and q.fieldname is None:  # the whole index, or NOT x
            return self.live()
        if isinstance(q, wq.Phrase):
            mask = self.phrase_mask(q)
            if mask is not None:
                return mask
        if isinstance(q, Proximity):
            mask = self.proximity_mask(q)
            if mask is not None:
                return mask
        if isinstance(q, wq.MultiTerm):  # prefixes and ranges: the terms they expand to here
            expanded = self.expanded(q)
            if expanded is not q:
                return self.matches(expanded)
        return self.mask(matcher_ids(q.matcher(self.leaf, self.leaf.boolean_context())))
