"""One row of the `cables.csv` dump: id, created, reference id, origin, classification,
references, header, body (already split and unescaped by the csv module)."""

from __future__ import annotations

import re
from dataclasses import replace

from cablesearch.cable import Cable, ParseError
from cablesearch.parse.dates import csv_date
from cablesearch.parse.meta import CableMeta
from cablesearch.parse.telegram import parse_telegram

_CABLE_ID = re.compile(r"\d{2}[A-Z][A-Z0-9\-]*\d+")


def parse_csv_record(fields: list[str], source: str) -> Cable:
    """The cable of one CSV row; the references column, when filled, is taken as written."""
    if len(fields) != 8:
        raise ParseError(source, f"expected 8 CSV fields, found {len(fields)}")
    _row, created, cable_id, origin, classification, references, header, body = (
        field.strip() for field in fields
    )
    if not _CABLE_ID.fullmatch(cable_id):
        raise ParseError(source, f"reference id {cable_id[:40]!r} is not a cable id")
    meta = CableMeta(
        id=cable_id,
        created=csv_date(created),
        classification=classification or None,
        origin=origin or None,
    )
    try:
        cable = parse_telegram(f"{header}\n{body}" if header else body, meta)
    except ParseError as error:
        raise ParseError(source, f"{cable_id}: {error.reason}") from None
    listed = tuple(dict.fromkeys(_CABLE_ID.findall(references)))
    return replace(cable, references=listed) if listed else cable
