"""Small helpers for the analysis and index tests: terms of a text, and does a query find it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import QueryParser

from cablesearch.cable import Cable, Paragraph
from cablesearch.index.analysis import CableAnalyzer
from cablesearch.index.schema import build_schema


def terms(text: str, mode: str = "index") -> list[str]:
    """The terms the cable analyzer makes of `text`, in order."""
    return [token.text for token in CableAnalyzer()(text, mode=mode)]


def finds(text: str, query: str) -> bool:
    """Whether a query typed by a user (Whoosh's parser, our schema) finds a paragraph."""
    schema = build_schema()
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        writer.add_document(cable="X", seq=1, text=text)
    with ix.searcher() as searcher:
        return len(searcher.search(QueryParser("text", schema).parse(query))) == 1


def cable(cable_id: str, *texts: str, **fields) -> Cable:
    """A hand-made cable whose paragraphs are numbered 1, 2, ... and marked (C)."""
    paragraphs = tuple(
        Paragraph(seq, seq, text, "C", "C") for seq, text in enumerate(texts, start=1)
    )
    return Cable(id=cable_id, paragraphs=paragraphs, **fields)


def csv_row(row: int, cable_id: str, body: str, subject: str = "TEST",
            created: str = "6/13/2008 11:56") -> str:
    """One row of a cables.csv dump (the 8 quoted columns; `\\"` escapes a quote)."""
    fields = [str(row), created, cable_id, "Embassy Astana", "UNCLASSIFIED", "",
              "FM AMEMBASSY ASTANA\nTO SECSTATE WASHDC",
              f"UNCLAS ASTANA 001111\n\nTAGS: PHUM KZ\nSUBJECT: {subject}\n\n{body}"]
    return ",".join('"' + f.replace("\\", "\\\\").replace('"', '\\"') + '"'
                    for f in fields) + "\n"


def write_dump(path: Path, cables: dict[str, str]) -> Path:
    path.write_text("".join(csv_row(n, cable_id, f"1. (U) {text}\n")
                            for n, (cable_id, text) in enumerate(cables.items(), 1)),
                    encoding="utf-8")
    return path


SAMPLE_DUMP = Path(__file__).resolve().parent.parent / "corpus" / "csv" / "cables.csv"


def repeated_dump(path: Path, cables: int, tag: str) -> Path:
    """A cables.csv dump of our sample rows repeated under new ids (`08<tag>1`, ...):
    long enough to kill a run of it."""
    csv.field_size_limit(1 << 30)
    with open(SAMPLE_DUMP, newline="", encoding="utf-8") as samples:
        rows = list(csv.reader(samples, escapechar="\\", doublequote=False))
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, escapechar="\\", doublequote=False,
                        lineterminator="\n")
    for n in range(cables):
        row = list(rows[n % len(rows)])
        row[0], row[2] = str(n + 1), f"{row[2][:2]}{tag}{n + 1}"
        writer.writerow(row)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path
