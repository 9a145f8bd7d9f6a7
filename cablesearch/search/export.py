"""Every hit carried out as a record: JSON lines or CSV, written as they are read.

An export is a researcher's corpus for other tools (a spreadsheet, pandas, a reference
manager), so a record holds what a hit shows plus the whole paragraph, its URLs and the
cable's fields. Records are produced one at a time (`Searcher.export`) and written one
line at a time: memory stays flat however many paragraphs match.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from types import SimpleNamespace
from typing import IO, Any

from cablesearch.search.citation import citation

RECORD_FIELDS = (
    "ref", "cable", "number", "seq", "marking", "level", "caveats", "created", "released",
    "origin", "subject", "classification", "tags", "references", "signer", "handling",
    "score", "url", "plusd_url", "text",
)
FORMATS = ("jsonl", "csv")
BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with one


def check_fields(names: Sequence[str]) -> tuple[str, ...]:
    """The asked columns, in order; ValueError names an unknown one."""
    for name in names:
        if name not in RECORD_FIELDS and name != "citation":
            raise ValueError(f"unknown field '{name}' (use {', '.join(RECORD_FIELDS)}, citation)")
    return tuple(names)


def cited(records: Iterable[dict], style: str | None, accessed: date | None = None
          ) -> Iterator[dict]:
    """Each record with its `citation` in `style` added (unchanged when no style)."""
    for record in records:
        if style:
            record["citation"] = citation(SimpleNamespace(**record), style, accessed)
        yield record


def _picked(record: Mapping[str, Any], fields: Sequence[str]) -> Mapping[str, Any]:
    """The record as the columns ask: itself when it holds just those, in that order (the
    usual case, no copy), else a new dict of them."""
    return record if tuple(record) == fields else {name: record.get(name) for name in fields}


def write_jsonl(records: Iterable[Mapping[str, Any]], out: IO[str],
                fields: Sequence[str] = RECORD_FIELDS) -> int:
    """One JSON object per line; returns how many were written."""
    # one encoder for every line; a record is a tree, so no check for cycles
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    fields = tuple(fields)
    written = 0
    for record in records:
        out.write(encode(_picked(record, fields)) + "\n")
        written += 1
    return written


def _cell(value: Any) -> Any:
    """A list as its items joined by spaces (tags, references), None as empty."""
    if isinstance(value, list):
        return " ".join(map(str, value))
    return "" if value is None else value


def write_csv(records: Iterable[Mapping[str, Any]], out: IO[str],
              fields: Sequence[str] = RECORD_FIELDS, excel: bool = False) -> int:
    """A header line, then one row per record; with `excel`, a UTF-8 BOM first."""
    if excel:
        out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    writer.writerow(fields)
    written = 0
    for record in records:
        writer.writerow([_cell(record.get(name)) for name in fields])
        written += 1
    return written
