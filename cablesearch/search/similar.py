"""Near-duplicate and like paragraphs, from the MinHash bands each paragraph document
carries (`index.minhash`), checked on the paragraphs' own text.

The bands of every document are read once per searcher into one (documents, BANDS)
array; a paragraph's candidates are the documents agreeing with it on any band, found by
one vectorized comparison, and each candidate's similarity is then the exact Jaccard of
the two shingle sets. A deleted document (a replaced cable's old version) gets no bands.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from cablesearch.engine.internals import fixed_bytes_column
from cablesearch.index.minhash import BANDS, NEAR_DUPLICATE, decode, jaccard, shingles
from cablesearch.index.store import IndexMissing
from cablesearch.search.results import Hit

COLUMN = "minhash"
# Candidates checked on their text, most agreeing bands first: a boilerplate paragraph
# ("Classified by ...") has thousands of near-copies, and their similarities are alike.
MAX_CHECKED = 2_000
_SHINGLE_CACHE = 50_000  # paragraphs whose shingles are kept between queries


@dataclass(frozen=True)
class Similar:
    """A paragraph like the one asked about: `similarity` is the Jaccard similarity of
    their 3-word shingle sets (1.0: the same words in the same order), `near_duplicate`
    when it is at least 0.8."""

    hit: Hit
    similarity: float

    @property
    def near_duplicate(self) -> bool:
        return self.similarity >= NEAR_DUPLICATE

    def to_json(self) -> dict:
        return {**self.hit.to_json(), "similarity": round(self.similarity, 4),
                "near_duplicate": self.near_duplicate}


@dataclass(frozen=True)
class SimilarResult:
    """The paragraph asked about (`of`), and the paragraphs most like it, most similar
    first; `checked` paragraphs were compared on their text."""

    of: Hit
    similar: tuple[Similar, ...]
    checked: int

    def to_json(self) -> dict:
        return {"of": self.of.to_json(), "checked": self.checked,
                "similar": [item.to_json() for item in self.similar]}


class NearDuplicates:
    """The band array of one Whoosh searcher, and text checks of candidates."""

    def __init__(self, searcher: Any) -> None:
        self._searcher = searcher
        self._bands: np.ndarray | None = None
        self._building = threading.Lock()
        self._shingles: dict[int, frozenset[int]] = {}

    @property
    def bands(self) -> np.ndarray:
        """Each band's key for every global document, band by band ((BANDS, documents):
        one band's keys are contiguous, so comparing a key with all of them is one fast
        pass); a zero key never matches."""
        if self._bands is None:
            with self._building:  # built once when threads ask together
                if self._bands is None:
                    parts = [np.zeros((0, BANDS), dtype=np.uint32)]
                    for leaf, _offset in self._searcher.leaf_searchers():
                        parts.append(_segment_bands(leaf.reader()))
                    self._bands = np.ascontiguousarray(np.concatenate(parts).T)
        return self._bands

    def shingles(self, doc: int) -> frozenset[int]:
        found = self._shingles.get(doc)
        if found is None:
            if len(self._shingles) >= _SHINGLE_CACHE:
                self._shingles.clear()
            text = self._searcher.stored_fields(doc).get("text") or ""
            found = self._shingles[doc] = shingles(text)
        return found

    def candidates(self, doc: int, among: tuple[np.ndarray, np.ndarray] | None = None
                   ) -> np.ndarray:
        """Documents sharing a band with `doc`, most agreeing bands first (then in index
        order), `doc` itself left out; only those of `among` (documents, their bands:
        `subset`) when given."""
        keys = self.bands[:, doc]
        if not keys.any():
            return np.zeros(0, dtype=np.int64)
        docs, rows = among if among is not None else (None, self.bands)
        found = np.concatenate([np.flatnonzero(rows[band] == key)
                                for band, key in enumerate(keys.tolist())])
        found, agree = np.unique(found, return_counts=True)
        found = found[np.argsort(-agree, kind="stable")]
        if docs is not None:
            found = docs[found]
        return found[found != doc]

    def subset(self, docs: Sequence[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Documents with their bands, for `candidates` among them."""
        docs = np.asarray(docs, dtype=np.int64)
        return docs, np.ascontiguousarray(self.bands[:, docs])

    def scored(self, doc: int, others: Sequence[int]) -> list[tuple[int, float]]:
        """(other, Jaccard similarity with `doc`) for each of `others`."""
        mine = self.shingles(doc)
        return [(other, jaccard(mine, self.shingles(other))) for other in others]

    def copies(self, doc: int, among: tuple[np.ndarray, np.ndarray] | None = None
               ) -> list[int]:
        """The near-duplicates of `doc` (of `among`, else all): Jaccard at least 0.8."""
        checked = self.candidates(doc, among)[:MAX_CHECKED].tolist()
        return [other for other, similarity in self.scored(doc, checked)
                if similarity >= NEAR_DUPLICATE]

    def collapse(self, ranked: Callable[[int], list[tuple[int, float | None]]],
                 docs: Sequence[int] | np.ndarray, keep: int
                 ) -> tuple[list[tuple[int, float | None]], dict[int, int]]:
        """The first `keep` of the ranked matches once each near-duplicate of a better
        ranked match is left out, and how many matches each one stands for."""
        matched = self.subset(docs)
        want = keep * 2 + 10
        copies: dict[int, list[int]] = {}
        while True:
            order = ranked(want)
            shown: list[tuple[int, float | None]] = []
            absorbed: set[int] = set()
            for doc, score in order:
                if doc in absorbed:
                    continue
                if doc not in copies:
                    copies[doc] = self.copies(doc, matched)
                absorbed.update(copies[doc])
                shown.append((doc, score))
                if len(shown) == keep:
                    break
            if len(shown) == keep or len(order) < want:
                return shown, {doc: len(copies[doc]) for doc, _ in shown}
            want *= 4


def _segment_bands(reader: Any) -> np.ndarray:
    """One segment's band rows, read as one block (`engine.internals.fixed_bytes_column`:
    the values written, the default past them)."""
    size = reader.doc_count_all()
    if not size:  # a writer process that was handed no cable writes an empty segment
        return np.zeros((0, BANDS), dtype=np.uint32)
    if COLUMN not in reader.schema or not reader.has_column(COLUMN):
        raise IndexMissing("this index has no paragraph fingerprints (it was built by an older "
                           "cablesearch): rebuild it with `cablesearch index PATH... --rebuild`")
    column = reader.column_reader(COLUMN, translate=False)
    raw, count, _ = fixed_bytes_column(column, size)
    rows = np.zeros((size, BANDS), dtype=np.uint32)
    rows[:count] = decode(raw, count)
    if reader.has_deletions():
        rows[np.fromiter(reader.deleted_docs_set, dtype=np.int64)] = 0
    return rows
