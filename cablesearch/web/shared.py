"""One warm `Searcher` shared by every request of the server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cablesearch.search import IndexMissing, Searcher
from cablesearch.search.readers import Lease

RECHECK_S = 1.0  # how often a request may look for a newer commit of the index
# Requests reading at once, each through a Whoosh searcher of its own (its files open):
# numpy's work, which lets go of the GIL, overlaps on two cores; more would hold more
# memory and files, not answer sooner. The rest wait their turn, first come first served.
READERS = 4


class SharedSearcher:
    """The server's one Searcher: its filter masks, facet arrays and field lengths are
    built by the first requests (once, when several ask together) and reused by all later
    ones.

    Requests read side by side (up to `readers` at once), each through a Whoosh searcher
    of its own over the same commit (`Searcher.reading`), as Whoosh's readers seek their
    file handles.

    `cablesearch index` may commit while the server runs: a request finds the newer
    commit by its table of contents (at most once a second) and is answered from it, so
    the page never lags the index; until the new commit opens, the old one answers. The
    index is opened at once, so that a missing one fails before the server starts.
    """

    def __init__(self, index_dir: str | Path, readers: int = READERS) -> None:
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()  # around finding and opening the latest commit
        self._turns = threading.BoundedSemaphore(readers)
        self._searcher: Searcher | None = None
        self._commit: tuple[str, ...] = ()
        self._checked = 0.0
        self._open()

    def _commits(self) -> tuple[str, ...]:
        """The index's tables of contents: a new commit adds one."""
        return tuple(sorted(path.name for path in self.index_dir.glob("_MAIN_*.toc")))

    def _open(self) -> None:
        """Open the latest commit. The searcher it replaces is not closed here: requests
        and exports under way still read from it, and it closes when the last one lets go
        of it."""
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

    def latest(self) -> Searcher:
        """The Searcher of the latest commit."""
        with self._lock:
            self._refresh()
            assert self._searcher is not None
            return self._searcher

    @contextmanager
    def use(self) -> Iterator[Searcher]:
        """The latest Searcher, for one request's turn at reading it."""
        with self._turns:
            searcher = self.latest()
            with searcher.reading():
                yield searcher

    def lease(self) -> tuple[Searcher, Lease]:
        """The latest Searcher with a Whoosh searcher of its own, for a reader spanning
        many turns (an export streamed a batch at a time): each turn in `turn`."""
        searcher = self.latest()
        return searcher, searcher.lease()

    @contextmanager
    def turn(self, lease: Lease) -> Iterator[None]:
        """One turn at reading through a lease, in line with the requests."""
        with self._turns, lease.bound():
            yield

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
