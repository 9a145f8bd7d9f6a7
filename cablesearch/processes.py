"""Worker processes (parse workers, index writers) end when the process that started
them dies, even before anyone reaps it; and a Ctrl-C (or a SIGTERM the command line takes
as one) is taken at safe points only.

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


class Terminated(KeyboardInterrupt):
    """A SIGTERM taken as a Ctrl-C is (see `sigterm_interrupts`): it ends a run at a safe
    point through the same cleanup, and the command says which signal stopped it."""


def _raise_terminated(_signum: int, _frame: object) -> None:
    raise Terminated


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """Within the block, a SIGTERM raises `Terminated` as a Ctrl-C raises
    KeyboardInterrupt (and `ctrl_c_at_safe_points` holds both to its safe points).

    By default a SIGTERM ends Python at once, silently: the last commit is intact, but the
    writer processes are left to notice by themselves and the user is told nothing. Only
    the command line asks for this; a program calling the API keeps its own SIGTERM.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# Each signal held at safe points, with the handler that shows nobody else handles it.
_HELD = ((signal.SIGINT, signal.default_int_handler), (signal.SIGTERM, _raise_terminated))


@contextmanager
def ctrl_c_at_safe_points() -> Iterator[None]:
    """Within the block, a Ctrl-C is noted and raised as KeyboardInterrupt only at the
    next `ctrl_c_point()`, or when the block ends; a SIGTERM too, as `Terminated`, where
    `sigterm_interrupts` asked for it.

    Raised wherever the main thread happens to be, a KeyboardInterrupt can land in a
    weakref callback or a finalizer, where Python prints it and carries on ("Exception
    ignored in ..."): the run then went on and ended 0. Outside the main thread, or for a
    signal the caller handles its own way, nothing is changed.
    """
    held = [signum for signum, raising in _HELD if signal.getsignal(signum) is raising]
    if threading.current_thread() is not threading.main_thread() or not held:
        yield
        return
    global _noted
    noted: list[int] = []
    previous = {signum: signal.signal(signum, lambda signum, _frame: noted.append(signum))
                for signum in held}
    _noted = noted
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _noted = None
    if noted:
        raise _interruption(noted)


def ctrl_c_point() -> None:
    """Raise KeyboardInterrupt (or `Terminated`) here if a Ctrl-C (or SIGTERM) was noted
    (see `ctrl_c_at_safe_points`)."""
    if _noted:
        raise _interruption(_noted)


def _interruption(noted: list[int]) -> KeyboardInterrupt:
    return Terminated() if signal.SIGTERM in noted else KeyboardInterrupt()


_noted: list[int] | None = None
