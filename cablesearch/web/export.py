"""Every hit of a search as CSV or JSON lines, streamed: what `search --all --cite chicago`
writes for the same query; `fields`, `excel` and `cite` as the CLI's options (`fields`
without `citation` leaves the citations out).

`Searcher.export` makes the records one at a time; it is advanced here a batch at a time,
each batch in its own turn among the requests, so an export of a hundred thousand
paragraphs neither holds other requests up nor sits in memory. Each batch is written by
the CLI's own writers (`search.export`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from cablesearch.engine.readers import Lease
from cablesearch.search.errors import QueryError
from cablesearch.search.export import cited, write_csv, write_jsonl
from cablesearch.search.records import Records
from cablesearch.web.params import ExportParams, SearchParams
from cablesearch.web.shared import SharedSearcher

BATCH = 500
FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


def export_lines(shared: SharedSearcher, params: SearchParams, export: ExportParams,
                 form: str) -> Iterator[str]:
    """The export's text, a batch of records at a time. The query is checked (and a bad
    one raises) before the first batch is asked for. The export keeps the searcher of the
    commit it began on, and a Whoosh searcher of its own, to its end."""
    if export.excel and form != "csv":
        raise QueryError("excel needs the csv export")
    searcher, lease = shared.lease()
    try:
        with shared.turn(), lease.bound():
            records = cited(searcher.export(params.q, filters=params.filters,
                                            sort=params.sort),
                            export.cite if "citation" in export.columns else None)
    except BaseException:
        lease.release()
        raise
    return _batches(shared, lease, records, form, export)


def _batches(shared: SharedSearcher, lease: Lease, records: Iterable[dict], form: str,
             export: ExportParams) -> Iterator[str]:
    # an export's rows are taken as rows, for the writers to read them as such
    source: Iterator[Any] = records.rows if isinstance(records, Records) else iter(records)
    try:
        first = True
        while True:
            with shared.turn(), lease.bound():
                taken = list(islice(source, BATCH))
            if not taken and not first:
                return
            batch = Records(iter(taken)) if isinstance(records, Records) else taken
            out = io.StringIO()
            if form == "csv":
                write_csv(batch, out, export.columns, excel=export.excel)
                text = out.getvalue()
                yield text if first else text.split("\n", 1)[1]  # the header once
            else:
                write_jsonl(batch, out, export.columns)
                yield out.getvalue()
            if not taken:
                return
            first = False
    finally:
        lease.release()
