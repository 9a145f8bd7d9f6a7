"""The values every stage passes along: a cable and its numbered, marked paragraphs.

Parsing produces them, indexing stores them, searching shows them. They are plain,
immutable values so that they pickle cheaply to worker processes and compare by content.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field


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
    text: str
    marking: str | None = None
    level: str | None = None
    caveats: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cable:
    """A cable's fields; unknown values are None or empty, never invented.

    Dates are ISO strings to the minute (`2008-06-13T11:56`), as the sources give them.
    `subject_marking` is the marking written before the subject (`SUBJECT: (C/NF) ...`),
    kept out of `subject`.
    """

    id: str
    subject: str | None = None
    subject_marking: str | None = None
    created: str | None = None
    released: str | None = None
    classification: str | None = None
    origin: str | None = None
    tags: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    sender: str | None = None
    to: tuple[str, ...] = ()
    info: tuple[str, ...] = ()
    signer: str | None = None
    handling: tuple[str, ...] = ()
    paragraphs: tuple[Paragraph, ...] = field(default=())

    def to_json(self) -> dict:
        """The `cablesearch parse` JSON shape (`sender` is written as `from`)."""
        data = asdict(self)
        data["from"] = data.pop("sender")
        ordered = {
            key: data[key]
            for key in (
                "id", "subject", "created", "released", "classification", "origin", "tags",
                "references", "from", "to", "info", "signer", "handling", "subject_marking",
            )
        }
        for key in ("tags", "references", "to", "info", "handling"):
            ordered[key] = list(ordered[key])
        ordered["paragraphs"] = [
            {
                "seq": p.seq,
                "number": p.number,
                "marking": p.marking,
                "level": p.level,
                "caveats": list(p.caveats),
                "text": p.text,
            }
            for p in self.paragraphs
        ]
        return ordered

    def header(self) -> list[tuple[str, str]]:
        """The cable's fields as (label, text) for display, empty ones left out; one
        rendering for `parse --format text` and `show`."""
        fields = (
            ("Subject", self.subject), ("Subject marking", self.subject_marking),
            ("Created", self.created), ("Released", self.released),
            ("Classification", self.classification), ("Origin", self.origin),
            ("Tags", self.tags), ("References", self.references), ("From", self.sender),
            ("To", self.to), ("Info", self.info), ("Signer", self.signer),
            ("Handling", self.handling),
        )
        return [
            (label, ", ".join(value) if isinstance(value, tuple) else value)
            for label, value in fields
            if value
        ]

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
