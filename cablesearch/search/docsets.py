"""Which documents a query matches in one segment, as sets built from postings blocks.

Set algebra over each term's doc numbers runs at C speed, where Whoosh's matcher tree
steps one match at a time in Python. A `SegmentDocs` lives for one search: each term's
postings (`postings.read_postings`) and each subquery's doc set are read once, and
shared by matching, phrase checking (`phrases`) and scoring (`scoring`).
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq
from whoosh.reading import TermNotFound

from cablesearch.search.datespan import DateSpan
from cablesearch.search.phrases import phrase_docs
from cablesearch.search.postings import Postings, matcher_ids, read_postings

NO_POSTINGS = Postings((), (), ())


class SegmentDocs:
    """One segment's postings and match sets, as read during one search."""

    def __init__(self, leaf: Any) -> None:
        self.leaf = leaf  # the segment's Whoosh searcher
        self.reader = leaf.reader()
        self._postings: dict[tuple[str, Any], Postings] = {}
        self._sets: dict[int, tuple[wq.Query, set[int]]] = {}
        self._expanded: dict[int, tuple[wq.Query, wq.Query]] = {}

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

    def expanded(self, q: wq.MultiTerm) -> wq.Query:
        """A prefix or range as the terms it stands for in this segment (an Or)."""
        if id(q) not in self._expanded:
            self._expanded[id(q)] = (q, q.simplify(self.reader))
        return self._expanded[id(q)][1]

    def matches(self, q: wq.Query) -> set[int]:
        """The segment-relative doc numbers `q` matches (live documents only)."""
        if id(q) not in self._sets:  # the query is kept with its set, so its id stays its own
            self._sets[id(q)] = (q, self._match_set(q))
        return self._sets[id(q)][1]

    def _match_set(self, q: wq.Query) -> set[int]:
        if isinstance(q, wq.Or):
            return set().union(*(self.matches(sub) for sub in q.subqueries))
        if isinstance(q, wq.And):
            found = sorted((self.matches(sub) for sub in q.subqueries), key=len)
            return found[0].intersection(*found[1:])
        if isinstance(q, wq.AndNot):
            return self.matches(q.a) - self.matches(q.b)
        if isinstance(q, wq.Term):
            return set(self.postings(q.fieldname, q.text).ids)
        if isinstance(q, DateSpan):
            return set(q.doc_ids(self.reader))
        if isinstance(q, wq.Every) and q.fieldname is None:  # the whole index, or NOT x
            everything = set(range(self.reader.doc_count_all()))
            if self.reader.has_deletions():
                everything -= self.reader.deleted_docs_set
            return everything
        if isinstance(q, wq.Phrase):
            found = phrase_docs(q, self)
            if found is not None:
                return found
        if isinstance(q, wq.MultiTerm):  # prefixes and ranges: the terms they expand to here
            expanded = self.expanded(q)
            if expanded is not q:
                return self.matches(expanded)
        return set(matcher_ids(q.matcher(self.leaf, self.leaf.boolean_context())))
