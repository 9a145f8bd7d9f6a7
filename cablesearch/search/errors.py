"""The errors a search user can cause; each message is one line fit to print as is."""

from __future__ import annotations

from cablesearch.index.store import IndexMissing


class QueryError(ValueError):
    """A query that cannot be understood: says what is wrong and at which column."""


class UnknownRef(LookupError):
    """A cable or paragraph reference that is not in the index."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown reference"


# The one error for a directory without a usable index, under the name it first had here.
NoIndex = IndexMissing
