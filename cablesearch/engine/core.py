"""`Engine`: the one door through which the domain reaches the index on the query side.

It holds one committed state of the index (Whoosh searchers over it, one for each
thread reading at the same time: `readers`) and answers in global doc
numbers and numpy arrays: which documents a query matches (`matching`), their scores
(`scores`), the best of them (`top`), a document's column values and stored fields. Each
term's postings are read once per search (`Pass`: one `SegmentDocs` per segment) and
shared by matching, phrases and scoring; where our BM25F does not reproduce a node,
Whoosh's own matchers score it, here and nowhere else.
"""

from __future__ import annotations

import bisect
import heapq
import operator
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, cast

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher as WhooshSearcher

from cablesearch.engine.cablewide import first_docs, heads
from cablesearch.engine.citedby import citing_docs
from cablesearch.engine.doccodes import Codes, column_codes, term_codes
from cablesearch.engine.docsets import SegmentDocs
from cablesearch.engine.docvalues import DocValues
from cablesearch.engine.highlight import positive_terms
from cablesearch.engine.kind import Unsupported
from cablesearch.engine.readers import Built, Lease, Readers, ThreadReader, ThreadSearcher
from cablesearch.engine.scoring import Bm25
from cablesearch.engine.storedfields import StoredFields
from cablesearch.index.positions import CompactPositions
from cablesearch.index.store import IndexMissing, open_index

# Without our BM25: up to this many matches, score each directly; more, by Whoosh's
# top-N collector (it skips postings blocks that cannot enter the top).
SCORE_DIRECTLY = 10_000

# One search's segments: each one's postings and match sets, with its doc offset.
Pass = list[tuple[SegmentDocs, int]]


