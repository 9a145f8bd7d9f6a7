"""The Python API: ranked, filtered, faceted paragraph search over one index.

A `Searcher` holds one Whoosh searcher (one committed state of the index) and what is
worth keeping between queries at full-corpus scale: the doc sets of filters, the facet
arrays, the field lengths. Each search reads each term's postings once (`docsets`): its
matches as boolean masks, so the total is exact without re-running the query (as
`len(results)` in Whoosh does), and their BM25F scores from the same postings
(`scoring`), both vectorized with numpy over whole segments.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import datetime
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from cablesearch.cable import Cable, Paragraph
from cablesearch.engine import Engine, Query, any_term, best_of, every, is_every, term
from cablesearch.engine.compile import QueryCompiler, date_bounds
from cablesearch.engine.readers import Built, Lease
from cablesearch.index.documents import CABLE_ONLY
from cablesearch.index.fields import READ_BACK, split
from cablesearch.index.schema import tags_of
from cablesearch.search.bycable import best_per_cable
from cablesearch.search.citedby import Citations
from cablesearch.search.concordance import SORTS as KWIC_SORTS
from cablesearch.search.concordance import (
    WIDTH,
    Concordance,
    Line,
    contexts,
    occurrences,
    phrase_words,
)
from cablesearch.search.crosstab import CrossTab, cross_count
from cablesearch.search.errors import QueryError, UnknownRef
from cablesearch.search.facets import ALL_FACETS, PARAGRAPH_FACETS, FacetArrays, ordered
from cablesearch.search.querylang import Field, Node, Phrase, Range, Word, parse_query
from cablesearch.search.records import (
    EXPORTED_COLUMNS,
    Records,
    listed,
    minute,
    paragraph_ref,
    rows,
)
from cablesearch.search.refgraph import DIRECTIONS, MAX_NODES, CableCard, RefGraph, walk
from cablesearch.search.refs import (
    Ref,
    RefSyntaxError,
    parse_ref,
)
from cablesearch.search.results import Hit, SearchResult
from cablesearch.search.shown import Shown, select
from cablesearch.search.similar import MAX_CHECKED, NearDuplicates, Similar, SimilarResult
from cablesearch.search.snippets import make_snippet
from cablesearch.search.suggest import FEW_HITS, respelled
from cablesearch.search.timeline import UNITS, Timeline, count_timeline, months

SORTS = ("relevance", "date", "-date")
_LIKE_TERMS = 12  # a paragraph's most distinctive words that `similar` searches for
_LIKE_HITS = 100  # and how many of their best matches it compares
_CABLE_ID = re.compile(r"[0-9A-Z]+")
FILTERS = ("tag", "origin", "classification", "marking", "since", "until")
_SNIPPET_FIELDS = ("text", "subject")
_EPOCH = datetime(1900, 1, 1)  # dates become seconds since then, for sorting


class Searcher:
    """Search one index directory; use as a context manager (or call `close()`)."""

    def __init__(self, index_dir: str | Path) -> None:
        self.index_dir = Path(index_dir)
        self._engine = Engine(self.index_dir)  # IndexMissing where there is none
        # Every part reads through the calling thread's Whoosh searcher (see `reading`).
        # The domain modules that still read Whoosh themselves get it here.
        self._searcher = self._engine.whoosh
        # `FileIndex.schema` re-reads the table of contents on every access: read it once.
        self._compiler = QueryCompiler(self._engine.schema, self._engine.thread_reader())
        self._built = Built()
        self._facets = FacetArrays(self._engine)
        self._citations = Citations(self._engine)
        self._near = NearDuplicates(self._searcher)

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._engine.close()

    def reading(self) -> AbstractContextManager[None]:
        """Threads sharing this Searcher each call it inside `with searcher.reading():`,
        which lends the thread a Whoosh searcher of its own over the same commit (Whoosh's
        readers seek shared file handles) while the caches stay shared."""
        return self._engine.reading()

    def lease(self) -> Lease:
        """A Whoosh searcher kept for one user across threads (a streamed export reads
        its records from one thread, then another): `with lease.bound():` around each
        step, `lease.release()` at the end."""
        return self._engine.lease()

    # -- queries ---------------------------------------------------------------------

    def parse(self, query: str) -> Node:
        """The query as our own tree (`querylang` nodes), checked against this index: a
        QueryError says what is wrong and where, an unknown field or bad value too."""
        return self._parsed(query)[0]

    def _compiled(self, query: str) -> Query:
        """The engine's query this searcher runs for a query string."""
        return self._parsed(query)[1]

    def _parsed(self, query: str) -> tuple[Node, Query]:
        try:
            tree = parse_query(query)
            return tree, self._compiler.compile(tree).normalize()
        except RecursionError:  # the parser bounds nesting; this is the last guard
            raise QueryError("query nested too deeply") from None

    def _query(self, query: str | None, filters: Mapping[str, Any] | None
               ) -> tuple[Query, np.ndarray | None]:
        """The query and the mask of the docs the filters allow; filters alone (no query
        words) are a query of every paragraph they allow."""
        allowed = self._filter_docs(filters)
        if allowed is not None and not (query or "").strip():
            return every(), allowed
        return self._compiled(query or ""), allowed

    def _filter_docs(self, filters: Mapping[str, Any] | None) -> np.ndarray | None:
        """The mask of the docs the filters allow (each cached per searcher), None if
        unfiltered."""
        pairs: list[tuple[str, str]] = []
        for name, value in (filters or {}).items():
            if name not in FILTERS:
                raise QueryError(f"unknown filter '{name}' (known: {', '.join(FILTERS)})")
            values = [value] if isinstance(value, str) or value is None else list(value)
            if name == "tag":  # `--tag PHUM,PREL` is `--tag PHUM --tag PREL`
                values = [part.strip() for item in values if item is not None
                          for part in self._tag_list(str(item))]
            pairs += [(name, str(item)) for item in values if item not in (None, "")]
        _check_span(dict(pair for pair in pairs if pair[0] in ("since", "until")))
        docs: np.ndarray | None = None
        for pair in pairs:
            mask = self._built.get(("filter", *pair), partial(self._filter_mask, *pair))
            docs = mask if docs is None else docs & mask
        return docs

    def _filter_mask(self, name: str, value: str) -> np.ndarray:
        return self._engine.mask(self._filter_query(name, value).normalize())

    def _tag_list(self, value: str) -> list[str]:
        """`PHUM,KZ` and `PHUM, KZ` are two tags, but `CLINTON, HILLARY` is one where the
        index holds that tag (person tags are written so)."""
        if ", " in value and self._engine.doc_frequency("tags", value.lower()):
            return [value]
        return value.split(",")

    def _filter_query(self, name: str, value: str) -> Query:
        """A filter as the query field it stands for (`--tag PHUM` is `tag:PHUM`)."""
        if name in ("since", "until"):
            try:
                date_bounds(value, 1)
            except QueryError:
                raise QueryError(
                    f"bad date '{value}' for --{name} (write YYYY, YYYY-MM or YYYY-MM-DD)"
                ) from None
            # `--since 2008` is `created:[2008 TO *]`, `--until 2008` `created:[* TO 2008]`.
            span = Range(value, None, 1) if name == "since" else Range(None, value, 1)
            return self._compiler.compile(Field("created", span, 1))
        field = "class" if name == "classification" else name
        try:
            # A tag of words (`HUMAN RIGHTS`, `CLINTON, HILLARY`) is one value, as quoted.
            typed = Phrase(value, 1) if name == "tag" and " " in value else Word(value, 1)
            return self._compiler.compile(Field(field, typed, 1))
        except QueryError as error:
            raise QueryError(f"--{name}: {error}".replace(" at column 1", "")) from None

    def search(
        self,
        query: str | None,
        filters: Mapping[str, Any] | None = None,
        sort: str | None = None,
        limit: int = 10,
        offset: int = 0,
        facets: Sequence[str] = (),
        by_cable: bool = False,
        timeline: str | None = None,
        collapse_duplicates: bool = False,
    ) -> SearchResult:
        """Ranked hits, the exact total, and the requested facet counts.

        `filters` keys: tag (one or many, all required; `PHUM,PREL` is two), origin,
        classification, marking, since, until (dates as YYYY[-MM[-DD]]). With filters, the
        query may be empty: every paragraph they allow. `sort`: relevance (the default
        with a query), date (oldest first, the default for filters alone) or -date (newest
        first). With `by_cable`, each cable's best paragraph stands for it (its first
        matching one when sorting by date) and totals and facets count cables.
        `timeline` (year or month) adds every match's count per bucket. With
        `collapse_duplicates`, a paragraph near-identical to a better ranked match (shingle
        Jaccard >= 0.8) is left out, and each hit's `copies` says how many it stands for.
        """
        if timeline is not None and timeline not in UNITS:
            raise QueryError(f"unknown timeline '{timeline}' (use {', '.join(UNITS)})")
        if sort is not None and sort not in SORTS:
            raise QueryError(f"unknown sort '{sort}' (use {', '.join(SORTS)})")
        if limit < 0 or offset < 0:
            raise QueryError("limit and offset must not be negative")
        self._check_facets(facets)
        q, allowed = self._query(query, filters)
        sort = sort or ("date" if is_every(q) else "relevance")
        scored = sort == "relevance"
        segments = self._engine.new_pass()
        docs = matched = self._engine.matching(q, allowed, segments)
        counts: np.ndarray | None = None
        ranked: Callable[[int], list[tuple[int, float | None]]]
        if by_cable:
            scores = self._engine.scores(q, docs, segments) if scored else None
            kept, counts = best_per_cable(self._cable_codes()[docs], scores)
            docs = docs[kept]
            ranked = (partial(self._by_date, docs.tolist(), sort == "-date") if scores is None
                      else partial(best_of, docs, scores[kept]))
        elif scored:
            ranked = partial(self._engine.top, q, docs, allowed, segments=segments)
        else:
            ranked = partial(self._by_date, docs.tolist(), sort == "-date")
        copies: dict[int, int] = {}
        if collapse_duplicates:
            top, copies = self._near.collapse(ranked, docs, offset + limit)
            top = top[offset:]
        else:
            top = ranked(offset + limit)[offset:]
        terms = self._engine.highlight_terms(q, _SNIPPET_FIELDS)
        matches = {} if counts is None else {
            doc: int(counts[np.searchsorted(docs, doc)]) for doc, _ in top}
        hits = tuple(
            replace(hit, copies=copies[doc]) if collapse_duplicates else hit
            for hit, doc in ((self._hit(doc, score if scored else None, terms,
                                        matches.get(doc)), doc) for doc, score in top)
        )
        # By cable, a facet value counts the cables with a matching paragraph of that
        # value (every paragraph's, not only the best's): what a click on it leaves. A
        # cable's own value is the same on all its paragraphs: its best one is counted.
        groups = self._cable_codes() if by_cable else None
        facet_counts = {name: self._facet(name, matched, groups) if by_cable
                        and name in PARAGRAPH_FACETS else self._facet(name, docs, None)
                        for name in facets}
        dates = self._timeline(docs, timeline) if timeline else None
        better = self.did_you_mean(query, filters) if len(docs) < FEW_HITS else None
        return SearchResult(len(docs), hits, facet_counts, by_cable, dates, better)

    def did_you_mean(self, query: str | None, filters: Mapping[str, Any] | None = None
                     ) -> str | None:
        """The query with its rare words respelled from the index's own words, if that
        finds more paragraphs (with the same filters); else None."""
        if query is None or not query.strip():
            return None
        better = respelled(query, parse_query(query), self._compiler, self._engine)
        if better is None:
            return None
        allowed = self._filter_docs(filters)
        try:
            found = len(self._engine.matching(self._compiled(better), allowed))
        except QueryError:  # a suggestion never breaks the search it is offered for
            return None
        before = len(self._engine.matching(self._compiled(query), allowed))
        return better if found > before else None

    def facets(
        self,
        query: str | None = None,
        by: str = "tag",
        limit: int | None = 20,
        by_cable: bool = False,
        filters: Mapping[str, Any] | None = None,
    ) -> list[tuple[str, int]]:
        """Counts of one facet over the matching paragraphs (or cables); all when no query."""
        self._check_facets([by])
        q = self._compiled(query) if query and query.strip() else every()
        docs = self._engine.matching(q, self._filter_docs(filters))
        groups = self._cable_codes() if by_cable else None
        return self._facet(by, docs, groups, limit)

    def export(self, query: str | None, filters: Mapping[str, Any] | None = None,
               sort: str | None = None) -> Iterator[dict]:
        """Every matching paragraph's record (`export.RECORD_FIELDS`: the hit's fields,
        the whole text, URLs, the cable's fields), in `sort` order (as `search` sorts),
        made one at a time as the iterator is read: only the ordered doc numbers and
        scores are held."""
        if sort is not None and sort not in SORTS:
            raise QueryError(f"unknown sort '{sort}' (use {', '.join(SORTS)})")
        q, allowed = self._query(query, filters)
        sort = sort or ("date" if is_every(q) else "relevance")
        segments = self._engine.new_pass()
        docs = self._engine.matching(q, allowed, segments)
        if sort != "relevance":
            stamps = self._stamps()[docs]
            if sort == "-date":
                stamps = np.where(np.isinf(stamps), stamps, -stamps)
            return self._records(docs[np.lexsort((docs, stamps))], None)
        scores = self._engine.scores(q, docs, segments)
        order = np.lexsort((docs, -scores))
        return self._records(docs[order], scores[order])

    def _records(self, docs: np.ndarray, scores: np.ndarray | None) -> Records:
        """The records of `docs` in order (`records.rows`), each cable's first document
        and its columns from per-searcher arrays."""
        columns = [self._facets.cable_coded(column, convert, name=f"{column} as exported")
                   for column, convert in EXPORTED_COLUMNS]
        return Records(rows(docs, scores, self._engine.stored_batches(),
                            self._engine.first_docs(), self._engine.heads(), columns))

    def _stamps(self) -> np.ndarray:
        """Per doc, seconds from 1900 to its creation, inf where undated (`_timestamps`'
        keys as an array)."""
        codes, table = self._facets.coded("created", _seconds, name="created")
        return np.asarray(table, dtype=float)[codes]

    def kwic(self, phrase: str, query: str | None = None,
             filters: Mapping[str, Any] | None = None, width: int = WIDTH,
             sort: str = "date", limit: int | None = None) -> Concordance:
        """Every occurrence of a word or phrase in paragraph text, one `Line` each (the
        first `limit`), among the paragraphs `query` and `filters` also match. `sort`:
        date (oldest first, then by place in the cable), left or right (by the context's
        words, nearest first). Lines sorted by date are read only as far as `limit`."""
        if sort not in KWIC_SORTS:
            raise QueryError(f"unknown sort '{sort}' (use {', '.join(KWIC_SORTS)})")
        if width < 1 or (limit is not None and limit < 0):
            raise QueryError("width must be positive and limit not negative")
        words = phrase_words(phrase)
        if not words:
            raise QueryError(f"'{phrase}' has no word to look for")
        extra = self._compiled(query) if query and query.strip() else None
        allowed = self._filter_docs(filters)
        docs, total = self._engine.phrase_docs("text", words, extra, allowed)
        ordered = docs[np.lexsort((docs, self._stamps()[docs]))]
        lines = self._kwic_lines(ordered, words, width)
        if sort == "date":
            picked = list(islice(lines, limit))
        else:
            picked = sorted(lines, key=lambda line: line.sort_key(sort))[:limit]
        return Concordance(phrase, total, len(docs), tuple(picked))

    def _kwic_lines(self, docs: np.ndarray, words: list[str], width: int) -> Iterator[Line]:
        for doc in docs.tolist():
            fields = self._engine.stored(doc)
            text = fields.get("text") or ""
            found = contexts(text, occurrences(text, words), width)
            if not found:
                continue
            ref = paragraph_ref(fields)
            created = minute(self._engine.column(doc, "created"))
            for left, match, right in found:
                yield Line(ref, fields["cable"], fields["seq"], created, fields.get("marking"),
                           left, match, right)

    def timeline(self, query: str | None = None, unit: str = "year",
                 filters: Mapping[str, Any] | None = None, by_cable: bool = False
                 ) -> Timeline:
        """Matching paragraphs (or cables) per year or month; all when no query."""
        if unit not in UNITS:
            raise QueryError(f"unknown timeline '{unit}' (use {', '.join(UNITS)})")
        q = self._compiled(query) if query and query.strip() else every()
        docs = self._engine.matching(q, self._filter_docs(filters))
        if by_cable:  # a cable's paragraphs share its date: count one of each
            docs = docs[np.unique(self._cable_codes()[docs], return_index=True)[1]]
        return self._timeline(docs, unit)

    def _timeline(self, docs: Sequence[int] | np.ndarray, unit: str) -> Timeline:
        return count_timeline(self._built.get("months", partial(months, self._facets)),
                              docs, unit)

    def crosstab(self, query: str | None = None, by: tuple[str, str] = ("origin", "year"),
                 filters: Mapping[str, Any] | None = None, by_cable: bool = False
                 ) -> CrossTab:
        """How many matching paragraphs (or cables) have each pair of values of two
        facets (`origin` by `year`); all paragraphs when no query."""
        if len(by) != 2:
            raise QueryError("a cross-tabulation takes two facets, e.g. origin,year")
        self._check_facets(by)
        q = self._compiled(query) if query and query.strip() else every()
        docs = self._engine.matching(q, self._filter_docs(filters))
        return cross_count(self._facets, (by[0], by[1]), docs,
                           self._cable_codes() if by_cable else None)

    @staticmethod
    def _check_facets(facets: Iterable[str]) -> None:
        for name in facets:
            if name not in ALL_FACETS:
                raise QueryError(f"unknown facet '{name}' (use {', '.join(ALL_FACETS)})")

    def _by_date(self, docs: list[int], newest_first: bool, keep: int
                 ) -> list[tuple[int, float | None]]:
        """The first `keep` (doc, None) by date; ties in index order.

        The keys are built by zip/map so that choosing among 300k matches stays in C."""
        stamps = self._timestamps(newest_first)
        return [(doc, None) for _, doc in
                heapq.nsmallest(keep, zip(map(stamps.__getitem__, docs), docs, strict=True))]

    def _facet(self, name: str, docs: Sequence[int] | np.ndarray, groups: np.ndarray | None,
               limit: int | None = None) -> list[tuple[str, int]]:
        return ordered(name, self._facets.count(name, docs, groups), limit)

    def _cable_codes(self) -> np.ndarray:
        """Each doc's cable as a code, one per distinct cable."""
        return self._facets.coded("cable", _same)[0]

    def _timestamps(self, newest_first: bool) -> list[float]:
        """Per doc, a sort key from its creation date; undated documents sort last."""
        if not newest_first:
            return self._facets.column("created", _seconds, name="created")
        return self._facets.column(
            "created", lambda value: -_seconds(value) if value else math.inf,
            name="created, newest first")

    # -- hits and cables -------------------------------------------------------------

    def highlight_terms(self, query: str) -> frozenset[str]:
        """The text and subject terms a query string looks for, to mark them in a whole
        cable reached from a search (`snippets.mark_terms`)."""
        return self._engine.highlight_terms(self._compiled(query), _SNIPPET_FIELDS)

    def _hit(self, doc: int, score: float | None, terms: frozenset[str],
             matches: int | None) -> Hit:
        """A hit: the paragraph's stored fields, its columns, and its cable's first
        document's stored fields (cable fields are stored there only)."""
        fields = self._engine.stored(doc)
        first = self._engine.first(doc)
        head = fields if first == doc else self._engine.stored(first)
        cable, number = fields["cable"], fields.get("number")
        return Hit(
            ref=paragraph_ref(fields),
            cable=cable,
            number=number,
            seq=fields["seq"],
            marking=fields.get("marking"),
            level=fields.get("level"),
            subject=head.get("subject"),
            created=minute(self._engine.column(doc, "created")),
            origin=head.get("origin"),
            tags=tags_of(self._engine.column(doc, "tags")),
            score=score,
            snippet=make_snippet(fields.get("text") or "", terms),
            matches=matches,
            text=fields.get("text") or "",
            cited_by=self._citations.count(cable),
        )

    def show(self, ref: str | Ref, context: int | None = None) -> Shown:
        """A whole cable (`08ASTANA1111`), or the paragraphs one ref cites (`¶3`,
        `¶10.2`, `¶-`, `¶¶3-5`, a WikiLeaks URL: see `search.refs`) with `context`
        paragraphs either side. Several refs: `parse_refs`, then one `show` each."""
        if isinstance(ref, str):
            try:
                ref = parse_ref(ref)
            except RefSyntaxError as error:
                raise UnknownRef(str(error)) from None
        shown = select(self.cable(ref.cable), ref.selectors, context or 0)
        return replace(shown, cited_by=self.cited_by(shown.cable.id))

    def cable(self, cable_id: str) -> Cable:
        """A cable rebuilt from its paragraph documents, paragraphs in order."""
        cable_id = cable_id.strip().upper()
        docs = self._engine.docs_of(term("cable", cable_id))
        if not docs:
            raise UnknownRef(f"{cable_id}: no such cable in the index")
        return self._rebuilt([(self._engine.stored(d), d) for d in docs])

    def cables(self) -> Iterator[Cable]:
        """Every cable in the index, in index order, one at a time (an export of the whole
        index runs in constant memory): a cable's documents are consecutive."""
        group: list[tuple[dict, int]] = []
        for doc, fields in self._engine.all_stored():
            if group and fields["cable"] != group[0][0]["cable"]:
                yield self._rebuilt(group)
                group = []
            group.append((fields, doc))
        if group:
            yield self._rebuilt(group)

    def _rebuilt(self, documents: list[tuple[dict, int]]) -> Cable:
        """A cable from its paragraph documents' stored fields: the cable fields from the
        first one's stored fields and columns."""
        stored = sorted(documents, key=lambda pair: pair[0]["seq"])
        first, first_doc = stored[0]
        values: dict[str, Any] = {}
        for attribute, field in READ_BACK.items():  # the cable fields the index keeps
            value = (first.get(field.name) if field.stored != "no"
                     else self._engine.column(first_doc, field.name))
            values[attribute] = (split(field, value) if field.separator
                                 else minute(value) if field.kind == "date" else value)
        return Cable(
            id=first["cable"],
            **values,
            paragraphs=tuple(
                Paragraph(
                    seq=fields["seq"],
                    number=fields.get("number"),
                    text=fields.get("text") or "",
                    marking=fields.get("marking"),
                    level=fields.get("level"),
                    caveats=listed(fields, "caveats"),
                )
                for fields, _ in stored if fields.get("kind") != CABLE_ONLY
            ),
        )

    # -- references ------------------------------------------------------------------

    def refs(self, cable_id: str, depth: int = 1, direction: str = "both",
             max_nodes: int = MAX_NODES) -> RefGraph:
        """The references graph around a cable: the cables it cites (its REF lines) and
        the indexed cables citing it, to `depth` steps, each direction (`cites`,
        `cited-by`, `both`) followed outwards; at most `max_nodes` cables."""
        root = cable_id.strip().upper()
        if not _CABLE_ID.fullmatch(root):
            raise UnknownRef(f"'{cable_id}' is not a cable id (write e.g. 08ASTANA1111)")
        if depth < 0 or max_nodes < 1:
            raise QueryError("depth must not be negative, nor max_nodes below 1")
        if direction not in DIRECTIONS:
            raise QueryError(f"unknown direction '{direction}' (use {', '.join(DIRECTIONS)})")
        graph = walk(root, depth, direction, self._citations.card, self._citations.citers,
                     max_nodes)
        if not graph.nodes[0].in_index and not self._citations.count(root):
            raise UnknownRef(f"{root}: no such cable in the index, and no indexed cable "
                             "cites it")
        return graph

    def cited_by(self, cable_id: str) -> tuple[CableCard, ...]:
        """The indexed cables whose REF lines name `cable_id`, oldest first."""
        return self._citations.citing(cable_id)

    # -- near-duplicates -------------------------------------------------------------

    def similar(self, ref: str, limit: int = 10, min_similarity: float = 0.0
                ) -> SimilarResult:
        """The paragraphs sharing most wording with the one `ref` cites (`08ASTANA1111
        ¶3`), most similar first: the Jaccard similarity of their 3-word shingle sets, at
        least `min_similarity` and above 0 (a shared phrase); `near_duplicate` from 0.8.
        Compared are the paragraphs sharing a MinHash band with it (its near-copies) and
        the best matches of its most distinctive words (talking points reworded)."""
        if limit < 1:
            raise QueryError("limit must be at least 1")
        if not 0.0 <= min_similarity <= 1.0:
            raise QueryError(f"min similarity {min_similarity} is not between 0 and 1")
        doc = self._paragraph_doc(ref)
        checked = list(dict.fromkeys([*self._near.candidates(doc)[:MAX_CHECKED].tolist(),
                                      *self._sharing_terms(doc)]))
        scored = sorted((pair for pair in self._near.scored(doc, checked)
                         if pair[1] > 0 and pair[1] >= min_similarity),
                        key=lambda pair: -pair[1])
        found = tuple(Similar(self._hit(other, None, frozenset(), None), similarity)
                      for other, similarity in scored[:limit])
        return SimilarResult(self._hit(doc, None, frozenset(), None), found, len(checked))

    def _paragraph_doc(self, ref: str) -> int:
        """The document of the one paragraph `ref` cites."""
        try:
            parsed = parse_ref(ref)
        except RefSyntaxError as error:
            raise UnknownRef(str(error)) from None
        shown = select(self.cable(parsed.cable), parsed.selectors)
        if len(shown.cited) != 1:
            what = f"names {len(shown.cited)} paragraphs" if shown.cited else "is a whole cable"
            raise UnknownRef(f"'{ref}' {what}: cite one paragraph, e.g. "
                             f"{shown.cable.id} ¶{_first_number(shown)}")
        # A cable's documents are consecutive, in seq order (see `cablewide`).
        first = min(self._engine.docs_of(term("cable", shown.cable.id)))
        seqs = [paragraph.seq for paragraph in shown.cable.paragraphs]
        return first + seqs.index(shown.cited[0])

    def _sharing_terms(self, doc: int) -> list[int]:
        """The best matches of the paragraph's most distinctive words (tf-idf), itself left
        out: paragraphs on the same matter in other words."""
        text = self._engine.stored(doc).get("text") or ""
        total = self._engine.doc_count()
        counts = Counter(self._engine.index_terms("text", text))
        weights = {word: count * math.log(total / (1 + self._engine.doc_frequency("text", word)))
                   for word, count in counts.items()}
        best = sorted(weights, key=lambda word: -weights[word])[:_LIKE_TERMS]
        if not best:
            return []
        q = any_term("text", best)
        segments = self._engine.new_pass()
        docs = self._engine.matching(q, None, segments)
        return [other for other, _ in self._engine.top(q, docs, None, _LIKE_HITS + 1, segments)
                if other != doc]


def _check_span(dates: dict[str, str]) -> None:
    """`--since` after `--until` matches nothing: say so rather than answer 0 hits."""
    if len(dates) == 2:
        try:
            low, high = date_bounds(dates["since"], 1)[0], date_bounds(dates["until"], 1)[1]
        except QueryError:
            return  # the filter itself says what is wrong with its date
        if low > high:
            raise QueryError(f"--since {dates['since']} is after --until {dates['until']}")


def _seconds(value: datetime | None) -> float:
    return (value - _EPOCH).total_seconds() if value else math.inf

def _first_number(shown: Shown) -> str:
    numbers = [p.number for p in shown.cable.paragraphs if p.number is not None]
    return str(numbers[0]) if numbers else "-"


def _same(value: Any) -> Any:
    return value

