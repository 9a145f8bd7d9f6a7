"""cablesearch: full-text search of U.S. diplomatic cables, one citable paragraph at a time."""

from cablesearch.cable import Cable, Paragraph, ParseError
from cablesearch.search import (
    RECORD_FIELDS,
    STYLES,
    CableCard,
    Concordance,
    CrossTab,
    Hit,
    Line,
    NoIndex,
    QueryError,
    RefEdge,
    RefGraph,
    RefNode,
    Searcher,
    SearchResult,
    Shown,
    Similar,
    SimilarResult,
    Timeline,
    UnknownRef,
    citation,
    citation_item,
    citations,
    write_csv,
    write_jsonl,
)

__all__ = [
    "RECORD_FIELDS", "STYLES", "Cable", "CableCard", "Concordance", "CrossTab", "Hit", "Line",
    "NoIndex", "Paragraph", "ParseError", "QueryError", "RefEdge", "RefGraph", "RefNode",
    "SearchResult", "Searcher", "Shown", "Similar", "SimilarResult", "Timeline", "UnknownRef",
    "citation", "citation_item", "citations", "write_csv", "write_jsonl",
]
__version__ = "0.1.0"
