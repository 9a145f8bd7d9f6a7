"""Facet counts from per-searcher arrays, not from Whoosh's per-search facets.

Whoosh's `FieldFacet` rebuilds a per-document list on every search (7.5 s for tags over a
common term at full scale, see ../shared/notes/whoosh-at-scale.md). Here each facet's
column is read once per searcher into an array indexed by global doc number, and a search
counts the values of its matching doc numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from itertools import chain
from typing import Any

from whoosh.fields import NUMERIC, FieldType
from whoosh.searching import Searcher as WhooshSearcher

from cablesearch.index.schema import FACET_COLUMNS
from cablesearch.search.columns import raw_values

FACETS = tuple(FACET_COLUMNS)  # tag, origin, classification, marking, year
_UNSEEN = object()


def _translator(field: FieldType) -> Callable[[Any], Any]:
    """Column value → Python value, None for a document that had none.

    A numeric column stores the field's default (2**31-1 for a year) where a document has
    no value, and a date column a default that does not even convert to a datetime.
    """
    missing = field.default if isinstance(field, NUMERIC) else None

    def translate(raw: Any) -> Any:
        try:
            value = field.from_column_value(raw)
        except (OverflowError, ValueError):
            return None
        return None if missing is not None and value == missing else value

    return translate


def _tags(value: Any) -> tuple[str, ...]:
    """A cable's distinct tags: a tag listed twice still counts its paragraph once."""
    return tuple(dict.fromkeys(value.split())) if value else ()


def _one(value: Any) -> tuple[Any, ...]:
    return (value,) if value not in (None, "", b"") else ()


class FacetArrays:
    """Lazily built arrays: each document's facet values (a tuple, empty when none)."""

    def __init__(self, searcher: WhooshSearcher) -> None:
        self.searcher = searcher
        self._arrays: dict[str, list[Any]] = {}

    def column(self, column: str, convert: Callable[[Any], Any], name: str | None = None
               ) -> list[Any]:
        """One converted value per global doc number (None converted where the document
        has no value), shared so the array stays small; kept under `name` (default: the
        column's), so one column can back several arrays."""
        name = name or column
        if name not in self._arrays:
            translate = _translator(self.searcher.schema[column])
            shared: dict[Any, Any] = {}
            array: list[Any] = []
            for leaf, _offset in self.searcher.leaf_searchers():
                reader = leaf.reader()
                if not reader.has_column(column):
                    array.extend([convert(None)] * reader.doc_count_all())
                    continue
                for raw in raw_values(reader, column):
                    values = shared.get(raw, _UNSEEN)
                    if values is _UNSEEN:
                        values = shared[raw] = convert(translate(raw))
                    array.append(values)
            self._arrays[name] = array
        return self._arrays[name]

    def values(self, facet: str) -> list[tuple[Any, ...]]:
        column = FACET_COLUMNS[facet]
        return self.column(column, _tags if facet == "tag" else _one)

    def count(self, facet: str, docs: Iterable[int], groups: list[Any] | None = None
              ) -> Counter:
        """How many docs (or distinct groups, e.g. cables, when `groups` maps doc→group)
        carry each value of the facet."""
        values = self.values(facet)
        if groups is None:  # chain/map keep the per-document step in C
            return Counter(chain.from_iterable(map(values.__getitem__, docs)))
        counts: Counter = Counter()
        seen: set[tuple[int, Any]] = set()
        for doc in docs:
            group = groups[doc]
            for value in values[doc]:
                seen.add((group, value))
        counts.update(value for _, value in seen)
        return counts
