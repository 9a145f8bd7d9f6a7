"""Building and updating the index: incremental, batched commits, safe to kill at any moment.

Work is committed every `commit_every` cables, so a long run that is killed keeps its
progress; Whoosh writes each commit as a new table of contents, so readers (and a killed
run's successor) always see the last complete commit. Unchanged input costs no index work:
units whose bytes are unchanged are not parsed, cables whose content hash is unchanged
are not rewritten (see `manifest.py`).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.index import FileIndex
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from cablesearch.cable import Cable
from cablesearch.index.documents import CABLE_ONLY, cable_documents
from cablesearch.index.lock import IndexLock
from cablesearch.index.manifest import Manifest
from cablesearch.index.merging import merge_small
from cablesearch.index.parallel import CableWriter, SafeMpWriter
from cablesearch.index.reanalysis import inputs_to_reanalyze
from cablesearch.index.rebuild import rebuild_beside, remove_abandoned_rebuild
from cablesearch.index.retire import remove_leftovers
from cablesearch.index.stats import paragraphs_per_cable
from cablesearch.index.store import open_index, open_or_create, require_index
from cablesearch.processes import ctrl_c_at_safe_points, ctrl_c_point
from cablesearch.sources import read_sources

# Cables per commit: a killed run loses at most this much work (about five minutes on two
# cores). Each commit adds a segment per writer process, and bulk segments are never merged
# (see `merging.py`), so fewer, larger commits also mean fewer segments for every search:
# 14 rather than 26 for 250k cables, each adding its fixed cost to a rare term's query.
# Cables are not held until a commit (they are written as parsed), so this costs no memory.
COMMIT_EVERY = 40_000
# Memory budget of each writer process's posting pool (`pool.TermPool`), in MB.
_POOL_MB = 256

Progress = Callable[[int, int], None]
Message = Callable[[str], None]


@dataclass
class IndexReport:
    """What a run did, in cables and their paragraphs; `skipped` holds (source, reason)."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicates: int = 0
    paragraphs_added: int = 0
    paragraphs_replaced: int = 0
    paragraphs_unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)
    # Cables written without paragraph text (a truncated page): indexed by their fields.
    no_paragraphs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def cables(self) -> int:
        """Distinct cables the run saw (parsed or known unchanged)."""
        return self.added + self.replaced + self.unchanged

    def summary(self) -> str:
        """The one line `cablesearch index` ends with."""
        line = (
            f"{self.added} cables added ({self.paragraphs_added} paragraphs), "
            f"{self.replaced} replaced ({self.paragraphs_replaced}), "
            f"{self.unchanged} unchanged ({self.paragraphs_unchanged})"
        )
        if self.duplicates:
            line += f", {self.duplicates} duplicate ids (last kept)"
        if self.no_paragraphs:
            line += f", {len(self.no_paragraphs)} without paragraph text"
        return line + f", {len(self.skipped)} files skipped, {self.seconds:.1f} s"


