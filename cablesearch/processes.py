"""Worker processes (parse workers, index writers) end when the process that started
them dies, even before anyone reaps it.

A killed parent stays a zombie until its own parent waits for it: its pid still answers
`kill(pid, 0)`, and children it forked keep it as their parent, so neither tells that it
died. A caller that reads the run's output to the end before waiting then waits for ever,
on pipes the workers still hold. So the zombie state is read from /proc where there is one.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

# How often a worker checks that its parent is alive, in seconds.
WATCH_EVERY = 0.2


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
