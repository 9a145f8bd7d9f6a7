"""A parsed cable → its paragraph documents, ready for `writer.add_document` (pure).

Cable-level fields that only `show` needs are stored on the first paragraph document only
(see `schema.STORED_ON_FIRST`); they stay indexed on every paragraph so that filters
apply to all of a cable's paragraphs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cablesearch.cable import Cable, Paragraph
from cablesearch.index.schema import STORED_ON_FIRST

# Words of a cable's classification, most restrictive first.
_CLASS_LEVELS = (
    ("TOP SECRET", "TS"),
    ("SECRET", "S"),
    ("CONFIDENTIAL", "C"),
    ("FOR OFFICIAL USE ONLY", "SBU"),
    ("LIMITED OFFICIAL USE", "SBU"),
    ("SENSITIVE BUT UNCLASSIFIED", "SBU"),
    ("FOUO", "SBU"),
    ("SBU", "SBU"),
    ("UNCLASSIFIED", "U"),
    ("UNCLAS", "U"),
)


def class_level(classification: str | None) -> str | None:
    """`SECRET//NOFORN` → `S`; `UNCLASSIFIED//FOR OFFICIAL USE ONLY` → `SBU`; None if unknown."""
    if not classification:
        return None
    upper = " ".join(classification.upper().split())
    for words, level in _CLASS_LEVELS:
        if words in upper:
            return level
    return None


def parse_time(value: str | None) -> datetime | None:
    """The ISO minute strings of `Cable` as datetimes; None when absent or malformed."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _joined(values: tuple[str, ...], separator: str = " ") -> str | None:
    return separator.join(values) if values else None


def cable_fields(cable: Cable, source: str | None = None, digest: str | None = None
                 ) -> dict[str, Any]:
    """The fields every paragraph document of `cable` carries."""
    created = parse_time(cable.created)
    return {
        "cable": cable.id,
        "subject": cable.subject or None,
        "created": created,
        "released": parse_time(cable.released),
        "year": created.year if created else None,
        "classification": cable.classification or None,
        "class_level": class_level(cable.classification),
        "origin": cable.origin or None,
        "origin_exact": cable.origin or None,
        "tags": _joined(cable.tags),
        "references": _joined(cable.references),
        "signer": cable.signer or None,
        "sender": cable.sender or None,
        "to": _joined(cable.to, "\n"),
        "info": _joined(cable.info, "\n"),
        "handling": _joined(cable.handling),
        "hash": cable.content_hash(),
        "source": source,
        "digest": digest,
    }


def paragraph_fields(cable_id: str, paragraph: Paragraph) -> dict[str, Any]:
    """The fields of one paragraph; `number` absent (None) when the cable did not number it."""
    return {
        "key": f"{cable_id}#{paragraph.seq}",
        "seq": paragraph.seq,
        "number": paragraph.number,
        "marking": paragraph.marking or None,
        "level": paragraph.level or None,
        "caveats": _joined(paragraph.caveats, ",") or None,
        "text": paragraph.text,
    }


def cable_documents(cable: Cable, source: str | None = None, digest: str | None = None
                    ) -> list[dict[str, Any]]:
    """One document per paragraph, in seq order; the first stores the cable-only fields."""
    shared = cable_fields(cable, source, digest)
    lean = {f"_stored_{name}": None for name in STORED_ON_FIRST}
    documents = []
    for index, paragraph in enumerate(sorted(cable.paragraphs, key=lambda p: p.seq)):
        document = {**shared, **paragraph_fields(cable.id, paragraph)}
        if index:
            document.update(lean)
        documents.append(document)
    return documents