class _Updater:
    """Writes a run's cables as they are parsed and commits them in batches, keeping the
    manifest in step.

    Cables go to the writer as soon as they are parsed, so its processes index one unit
    while this process parses the next (two cores: the writers no longer wait for a
    whole batch to be parsed). A later version of a cable already written into the
    uncommitted batch cannot replace it there: it waits in `redo` and is written, over the
    committed first version, in a second commit right after the batch's. Units enter the
    manifest only after both, so a killed run's successor re-reads them.
    """

    def __init__(self, ix: FileIndex, manifest: Manifest, report: IndexReport, procs: int,
                 commit_every: int, unrecorded: Container[str] = ()) -> None:
        self.ix = ix
        self.manifest = manifest
        self.report = report
        self.procs = procs
        self.commit_every = commit_every
        # Nothing to delete before adding while the index had no documents at the start.
        self.fresh = ix.doc_count() == 0
        # Cables the index holds and the manifest does not (a run killed between a commit
        # and its record): each is rewritten only if the index holds another version.
        self.unrecorded = unrecorded
        self._held: Searcher | None = None  # the index as the run found it, to read them
        self.written: dict[str, tuple[bool, int]] = {}  # uncommitted: id → (existed, paragraphs)
        # Later versions of cables in `written` (so its keys are among `written`'s).
        self.redo: dict[str, tuple[Cable, str | None, str | None]] = {}
        self.unowned: set[str] = set()
        self.units: list[tuple[str, str, dict[str, tuple[str, int]]]] = []
        self.seen: dict[str, str] = {}  # cable id → hash of the version this run keeps
        # Cable id → how it was counted: ("added" | "replaced" | "unchanged", paragraphs).
        self.counted: dict[str, tuple[str, int]] = {}
        self.committed: set[str] = set()
        self.writer: IndexWriter | None = None

    def known_unit(self, source: str, digest: str) -> bool:
        return self.manifest.is_current(source, digest)

    def skipped_unit(self, source: str) -> None:
        """A unit unchanged since it was indexed: its cables count as unchanged."""
        for cable_id, (content_hash, paragraphs) in self.manifest.units[source].cables.items():
            if self._seen_again(cable_id, content_hash):
                continue
            self._count(cable_id, "unchanged", paragraphs)

    def unit(self, source: str | None, digest: str | None, cables: Iterable[Cable]) -> None:
        """A parsed unit: write its new or changed cables, count the unchanged ones."""
        recorded: dict[str, tuple[str, int]] = {}
        for cable in cables:
            content_hash = cable.content_hash()
            recorded[cable.id] = (content_hash, len(cable.paragraphs))
            if self._seen_again(cable.id, content_hash):
                if self.seen.get(cable.id) != content_hash or cable.id in self.written:
                    self._keep(cable, source, digest)
                self.seen[cable.id] = content_hash
                continue
            self.seen[cable.id] = content_hash
            indexed = self.manifest.cable(cable.id)
            if indexed is None and cable.id in self.unrecorded:
                indexed = self._as_held(cable.id)
            if indexed is not None and indexed[0] == content_hash:
                self._count(cable.id, "unchanged", indexed[1])
            else:
                self._keep(cable, source, digest)
        if source is not None and digest is not None:
            self.units.append((source, digest, recorded))
        if len(self.written) >= self.commit_every:
            self.flush()

    def _seen_again(self, cable_id: str, content_hash: str) -> bool:
        """Whether this run met the id before (a duplicate: the last one is kept)."""
        if cable_id not in self.seen:
            self.seen[cable_id] = content_hash
            return False
        self.report.duplicates += 1
        self.report.duplicate_ids.append(cable_id)
        return True

    def _keep(self, cable: Cable, source: str | None, digest: str | None) -> None:
        """Write this version of the cable now, or after the commit if this batch holds
        an earlier one."""
        if cable.id in self.written:
            self.redo[cable.id] = (cable, source, digest)
        else:
            self._write(cable, source, digest)

    def _write(self, cable: Cable, source: str | None, digest: str | None) -> None:
        """Delete the cable's old version, if the index may hold one, and add this one."""
        if self.writer is None:
            self.writer = self._open_writer()
        writer = self.writer
        if source is None and self.manifest.cable(cable.id) is not None:
            self.unowned.add(cable.id)
        existed = False
        if not self.fresh or cable.id in self.committed:
            existed = writer.delete_by_term("cable", cable.id) > 0
        documents = cable_documents(cable, source, digest)
        with writer.group():  # a cable's documents stay together, in one segment
            for document in documents:
                writer.add_document(**document)
        self.written[cable.id] = (existed, len(cable.paragraphs))

    def flush(self) -> None:
        """Commit the written cables (then their later versions), then record their units
        in the manifest."""
        if self.written:
            if self.unowned:  # in-memory cables replace a file's: read it again later
                for cable_id in self.unowned:
                    self.manifest.forget(cable_id)
                self.unowned.clear()
                self.manifest.save()
            writer, self.writer = self.writer, None
            assert writer is not None  # the written cables went through it
            try:
                writer.commit(mergetype=merge_small)
            except BaseException:
                _cancel(writer)
                raise
            for cable_id, (existed, paragraphs) in self.written.items():
                self._count(cable_id, "replaced" if existed else "added", paragraphs)
            self.committed.update(self.written)
            self.written.clear()
            redo, self.redo = self.redo, {}
            for cable, source, digest in redo.values():
                self._write(cable, source, digest)
            self.flush()  # the second commit, if there was anything to redo
            return
        if self.units:
            for source, digest, cables in self.units:
                self.manifest.record(source, digest, cables)
            self.units.clear()
            self.manifest.save()

    def _count(self, cable_id: str, kind: str, paragraphs: int) -> None:
        """Count a cable as `kind` (added, replaced, unchanged) with the paragraphs of the
        version the index keeps. A later version met in the same run takes the place of
        the earlier one's count, so the summary's paragraphs are the index's: a cable new
        to the index stays added, one first found unchanged becomes replaced."""
        report = self.report
        previous = self.counted.get(cable_id)
        if previous is not None:
            kind = "replaced" if previous[0] == "unchanged" else previous[0]
            setattr(report, previous[0], getattr(report, previous[0]) - 1)
            field_name = f"paragraphs_{previous[0]}"
            setattr(report, field_name, getattr(report, field_name) - previous[1])
            if cable_id in report.no_paragraphs:
                report.no_paragraphs.remove(cable_id)
        self.counted[cable_id] = (kind, paragraphs)
        setattr(report, kind, getattr(report, kind) + 1)
        field_name = f"paragraphs_{kind}"
        setattr(report, field_name, getattr(report, field_name) + paragraphs)
        if not paragraphs and kind != "unchanged":
            report.no_paragraphs.append(cable_id)

    def _as_held(self, cable_id: str) -> tuple[str, int] | None:
        """(content hash, paragraphs) of a cable as the index held it when the run began."""
        if self._held is None:
            self._held = self.ix.searcher()
        first = self._held.document(cable=cable_id)
        if first is None or not first.get("hash"):
            return None
        paragraphs = sum(fields.get("kind") != CABLE_ONLY
                         for fields in self._held.documents(cable=cable_id))
        return first["hash"], paragraphs

    def close(self) -> None:
        """Cancel the writer of a batch that will not be committed; let go of the index as
        the run found it."""
        self.abandon()
        if self._held is not None:
            held, self._held = self._held, None
            held.close()

    def abandon(self) -> None:
        """Cancel the writer of a batch that will not be committed."""
        self.written.clear()
        self.redo.clear()
        if self.writer is not None:
            writer, self.writer = self.writer, None
            _cancel(writer)

    def _open_writer(self) -> IndexWriter:
        """The writer of the next commit, with its writer processes started."""
        if self.procs > 1:
            writer = SafeMpWriter(self.ix, procs=self.procs, multisegment=True,
                                  compound=False, limitmb=_POOL_MB)
            try:
                writer.start_tasks()
            except BaseException:  # a Ctrl-C here: nobody else holds the writer to cancel it
                _cancel(writer)
                raise
            return writer
        return CableWriter(self.ix, compound=False, limitmb=_POOL_MB)


