"""The only I/O of parsing: files and directories in, parsed cables (or reasons) out.

Input units are whole files (a viewer page, a page-text copy, a bare telegram) and the rows
of `cables.csv` dumps, which are streamed in constant memory (the real dump is 1.7 GB).
Each unit is hashed before it is parsed, so that re-indexing can skip unchanged inputs
without parsing them. With `jobs > 1`, worker processes decode and parse while this process
reads, hashes and dispatches; results come back in input order.
"""

from __future__ import annotations

import csv
import errno
import gzip
import hashlib
import io
import os
import re
import signal
import stat
import sys
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from cablesearch.cable import Cable, ParseError
from cablesearch.parse import parse_csv_record, parse_document
from cablesearch.parse.encoding import FALLBACK, decode, normalize_newlines
from cablesearch.processes import exit_with_parent

Progress = Callable[[int], None]
Known = Callable[[str, str], bool]
# What parsing one unit gives: its cables, or (source, reason). Not a `ParseError`, which
# cannot come back from a worker process (an exception unpickles from its message alone).
_Parsed = tuple[tuple[Cable, ...], tuple[str, str] | None]

# Files a directory walk picks up (each possibly `.gz`); named files are always read.
CABLE_SUFFIXES = (".html", ".htm", ".txt", ".text", ".csv")
# A whole-file form larger than this is no cable page: refuse it rather than fill memory.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
CSV_FIELDS = 8
# A paragraph longer than this is cut, with a note, before it is indexed: the longest of
# the real sample is 53k characters, and a 40 MB one cost 1 GB to index and 1.35 GB on
# every search that hit it.
MAX_PARAGRAPH_CHARS = 1_000_000
BOM = b"\xef\xbb\xbf"
_CSV_START = re.compile(rb'(?:\xef\xbb\xbf)?\s*"\d+","\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}","')
# The end of a cables.csv row: a closing quote, the newline, and the next row's `"<id>","`.
_CSV_ROW_END = re.compile(rb'"[ \t]*\r?\n\s*(?="\d+",")')
_CSV_CHUNK = 1 << 20
# Bytes kept of a row too large to hold, where its end (`_CSV_ROW_END`) may begin.
_CSV_TAIL = 4096
_GZIP_MAGIC = b"\x1f\x8b"
# Work handed to a worker at once, and how many such tasks may be in flight per worker.
_TASK_UNITS = 64
_TASK_BYTES = 1 << 20
_INFLIGHT_PER_JOB = 4


@dataclass(frozen=True)
class Batch:
    """What one input unit gave: a whole file, or one row of a CSV dump."""

    source: str  # the file path, or "path:LINE" for a CSV row (LINE: 1-based, where the row starts)
    digest: str  # blake2b (digest_size=16, hex) of the unit's raw bytes (decompressed for .gz)
    cables: tuple[Cable, ...]  # empty when skipped or failed
    error: ParseError | None
    skipped: bool = False  # True when known(source, digest) said the unit is unchanged: not parsed


@dataclass
class _Unit:
    """One input unit on its way through: either already settled, or a payload to parse."""

    source: str
    digest: str
    kind: str = ""  # "doc" (a whole file) or "row" (one CSV row)
    payload: bytes = b""
    done: Batch | None = None


