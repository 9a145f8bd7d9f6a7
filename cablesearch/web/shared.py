"""One warm `Searcher` shared by every request of the server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cablesearch.search import Searcher


class SharedSearcher:
    """The server's one Searcher: its filter masks, facet arrays and field lengths are
    built by the first requests and reused by all later ones.

    Whoosh's readers seek and read shared file handles, and the Searcher fills its caches
    as it goes, so requests take turns; a query is CPU-bound under the GIL anyway, so
    turns cost little against running them side by side. The index is opened at once, so
    that a missing one fails before the server starts, and again if used after `close`
    (an ASGI server may run the app's lifespan more than once).
    """

    def __init__(self, index_dir: str | Path) -> None:
        self.index_dir = Path(index_dir)
        self._searcher: Searcher | None = Searcher(self.index_dir)
        self._lock = threading.Lock()

    @contextmanager
    def use(self) -> Iterator[Searcher]:
        with self._lock:
            if self._searcher is None:
                self._searcher = Searcher(self.index_dir)
            yield self._searcher

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
