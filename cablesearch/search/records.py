"""An export's records, read a chunk of hits at a time in doc order.

A record is a paragraph's own stored fields and its cable's (`export.RECORD_FIELDS`). The
stored fields lie on disk in doc order, so each chunk of hits is read sorted, together with
the first documents of the cables not seen yet (which alone carry a cable's fields); a
cable's part of the record is made once and kept for the last `EXPORT_CABLES` cables.
A row (a paragraph's stored fields, its `CableFields`, its score) becomes a dict
(`record`) only when asked: the writers (`export`) make lines and CSV rows from rows
directly, a cable's part encoded once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

import numpy as np

from cablesearch.engine.storedfields import StoredFields
from cablesearch.index.documents import CABLE_ONLY
from cablesearch.index.fields import BY_NAME, split
from cablesearch.index.schema import tags_of
from cablesearch.search.refs import format_ref, plusd_url, viewer_url

EXPORT_CHUNK = 2048  # records read together, in doc order
# ... and at most about this many bytes of them on disk: by relevance the longest
# paragraphs rank last, together, so a count alone would hold a chunk of the longest ones
EXPORT_BYTES = 2 * 1024 * 1024
EXPORT_CABLES = 16_384  # cables whose fields an export keeps between chunks

# A record's fields that are its cable's: the same in every paragraph of the cable.
CABLE_FIELDS = ("cable", "created", "released", "origin", "subject", "classification", "tags",
                "references", "signer", "handling", "plusd_url")


def minute(value: datetime | None) -> str | None:
    return value.isoformat(timespec="minutes") if value else None


# The columns a record reads, each with its value as the record shows it.
EXPORTED_COLUMNS: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("created", minute), ("released", minute), ("tags", tags_of))


def listed(fields: dict[str, Any], name: str) -> tuple[str, ...]:
    """A stored list field's items (`references`, `handling`, `caveats`), split as the
    field table says."""
    return split(BY_NAME[name], fields.get(name))


def paragraph_ref(fields: dict[str, Any]) -> str:
    """A document's printed ref: its paragraph's, or the cable id alone for the one
    document of a cable without paragraph text (`show` opens the cable)."""
    if fields.get("kind") == CABLE_ONLY:
        return fields["cable"]
    return format_ref(fields["cable"], fields.get("number"), fields.get("occurrence"))


class CableFields:
    """What every record of one cable takes from it (`CABLE_FIELDS`), lists as tuples."""

    __slots__ = CABLE_FIELDS

    def __init__(self, head: dict[str, Any], created: str | None, released: str | None,
                 tags: tuple[str, ...]) -> None:
        self.cable: str = head["cable"]
        self.created, self.released, self.tags = created, released, tags
        self.origin: str | None = head.get("origin")
        self.subject: str | None = head.get("subject")
        self.classification: str | None = head.get("classification")
        self.references = listed(head, "references")
        self.signer: str | None = head.get("signer")
        self.handling = listed(head, "handling")
        self.plusd_url = plusd_url(self.cable)


# A hit as an export reads it: the paragraph's stored fields, its cable's, its score.
Row = tuple[dict[str, Any], CableFields, "float | None"]


def chunks(sizes: np.ndarray, count: int, budget: int) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive runs of items, each of at most `count` items and at
    most `budget` in total size (but at least one item, however large)."""
    totals = np.cumsum(sizes)
    start = 0
    while start < len(sizes):
        before = int(totals[start - 1]) if start else 0
        fits = int(np.searchsorted(totals, before + budget, side="right"))
        end = min(max(fits, start + 1), start + count)
        yield start, end
        start = end


def rows(docs: np.ndarray, scores: np.ndarray | None, stored: StoredFields,
         firsts: np.ndarray, heads: np.ndarray,
         columns: Sequence[tuple[np.ndarray, list[Any]]]) -> Iterator[Row]:
    """The rows of `docs` in their order. `firsts` is each doc's cable's first document,
    `heads` every first document (sorted), `columns` the coded `EXPORTED_COLUMNS` (a
    code per head, a value per code)."""
    cables: dict[int, CableFields] = {}
    for start, end in chunks(stored.sizes(docs), EXPORT_CHUNK, EXPORT_BYTES):
        chunk = docs[start:end]
        chunk_firsts = firsts[chunk]
        if len(cables) > EXPORT_CABLES:
            cables.clear()
        unseen = [first for first in np.unique(chunk_firsts).tolist() if first not in cables]
        fields = stored.read(np.concatenate((chunk, np.asarray(unseen, dtype=chunk.dtype))))
        at = np.searchsorted(heads, unseen).tolist()
        for first, head in zip(unseen, at, strict=True):
            created, released, tags = (table[codes[head]] for codes, table in columns)
            cables[first] = CableFields(fields[first], created, released, tags)
        chunk_scores = [None] * len(chunk) if scores is None \
            else scores[start:end].tolist()
        yield from zip([fields[doc] for doc in chunk.tolist()],
                       [cables[first] for first in chunk_firsts.tolist()], chunk_scores,
                       strict=True)


def record(row: Row) -> dict[str, Any]:
    """A row as the dict of `export.RECORD_FIELDS` (its lists new, the caller's to keep)."""
    own, cable, score = row
    number = own.get("number")
    return {
        "ref": paragraph_ref(own), "cable": own["cable"],
        "number": number, "seq": own["seq"], "marking": own.get("marking"),
        "level": own.get("level"), "caveats": list(listed(own, "caveats")),
        "created": cable.created, "released": cable.released,
        "origin": cable.origin, "subject": cable.subject,
        "classification": cable.classification, "tags": list(cable.tags),
        "references": list(cable.references), "signer": cable.signer,
        "handling": list(cable.handling), "score": score,
        "url": viewer_url(own["cable"], cable.created, number),
        "plusd_url": cable.plusd_url, "text": own.get("text") or "",
    }


# A record's own fields (not its cable's), each from a row.
PARAGRAPH_VALUES: dict[str, Callable[[dict[str, Any], CableFields, float | None], Any]] = {
    "ref": lambda own, cable, score: paragraph_ref(own),
    "number": lambda own, cable, score: own.get("number"),
    "seq": lambda own, cable, score: own["seq"],
    "marking": lambda own, cable, score: own.get("marking"),
    "level": lambda own, cable, score: own.get("level"),
    "caveats": lambda own, cable, score: list(listed(own, "caveats")),
    "score": lambda own, cable, score: score,
    "url": lambda own, cable, score: viewer_url(own["cable"], cable.created,
                                                own.get("number")),
    "text": lambda own, cable, score: own.get("text") or "",
}


class Records(Iterator[dict[str, Any]]):
    """An export's records: dicts (`record`) as it is iterated; the writers of `export`
    read its `rows` instead, from where the iteration stands."""

    def __init__(self, found: Iterator[Row]) -> None:
        self.rows = found

    def __iter__(self) -> Records:
        return self

    def __next__(self) -> dict[str, Any]:
        return record(next(self.rows))
