"""Every hit of a search as CSV or JSON lines, streamed: what `search --all --cite chicago`
writes for the same query.

`Searcher.export` makes the records one at a time; it is advanced here a batch at a time,
each batch in its own turn among the requests, so an export of a hundred thousand
paragraphs neither holds other requests up nor sits in memory. Each batch is written by
the CLI's own writers (`search.export`).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from itertools import islice

from cablesearch.engine.readers import Lease
from cablesearch.search.export import RECORD_FIELDS, cited, write_csv, write_jsonl
from cablesearch.web.params import SearchParams
from cablesearch.web.shared import SharedSearcher

BATCH = 500
CITE_STYLE = "chicago"
COLUMNS = (*RECORD_FIELDS, "citation")
FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


def export_lines(shared: SharedSearcher, params: SearchParams, form: str) -> Iterator[str]:
    """The export's text, a batch of records at a time. The query is checked (and a bad
    one raises) before the first batch is asked for. The export keeps the searcher of the
    commit it began on, and a Whoosh searcher of its own, to its end."""
    searcher, lease = shared.lease()
    try:
        with shared.turn(), lease.bound():
            records = iter(cited(searcher.export(params.q, filters=params.filters,
                                                 sort=params.sort), CITE_STYLE))
    except BaseException:
        lease.release()
        raise
    return _batches(shared, lease, records, form)


def _batches(shared: SharedSearcher, lease: Lease, records: Iterator[dict], form: str
             ) -> Iterator[str]:
    try:
        first = True
        while True:
            with shared.turn(), lease.bound():
                batch = list(islice(records, BATCH))
            if not batch and not first:
                return
            out = io.StringIO()
            if form == "csv":
                write_csv(batch, out, COLUMNS)
                text = out.getvalue()
                yield text if first else text.split("\n", 1)[1]  # the header once
            else:
                write_jsonl(batch, out, COLUMNS)
                yield out.getvalue()
            if not batch:
                return
            first = False
    finally:
        lease.release()
