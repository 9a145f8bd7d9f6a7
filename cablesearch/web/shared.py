"""One warm `Searcher` shared by every request of the server."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from cablesearch.engine.readers import Lease
from cablesearch.search import IndexMissing, Searcher

T = TypeVar("T")

RECHECK_S = 1.0  # how often a request may look for a newer commit of the index
# Requests reading at once, each through a Whoosh searcher of its own (its files open, a
# few MB of per-reader arrays): numpy's work, which lets go of the GIL, overlaps on two
# cores, and a cable page need not wait for a slow search. Each search at 250k cables
# holds a few hundred MB while it runs, so more turns than cores buy memory, not speed:
# 20 clients asking searches never asked before, 250k cables, 2 cores: 8 turns answered
# 4.2 requests a second (p95 6.4 s) at 1.78 GB, 3 turns 6.1 a second (p95 3.8 s) at
# 1.40 GB. The rest wait their turn, first come first served.
READERS = 3
# Beside them, turns for what reads one cable (its page, its JSON, a permalink): a few
# stored documents, answered while the searches' turns are all taken.
CABLE_READERS = 2
ANSWERS = 64  # searches answered from memory while the commit lasts, the latest asked


class Answers:
    """The last searches of one commit and their answers, so that a search asked again
    (the back button, a page reloaded, the same query from several readers) is not run
    again; the index cannot change under them, as a new commit gets new `Answers`. A
    search asked while it runs for another request waits for that run rather than
    running twice. Errors are not kept."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._done: OrderedDict[Hashable, Any] = OrderedDict()
        self._running: dict[Hashable, Future] = {}
        self._lock = threading.Lock()

    def get(self, asked: Hashable, make: Callable[[], T]) -> T:
        if self._size == 0:
            return make()
        with self._lock:
            if asked in self._done:
                self._done.move_to_end(asked)
                return self._done[asked]
            running = self._running.get(asked)
            mine = running is None
            if running is None:
                running = self._running[asked] = Future()
        if not mine:
            return running.result()
        try:
            answer = make()
        except BaseException as error:
            with self._lock:
                del self._running[asked]
            running.set_exception(error)
            raise
        with self._lock:
            del self._running[asked]
            self._done[asked] = answer
            if len(self._done) > self._size:
                self._done.popitem(last=False)
        running.set_result(answer)
        return answer


class SharedSearcher:
    """The server's one Searcher: its filter masks, facet arrays and field lengths are
    built by the first requests (once, when several ask together) and reused by all later
    ones.

    Requests read side by side (up to `readers` at once), each through a Whoosh searcher
    of its own over the same commit (`Searcher.reading`), as Whoosh's readers seek their
    file handles. The last `answers` searches are kept with their answers (`Answers`).

    `cablesearch index` may commit while the server runs: a request finds the newer
    commit by its table of contents (at most once a second) and is answered from it, so
    the page never lags the index; until the new commit opens, the old one answers. The
    index is opened at once, so that a missing one fails before the server starts.
    """

    def __init__(self, index_dir: str | Path, readers: int = READERS,
                 answers: int = ANSWERS) -> None:
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()  # around finding and opening the latest commit
        self._turns = threading.BoundedSemaphore(readers)
        self._cable_turns = threading.BoundedSemaphore(CABLE_READERS)
        self._size = answers
        self._searcher: Searcher | None = None
        self._answers = Answers(answers)
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
        self._answers = Answers(self._size)
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

    def _latest(self) -> tuple[Searcher, Answers]:
        """The Searcher of the latest commit, and its answers."""
        with self._lock:
            self._refresh()
            assert self._searcher is not None
            return self._searcher, self._answers

    @contextmanager
    def turn(self, one_cable: bool = False) -> Iterator[None]:
        """One request's turn at the server's work, in line with the others (a request
        that reads one cable in a line of its own). Requests beyond the turns wait rather
        than all run at once: threads sharing the GIL on a busy machine make each other
        slower than taking turns."""
        with self._cable_turns if one_cable else self._turns:
            yield

    @contextmanager
    def use(self, one_cable: bool = False) -> Iterator[Searcher]:
        """The latest Searcher, for one request's turn at reading it; `one_cable` for a
        request that reads one cable, which need not wait behind searches."""
        with self.turn(one_cable):
            searcher = self._latest()[0]
            with searcher.reading():
                yield searcher

    def answer(self, asked: Hashable, make: Callable[[Searcher], T]) -> T:
        """What `make` answers on the latest Searcher, or answered for the same `asked`
        (what decides the answer) since the commit opened. The caller holds a `turn`."""
        searcher, answers = self._latest()

        def run() -> T:
            with searcher.reading():
                return make(searcher)

        return answers.get(asked, run)

    def lease(self) -> tuple[Searcher, Lease]:
        """The latest Searcher with a Whoosh searcher of its own, for a reader spanning
        many turns (an export streamed a batch at a time, each in a `turn` with the lease
        bound)."""
        searcher = self._latest()[0]
        return searcher, searcher.lease()

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
