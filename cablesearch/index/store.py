"""Opening and creating the Whoosh index directory, with one-line errors for users."""

from __future__ import annotations

import errno
from pathlib import Path

from whoosh import index
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.index import FileIndex

from cablesearch.index.manifest import MANIFEST_NAME
from cablesearch.index.schema import build_schema


class IndexMissing(Exception):
    """No usable index in the directory; the message says which and what to run."""


def open_index(index_dir: str | Path) -> FileIndex:
    """The index in `index_dir`, ready for searchers (which see its last committed state).

    A new index's table of contents is generation 0 and every commit writes the next, so
    generation 0 is an index whose first build has committed nothing: not an empty
    index, which would answer every search with a silent 0.
    """
    directory = Path(index_dir)
    opened = _open(directory)
    if opened.latest_generation() == 0:
        raise IndexMissing(f"{directory}: no commit yet: a first build is running or was "
                           "interrupted (`cablesearch index` finishes it)")
    return opened


def require_index(index_dir: str | Path) -> None:
    """IndexMissing unless `index_dir` holds an index: checked before taking its lock,
    which would create the directory."""
    directory = Path(index_dir)
    if not _has_index(directory):
        raise IndexMissing(
            f"{directory}: no index here (build one with `cablesearch index PATH... "
            f"--index {directory}`)"
        )


def _open(directory: Path) -> FileIndex:
    """The index in `directory`, committed or not."""
    require_index(directory)
    try:
        return index.open_dir(str(directory))
    except Exception as error:  # a damaged index fails in many ways inside Whoosh
        raise damaged_index(directory, error) or _unreadable(directory, error) from None


def _unreadable(directory: Path, error: Exception) -> IndexMissing:
    return IndexMissing(f"{directory}: unreadable index ({_reason(error)}); rebuild it with "
                        "`cablesearch index PATH... --rebuild`")


def damaged_index(index_dir: str | Path | None, error: BaseException) -> IndexMissing | None:
    """The one-line error for `error` if it was raised reading a damaged index file
    (a truncated or overwritten segment fails deep inside Whoosh, as `struct.error: unpack
    requires a buffer of 4 bytes` or the like): it names the file and says to rebuild.
    None for other errors, such as an operating system's (disk full) or a bug; but a
    position read from damaged bytes can be negative, and seeking there fails as the
    system's EINVAL. Without `index_dir`, the folder is the one the failing storage
    reads."""
    if isinstance(error, KeyboardInterrupt) or \
            (isinstance(error, OSError) and error.errno != errno.EINVAL):
        return None
    name = None
    folder = index_dir
    trace = error.__traceback__
    while trace is not None:  # the innermost file being read names the damaged one
        for value in trace.tb_frame.f_locals.values():
            if isinstance(value, StructFile) and getattr(value, "_name", None):
                name = value._name
            elif index_dir is None and isinstance(value, FileStorage):
                folder = value.folder
            elif index_dir is None and isinstance(getattr(value, "storage", None), FileStorage):
                folder = value.storage.folder
        trace = trace.tb_next
    if name is None:
        return None
    where = Path(folder) / name if folder is not None else Path(name)
    return IndexMissing(f"{where}: damaged index file ({_reason(error)}); rebuild the index "
                        "with `cablesearch index PATH... --rebuild`")


def _reason(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _has_index(directory: Path) -> bool:
    """Whether the directory holds a Whoosh table of contents (without opening it)."""
    return directory.is_dir() and any(directory.glob("_MAIN_*.toc"))


def create_index(index_dir: str | Path) -> FileIndex:
    """A new, empty index in `index_dir` (created if needed), replacing any index there."""
    directory = Path(index_dir)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / MANIFEST_NAME).unlink(missing_ok=True)
    return index.create_in(str(directory), build_schema())


def open_or_create(index_dir: str | Path) -> FileIndex:
    """The index to update: a new one where none exists yet."""
    directory = Path(index_dir)
    if not _has_index(directory):
        return create_index(directory)
    opened = _open(directory)
    missing = [name for name in build_schema().names() if name not in opened.schema]
    if missing:  # Whoosh would refuse the new documents, which carry these fields
        raise IndexMissing(f"{directory}: built by an older cablesearch (no field "
                           f"{', '.join(missing)}); rebuild it with `cablesearch index "
                           "PATH... --rebuild`")
    return opened
