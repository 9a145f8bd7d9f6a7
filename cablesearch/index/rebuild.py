"""A rebuilt index is built beside the old one and swapped in only when it is complete.

Until the swap, searchers see the old index whole, and a rebuild that is killed or fails
leaves it as it was (the half-built one is removed, or by the next run if the rebuild was
killed). The swap exchanges the two directories in one step where the system can (Linux
`renameat2(RENAME_EXCHANGE)`), else by two renames; the old index is then deleted.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from cablesearch.index.lock import LOCK_NAME, IndexLock
from cablesearch.index.manifest import MANIFEST_NAME

# Files an index directory may hold besides Whoosh's (`_MAIN_*.toc`, `MAIN_*`).
_OURS = ("cablesearch-", LOCK_NAME, MANIFEST_NAME)
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class NotAnIndex(Exception):
    """The directory to rebuild holds files that are not an index's: it is not replaced."""


def rebuilding_dir(index_dir: Path) -> Path:
    """Where the rebuild of `index_dir` is built (the same file system, so it can be swapped)."""
    return index_dir.parent / f".{index_dir.name}.rebuild"


@contextlib.contextmanager
def rebuild_beside(index_dir: str | Path, on_message: Callable[[str], None] | None = None
                   ) -> Iterator[Path]:
    """Hold the index's lock and yield an empty directory to build the new index in; when
    the block ends normally, swap it in for `index_dir`, else remove it.

    `index_dir` must be an index, empty, or missing: other files are never deleted.
    """
    index_dir = Path(index_dir)
    with IndexLock(index_dir, on_message):
        if not _only_index_files(index_dir):
            raise NotAnIndex(f"{index_dir}: holds files that are not an index's; it is not "
                             "replaced (give --index an index or a new directory)")
        fresh = rebuilding_dir(index_dir)
        shutil.rmtree(fresh, ignore_errors=True)  # left by a rebuild that was killed
        fresh.mkdir()
        try:
            yield fresh
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        _swap(fresh, index_dir)
        shutil.rmtree(fresh, ignore_errors=True)  # now the old index


def remove_abandoned_rebuild(index_dir: Path) -> None:
    """Remove what a killed rebuild of `index_dir` left (call with the index's lock held)."""
    shutil.rmtree(rebuilding_dir(Path(index_dir)), ignore_errors=True)


def _only_index_files(directory: Path) -> bool:
    try:
        names = os.listdir(directory)
    except FileNotFoundError:
        return True
    return all(name.startswith(("_MAIN_", "MAIN_", "MAIN.", *_OURS)) for name in names)


def _swap(fresh: Path, index_dir: Path) -> None:
    """Put `fresh` at `index_dir` and the old index, if any, at `fresh`."""
    if not index_dir.exists():
        os.rename(fresh, index_dir)
        return
    if _exchange(fresh, index_dir):
        return
    aside = fresh.with_name(fresh.name + ".old")
    shutil.rmtree(aside, ignore_errors=True)
    os.rename(index_dir, aside)
    os.rename(fresh, index_dir)
    os.rename(aside, fresh)


def _exchange(first: Path, second: Path) -> bool:
    """Exchange two directories atomically; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                       _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))