class Engine:
    """One committed state of an index, read by the query side; `close()` when done."""

    def __init__(self, index_dir: str | Path) -> None:
        self._index = open_index(Path(index_dir))  # IndexMissing where there is none
        first = self._index.searcher()
        # `FileIndex.schema` re-reads the table of contents on every access: read it once.
        self.schema = first.schema
        _check_positions(self.schema)
        self._readers = Readers(self._index, first)
        # Every read goes through the calling thread's Whoosh searcher (`reading`); the
        # domain modules that still read Whoosh themselves get it here.
        self.whoosh = cast(WhooshSearcher, ThreadSearcher(self._readers))
        self._built = Built()
        self._bm25 = Bm25(self.whoosh)
        self._values = DocValues(self.whoosh)

    def close(self) -> None:
        self._readers.close()
        self._index.close()

    def reading(self) -> AbstractContextManager[None]:
        """Threads sharing this engine each read inside `with engine.reading():`, which
        lends the thread a Whoosh searcher of its own over the same commit (Whoosh's
        readers seek shared file handles) while the caches stay shared."""
        return self._readers.reading()

    def lease(self) -> Lease:
        """A Whoosh searcher kept for one user across threads (`readers.Lease`)."""
        return self._readers.lease()

    def thread_reader(self) -> ThreadReader:
        """A stand-in for the calling thread's Whoosh reader (for the query compiler)."""
        return ThreadReader(self._readers)

    # -- matching --------------------------------------------------------------------

    def doc_count(self) -> int:
        """Documents in the index, deleted ones included: doc numbers run below it."""
        return self.whoosh.doc_count_all()

    def new_pass(self) -> Pass:
        """Fresh per-segment state for one search (postings and masks read once)."""
        return [(SegmentDocs(leaf), offset) for leaf, offset in self.whoosh.leaf_searchers()]

    def matching(self, q: wq.Query, allowed: np.ndarray | None = None,
                 segments: Pass | None = None) -> np.ndarray:
        """Every matching doc number, ascending, from each segment's postings (as masks,
        or doc numbers for a rare term): no scoring, and no Python step per match through
        Whoosh's matchers. `allowed`: a mask over all docs (filters), or None."""
        found = [np.zeros(0, dtype=np.int64)]
        for segment, offset in segments or self.new_pass():
            docs = segment.found(q) + offset
            found.append(docs if allowed is None else docs[allowed[docs]])
        return np.concatenate(found)

    def mask(self, q: wq.Query) -> np.ndarray:
        """The mask over all docs of those `q` matches (deleted ones never)."""
        return np.concatenate([np.zeros(0, dtype=bool)]
                              + [segment.matches(q) for segment, _ in self.new_pass()])

    # -- scoring ---------------------------------------------------------------------

    def scores(self, q: wq.Query, docs: np.ndarray, segments: Pass | None = None,
               fallback: bool = True) -> np.ndarray:
        """The score of each of the (global, ascending) matching `docs`: our BM25F, or
        Whoosh's matchers where it does not reproduce a node (equal to the last bit).
        Without `fallback`, such a node raises `Unsupported` instead."""
        try:
            return self._bm25_scores(q, docs, segments or self.new_pass())
        except Unsupported:
            if not fallback:
                raise
            return np.asarray(self._whoosh_scores(q, docs.tolist()), dtype=float)

    def top(self, q: wq.Query, docs: np.ndarray, allowed: np.ndarray | None, keep: int,
            segments: Pass | None = None) -> list[tuple[int, float | None]]:
        """The `keep` best (doc, score) of the matching `docs`, as Whoosh ranks them
        (ties in doc order).

        Every match is scored by our BM25F from the postings already read, which gives
        Whoosh's own scores (`best_of` picks the best)."""
        if keep == 0 or not len(docs):
            return []
        try:
            scores = self._bm25_scores(q, docs, segments or self.new_pass())
        except Unsupported:
            return self._whoosh_top(q, docs, allowed, keep)
        return best_of(docs, scores, keep)

    def _bm25_scores(self, q: wq.Query, docs: np.ndarray, segments: Pass) -> np.ndarray:
        """Our BM25F score of each of the (global, ascending) `docs`."""
        scores = [np.zeros(0)]
        for segment, offset in segments:
            start, end = np.searchsorted(docs, [offset, offset + segment.size])
            if start < end:
                scores.append(self._bm25.scores(q, segment, docs[start:end] - offset))
        return np.concatenate(scores)

    def _whoosh_top(self, q: wq.Query, docs: np.ndarray, allowed: np.ndarray | None,
                    keep: int) -> list[tuple[int, float | None]]:
        """The top by Whoosh alone, for queries our BM25 does not reproduce: few matches
        scored directly, many by Whoosh's top-N collector. Both give the same hits as
        scoring all."""
        if len(docs) > SCORE_DIRECTLY:
            allowed_set = None if allowed is None else set(np.flatnonzero(allowed).tolist())
            results = self.whoosh.search(q, limit=keep, filter=allowed_set)
            return [(doc, score) for score, doc in results.top_n]
        return best_of(docs, np.asarray(self._whoosh_scores(q, docs.tolist()), dtype=float),
                       keep)

    def _whoosh_scores(self, q: wq.Query, docs: Sequence[int]) -> list[float]:
        """Whoosh's score of each of the (global, ascending) matching `docs`, its matcher
        skipping from one to the next."""
        context = self.whoosh.context(needs_current=True)
        scores: list[float] = []
        for leaf, offset in self.whoosh.leaf_searchers():
            start = bisect.bisect_left(docs, offset)
            end = bisect.bisect_left(docs, offset + leaf.doc_count_all())
            if start == end:
                continue
            matcher = q.matcher(leaf, context)
            for doc in docs[start:end]:
                matcher.skip_to(doc - offset)
                scores.append(matcher.score())
        return scores

    # -- phrases and highlighting ----------------------------------------------------

    def phrase_docs(self, field: str, words: list[str], extra: wq.Query | None,
                    allowed: np.ndarray | None, segments: Pass | None = None
                    ) -> tuple[np.ndarray, int]:
        """The docs holding the phrase of analyzed `words` in `field` (one word: the
        term) that `extra` also matches and `allowed` allows, and its occurrences in
        them, in one pass over the indexed positions."""
        extra = extra.normalize() if extra is not None else None
        docs, total = [np.zeros(0, dtype=np.int64)], 0
        for segment, offset in segments or self.new_pass():
            ids, counts = segment.phrase_counts(field, words)
            keep = segment.live()[ids]
            if extra is not None:
                keep &= segment.matches(extra)[ids]
            if allowed is not None:
                keep &= allowed[ids + offset]
            docs.append(ids[keep] + offset)
            total += int(counts[keep].sum())
        return np.concatenate(docs), total

    def highlight_terms(self, q: wq.Query, fields: Sequence[str]) -> frozenset[str]:
        """The terms of `fields` the query looks for (not those it excludes)."""
        return positive_terms(q, self.whoosh.reader(), fields)

    # -- documents -------------------------------------------------------------------

    def stored(self, doc: int) -> dict[str, Any]:
        """One document's stored fields."""
        return self.whoosh.ixreader.stored_fields(doc)

    def stored_batches(self) -> StoredFields:
        """A reader of many documents' stored fields at once, in doc order."""
        return StoredFields([(leaf.reader(), offset)
                             for leaf, offset in self.whoosh.leaf_searchers()])

    def all_stored(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every live document's number and stored fields, in index order."""
        return self.whoosh.reader().iter_docs()

    def first(self, doc: int) -> int:
        """The first paragraph document of `doc`'s cable."""
        return self._values.first(doc)

    def first_docs(self) -> np.ndarray:
        """Each doc's cable's first document, for every doc at once (kept)."""
        return self._built.get("firsts", lambda: first_docs(
            [(leaf.reader(), offset) for leaf, offset in self.whoosh.leaf_searchers()]))

    def heads(self) -> np.ndarray:
        """Every cable's first document, in doc order (kept): where its cable-wide
        fields are."""
        return self._built.get("heads", lambda: heads(self.first_docs()))

    def column(self, doc: int, name: str) -> Any:
        """The document's value in column `name`, None where it has none."""
        return self._values.column(doc, name)

    def docs_of(self, q: wq.Query) -> list[int]:
        """The live docs `q` matches, through Whoosh's own matchers, in doc order (for
        a cable's few documents)."""
        return list(self.whoosh.docs_for_query(q))

    def column_codes(self, column: str, docs: np.ndarray | None = None
                     ) -> tuple[np.ndarray, list[Any]]:
        """Each doc's code in `column` (or each of `docs`', sorted) and each code's value
        (None: no value), for counting values over many docs at once (`doccodes`)."""
        return column_codes(self.whoosh, column, docs)

    def term_codes(self, field: str) -> Codes:
        """Each doc's code for its set of `field` terms (upper case), and each code's set,
        from the field's postings (a field without a column)."""
        return term_codes(self.whoosh, field)

    def citing_docs(self, cable_id: str) -> list[int]:
        """The first paragraph documents of the indexed cables citing `cable_id`."""
        return list(citing_docs(self.whoosh, cable_id))

    def doc_frequency(self, field: str, text: str) -> int:
        """How many documents hold the term (deleted ones included)."""
        return self.whoosh.reader().doc_frequency(field, text)

    def surface_forms(self, field: str, term: str, samples: int) -> set[str]:
        """The words (lower case) the first `samples` documents holding `term` in
        `field` wrote for it: terms are stems (`minist`), a user reads words."""
        schema_field = self.schema[field]
        analyzer = schema_field.analyzer
        reader = self.whoosh.reader()
        postings = reader.postings(field, schema_field.to_bytes(term))
        forms: set[str] = set()
        for _ in range(samples):
            if not postings.is_active():
                break
            text = reader.stored_fields(postings.id()).get(field) or ""
            # `keeporiginal` sets each token's `original`: the word as written.
            tokens = analyzer(text, keeporiginal=True, mode="index")
            forms.update(token.original.lower() for token in tokens if token.text == term)
            postings.next()
        return forms

    def index_terms(self, field: str, text: str) -> list[str]:
        """The terms the field's analyzer makes of `text` as it indexes it."""
        return list(self.whoosh.schema[field].process_text(text, mode="index"))


def _check_positions(schema: Any) -> None:
    """Phrases and proximity read positions in our format only (`CompactPositions`,
    which every index of this version writes): an index of an older one is refused."""
    for name, field in schema.items():
        fmt = field.format
        if fmt is not None and fmt.supports("positions") and not isinstance(
                fmt, CompactPositions):
            raise IndexMissing(f"this index keeps the word positions of '{name}' in an "
                               "older format: rebuild it with "
                               "`cablesearch index PATH... --rebuild`")


def best_of(docs: np.ndarray, scores: np.ndarray, keep: int
            ) -> list[tuple[int, float | None]]:
    """The `keep` best (doc, score) of (ascending) `docs`, ties in index order: a partition
    picks those at or above the `keep`-th best score, and only they are sorted (by keys
    built with zip/map, so that choosing stays in C)."""
    if keep == 0:
        return []
    if keep < len(scores):
        best = scores >= np.partition(scores, len(scores) - keep)[len(scores) - keep]
        docs, scores = docs[best], scores[best]
    top = heapq.nlargest(keep, zip(scores.tolist(), map(operator.neg, docs.tolist()),
                                   strict=True))
    return [(-negdoc, score) for score, negdoc in top]