def digest_of(data: bytes) -> str:
    """The content hash of one unit's raw bytes (what `Batch.digest` holds)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def iter_files(paths: Iterable[str | os.PathLike] | str | os.PathLike) -> Iterator[Path]:
    """Every input file, in a stable order: named files as given, directories walked sorted.

    A directory contributes its cable-looking files (see CABLE_SUFFIXES, also `.gz`),
    skipping hidden ones, or itself when it has none; a path that does not exist is yielded
    as is, and so is a folder that cannot be walked. All then fail with a reason when read.
    A single path may be given bare.
    """
    for path, _problem in _walk(paths):
        yield path


def _walk(paths: Iterable[str | os.PathLike] | str | os.PathLike
          ) -> Iterator[tuple[Path, str | None]]:
    """`iter_files`, each path with the reason it cannot be read, if the walk found one.

    Folders are walked with their symlinked subfolders, each real folder once: a link to
    one already walked (a loop) is named, as are folders that cannot be listed, entries
    whose path is too long, and cable-named entries that are not regular files (a FIFO
    would block the run for ever).
    """
    for raw in [paths] if isinstance(paths, str | os.PathLike) else paths:
        path = Path(raw)
        if not path.is_dir():
            yield path, None
            continue
        found: list[tuple[Path, str | None]] = []
        walked: dict[tuple[int, int], Path] = {}
        folders = [path]
        while folders:
            _walk_folder(folders.pop(), found, folders, walked)
        # An empty walk yields the directory itself, which is then reported as holding no cables.
        yield from sorted(found, key=lambda f: f[0].parts) if found else [(path, None)]


def _walk_folder(folder: Path, found: list[tuple[Path, str | None]], folders: list[Path],
                 walked: dict[tuple[int, int], Path]) -> None:
    """List one folder: its files into `found`, its subfolders onto `folders`."""
    try:
        info = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        found.append((folder, f"folder not read: {_io_reason(error)}"))
        return
    key = (info.st_dev, info.st_ino)
    if key in walked:
        found.append((folder, f"folder not read twice: a link to {walked[key]}, already read"))
        return
    walked[key] = folder
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            kind = os.stat(entry.path).st_mode
        except OSError as error:
            if (is_cable_file_name(entry.name) or entry.is_symlink()
                    or entry.is_dir(follow_symlinks=False)):
                found.append((Path(entry.path), _io_reason(error)))
            continue
        if stat.S_ISDIR(kind):
            folders.append(Path(entry.path))
        elif is_cable_file_name(entry.name):
            found.append((Path(entry.path), _not_regular(kind)))


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
    return f"not a regular file ({kind}): not read"


def total_bytes(paths: Iterable[str | os.PathLike]) -> int:
    """Bytes on disk of every input file: what `on_progress` reports in total, for a bar."""
    total = 0
    for path in iter_files(paths):
        if path.is_dir():
            continue
        try:
            total += path.stat().st_size
        except OSError:
            continue
    return total


def read_sources(
    paths: Iterable[str | os.PathLike],
    jobs: int = 1,
    on_progress: Progress | None = None,
    known: Known | None = None,
) -> Iterator[Batch]:
    """One Batch per input unit, in input order; units `known` calls unchanged are not parsed.

    Never raises for bad input: unreadable files and rows become Batches with an error.
    """
    units = _units(paths, on_progress or _no_progress, known)
    if jobs <= 1:
        for task in _tasks(units):
            yield from _settle(task, _parse_payloads(_work(task)))
        return
    pool = _Pool(jobs)
    try:
        inflight: deque[tuple[list[_Unit], Future | None]] = deque()
        for task in _tasks(units):
            work = _work(task)
            inflight.append((task, pool.submit(work) if work else None))
            while len(inflight) > jobs * _INFLIGHT_PER_JOB:
                yield from pool.settle(*inflight.popleft())
        while inflight:
            yield from pool.settle(*inflight.popleft())
    finally:
        # Also when the consumer stops early or on Ctrl-C: drop queued work, end the workers.
        pool.shutdown()


def read_cables(
    paths: Iterable[str | os.PathLike],
    jobs: int = 1,
    on_progress: Progress | None = None,
) -> Iterator[Cable | ParseError]:
    """Each parsed cable, or the ParseError of an input unit that failed, in input order."""
    for batch in read_sources(paths, jobs=jobs, on_progress=on_progress):
        if batch.error is not None:
            yield batch.error
        else:
            yield from batch.cables


def printable(source: str) -> str:
    """A source as one printable line: control characters and bytes of a file name that
    are not UTF-8 escaped (`\\n`, `\\t`, `\\xff`)."""
    raw = source.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in raw)


def _no_progress(_: int) -> None:
    """The default progress callback."""


def _start_worker() -> None:
    """Set up a parse worker to leave Ctrl-C to the main process and to die with it.

    The main process stops the workers on Ctrl-C without a traceback; a killed indexing run
    must not leave orphans blocked on the work queue forever.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent(os.getppid())


