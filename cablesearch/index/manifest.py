"""What the index holds, per input unit, so that re-indexing can skip unchanged work.

For each unit (a file, or `path:LINE` for a CSV row) the manifest records its digest and
the cables it gave that are in the index, each with its content hash and paragraph count.
A unit whose digest is unchanged is not even parsed; a parsed cable whose hash is unchanged
costs no index work.

The manifest only ever *under*-claims: additions are recorded after the Whoosh commit that
made them, removals before the commit that deletes. So after a crash at any moment it may
forget work that was done but never claims work that was not; the next run parses the
forgotten units again and rewrites only the cables the index does not hold as they are
(the writer compares their content hashes with the index's).

On disk it is a journal of tab-separated lines, appended at each commit so that a commit
costs only what it changed (rewriting the whole record for 250k cables took seconds):
`U source digest` starts a unit's new record, `C id hash paragraphs` lines follow it,
`F id` forgets a cable (its unit must then be read again), and a `.` line ends a batch.
Lines after the last `.` (a crash mid-append) are ignored. `compact()` rewrites the
journal as the current state when it has grown well past it. A source is written with its
backslashes, tabs and newlines escaped (`\\`, `\t`, `\n`, `\r`), and a file name's bytes
that are not UTF-8 are written as they are (Python's `surrogateescape`), so every file
name round-trips.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_NAME = "cablesearch-manifest.tsv"
_END = "."
# File names are bytes: those that are not UTF-8 come to us as lone surrogates, which this
# error handler writes back as the original bytes.
_ERRORS = "surrogateescape"
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {escaped[1]: char for char, escaped in _ESCAPES.items()}
_ESCAPED = re.compile(r"\\(.)")


def _escape(source: str) -> str:
    """A source as one journal field (no tab or newline in it)."""
    return "".join(_ESCAPES.get(char, char) for char in source)


def _unescape(field: str) -> str:
    return _ESCAPED.sub(lambda m: _UNESCAPES.get(m.group(1), m.group(0)), field)


@dataclass
class Unit:
    """One input unit: its digest ("" = must be re-read) and cable id → (hash, paragraphs)."""

    digest: str
    cables: dict[str, tuple[str, int]] = field(default_factory=dict)


class Manifest:
    """Units and the cables they put in the index; each cable id belongs to one unit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.units: dict[str, Unit] = {}
        self.owner: dict[str, str] = {}
        self._journal: list[str] = []  # lines not yet appended
        self._lines = 0  # lines in the file

    @classmethod
    def load(cls, index_dir: Path) -> Manifest:
        """The manifest of an index; empty when missing (all work is then redone)."""
        manifest = cls(Path(index_dir) / MANIFEST_NAME)
        try:
            text = manifest.path.read_text(encoding="utf-8", errors=_ERRORS)
        except OSError:
            return manifest
        committed = text[:text.rfind(f"\n{_END}\n") + 1] if not text.startswith(
            f"{_END}\n") else text
        lines = committed.split("\n")
        manifest._lines = len(lines)
        manifest._replay(lines)
        return manifest

    def _replay(self, lines: list[str]) -> None:
        """Apply committed journal lines in order; malformed ones are skipped."""
        units, owner = self.units, self.owner
        source, unit = None, None
        for line in lines:
            fields = line.split("\t")
            tag = fields[0]
            if (tag == "C" and unit is not None and source is not None and len(fields) == 4
                    and fields[3].isdigit()):
                cable_id = fields[1]
                previous = owner.get(cable_id)
                if previous is not None and previous != source:
                    units[previous].cables.pop(cable_id, None)
                owner[cable_id] = source
                unit.cables[cable_id] = (fields[2], int(fields[3]))
            elif tag == "U":
                source, unit = None, None
                if len(fields) == 3:
                    source = _unescape(fields[1])
                    self._apply_record(source, Unit(fields[2]).digest, {})
                    unit = units[source]
            elif tag == "F" and len(fields) == 2:
                self._apply_forget(fields[1])

    def is_current(self, source: str, digest: str) -> bool:
        """Whether this unit, with these exact bytes, is fully in the index."""
        unit = self.units.get(source)
        return unit is not None and bool(unit.digest) and unit.digest == digest

    def cable(self, cable_id: str) -> tuple[str, int] | None:
        """(content hash, paragraph count) of the indexed version of a cable, if recorded."""
        source = self.owner.get(cable_id)
        return self.units[source].cables[cable_id] if source is not None else None

    def record(self, source: str, digest: str, cables: dict[str, tuple[str, int]]) -> None:
        """A unit now in the index with these cables (each taken from any former owner)."""
        self._apply_record(source, digest, cables)
        self._journal.append(f"U\t{_escape(source)}\t{digest}")
        self._journal.extend(f"C\t{cable_id}\t{h}\t{n}" for cable_id, (h, n) in cables.items())

    def missing_from(self, indexed: Mapping[str, int]) -> list[str]:
        """Cables recorded as indexed that the index (paragraphs per cable id) lacks, or
        holds with another paragraph count: the index is what counts."""
        return sorted(cable_id for cable_id, source in self.owner.items()
                      if indexed.get(cable_id, 0) != self.units[source].cables[cable_id][1])

    def forget(self, cable_id: str) -> None:
        """A cable about to be removed: its unit must be read again by the next run."""
        self._apply_forget(cable_id)
        self._journal.append(f"F\t{cable_id}")

    def save(self) -> None:
        """Append what changed since the last save as one batch, durably."""
        if not self._journal:
            return
        self._journal.append(_END)
        with open(self.path, "a", encoding="utf-8", errors=_ERRORS) as journal:
            journal.write("\n".join(self._journal) + "\n")
            journal.flush()
            os.fsync(journal.fileno())
        self._lines += len(self._journal)
        self._journal = []

    def compact(self) -> None:
        """Rewrite the journal as the current state if it is mostly history (atomically)."""
        self.save()
        live = len(self.units) + len(self.owner) + 1
        if self._lines <= 2 * live:
            return
        lines = []
        for source, unit in self.units.items():
            lines.append(f"U\t{_escape(source)}\t{unit.digest}")
            lines.extend(f"C\t{k}\t{h}\t{n}" for k, (h, n) in unit.cables.items())
        lines.append(_END)
        temporary = self.path.with_name(self.path.name + ".tmp")
        with open(temporary, "w", encoding="utf-8", errors=_ERRORS) as journal:
            journal.write("\n".join(lines) + "\n")
            journal.flush()
            os.fsync(journal.fileno())
        os.replace(temporary, self.path)
        self._lines = len(lines)

    def _apply_record(self, source: str, digest: str, cables: dict[str, tuple[str, int]]
                      ) -> None:
        previous = self.units.get(source)
        if previous is not None:
            for cable_id in previous.cables:
                if self.owner.get(cable_id) == source:
                    del self.owner[cable_id]
        for cable_id in cables:
            self._disown(cable_id)
            self.owner[cable_id] = source
        self.units[source] = Unit(digest, dict(cables))

    def _apply_forget(self, cable_id: str) -> None:
        source = self._disown(cable_id)
        if source is not None:
            self.units[source].digest = ""

    def _disown(self, cable_id: str) -> str | None:
        source = self.owner.pop(cable_id, None)
        if source is not None:
            self.units[source].cables.pop(cable_id, None)
        return source
