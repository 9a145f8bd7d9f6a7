"""Search the paragraph index from Python (the CLI is a thin layer over this).

    from cablesearch.search import Searcher
    with Searcher("index") as s:
        r = s.search("trafficking tag:PHUM", facets=["tag"])
        r.total, r.hits[0].ref, r.facets["tag"], r.did_you_mean
        s.kwic('"human rights"', limit=100)      # Concordance: one Line per occurrence
        s.search("minister", timeline="month")   # .timeline: a Timeline of hits per month
        for record in s.export("pipeline"): ...  # every hit as a dict (RECORD_FIELDS)
        s.crosstab(None, ("origin", "year"))     # CrossTab: counts of each pair of values
        s.refs("08STATE58370", depth=2)          # RefGraph: what it cites, who cites it
        s.similar("88BAGHDAD28 ¶3")              # SimilarResult: like paragraphs, copies
    operator_warnings("war or peace")  # what a query probably meant otherwise
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cablesearch.lazy import lazy_names

# Each public name and the module that defines it: imported on first use, so the engine
# can compile the query tree (`search.querylang`) without loading the whole domain.
_HOMES = {
    "STYLES": "cablesearch.search.citation",
    "citation": "cablesearch.search.citation",
    "citation_item": "cablesearch.search.citation",
    "citations": "cablesearch.search.citation",
    "Concordance": "cablesearch.search.concordance",
    "Line": "cablesearch.search.concordance",
    "CrossTab": "cablesearch.search.crosstab",
    "IndexMissing": "cablesearch.search.errors",
    "NoIndex": "cablesearch.search.errors",
    "QueryError": "cablesearch.search.errors",
    "UnknownRef": "cablesearch.search.errors",
    "RECORD_FIELDS": "cablesearch.search.export",
    "write_csv": "cablesearch.search.export",
    "write_jsonl": "cablesearch.search.export",
    "operator_warnings": "cablesearch.search.querylang",
    "CableCard": "cablesearch.search.refgraph",
    "RefEdge": "cablesearch.search.refgraph",
    "RefGraph": "cablesearch.search.refgraph",
    "RefNode": "cablesearch.search.refgraph",
    "Hit": "cablesearch.search.results",
    "SearchResult": "cablesearch.search.results",
    "Searcher": "cablesearch.search.searcher",
    "Shown": "cablesearch.search.shown",
    "Similar": "cablesearch.search.similar",
    "SimilarResult": "cablesearch.search.similar",
    "Timeline": "cablesearch.search.timeline",
}

__all__ = [
    "RECORD_FIELDS", "STYLES", "CableCard", "Concordance", "CrossTab", "Hit", "IndexMissing",
    "Line", "NoIndex",
    "QueryError", "RefEdge", "RefGraph", "RefNode", "SearchResult", "Searcher", "Shown",
    "Similar", "SimilarResult", "Timeline", "UnknownRef", "citation", "citation_item",
    "citations", "operator_warnings", "write_csv", "write_jsonl",
]

__getattr__, __dir__ = lazy_names(__name__, _HOMES)

if TYPE_CHECKING:  # what type checkers and editors see; at run time `__getattr__` loads them
    from cablesearch.search.citation import STYLES, citation, citation_item, citations
    from cablesearch.search.concordance import Concordance, Line
    from cablesearch.search.crosstab import CrossTab
    from cablesearch.search.errors import IndexMissing, NoIndex, QueryError, UnknownRef
    from cablesearch.search.export import RECORD_FIELDS, write_csv, write_jsonl
    from cablesearch.search.querylang import operator_warnings
    from cablesearch.search.refgraph import CableCard, RefEdge, RefGraph, RefNode
    from cablesearch.search.results import Hit, SearchResult
    from cablesearch.search.searcher import Searcher
    from cablesearch.search.shown import Shown
    from cablesearch.search.similar import Similar, SimilarResult
    from cablesearch.search.timeline import Timeline
