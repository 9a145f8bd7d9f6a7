"""Every hit of a search as CSV or JSON lines, streamed a page at a time.

A researcher exports a query to work on its hits elsewhere, so every hit goes out, not
the page shown. Each page takes the shared searcher only for its own turn, so an export
of a hundred thousand paragraphs does not hold up other requests; each page is written by
the CLI's own renderings, so a row is what `search --format csv` (or json) prints.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

from cablesearch.search.render import search_csv
from cablesearch.search.results import SearchResult
from cablesearch.web.params import SearchParams
from cablesearch.web.shared import SharedSearcher

EXPORT_PAGE = 500


def result_pages(shared: SharedSearcher, params: SearchParams) -> Iterator[SearchResult]:
    """The search's results a page at a time, until every hit has been given."""
    page = replace(params, limit=EXPORT_PAGE, page=1, facets=None)
    while True:
        with shared.use() as searcher:
            result = searcher.search(page.q, **page.search_args())
        yield result
        if not result.hits or page.offset + len(result.hits) >= result.total:
            return
        page = replace(page, page=page.page + 1)


def jsonl_lines(pages: Iterator[SearchResult]) -> Iterator[str]:
    """One hit a line, each as a hit of `search --format json`."""
    for result in pages:
        yield "".join(json.dumps(hit.to_json(), ensure_ascii=False) + "\n"
                      for hit in result.hits)


def csv_lines(pages: Iterator[SearchResult]) -> Iterator[str]:
    """The header and rows of `search --format csv`, the header once."""
    for number, result in enumerate(pages):
        text = search_csv(result)
        yield text if number == 0 else text.split("\n", 1)[1]
