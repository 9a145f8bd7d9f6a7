"""Search the paragraph index from Python (the CLI is a thin layer over this).

    from cablesearch.search import Searcher
    with Searcher("index") as s:
        r = s.search("trafficking tag:PHUM", facets=["tag"])
        r.total, r.hits[0].ref, r.facets["tag"]
"""

from cablesearch.search.errors import NoIndex, QueryError, UnknownRef
from cablesearch.search.results import Hit, SearchResult
from cablesearch.search.searcher import Searcher
from cablesearch.search.shown import Shown

__all__ = ["Hit", "NoIndex", "QueryError", "SearchResult", "Searcher", "Shown", "UnknownRef"]