def is_cable_file_name(name: str) -> bool:
    """Whether a directory walk should read this file (README.md, .gitkeep... are not)."""
    lower = name.lower().removesuffix(".gz")
    return not name.startswith(".") and lower.endswith(CABLE_SUFFIXES)


def _failed(source: str, reason: str, digest: str = "") -> _Unit:
    """A unit settled as failed, with the one-line reason the user will read."""
    return _Unit(source, digest, done=Batch(source, digest, (), ParseError(source, reason)))


def _units(paths: Iterable[str | os.PathLike], on_progress: Progress, known: Known | None
           ) -> Iterator[_Unit]:
    """Read every input unit and hash it; settle it at once if it is known or unreadable."""
    for path, problem in _walk(paths):
        source = str(path)
        if problem is not None:
            yield _failed(source, problem)
            continue
        if path.is_dir():
            yield _failed(source, "no cable files (" + ", ".join(CABLE_SUFFIXES)
                          + ", or .gz of them) in this directory")
            continue
        size = 0
        try:
            info = path.stat()
            size = info.st_size
            problem = _not_regular(info.st_mode)
            if problem is not None:
                yield _failed(source, problem)
                continue
            with open(path, "rb") as disk:
                stream = _maybe_gunzip(path, disk)
                head = stream.peek(256)[:256]
                if path.name.lower().removesuffix(".gz").endswith(".csv") or _is_csv(head):
                    yield from _csv_units(source, disk, stream, size, on_progress, known)
                    continue
                data = stream.read(MAX_DOCUMENT_BYTES + 1)
        except (OSError, EOFError, zlib.error) as error:
            on_progress(size)
            yield _failed(source, _io_reason(error))
            continue
        on_progress(size)
        if len(data) > MAX_DOCUMENT_BYTES:
            yield _failed(source, f"too large for one cable page ({size} bytes); "
                                  "a cables.csv dump must be named *.csv")
            continue
        digest = digest_of(data)
        if known is not None and known(source, digest):
            yield _Unit(source, digest, done=Batch(source, digest, (), None, skipped=True))
        else:
            yield _Unit(source, digest, "doc", data)


def _maybe_gunzip(path: Path, disk: io.BufferedReader) -> io.BufferedReader:
    """The file's content stream, decompressed when it is gzip (by name or by magic)."""
    if path.name.lower().endswith(".gz") or disk.peek(2)[:2] == _GZIP_MAGIC:
        return io.BufferedReader(gzip.GzipFile(fileobj=disk, mode="rb"))
    return disk


def _is_csv(head: bytes) -> bool:
    """Whether a file starts like a cables.csv dump: `"1","12/28/1966 18:06","...`."""
    return _CSV_START.match(head) is not None


