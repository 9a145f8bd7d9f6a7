"""Old index files outlive the commit that drops them by a grace period.

Whoosh deletes the files of merged-away segments, and old tables of contents, as soon as
a commit no longer needs them. Our segments are plain files (`compound=False`), which a
searcher opens lazily (columns, stored fields), so a searcher opened before a commit
could find its files gone, and one opening while a commit lands could lose the table of
contents it just chose. Here a commit only *retires* such files, noting when in
`RETIRED_NAME`; a later commit deletes them once retired for `GRACE_SECONDS`. A searcher
younger than that always works.

A killed run leaves files no commit ever named (its writers' segments, temporary files):
no searcher can need them, so the next run removes them at once (`remove_leftovers`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from pathlib import Path

from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

GRACE_SECONDS = 600
RETIRED_NAME = "cablesearch-retired.json"


def retire_unused_files(storage: FileStorage, indexname: str, generation: int,
                        segments: list, now: float | None = None) -> None:
    """Retire the files no segment of `generation` uses; delete those retired long enough."""
    now = time.time() if now is None else now
    current = {segment.segment_id() for segment in segments}
    toc_pattern = TOC._pattern(indexname)
    segment_pattern = TOC._segment_pattern(indexname)
    unused = set()
    for filename in storage.list():
        toc = toc_pattern.match(filename)
        segment = segment_pattern.match(filename)
        if (toc and int(toc.group(1)) != generation) or (
                segment and segment.group(1) not in current):
            unused.add(filename)
    record = Path(storage.folder) / RETIRED_NAME
    try:
        retired = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        retired = {}
    kept = {}
    for filename in unused:
        since = retired.get(filename, now)
        if now - since < GRACE_SECONDS:
            kept[filename] = since
            continue
        try:
            storage.delete_file(filename)
        except OSError:
            kept[filename] = since
    temporary = record.with_name(record.name + ".tmp")
    temporary.write_text(json.dumps(kept), encoding="utf-8")
    os.replace(temporary, record)


class DeferredCleanup:
    """Writer mixin: commit a new table of contents, retiring (not deleting) old files."""

    # Set by the whoosh writer this is mixed into.
    schema: Schema
    storage: FileStorage
    indexname: str
    generation: int

    def _commit_toc(self, segments: list) -> None:
        TOC(self.schema, segments, self.generation).write(self.storage, self.indexname)
        retire_unused_files(self.storage, self.indexname, self.generation, segments)


def remove_leftovers(storage: FileStorage, indexname: str) -> None:
    """Delete what killed runs left, with the index's lock held (so no writer is at work):
    the writers' temporary folder, unfinished tables of contents, and segment files that
    no table of contents on disk names; then retire or delete unused files as a commit
    does, so that even a run that commits nothing cleans up."""
    shutil.rmtree(Path(storage.folder) / f"{indexname}.tmp", ignore_errors=True)
    toc_pattern = TOC._pattern(indexname)
    segment_pattern = TOC._segment_pattern(indexname)
    filenames = storage.list()
    generations = sorted(int(m.group(1)) for m in map(toc_pattern.match, filenames) if m)
    if not generations:
        return
    named: set[str] = set()
    for generation in generations:
        try:
            segments = TOC.read(storage, indexname, generation).segments
        except Exception:  # a damaged old TOC: keep every segment file
            return
        named.update(segment.segment_id() for segment in segments)
    for filename in filenames:
        segment = segment_pattern.match(filename)
        unfinished_toc = filename.startswith(f"_{indexname}_") and ".toc." in filename
        if (segment and segment.group(1) not in named) or unfinished_toc:
            with contextlib.suppress(OSError):
                storage.delete_file(filename)
    latest = generations[-1]
    retire_unused_files(storage, indexname, latest,
                        TOC.read(storage, indexname, latest).segments)
