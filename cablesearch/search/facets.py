"""Facet counts from per-searcher arrays, not from Whoosh's per-search facets.

Whoosh's `FieldFacet` rebuilds a per-document list on every search (7.5 s for tags over a
common term at 250,000 synthetic cables). Here each facet's
column is read once per searcher into a numpy array of codes indexed by global doc
number, a code standing for one distinct value of the column (a cable's tags are one
value: tens of thousands of tag sets among 2.5 M paragraphs). A search counts the codes
of its matching doc numbers in one `bincount`, and spreads each code's count over its
values in another.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np

from cablesearch.engine import Engine, term
from cablesearch.index.documents import CABLE_ONLY, UNMARKED
from cablesearch.index.fields import BY_NAME
from cablesearch.index.fields import FACETS as FIELD_FACETS
from cablesearch.index.schema import FACET_COLUMNS, tags_of
from cablesearch.search.morefacets import builders

FACETS = tuple(FACET_COLUMNS)  # tag, origin, classification, marking, year, subject_marking
# Facets without a column, derived once per searcher (`morefacets`): asked for by name.
MORE_FACETS = tuple(builders())  # caveat, signer, handling
ALL_FACETS = FACETS + MORE_FACETS
FACET_LABELS = {facet.name: facet.label for facet in FIELD_FACETS}  # headings on a page
PARAGRAPH_FACETS = frozenset(facet.name for facet in FIELD_FACETS if facet.of == "paragraph")


def _tags(value: Any) -> tuple[str, ...]:
    """A cable's distinct tags: a tag listed twice still counts its paragraph once."""
    return tuple(dict.fromkeys(tags_of(value)))


def _one(value: Any) -> tuple[Any, ...]:
    return (value,) if value not in (None, "", b"") else ()


def _level(value: Any) -> tuple[str, ...]:
    """A paragraph's level; `unmarked` (a bucket `marking:unmarked` finds) without one."""
    return (value or UNMARKED,)


def ordered(facet: str, counts: Counter, limit: int | None = None) -> list[tuple[str, int]]:
    """A facet's (value, count) pairs as shown: the `limit` largest counts (ties by value),
    the year facet then in date order, the others largest first."""
    pairs = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))[:limit]
    if facet == "year":
        pairs.sort()
    return [(str(value), n) for value, n in pairs]


class Spread(NamedTuple):
    """A facet's codes spread over its values: one entry per (code, value) pair."""

    values: list[Any]  # the facet's distinct values
    entry_value: np.ndarray  # each entry's value, as an index into `values`
    entry_code: np.ndarray  # each entry's code

    @classmethod
    def of(cls, table: list[tuple[Any, ...]]) -> Spread:
        index: dict[Any, int] = {}
        entry_value: list[int] = []
        entry_code: list[int] = []
        for code, values in enumerate(table):
            for value in values:
                entry_value.append(index.setdefault(value, len(index)))
                entry_code.append(code)
        return cls(list(index), np.array(entry_value, dtype=np.int64),
                   np.array(entry_code, dtype=np.int64))


class FacetArrays:
    """Lazily built per-document arrays of column values, as codes and as lists."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._coded: dict[str, tuple[np.ndarray, list[Any]]] = {}
        self._arrays: dict[str, list[Any]] = {}
        self._spreads: dict[str, Spread] = {}
        self._building = threading.RLock()

    def coded(self, column: str, convert: Callable[[Any], Any], name: str | None = None
              ) -> tuple[np.ndarray, list[Any]]:
        """Each global doc number's code (an int32 array) and each code's converted value
        (None converted where a document has no value); kept under `name` (default: the
        column's), so one column can back several conversions."""
        name = name or column
        if name not in self._coded:
            with self._building:  # built once when threads ask together
                if name not in self._coded:
                    self._coded[name] = self._read(column, convert)
        return self._coded[name]

    def cable_coded(self, column: str, convert: Callable[[Any], Any], name: str | None = None
                    ) -> tuple[np.ndarray, list[Any]]:
        """As `coded`, for a column whose value is its cable's: one code per cable, at
        each one's first document (`Engine.heads`, in their order), a tenth of the
        documents and of the work."""
        name = f"cables: {name or column}"
        if name not in self._coded:
            with self._building:  # built once when threads ask together
                if name not in self._coded:
                    self._coded[name] = self._read(column, convert, self.engine.heads())
        return self._coded[name]

    def _read(self, column: str, convert: Callable[[Any], Any], docs: np.ndarray | None = None
              ) -> tuple[np.ndarray, list[Any]]:
        codes, values = self.engine.column_codes(column, docs)
        return codes, [convert(value) for value in values]

    def column(self, column: str, convert: Callable[[Any], Any], name: str | None = None
               ) -> list[Any]:
        """One converted value per global doc number, as a list (see `coded`)."""
        name = name or column
        if name not in self._arrays:
            with self._building:  # built once when threads ask together
                if name not in self._arrays:
                    codes, table = self.coded(column, convert, name)
                    self._arrays[name] = list(map(table.__getitem__, codes.tolist()))
        return self._arrays[name]

    def facet_codes(self, facet: str) -> tuple[np.ndarray, list[tuple[Any, ...]]]:
        if facet in MORE_FACETS:
            if f"facet {facet}" not in self._coded:
                with self._building:  # built once when threads ask together
                    if f"facet {facet}" not in self._coded:
                        for name, codes in builders()[facet](self.engine).items():
                            self._coded[f"facet {name}"] = codes
            return self._coded[f"facet {facet}"]
        if facet == "marking":
            return self._marking_codes()
        column = FACET_COLUMNS[facet]
        return self.coded(column, _tags if BY_NAME[column].kind == "lines" else _one,
                          name=f"facet {facet}")

    def _marking_codes(self) -> tuple[np.ndarray, list[tuple[Any, ...]]]:
        """Paragraph levels, `unmarked` where there is none; the one document of a cable
        without paragraphs (`CABLE_ONLY`) is no paragraph, so in no bucket."""
        name = "facet marking"
        if name not in self._coded:
            with self._building:  # built once when threads ask together
                if name not in self._coded:
                    codes, table = self.coded(FACET_COLUMNS["marking"], _level, name="levels")
                    cable_only = (self.engine.docs_of(term("kind", CABLE_ONLY))
                                  if "kind" in self.engine.schema else [])
                    if cable_only:
                        codes = codes.copy()
                        codes[cable_only] = len(table)
                        table = [*table, ()]
                    self._coded[name] = (codes, table)
        return self._coded[name]

    def count(self, facet: str, docs: Sequence[int] | np.ndarray,
              groups: np.ndarray | None = None) -> Counter:
        """How many docs (or distinct groups, e.g. cables, when `groups` holds each doc's
        group code) carry each value of the facet."""
        codes, table = self.facet_codes(facet)
        docs = np.asarray(docs, dtype=np.int64)
        picked = codes[docs]
        counts: Counter = Counter()
        if groups is None:
            if facet not in self._spreads:
                self._spreads[facet] = Spread.of(table)
            spread = self._spreads[facet]
            per_code = np.bincount(picked, minlength=len(table))
            per_value = np.bincount(spread.entry_value, weights=per_code[spread.entry_code],
                                    minlength=len(spread.values))
            for index in np.flatnonzero(per_value).tolist():
                counts[spread.values[index]] = int(per_value[index])
            return counts
        width = len(table)
        pairs = np.unique(groups[docs].astype(np.int64) * width + picked).tolist()
        seen = {(pair // width, value) for pair in pairs for value in table[pair % width]}
        counts.update(value for _, value in seen)
        return counts
