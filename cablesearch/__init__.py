"""cablesearch: full-text search of U.S. diplomatic cables, one citable paragraph at a time.

The Python API, all from here:

    from cablesearch import Searcher, update_index, read_cables
    update_index("index", ["corpus"])
    with Searcher("index") as s:
        s.search("trafficking tag:PHUM").hits[0].ref

Names are imported on first use, so `import cablesearch` (and each CLI command, which
imports only what it runs) does not load the search engine, numpy or the web server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cablesearch.lazy import lazy_names

# Each public name and the module that defines it.
_HOMES = {
    "Cable": "cablesearch.cable",
    "Paragraph": "cablesearch.cable",
    "ParseError": "cablesearch.cable",
    "read_cables": "cablesearch.sources",
    "update_index": "cablesearch.index.writer",
    "remove_cables": "cablesearch.index.writer",
    "IndexReport": "cablesearch.index.writer",
    "index_stats": "cablesearch.index.stats",
    "IndexMissing": "cablesearch.index.store",
    "IndexBusy": "cablesearch.index.lock",
    "Searcher": "cablesearch.search.searcher",
    "QueryError": "cablesearch.search.errors",
    "UnknownRef": "cablesearch.search.errors",
    "NoIndex": "cablesearch.search.errors",  # the old name of IndexMissing
    "operator_warnings": "cablesearch.search.querylang",
    "Hit": "cablesearch.search.results",
    "SearchResult": "cablesearch.search.results",
    "Shown": "cablesearch.search.shown",
    "Concordance": "cablesearch.search.concordance",
    "Line": "cablesearch.search.concordance",
    "CrossTab": "cablesearch.search.crosstab",
    "Timeline": "cablesearch.search.timeline",
    "CableCard": "cablesearch.search.refgraph",
    "RefEdge": "cablesearch.search.refgraph",
    "RefGraph": "cablesearch.search.refgraph",
    "RefNode": "cablesearch.search.refgraph",
    "Similar": "cablesearch.search.similar",
    "SimilarResult": "cablesearch.search.similar",
    "STYLES": "cablesearch.search.citation",
    "citation": "cablesearch.search.citation",
    "citation_item": "cablesearch.search.citation",
    "citations": "cablesearch.search.citation",
    "RECORD_FIELDS": "cablesearch.search.export",
    "write_csv": "cablesearch.search.export",
    "write_jsonl": "cablesearch.search.export",
}

__all__ = [
    "RECORD_FIELDS", "STYLES", "Cable", "CableCard", "Concordance", "CrossTab", "Hit",
    "IndexBusy", "IndexMissing", "IndexReport", "Line", "NoIndex", "Paragraph", "ParseError",
    "QueryError", "RefEdge", "RefGraph", "RefNode", "SearchResult", "Searcher", "Shown",
    "Similar", "SimilarResult", "Timeline", "UnknownRef", "citation", "citation_item",
    "citations", "index_stats", "operator_warnings", "read_cables", "remove_cables",
    "update_index", "write_csv", "write_jsonl",
]
__version__ = "0.1.0"

if TYPE_CHECKING:  # what type checkers and editors see; at run time `__getattr__` loads them
    from cablesearch.cable import Cable, Paragraph, ParseError
    from cablesearch.index.lock import IndexBusy
    from cablesearch.index.stats import index_stats
    from cablesearch.index.store import IndexMissing
    from cablesearch.index.writer import IndexReport, remove_cables, update_index
    from cablesearch.search.citation import STYLES, citation, citation_item, citations
    from cablesearch.search.concordance import Concordance, Line
    from cablesearch.search.crosstab import CrossTab
    from cablesearch.search.errors import NoIndex, QueryError, UnknownRef
    from cablesearch.search.export import RECORD_FIELDS, write_csv, write_jsonl
    from cablesearch.search.querylang import operator_warnings
    from cablesearch.search.refgraph import CableCard, RefEdge, RefGraph, RefNode
    from cablesearch.search.results import Hit, SearchResult
    from cablesearch.search.searcher import Searcher
    from cablesearch.search.shown import Shown
    from cablesearch.search.similar import Similar, SimilarResult
    from cablesearch.search.timeline import Timeline
    from cablesearch.sources import read_cables


__getattr__, __dir__ = lazy_names(__name__, _HOMES)
