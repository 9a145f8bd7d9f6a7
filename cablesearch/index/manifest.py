"""What the index holds, per input unit, so that re-indexing can skip unchanged work.

For each unit (a file, or `path:LINE` for a CSV row) the manifest records its digest and
the cables it gave that are in the index, each with its content hash and paragraph count.
A unit whose digest is unchanged is not even parsed; a parsed cable whose hash is unchanged
costs no index work.

The manifest only ever *under*-claims: additions are recorded after the Whoosh commit that
made them, removals before the commit that deletes. So after a crash at any moment it may
forget work that was done (which the next run redoes, idempotently) but never claims work
that was not. It is written atomically (temporary file + rename) next to the index.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_NAME = "cablesearch-manifest.json"
_VERSION = 1


@dataclass
class Unit:
    """One input unit: its digest ("" = must be re-read) and cable id → (hash, paragraphs)."""

    digest: str
    cables: dict[str, tuple[str, int]] = field(default_factory=dict)


class Manifest:
    """Units and the cables they put in the index; each cable id belongs to one unit."""

    def __init__(self, path: Path, units: dict[str, Unit] | None = None) -> None:
        self.path = path
        self.units: dict[str, Unit] = units or {}
        self.owner: dict[str, str] = {
            cable_id: source for source, unit in self.units.items() for cable_id in unit.cables
        }

    @classmethod
    def load(cls, index_dir: Path) -> Manifest:
        """The manifest of an index; empty when missing or unreadable (all work is redone)."""
        path = Path(index_dir) / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != _VERSION:
                return cls(path)
            units = {
                source: Unit(entry["digest"], {k: (v[0], v[1]) for k, v in entry["cables"].items()})
                for source, entry in data["units"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return cls(path)
        return cls(path, units)

    def save(self) -> None:
        """Write atomically: a reader sees the old manifest or the new one, never a mix."""
        data = {
            "version": _VERSION,
            "units": {
                source: {"digest": unit.digest, "cables": unit.cables}
                for source, unit in self.units.items()
            },
        }
        temporary = self.path.with_name(self.path.name + ".tmp")
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump(data, out, separators=(",", ":"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, self.path)

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
        previous = self.units.get(source)
        if previous is not None:
            for cable_id in previous.cables:
                if self.owner.get(cable_id) == source:
                    del self.owner[cable_id]
        for cable_id in cables:
            self._disown(cable_id)
            self.owner[cable_id] = source
        self.units[source] = Unit(digest, dict(cables))

    def forget(self, cable_id: str) -> None:
        """A cable about to be removed: its unit must be read again by the next run."""
        source = self._disown(cable_id)
        if source is not None:
            self.units[source].digest = ""

    def _disown(self, cable_id: str) -> str | None:
        source = self.owner.pop(cable_id, None)
        if source is not None:
            self.units[source].cables.pop(cable_id, None)
        return source