def _csv_units(source: str, disk: BinaryIO, stream: io.BufferedReader, size: int,
               on_progress: Progress, known: Known | None) -> Iterator[_Unit]:
    """Split a cables.csv dump into rows, each a unit `path:LINE` hashed from its raw bytes.

    Rows are found in the bytes, without decoding or CSV parsing (left to the workers): in
    this layout every field is quoted and quotes inside fields are escaped, so a row ends at
    a quote and newline followed by the next row's `"<number>","`.
    """
    head = stream.peek(256)[:256]
    if not head.strip():
        yield _failed(source, "empty file")
        on_progress(size)
        return
    if not _is_csv(head):
        yield _failed(source, "not the cables.csv layout (8 quoted columns: id, created "
                              "M/D/YYYY HH:MM, reference id, origin, classification, "
                              "references, header, body)")
        on_progress(size)
        return
    line = 1
    pending = stream.read(len(BOM)).removeprefix(BOM)
    reported = 0
    oversized = False  # inside a row too large to hold: read on to its end, unkept
    while True:
        try:
            chunk = stream.read(_CSV_CHUNK)
        except (OSError, EOFError, zlib.error) as error:
            yield _failed(f"{source}:{line}", _io_reason(error))
            break
        data = pending + chunk if pending else chunk
        start = 0
        for boundary in _CSV_ROW_END.finditer(data):
            if oversized:
                oversized = False
            elif boundary.end() - start > MAX_DOCUMENT_BYTES:
                yield _oversized_row(f"{source}:{line}")
            else:
                yield _row_unit(f"{source}:{line}", data[start:boundary.end()], known)
            line += data.count(b"\n", start, boundary.end())
            start = boundary.end()
        pending = data[start:]
        reported = _report(disk, reported, on_progress)
        if not chunk:
            break
        if len(pending) > (_CSV_TAIL if oversized else MAX_DOCUMENT_BYTES):
            if not oversized:
                yield _oversized_row(f"{source}:{line}")
                oversized = True
            # Only the tail is kept, where the row's end may begin.
            dropped = len(pending) - _CSV_TAIL
            line += pending.count(b"\n", 0, dropped)
            pending = pending[dropped:]
    if pending.strip() and not oversized:
        if len(pending) > MAX_DOCUMENT_BYTES:
            yield _oversized_row(f"{source}:{line}")
        elif _closed(pending):
            yield _row_unit(f"{source}:{line}", pending, known)
        else:
            yield _failed(f"{source}:{line}", "truncated CSV row (the file ends inside a field)",
                          digest_of(pending))
    if size > reported:
        on_progress(size - reported)


def _oversized_row(source: str) -> _Unit:
    """A CSV row too large to be a cable: named, and the rows after it read on."""
    return _failed(source, f"CSV row larger than {MAX_DOCUMENT_BYTES} bytes: skipped "
                           "(the rows after it are read)")


def _row_unit(source: str, raw: bytes, known: Known | None) -> _Unit:
    """One CSV row, settled as skipped when `known` has seen its digest."""
    digest = digest_of(raw)
    if known is not None and known(source, digest):
        return _Unit(source, digest, done=Batch(source, digest, (), None, skipped=True))
    return _Unit(source, digest, "row", raw)


def _report(disk: BinaryIO, reported: int, on_progress: Progress) -> int:
    """Report the bytes read from disk since the last report; return the new total."""
    try:
        position = disk.tell()
    except OSError:
        return reported
    if position > reported:
        on_progress(position - reported)
        return position
    return reported


def _closed(raw: bytes) -> bool:
    """Whether a row ends with a closing quote (not an escaped one)."""
    body = raw.rstrip()
    if not body.endswith(b'"'):
        return False
    escapes = len(body) - 1 - len(body[:-1].rstrip(b"\\"))
    return escapes % 2 == 0


def _read_row(raw: bytes, source: str) -> list[str]:
    """The fields of one raw CSV row (in a worker): decoded, unescaped, newlines normalised."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    text = normalize_newlines(raw.decode("utf-8", errors=FALLBACK))
    try:
        records = [r for r in csv.reader(io.StringIO(text), escapechar="\\", doublequote=False,
                                         strict=False) if r]
    except csv.Error as error:
        raise ParseError(source, f"bad CSV row: {error}") from None
    if len(records) != 1:
        raise ParseError(source, f"bad CSV row: {len(records)} records where one was expected")
    fields = records[0]
    if len(fields) != CSV_FIELDS:
        raise ParseError(source, f"CSV row has {len(fields)} fields, expected {CSV_FIELDS}")
    return fields


def _io_reason(error: BaseException) -> str:
    """A one-line reason for a file that could not be read."""
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, OSError) and error.errno == errno.ENAMETOOLONG:
        return "path too long for this system"
    if isinstance(error, gzip.BadGzipFile):
        return f"not a valid gzip file ({error})"
    if isinstance(error, EOFError):
        return "truncated gzip file"
    if isinstance(error, zlib.error):
        return f"corrupt gzip data ({error})"
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def _tasks(units: Iterator[_Unit]) -> Iterator[list[_Unit]]:
    """Group units into tasks of bounded count and payload size, keeping order."""
    task: list[_Unit] = []
    size = 0
    for unit in units:
        task.append(unit)
        size += len(unit.payload)
        if len(task) >= _TASK_UNITS or size >= _TASK_BYTES:
            yield task
            task, size = [], 0
    if task:
        yield task


def _work(task: list[_Unit]) -> list[tuple[str, str, bytes]]:
    """What a task's unsettled units hand to the parser."""
    return [(unit.kind, unit.source, unit.payload) for unit in task if unit.done is None]


