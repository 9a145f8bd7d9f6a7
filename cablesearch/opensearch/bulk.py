"""Bulk files for the engine's `_bulk` endpoint, written as the cables stream by.

A whole archive is exported in constant memory: each cable's documents are written as it
arrives and a file is closed once it passes `max_bytes` (the engines' default limit on
one HTTP request is 100 MB). Beside them: `mapping.json` (the index body) and
`README.txt`, the two `curl` commands that load them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from cablesearch.cable import Cable
from cablesearch.opensearch.documents import cable_documents, document_id
from cablesearch.opensearch.mapping import index_body

MAX_BYTES = 100 * 1024 * 1024

_README = """\
Cables exported by cablesearch: {paragraphs} paragraph documents of {cables} cables.
Load them into OpenSearch or Elasticsearch at $URL (e.g. http://localhost:9200):

curl -fsS -X PUT "$URL/{index}" -H 'Content-Type: application/json' \\
  --data-binary @mapping.json
for f in bulk-*.ndjson; do curl -fsS -X POST "$URL/_bulk" \\
  -H 'Content-Type: application/x-ndjson' --data-binary "@$f" \\
  | grep -q '"errors":false' || echo "errors in $f"; done
"""


@dataclass
class ExportSummary:
    """What an export wrote."""

    cables: int = 0
    paragraphs: int = 0
    files: list[Path] = field(default_factory=list)


def bulk_lines(cable: Cable, index: str) -> list[str]:
    """The action and source lines of every paragraph document of a cable."""
    lines = []
    for document in cable_documents(cable):
        action = {"index": {"_index": index, "_id": document_id(cable.id, document["seq"]),
                            "routing": cable.id}}
        lines.append(json.dumps(action, ensure_ascii=False))
        lines.append(json.dumps(document, ensure_ascii=False))
    return lines


def write_export(cables: Iterable[Cable], out_dir: str | Path, index: str = "cables",
                 max_bytes: int = MAX_BYTES) -> ExportSummary:
    """Write `mapping.json`, `bulk-0001.ndjson` ... and `README.txt` into `out_dir`."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "mapping.json").write_text(json.dumps(index_body(), indent=2) + "\n", "utf-8")
    summary = ExportSummary()
    current: IO[bytes] | None = None
    size = 0
    try:
        for cable in cables:
            lines = bulk_lines(cable, index)
            if not lines:
                continue
            chunk = "".join(line + "\n" for line in lines).encode("utf-8")
            if current is None or size + len(chunk) > max_bytes and size:
                if current is not None:
                    current.close()
                path = out / f"bulk-{len(summary.files) + 1:04d}.ndjson"
                summary.files.append(path)
                current, size = path.open("wb"), 0
            current.write(chunk)
            size += len(chunk)
            summary.cables += 1
            summary.paragraphs += len(lines) // 2
    finally:
        if current is not None:
            current.close()
    (out / "README.txt").write_text(
        _README.format(paragraphs=summary.paragraphs, cables=summary.cables, index=index),
        "utf-8")
    return summary
