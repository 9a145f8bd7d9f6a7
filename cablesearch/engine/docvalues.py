"""One document's column values and its cable's first document, by global doc number.

Cable fields are stored on each cable's first paragraph document only, and those with a
column (`created`, `released`, `tags`) are not stored at all (see `index.schema`): a hit
reads them from its columns, and the rest from its cable's first document.
"""

from __future__ import annotations

import bisect
from typing import Any

from whoosh.searching import Searcher as WhooshSearcher

from cablesearch.engine.cablewide import first_doc


class DocValues:
    """Per-document reads over one Whoosh searcher's segments."""

    def __init__(self, searcher: WhooshSearcher) -> None:
        self._leaves = [(leaf.reader(), offset) for leaf, offset in searcher.leaf_searchers()]
        self._offsets = [offset for _, offset in self._leaves]
        self._columns: dict[tuple[int, str], Any] = {}

    def _locate(self, doc: int) -> tuple[int, Any, int]:
        """The segment's index, its reader, and `doc`'s number in it."""
        index = bisect.bisect_right(self._offsets, doc) - 1
        reader, offset = self._leaves[index]
        return index, reader, doc - offset

    def first(self, doc: int) -> int:
        """The first paragraph document of `doc`'s cable."""
        _, reader, local = self._locate(doc)
        return doc - local + first_doc(reader, local)

    def column(self, doc: int, name: str) -> Any:
        """The document's value in column `name`, None where it has none."""
        index, reader, local = self._locate(doc)
        if (index, name) not in self._columns:
            self._columns[index, name] = (reader.column_reader(name, translate=False)
                                          if reader.has_column(name) else None)
        column = self._columns[index, name]
        if column is None:
            return None
        try:  # a missing date is 2**64-1, which does not convert
            return reader.schema[name].from_column_value(column[local]) or None
        except (OverflowError, ValueError):
            return None
