"""One writer per index at a time, and a lock left by a killed run is recognised as stale.

The lock file records the holder's pid; the lock itself is a POSIX record lock (`lockf`),
which the kernel drops when the holder dies and which forked worker processes do not
inherit. So a lock file whose lock can be taken again was left by a run that died: it is
cleared with a message. A lock held by a live run is refused with its pid.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

LOCK_NAME = "cablesearch.lock"


class IndexBusy(Exception):
    """Another live process is updating this index."""


class IndexLock:
    """Exclusive update lock on an index directory (a context manager)."""

    def __init__(self, index_dir: Path, on_message: Callable[[str], None] | None = None) -> None:
        self.path = Path(index_dir) / LOCK_NAME
        self.on_message = on_message or (lambda _: None)
        self._fd: int | None = None

    def __enter__(self) -> IndexLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise IndexBusy(
                f"{self.path.parent}: index is being updated by process {holder}; "
                "wait for it to finish"
            ) from None
        previous = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
        if previous:
            self.on_message(
                f"{self.path.parent}: cleared a stale lock left by process {previous} "
                "(a run that was killed); its committed work is kept"
            )
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        os.fsync(fd)
        self._fd = fd
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)
        fcntl.lockf(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None