def update_index(
    index_dir: str | Path,
    paths: Iterable[str | Path],
    *,
    jobs: int = 1,
    procs: int = 2,
    rebuild: bool = False,
    on_progress: Progress | None = None,
    on_message: Message | None = None,
    commit_every: int = COMMIT_EVERY,
) -> IndexReport:
    """Index the cables in `paths` (files, directories, `.gz`, CSV dumps) into `index_dir`.

    `jobs` parse worker processes and `procs` Whoosh writer processes (the defaults
    were measured fastest on two cores: docs/internals.md). `on_progress(bytes, cables)` gets the
    input bytes read since its last call (0 after each input unit is processed) and the
    cables seen so far; `on_message` gets notices such as a stale lock cleared. Raises
    `IndexBusy` if another run holds the index. A `rebuild` is built beside the index and
    replaces it only once complete (`rebuild.rebuild_beside`).
    """
    options: dict[str, Any] = {"jobs": jobs, "procs": procs, "on_progress": on_progress,
               "commit_every": commit_every}
    if not rebuild:  # an index built with another analysis is rebuilt
        inputs = inputs_to_reanalyze(index_dir, paths, on_message)
        if inputs is not None:
            paths, rebuild = inputs, True
    if rebuild:
        with rebuild_beside(index_dir, on_message) as fresh:
            return update_index(fresh, paths, on_message=on_message, **options)
    with ctrl_c_at_safe_points(), IndexLock(Path(index_dir), on_message):
        remove_abandoned_rebuild(Path(index_dir))
        return _update(index_dir, paths, on_message=on_message, **options)


