"""Worker processes (parse workers, index writers) end when the process that started
them dies, even before anyone reaps it; and a Ctrl-C is taken at safe points only.

A killed parent stays a zombie until its own parent waits for it: its pid still answers
`kill(pid, 0)`, and children it forked keep it as their parent, so neither tells that it
died. A caller that reads the run's output to the end before waiting then waits for ever,
on pipes the workers still hold. So the zombie state is read from /proc where there is one.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# How often a worker checks that its parent is alive, in seconds.
WATCH_EVERY = 0.2


class WriterFailed(Exception):
    """A writer process died or failed: the batch it held was not committed. (Defined
    here, not beside the writers, so that every command's error handling can name it
    without loading multiprocessing and the writer code.)"""


def exit_with_parent(parent: int) -> None:
    """Start a daemon thread that ends this process once `parent` has died."""
    threading.Thread(target=_watch, args=(parent, os.getppid()), daemon=True).start()


def _watch(parent: int, adopted_by: int) -> None:
    while True:
        time.sleep(WATCH_EVERY)
        if os.getppid() != adopted_by or not _alive(parent):
            os._exit(1)


def _alive(pid: int) -> bool:
    """Whether `pid` is running (a zombie is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: the signal test, which a zombie passes
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


@contextmanager
def ctrl_c_at_safe_points() -> Iterator[None]:
    """Within the block, a Ctrl-C is noted and raised as KeyboardInterrupt only at the
    next `ctrl_c_point()`, or when the block ends.

    Raised wherever the main thread happens to be, a KeyboardInterrupt can land in a
    weakref callback or a finalizer, where Python prints it and carries on ("Exception
    ignored in ..."): the run then went on and ended 0. Outside the main thread, or when
    the caller has its own handler, nothing is changed.
    """
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return
    global _noted
    noted: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: noted.append(signum))
    _noted = noted
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        _noted = None
    if noted:
        raise KeyboardInterrupt


def ctrl_c_point() -> None:
    """Raise KeyboardInterrupt here if a Ctrl-C was noted (see `ctrl_c_at_safe_points`)."""
    if _noted:
        raise KeyboardInterrupt


_noted: list[int] | None = None
