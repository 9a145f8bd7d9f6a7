"""One engine document per paragraph, carrying its cable's fields: the unit we search.

The fields are the parse JSON's (`Cable.to_json()`), so whatever the parser reads is
carried over, plus the few a search engine needs to filter without our columns
(`class_level`, `year`). Documents are routed by cable id, and a cable's documents give
back the very `Cable` value, which the round-trip tests hold them to.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cablesearch.cable import Cable, Paragraph
from cablesearch.parse.levels import class_level


def document_id(cable_id: str, seq: int) -> str:
    """`08ASTANA1111-3`: unique, since `seq` is a paragraph's position in its cable."""
    return f"{cable_id}-{seq}"


def cable_documents(cable: Cable) -> list[dict[str, Any]]:
    """The documents of every paragraph of a cable, in order."""
    data = cable.to_json()
    paragraphs = data.pop("paragraphs")
    head = _head_of(data)
    return [{**head, **paragraph} for paragraph in paragraphs]


def _head_of(data: dict[str, Any]) -> dict[str, Any]:
    head = {"cable": data.pop("id"), **data}
    head["class_level"] = class_level(data.get("classification"))
    created = data.get("created")
    head["year"] = int(created[:4]) if created else None
    return head


_DERIVED = ("cable", "seq", "number", "marking", "level", "caveats", "text", "class_level",
            "year")


def cable_from_documents(documents: Iterable[dict[str, Any]]) -> Cable:
    """The cable whose documents these are (any order): `cable_documents` undone."""
    ordered = sorted(documents, key=lambda document: document["seq"])
    first = ordered[0]
    fields = {key: value for key, value in first.items() if key not in _DERIVED}
    fields["sender"] = fields.pop("from")
    for key, value in fields.items():
        if isinstance(value, list):
            fields[key] = tuple(value)
    return Cable(
        id=first["cable"],
        **fields,
        paragraphs=tuple(
            Paragraph(seq=d["seq"], number=d["number"], text=d["text"], marking=d["marking"],
                      level=d["level"], caveats=tuple(d["caveats"]))
            for d in ordered
        ),
    )
