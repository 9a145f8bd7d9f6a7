"""Which documents a query matches in one segment, as boolean masks built from postings.

Set algebra over each term's doc numbers runs vectorized (numpy), where Whoosh's matcher
tree steps one match at a time in Python. A match set is a read-only boolean array, one
entry per document of the segment: at 2.5 M paragraphs a common term matches half a
million of them, and `|`, `&` and counting over such masks take a millisecond where sets
of Python ints take tens. A rare term is the other way round: building and scanning masks
of every segment for its few postings cost more than its doc numbers (`found`). A
`SegmentDocs` lives for one search: each term's postings (`postings.read_postings`) and
each subquery's mask are read once, and shared by matching, phrase checking (`phrases`)
and scoring (`scoring`). How each kind of node is matched is its kind's (`kinds`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import reduce
from itertools import islice
from typing import Any, TypeGuard

import numpy as np
from whoosh import query as wq
from whoosh.reading import TermNotFound

from cablesearch.engine.internals import prefix_terms
from cablesearch.engine.kind import STREAM_TERMS, frozen
from cablesearch.engine.kinds import kind_of
from cablesearch.engine.phrases import phrase_counts
from cablesearch.engine.postings import Postings, matcher_ids, read_postings
from cablesearch.engine.varints import JoinedValues

NO_POSTINGS = Postings(np.zeros(0, dtype=np.int64), np.zeros(0), JoinedValues.of([]))
# A term (or an Or of terms) whose postings are fewer than 1/SPARSE of the segment's
# documents is matched from its doc numbers: a whole-segment mask costs more.
SPARSE = 64


def _all_terms(queries: Sequence[wq.Query]) -> TypeGuard[Sequence[wq.Term]]:
    """Whether every query is a term, whose field and text can then be read."""
    return all(isinstance(q, wq.Term) for q in queries)


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

    def union(self, terms: Iterable[tuple[str, bytes]]) -> np.ndarray:
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

    def nothing(self) -> np.ndarray:
        """The one shared mask of no document (a rare term is absent from most segments:
        an OR leaves it out, an AND of it is nothing)."""
        if self._nothing is None:
            self._nothing = frozen(np.zeros(self.size, dtype=bool))
        return self._nothing

    def mask(self, ids: Any) -> np.ndarray:
        """A read-only mask with the given segment-relative doc numbers set (one shared
        mask for none: a rare term is absent from most segments)."""
        if not len(ids):
            return self.nothing()
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

    def phrase_counts(self, field: str, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The docs holding the phrase of analyzed `words` (one word: the term), ascending,
        and how often it stands in each. Deleted docs are not left out."""
        return phrase_counts([self.postings(field, word, values=True).positions()
                              for word in words])

    def expanded(self, q: wq.MultiTerm) -> wq.Query:
        """A prefix or range as the terms it stands for in this segment (an Or)."""
        if id(q) not in self._expanded:
            self._expanded[id(q)] = (q, q.simplify(self.reader))
        return self._expanded[id(q)][1]

    def release(self, expanded: wq.Query, postings: bool = True) -> None:
        """Drop what was read for an expansion's terms (their masks, and postings unless
        scoring is still to read them): kept for the whole search in every segment, a
        prefix's hundreds of terms held their postings once per clause (2.28 GB for 26
        prefixes OR'd at 3.3 M paragraphs); a term shared with another part of the
        query is only read again."""
        for sub in expanded.subqueries if isinstance(expanded, wq.Or) else ():
            if isinstance(sub, wq.Term):
                if postings:
                    self._postings.pop((sub.fieldname, sub.text), None)
                self._masks.pop(id(sub), None)

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
        found = kind_of(q).match(self, q)
        if found is not None:
            return found
        return self.mask(matcher_ids(q.matcher(self.leaf, self.leaf.boolean_context())))
