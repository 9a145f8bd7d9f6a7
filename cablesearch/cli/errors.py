"""How every command ends on a user's mistake: one line `error: ...` on stderr, and the
exit code docs/cli.md promises (1 a file, reference or index problem; 2 bad query syntax or
usage; 130 interrupted; 143 stopped by SIGTERM, 128 + the signal's number as a shell says
it). Never a traceback, unless CABLESEARCH_DEBUG=1 asks for one.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn, TypeVar

import click

T = TypeVar("T")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print `error: MESSAGE` on stderr and exit with `code`."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def debugging() -> bool:
    """Whether CABLESEARCH_DEBUG=1 asks for the traceback instead of the one line."""
    return os.environ.get("CABLESEARCH_DEBUG", "") == "1"


@contextmanager
def user_errors(index_dir: Path | None = None, after_interrupt: str = "") -> Iterator[None]:
    """Any failure inside becomes one line and its exit code; `index_dir` lets a damaged
    index file be named as such, `after_interrupt` is added to what Ctrl-C (or a SIGTERM
    taken as one, `processes.sigterm_interrupts`) says."""
    # Imported here: the index and search packages load Whoosh, which `--help` does not need.
    from cablesearch.index.lock import IndexBusy
    from cablesearch.index.rebuild import NotAnIndex
    from cablesearch.index.store import IndexMissing, damaged_index
    from cablesearch.processes import Terminated, WriterFailed
    from cablesearch.search.errors import QueryError, UnknownRef

    try:
        yield
    except (click.exceptions.Exit, click.ClickException, click.Abort):
        raise  # click's own ending: its message and code
    except Exception as error:
        if debugging():
            raise
        if isinstance(error, QueryError):
            fail(f"bad query: {error}", 2)
        if isinstance(error, (IndexMissing, UnknownRef, IndexBusy, NotAnIndex, WriterFailed)):
            fail(str(error))
        damaged = damaged_index(index_dir, error)  # a damaged index file, named
        if damaged:
            fail(str(damaged))
        if isinstance(error, OSError):
            where = f"{error.filename}: " if error.filename else ""
            fail(f"{where}{error.strerror or error}")
        fail(f"{type(error).__name__}: {error}")  # a bug: still one line
    except KeyboardInterrupt as interruption:
        if debugging():
            raise
        if isinstance(interruption, Terminated):
            fail(f"stopped by SIGTERM{after_interrupt}", 128 + signal.SIGTERM)
        fail(f"interrupted{after_interrupt}", 128 + signal.SIGINT)


def run(action: Callable[[], T], index_dir: Path | None = None) -> T:
    """The action's value; a user's mistake becomes one line on stderr and an exit code."""
    with user_errors(index_dir):
        return action()
    raise AssertionError("unreachable: user_errors exits")  # for type checkers
