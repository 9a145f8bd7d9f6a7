"""One commit's Whoosh searchers, so that threads can share one `Searcher` and its caches.

Whoosh's readers seek and read file handles of their own, so two threads must never read
through the same one at once; but what a `Searcher` builds from them (filter masks, facet
arrays, field lengths) holds for the whole commit and is costly to build. Here each
thread that reads takes a Whoosh searcher of its own over the same segments for the
while (`Readers.reading`, or a `Lease` kept across threads, as a streamed export needs),
opened on first need and kept for the next one (opening one is cheap: files, not data).
The Searcher's parts hold one `ThreadSearcher`, which forwards every use to the calling
thread's own Whoosh searcher, so they share what they build; a thread that took none reads
the Searcher's first one, as a single-threaded program (the CLI, a notebook) does.

What the parts build lazily is built once, even when threads ask for it together
(`Built`), and read without a lock afterwards.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from whoosh.index import FileIndex
from whoosh.searching import Searcher as WhooshSearcher

from cablesearch.engine.internals import segments_reader

T = TypeVar("T")


class Readers:
    """Whoosh searchers over one commit of an index: the first, and one more for each
    thread reading at the same time."""

    def __init__(self, index: FileIndex, first: WhooshSearcher) -> None:
        self._index = index
        self.first = first
        reader = first.reader()
        self._segments = [leaf.segment() for leaf, _ in reader.leaf_readers()]
        self._generation = reader.generation()
        # Held weakly: a lease dropped unreleased (an export never started) takes its
        # searcher, and its files, with it.
        self._opened: weakref.WeakSet[WhooshSearcher] = weakref.WeakSet()
        self._idle: list[WhooshSearcher] = []
        self._lock = threading.Lock()
        self.local = threading.local()

    def current(self) -> WhooshSearcher:
        """The Whoosh searcher of the calling thread: its own while it reads, else the
        first."""
        return getattr(self.local, "searcher", None) or self.first

    def _open(self) -> WhooshSearcher:
        """Another Whoosh searcher over the same segments as the first (not the index's
        latest commit, which may have moved on)."""
        if not self._segments:
            return self._index.searcher()  # an empty index has nothing to share
        reader = segments_reader(self._index, self.first.schema, list(self._segments),
                                 self._generation)
        return WhooshSearcher(reader, fromindex=self._index, weighting=self.first.weighting)

    def lease(self) -> Lease:
        """A Whoosh searcher for one user until `Lease.release`: an idle one, or a new one."""
        with self._lock:
            searcher = self._idle.pop() if self._idle else None
        if searcher is None:
            searcher = self._open()
            with self._lock:
                self._opened.add(searcher)
        return Lease(self, searcher)

    def give_back(self, searcher: WhooshSearcher) -> None:
        with self._lock:
            self._idle.append(searcher)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Read through a Whoosh searcher of this thread's own for the block (the one it
        holds already, when nested)."""
        if getattr(self.local, "searcher", None) is not None:
            yield
            return
        lease = self.lease()
        try:
            with lease.bound():
                yield
        finally:
            lease.release()

    def close(self) -> None:
        with self._lock:
            opened, self._idle = list(self._opened), []
            self._opened.clear()
        for searcher in opened:
            searcher.close()
        self.first.close()


class Lease:
    """One Whoosh searcher lent to one user, which may read through it from one thread
    and then another (never two at once)."""

    def __init__(self, readers: Readers, searcher: WhooshSearcher) -> None:
        self._readers = readers
        self._searcher: WhooshSearcher | None = searcher

    @contextmanager
    def bound(self) -> Iterator[None]:
        """The calling thread reads through this lease's searcher for the block."""
        local = self._readers.local
        before = getattr(local, "searcher", None)
        local.searcher = self._searcher
        try:
            yield
        finally:
            local.searcher = before

    def release(self) -> None:
        """Give the searcher back for others (once; later calls do nothing)."""
        searcher, self._searcher = self._searcher, None
        if searcher is not None:
            self._readers.give_back(searcher)


class ThreadSearcher:
    """Stands for a Whoosh searcher: every attribute is the calling thread's own
    searcher's (`Readers.current`)."""

    def __init__(self, readers: Readers) -> None:
        self._readers = readers

    def __getattr__(self, name: str) -> Any:
        return getattr(self._readers.current(), name)


class ThreadReader:
    """Stands for a Whoosh reader the same way, `in` included (for the query compiler)."""

    def __init__(self, readers: Readers) -> None:
        self._readers = readers

    def __getattr__(self, name: str) -> Any:
        return getattr(self._readers.current().reader(), name)

    def __contains__(self, term: Any) -> bool:
        return term in self._readers.current().reader()


class Built:
    """Values built on first use, once even when threads ask together; read lock-free
    once built. Re-entrant: building one value may build another."""

    def __init__(self) -> None:
        self._values: dict[Hashable, Any] = {}
        self._lock = threading.RLock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        try:
            return self._values[key]
        except KeyError:
            pass
        with self._lock:
            if key not in self._values:
                self._values[key] = build()
            return self._values[key]