class _Pool:
    """Parse worker processes, replaced if one dies (killed, out of memory).

    A task whose worker died is run once more on a fresh pool, since it may only have been
    in flight beside the culprit; if it kills that pool too, its units fail with a reason.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.jobs, initializer=_start_worker)

    def submit(self, work: list[tuple[str, str, bytes]]) -> Future:
        try:
            return self.executor.submit(_parse_payloads, work)
        except BrokenProcessPool:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._start()
            return self.executor.submit(_parse_payloads, work)

    def settle(self, task: list[_Unit], future: Future | None) -> Iterator[Batch]:
        """Wait for a task's result (if it had work) and yield its Batches in order."""
        if future is None:
            return _settle(task, [])
        try:
            return _settle(task, future.result())
        except BrokenProcessPool:
            pass
        try:
            return _settle(task, self.submit(_work(task)).result())
        except BrokenProcessPool:
            pass
        # Each unit alone, so that only the one that kills its worker fails.
        return _settle(task, [self._alone(unit) for unit in _work(task)])

    def _alone(self, unit: tuple[str, str, bytes]) -> _Parsed:
        try:
            return self.submit([unit]).result()[0]
        except BrokenProcessPool:
            return (), (unit[1], "the parse worker process died on this input")

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _settle(task: list[_Unit], results: list[_Parsed]) -> Iterator[Batch]:
    """The Batches of a task, in order: settled units as they were, the rest from results."""
    parsed = iter(results)
    for unit in task:
        if unit.done is not None:
            yield unit.done
        else:
            cables, error = next(parsed)
            failure = None if error is None else ParseError(*error)
            yield Batch(unit.source, unit.digest, cables, failure)


def _parse_payloads(work: list[tuple[str, str, bytes]]) -> list[_Parsed]:
    """Decode and parse units (in a worker process when jobs > 1); never raises."""
    return [_parse_one(kind, source, payload) for kind, source, payload in work]


def _parse_one(kind: str, source: str, payload: bytes) -> _Parsed:
    """One unit's cables, or its error as (source, reason)."""
    try:
        if kind == "row":
            return (_capped(parse_csv_record(_read_row(payload, source), source)),), None
        return tuple(map(_capped, parse_document(decode(payload, source), source))), None
    except ParseError as error:
        return (), (error.source, error.reason)
    except Exception as error:  # a parser bug must not take the whole run down
        return (), (source, f"parser failed: {type(error).__name__}: {error}")


def _capped(cable: Cable) -> Cable:
    """The cable with each paragraph over MAX_PARAGRAPH_CHARS cut there, with a note."""
    if all(len(paragraph.text) <= MAX_PARAGRAPH_CHARS for paragraph in cable.paragraphs):
        return cable
    paragraphs = []
    for paragraph in cable.paragraphs:
        length = len(paragraph.text)
        if length > MAX_PARAGRAPH_CHARS:
            kept = paragraph.text[:MAX_PARAGRAPH_CHARS].rsplit(None, 1)[0]
            note = (f" [cablesearch: paragraph cut here, at {len(kept):,} of its "
                    f"{length:,} characters]")
            paragraph = replace(paragraph, text=kept + note)
        paragraphs.append(paragraph)
    return replace(cable, paragraphs=tuple(paragraphs))
