"""The values every stage passes along: a cable and its numbered, marked paragraphs.

Parsing produces them, indexing stores them, searching shows them. They are plain,
immutable values so that they pickle cheaply to worker processes and compare by content.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

# Field metadata, read by `to_json` and `Cable.header`:
# - LABEL: the field's label in a cable's header (`parse --format text`, `show`); a field
#   without one is not shown there.
# - KEY: its key in the JSON shape, where that is not the attribute's name.
# - LAST: written after the fields without it, in the JSON shape (declared order kept).
LABEL, KEY, LAST = "label", "key", "last"


class ParseError(Exception):
    """A file (or CSV row) that cannot be read as a cable; `source` names it for the user."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as a researcher cites it: `08ASTANA1111 ¶3 (SBU)`.

    `seq` is the position in the cable (1-based, unique); `number` is what the cable
    wrote (None for unnumbered text; numbers can repeat). `marking` is the raw text in
    parentheses after the number, `level` one of U, SBU, C, S, TS, `caveats` e.g. ("NF",).
    """

    seq: int
    number: int | None
    text: str = field(metadata={LAST: True})  # the long text after the short fields
    marking: str | None = None
    level: str | None = None
    caveats: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """A paragraph of the `cablesearch parse` JSON shape."""
        return to_json(self)


@dataclass(frozen=True)
class Cable:
    """A cable's fields; unknown values are None or empty, never invented.

    Dates are ISO strings to the minute (`2008-06-13T11:56`), as the sources give them.
    `subject_marking` is the marking written before the subject (`SUBJECT: (C/NF) ...`),
    kept out of `subject`.
    """

    id: str
    subject: str | None = field(default=None, metadata={LABEL: "Subject"})
    # Came to the JSON shape after the other fields: written at its end, as it was.
    subject_marking: str | None = field(default=None,
                                        metadata={LABEL: "Subject marking", LAST: True})
    created: str | None = field(default=None, metadata={LABEL: "Created"})
    released: str | None = field(default=None, metadata={LABEL: "Released"})
    classification: str | None = field(default=None, metadata={LABEL: "Classification"})
    origin: str | None = field(default=None, metadata={LABEL: "Origin"})
    tags: tuple[str, ...] = field(default=(), metadata={LABEL: "Tags"})
    references: tuple[str, ...] = field(default=(), metadata={LABEL: "References"})
    # The telegram's `FM` line; `from` is a Python keyword.
    sender: str | None = field(default=None, metadata={LABEL: "From", KEY: "from"})
    to: tuple[str, ...] = field(default=(), metadata={LABEL: "To"})
    info: tuple[str, ...] = field(default=(), metadata={LABEL: "Info"})
    signer: str | None = field(default=None, metadata={LABEL: "Signer"})
    handling: tuple[str, ...] = field(default=(), metadata={LABEL: "Handling"})
    paragraphs: tuple[Paragraph, ...] = field(default=(), metadata={LAST: True})

    def to_json(self) -> dict[str, Any]:
        """The `cablesearch parse` JSON shape (`sender` is written as `from`)."""
        return to_json(self)

    def header(self) -> list[tuple[str, str]]:
        """The cable's fields as (label, text) for display, empty ones left out; one
        rendering for `parse --format text` and `show`."""
        shown = []
        for name, label in _labels(Cable):
            value = getattr(self, name)
            if value:
                shown.append((label, ", ".join(value) if isinstance(value, tuple) else value))
        return shown

    def content_hash(self) -> str:
        """A digest of everything parsed, so re-indexing can skip unchanged cables.

        Kept on the value after the first call: the updater and the stored `hash` field
        both ask for it, and it costs as much as a JSON dump of the cable.
        """
        digest = self.__dict__.get("_content_hash")
        if digest is None:
            blob = json.dumps(self.to_json(), sort_keys=True, ensure_ascii=False)
            digest = hashlib.blake2b(blob.encode("utf-8"), digest_size=16).hexdigest()
            object.__setattr__(self, "_content_hash", digest)
        return digest


@cache
def _keys(kind: type) -> tuple[tuple[str, str], ...]:
    """(attribute, JSON key) of a value class, in the order of its JSON shape."""
    declared = fields(kind)
    ordered = ([item for item in declared if not item.metadata.get(LAST)]
               + [item for item in declared if item.metadata.get(LAST)])
    return tuple((item.name, item.metadata.get(KEY, item.name)) for item in ordered)


@cache
def _labels(kind: type) -> tuple[tuple[str, str], ...]:
    """(attribute, header label) of the fields a header shows, in declared order."""
    return tuple((item.name, item.metadata[LABEL]) for item in fields(kind)
                 if LABEL in item.metadata)


def json_key(attribute: str) -> str:
    """The key of a `Cable` attribute in the JSON shape (`sender` → `from`)."""
    return dict(_keys(Cable))[attribute]


def to_json(value: Cable | Paragraph) -> dict[str, Any]:
    """A cable or paragraph as JSON: tuples as lists, paragraphs as their JSON."""
    data = {}
    kind: type = type(value)
    for name, key in _keys(kind):
        item = getattr(value, name)
        if isinstance(item, tuple):
            item = [part.to_json() if isinstance(part, Paragraph) else part for part in item]
        data[key] = item
    return data