def _update(index_dir: str | Path, paths: Iterable[str | Path], *, jobs: int, procs: int,
            on_progress: Progress | None, on_message: Message | None, commit_every: int
            ) -> IndexReport:
    """`update_index` with the index's lock held."""
    started = time.monotonic()
    report = IndexReport()
    ix = open_or_create(index_dir)
    remove_leftovers(ix.storage, ix.indexname)
    manifest = Manifest.load(Path(index_dir))
    unrecorded = _trust_the_index(ix, manifest, index_dir, on_message)
    updater = _Updater(ix, manifest, report, procs, commit_every, unrecorded)

    def progress(read: int) -> None:
        if on_progress is not None:
            on_progress(read, len(updater.seen))

    try:
        for batch in read_sources(paths, jobs=jobs, on_progress=progress,
                                  known=updater.known_unit):
            if batch.error is not None:
                report.skipped.append((batch.source, batch.error.reason))
            elif batch.skipped:
                updater.skipped_unit(batch.source)
            else:
                updater.unit(batch.source, batch.digest, batch.cables)
            progress(0)
            ctrl_c_point()
        updater.flush()
    finally:
        updater.close()
    manifest.compact()
    report.seconds = time.monotonic() - started
    return report


def _trust_the_index(ix: FileIndex, manifest: Manifest, index_dir: str | Path,
                     on_message: Message | None) -> set[str]:
    """Forget what the record claims and the index lacks, so this run indexes it again;
    return the cables the index holds and the record lacks (a run killed right after a
    commit), which this run rewrites only where their input changed."""
    if ix.doc_count() == 0:
        return set()
    indexed = paragraphs_per_cable(ix)
    missing = manifest.missing_from(indexed) if manifest.owner else []
    for cable_id in missing:
        manifest.forget(cable_id)
    manifest.save()
    if missing and on_message is not None:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        on_message(f"{index_dir}: {len(missing)} cables recorded as indexed are not in the "
                   f"index as recorded ({shown}); they are indexed again")
    return {cable_id for cable_id in indexed if cable_id not in manifest.owner}


def add_cables(index_dir: str | Path, cables: Iterable[Cable], *, procs: int = 1,
               commit_every: int = COMMIT_EVERY) -> IndexReport:
    """Index in-memory cables (tests, benchmarks); they are not tied to any input file."""
    started = time.monotonic()
    report = IndexReport()
    with IndexLock(Path(index_dir)):
        ix = open_or_create(index_dir)
        updater = _Updater(ix, Manifest.load(Path(index_dir)), report, procs, commit_every)
        try:
            for cable in cables:
                updater.unit(None, None, (cable,))
            updater.flush()
        finally:
            updater.abandon()
    report.seconds = time.monotonic() - started
    return report


def remove_cables(index_dir: str | Path, ids: Iterable[str]) -> int:
    """Delete cables by id; returns how many were in the index."""
    wanted = list(dict.fromkeys(ids))
    require_index(index_dir)  # a wrong path must not be left holding a lock file
    with IndexLock(Path(index_dir)):
        ix = open_index(index_dir)
        manifest = Manifest.load(Path(index_dir))
        for cable_id in wanted:
            manifest.forget(cable_id)
        manifest.save()
        writer = CableWriter(ix, compound=False)
        try:
            removed = sum(writer.delete_by_term("cable", cable_id) > 0 for cable_id in wanted)
            writer.commit(mergetype=merge_small)
        except BaseException:
            _cancel(writer)
            raise
    return removed


def _cancel(writer: IndexWriter) -> None:
    """Best-effort cleanup of a failed commit: the original error is what matters."""
    with contextlib.suppress(Exception):
        writer.cancel()
