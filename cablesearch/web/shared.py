"""One warm `Searcher` shared by every request of the server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cablesearch.search import IndexMissing, Searcher

RECHECK_S = 1.0  # how often a request may look for a newer commit of the index


class SharedSearcher:
    """The server's one Searcher: its filter masks, facet arrays and field lengths are
    built by the first requests and reused by all later ones.

    Whoosh's readers seek and read shared file handles, and the Searcher fills its caches
    as it goes, so requests take turns; a query is CPU-bound under the GIL anyway, so
    turns cost little against running them side by side.

    `cablesearch index` may commit while the server runs: a request finds the newer
    commit by its table of contents (at most once a second) and is answered from it, so
    the page never lags the index; until the new commit opens, the old one answers. The
    index is opened at once, so that a missing one fails before the server starts.
    """

    def __init__(self, index_dir: str | Path) -> None:
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._commit: tuple[str, ...] = ()
        self._checked = 0.0
        self._open()

    def _commits(self) -> tuple[str, ...]:
        """The index's tables of contents: a new commit adds one."""
        return tuple(sorted(path.name for path in self.index_dir.glob("_MAIN_*.toc")))

    def _open(self) -> None:
        """Open the latest commit. The searcher it replaces is not closed here: an export
        under way still reads its records from it, and it closes when the last one lets
        go of it."""
        commit = self._commits()
        self._searcher = Searcher(self.index_dir)
        self._commit, self._checked = commit, time.monotonic()

    def _refresh(self) -> None:
        if self._searcher is not None and time.monotonic() - self._checked < RECHECK_S:
            return
        self._checked = time.monotonic()
        if self._searcher is None or self._commits() != self._commit:
            try:
                self._open()
            except IndexMissing:
                if self._searcher is None:  # nothing older to answer from
                    raise

    @contextmanager
    def use(self) -> Iterator[Searcher]:
        with self._lock:
            self._refresh()
            assert self._searcher is not None
            yield self._searcher

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
