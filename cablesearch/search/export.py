"""Every hit carried out as a record: JSON lines or CSV, written as they are read.

An export is a researcher's corpus for other tools (a spreadsheet, pandas, a reference
manager), so a record holds what a hit shows plus the whole paragraph, its URLs and the
cable's fields. Records are produced one at a time (`Searcher.export`) and written a chunk
of lines at a time: memory stays flat however many paragraphs match.

The records of `Searcher.export` are written from its rows (`records`), not from dicts: a
line is the paragraph's own values encoded and its cable's part, encoded once per cable,
put in between; a CSV row likewise. The bytes are those of `json.dumps(record,
ensure_ascii=False)` and of `csv.writer` on the dict's cells.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import cache
from itertools import islice
from json.encoder import encode_basestring, encode_basestring_ascii
from operator import itemgetter
from types import SimpleNamespace
from typing import IO, Any

from cablesearch.search.citation import citation
from cablesearch.search.records import (
    CABLE_FIELDS,
    EXPORT_CABLES,
    PARAGRAPH_VALUES,
    CableFields,
    Records,
    Row,
    listed,
    paragraph_ref,
)
from cablesearch.search.refs import viewer_url

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


def asked_columns(fields: str | None, style: str | None,
                  default: Sequence[str] = RECORD_FIELDS) -> tuple[str, ...]:
    """The columns an export writes: those `fields` names (comma-separated), else
    `default`, and `citation` after them when a citation `style` is asked and they lack
    it (`search --all --fields F --cite S`). ValueError names an unknown field."""
    names = [name.strip() for name in (fields or "").split(",") if name.strip()]
    columns = check_fields(names) if names else tuple(default)
    return (*columns, "citation") if style and "citation" not in columns else columns


def cited(records: Iterable[dict], style: str | None, accessed: date | None = None
          ) -> Iterable[dict]:
    """Each record with its `citation` in `style` added; without a style, `records`
    themselves (so the writers still read an export's rows)."""
    if not style:
        return records
    return _cited(records, style, accessed)


def _cited(records: Iterable[dict], style: str, accessed: date | None) -> Iterator[dict]:
    for record in records:
        record["citation"] = citation(SimpleNamespace(**record), style, accessed)
        yield record


# A record's cable fields between its own `caveats` and `score`, each with its key.
_MIDDLE = tuple((f", {encode_basestring(name)}: ", name) for name in
                RECORD_FIELDS[RECORD_FIELDS.index("caveats") + 1:RECORD_FIELDS.index("score")])
_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
_CHUNK = 512  # lines joined into one write
_CHUNK_CHARS = 1024 * 1024  # or fewer, of this many characters: long paragraphs rank last


def _string(text: str) -> str:
    """A JSON string as the encoder writes it without `ensure_ascii`; the ASCII escaper,
    about a third faster, gives the same text for ASCII without DEL (which it escapes)."""
    if text.isascii() and "\x7f" not in text:
        return encode_basestring_ascii(text)
    return encode_basestring(text)


def _json(value: Any) -> str:
    """`value` as the encoder writes it in a record: the common kinds directly."""
    kind = value.__class__
    if kind is str:
        return _string(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    if kind is tuple:  # a cable's tags, references, handling: a list in JSON
        return f"[{', '.join(map(_json, value))}]"
    return _ENCODE(value)


def _record_lines(rows: Iterator[Row]) -> Iterator[str]:
    """Each row's line of all `RECORD_FIELDS`, as the encoder writes its `record` (the
    tests hold the two equal): the paragraph's own values encoded in place, its cable's
    encoded once per cable (kept for the last EXPORT_CABLES cables)."""
    cached: dict[CableFields, str] = {}
    for own, cable, score in rows:
        middle = cached.get(cable)
        if middle is None:
            if len(cached) > EXPORT_CABLES:
                cached.clear()
            middle = cached[cable] = "".join(
                [key + _json(getattr(cable, name)) for key, name in _MIDDLE])
        number, marking, level = own.get("number"), own.get("marking"), own.get("level")
        caveats = listed(own, "caveats")
        url = viewer_url(own["cable"], cable.created, number)
        yield (f'{{"ref": {_string(paragraph_ref(own))}, "cable": {_string(own["cable"])}, '
               f'"number": {"null" if number is None else _json(number)}, '
               f'"seq": {_json(own["seq"])}, '
               f'"marking": {"null" if marking is None else _json(marking)}, '
               f'"level": {"null" if level is None else _json(level)}, '
               f'"caveats": {_ENCODE(list(caveats)) if caveats else "[]"}{middle}, '
               f'"score": {"null" if score is None else _json(score)}, '
               f'"url": {"null" if url is None else _string(url)}, '
               f'"plusd_url": {_string(cable.plusd_url)}, '
               f'"text": {_string(own.get("text") or "")}}}\n')


def _layout(fields: Sequence[str]) -> tuple[list[Any], list[str], list[int]]:
    """How the asked columns lie in a row: the record's own fields (their getters), its
    cable's, and the order that interleaves the two (the own fields first)."""
    getters: list[Any] = []
    cables: list[str] = []
    places: list[int] = []  # an own field's index, or -1 - a cable field's
    for name in fields:
        if name in CABLE_FIELDS:
            cables.append(name)
            places.append(-len(cables))
        else:  # None for a column a record does not hold (`citation` without a style)
            getters.append(PARAGRAPH_VALUES.get(name, lambda own, cable, score: None))
            places.append(len(getters) - 1)
    order = [place if place >= 0 else len(getters) - 1 - place for place in places]
    return getters, cables, order


def _cell(value: Any) -> Any:
    """A list as its items joined by spaces (tags, references), None as empty."""
    if isinstance(value, (list, tuple)):
        return " ".join(map(str, value))
    return "" if value is None else value


def _csv_lines(rows: Iterator[Row], fields: Sequence[str], terminator: str
               ) -> Iterator[str]:
    """Each row's CSV line as `csv.writer` writes it (the tests hold the two equal), its
    cable's cells made once per cable. The csv module's writer copies a cell character by
    character, most of the time of an export to CSV; here a cell costs one search for a
    character that needs quotes."""
    getters, cables, order = _layout(fields)
    quotes = _csv_quoting(terminator).search
    # itemgetter of one index gives the item itself, not a row of it
    pick: Callable[[list[str]], Sequence[str]] = \
        itemgetter(*order) if len(order) > 1 else lambda cells: cells[:1]

    def text(value: Any) -> str:
        value = _cell(value)
        value = value if value.__class__ is str else str(value)  # a float's repr, as csv's
        return '"' + value.replace('"', '""') + '"' if quotes(value) else value

    cached: dict[CableFields, list[str]] = {}
    for own, cable, score in rows:
        cells = cached.get(cable)
        if cells is None:
            if len(cached) > EXPORT_CABLES:
                cached.clear()
            cells = cached[cable] = [text(getattr(cable, name)) for name in cables]
        # csv quotes a row of one empty cell, else a blank line
        yield (",".join(pick([*[text(get(own, cable, score)) for get in getters], *cells]))
               or '""') + terminator


@cache
def _csv_quoting(terminator: str) -> re.Pattern[str]:
    """The characters for which this Python's csv writer quotes a cell (its delimiter, its
    quote, its line terminator's), found by asking it."""
    def quoted(char: str) -> bool:
        out = io.StringIO()
        csv.writer(out, lineterminator=terminator).writerow([f"a{char}"])
        return out.getvalue().startswith('"')

    return re.compile(f"[{re.escape(''.join(filter(quoted, map(chr, range(128)))))}]")


def _picked(record: Mapping[str, Any], fields: Sequence[str]) -> Mapping[str, Any]:
    """The record as the columns ask: itself when it holds just those, in that order (the
    usual case, no copy), else a new dict of them."""
    return record if tuple(record) == fields else {name: record.get(name) for name in fields}


def _write(lines: Iterable[str], out: IO[str]) -> int:
    """Lines written a chunk at a time (`_CHUNK` lines or `_CHUNK_CHARS`); returns how
    many."""
    written = 0
    chunk: list[str] = []
    size = 0
    for line in lines:
        chunk.append(line)
        size += len(line)
        if len(chunk) == _CHUNK or size >= _CHUNK_CHARS:
            out.write("".join(chunk))
            written += len(chunk)
            chunk, size = [], 0
    out.write("".join(chunk))
    return written + len(chunk)


def write_jsonl(records: Iterable[Mapping[str, Any]], out: IO[str],
                fields: Sequence[str] = RECORD_FIELDS) -> int:
    """One JSON object per line; returns how many were written."""
    fields = tuple(fields)
    if isinstance(records, Records) and fields == RECORD_FIELDS:
        return _write(_record_lines(records.rows), out)
    # a record is a tree, so no check for cycles
    return _write((_ENCODE(_picked(record, fields)) + "\n" for record in records), out)


def write_csv(records: Iterable[Mapping[str, Any]], out: IO[str],
              fields: Sequence[str] = RECORD_FIELDS, excel: bool = False) -> int:
    """A header line, then one row per record; with `excel`, a UTF-8 BOM first."""
    if excel:
        out.write(BOM)
    terminator = "\r\n" if excel else "\n"
    writer = csv.writer(out, lineterminator=terminator)
    writer.writerow(fields)
    if isinstance(records, Records):
        return _write(_csv_lines(records.rows, fields, terminator), out)
    cells = ([_cell(record.get(name)) for name in fields] for record in records)
    written = 0
    for chunk in iter(lambda: list(islice(cells, _CHUNK)), []):
        writer.writerows(chunk)
        written += len(chunk)
    return written
