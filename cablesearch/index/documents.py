"""A parsed cable → its paragraph documents, ready for `writer.add_document` (pure).

The first paragraph document carries every cable field. The others carry the paragraph's
own fields and the cable fields that are indexed or have a column on every paragraph, not
the stored-on-first ones (`schema.STORED_ON_FIRST`): of those, `subject` and `origin` stay
indexed there, without their stored copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from cablesearch.cable import Cable, Paragraph
from cablesearch.index.fields import BY_NAME, CARRIED, IndexField, joined, names
from cablesearch.index.minhash import signature
from cablesearch.index.schema import STORED_ON_FIRST
from cablesearch.parse.levels import class_level

# The `level` term of a paragraph without a marking (`marking:unmarked`); its stored
# value and column stay empty, as the hit's `level` and the facets read them.
UNMARKED = "unmarked"
# The `kind` of the one document of a cable without paragraph text (a truncated page): it
# carries the cable's fields, so a subject or tag search finds the cable; no paragraph.
CABLE_ONLY = "cable"

# Cable fields stored on the first document only but indexed on every one.
INDEXED_EVERYWHERE = names(indexed="yes", stored="first")

def parse_time(value: str | None) -> datetime | None:
    """The ISO minute strings of `Cable` as datetimes; None when absent or malformed."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def cable_fields(cable: Cable, source: str | None = None, digest: str | None = None
                 ) -> dict[str, Any]:
    """The cable's fields, as its first paragraph document carries them: those the field
    table says carry a `Cable` attribute, and those derived from the cable."""
    fields = {field.name: _carried(field, getattr(cable, field.of)) for field in CARRIED
              if field.of}
    created = fields["created"]
    fields.update(year=created.year if created else None,
                  class_level=class_level(cable.classification), hash=cable.content_hash(),
                  source=source, digest=digest)
    return fields


def _carried(field: IndexField, value: Any) -> Any:
    """A `Cable` attribute's value as the field holds it; None where it has none."""
    if isinstance(value, tuple):
        return joined(field, value)
    if field.kind == "date":
        return parse_time(value)
    return value or None


def occurrences(paragraphs: Iterable[Paragraph]) -> dict[int, int]:
    """seq → which copy of its number the paragraph is (1-based), for the paragraphs whose
    number the cable repeats; unnumbered paragraphs count as one number. The others are
    cited by their number alone (`search.refs`)."""
    groups: dict[int | None, list[int]] = {}
    for paragraph in sorted(paragraphs, key=lambda p: p.seq):
        groups.setdefault(paragraph.number, []).append(paragraph.seq)
    return {seq: index for seqs in groups.values() if len(seqs) > 1
            for index, seq in enumerate(seqs, 1)}


def paragraph_fields(paragraph: Paragraph, occurrence: int | None = None) -> dict[str, Any]:
    """The fields of one paragraph; `number` absent (None) when the cable did not number
    it, `occurrence` when the cable numbers no other paragraph alike."""
    fields = {
        "seq": paragraph.seq,
        "number": paragraph.number,
        "occurrence": occurrence,
        "marking": paragraph.marking or None,
        "level": paragraph.level or UNMARKED,
        "caveats": joined(BY_NAME["caveats"], paragraph.caveats),
        "text": paragraph.text,
        "minhash": signature(paragraph.text),
    }
    if not paragraph.level:
        fields["_stored_level"] = None
    return fields


def cable_documents(cable: Cable, source: str | None = None, digest: str | None = None
                    ) -> list[dict[str, Any]]:
    """One document per paragraph, in seq order; the first carries all the cable fields.
    A cable without paragraphs is one document of its fields alone (`CABLE_ONLY`)."""
    first = cable_fields(cable, source, digest)
    rest = {name: value for name, value in first.items() if name not in STORED_ON_FIRST}
    for name in INDEXED_EVERYWHERE:
        rest[name], rest[f"_stored_{name}"] = first[name], None
    paragraphs = sorted(cable.paragraphs, key=lambda p: p.seq)
    if not paragraphs:
        return [{**first, "seq": 1, "kind": CABLE_ONLY}]
    copies = occurrences(paragraphs)
    return [{**(rest if index else first), **paragraph_fields(paragraph, copies.get(paragraph.seq))}
            for index, paragraph in enumerate(paragraphs)]
