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
    """Per-document reads over one Whoosh searcher's segments. The segments' readers are
    asked of the searcher at each read, as it may stand for each thread's own
    (`readers.ThreadSearcher`), and so are their column readers kept."""

    def __init__(self, searcher: WhooshSearcher) -> None:
        self._searcher = searcher
        self._offsets = [offset for _, offset in searcher.leaf_searchers()]
        self._columns: dict[tuple[Any, str], Any] = {}

    def _locate(self, doc: int) -> tuple[Any, int]:
        """The reader of `doc`'s segment, and `doc`'s number in it."""
        index = bisect.bisect_right(self._offsets, doc) - 1
        leaf, offset = self._searcher.leaf_searchers()[index]
        return leaf.reader(), doc - offset

    def first(self, doc: int) -> int:
        """The first paragraph document of `doc`'s cable."""
        reader, local = self._locate(doc)
        return doc - local + first_doc(reader, local)

    def column(self, doc: int, name: str) -> Any:
        """The document's value in column `name`, None where it has none."""
        reader, local = self._locate(doc)
        if (reader, name) not in self._columns:
            self._columns[reader, name] = (reader.column_reader(name, translate=False)
                                           if reader.has_column(name) else None)
        column = self._columns[reader, name]
        if column is None:
            return None
        try:  # a missing date is 2**64-1, which does not convert
            return reader.schema[name].from_column_value(column[local]) or None
        except (OverflowError, ValueError):
            return None
