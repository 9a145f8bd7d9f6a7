"""Dump-row pages: the viewer showing a raw, tab-separated database row instead of the cable.

    2009-06-11 13:42:00<TAB>09TBILISI1034<TAB>Embassy Tbilisi<TAB>CONFIDENTIAL<TAB>refs<TAB>
    header lines ending in \\<TAB>body lines ending in \\

Some rows start with a row number; a page may hold more than one row, or a row run on into
a second copy. Each row's header and body are given back as telegram text, the trailing
backslashes gone, so that the body is not read as the header's last INFO addressee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablesearch.parse.dates import csv_date, page_date

_ROW_START = re.compile(
    r"(?:^|(?<=[\t\n]))(?:\d+\t)?"
    r"(\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?|\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d)\t"
    r"(\d\d[A-Z][A-Z\-]*\d+)\t([^\t\n]*)\t([^\t\n]*)\t([^\t\n]*)\t"
)
_LINE_END = re.compile(r"[ \t]*\\[ \t]*$", re.M)


@dataclass(frozen=True)
class DumpRow:
    """One row: its columns, and its header and body as telegram text."""

    id: str
    created: str | None
    origin: str
    classification: str
    references: str
    telegram: str


def read_dump_rows(text: str) -> list[DumpRow]:
    """The rows in a `<pre>` block's text, in order; [] when it holds no dump row."""
    if "\t" not in text:
        return []
    starts = list(_ROW_START.finditer(text))
    rows = []
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        # header, body, then anything a run-on copy of the row adds: not this row's text.
        parts = text[start.end():end].split("\t")
        header, body = parts[0], parts[1] if len(parts) > 1 else ""
        date, cable_id, origin, classification, references = start.groups()
        rows.append(DumpRow(
            id=cable_id,
            created=page_date(date) or csv_date(date),
            origin=origin.strip(),
            classification=classification.strip(),
            references=references.strip(),
            telegram=_LINE_END.sub("", f"{header}\n\n{body}".strip("\n")),
        ))
    return rows


def own_row(rows: list[DumpRow], page_id: str | None) -> DumpRow | None:
    """The row of the page's own cable (its id decides), else the first row."""
    return next((row for row in rows if row.id == page_id), rows[0] if rows else None)
