"""cablesearch: full-text search of U.S. diplomatic cables, one citable paragraph at a time."""

from cablesearch.cable import Cable, Paragraph, ParseError
from cablesearch.search import (
    RECORD_FIELDS,
    STYLES,
    Concordance,
    CrossTab,
    Hit,
    Line,
    NoIndex,
    QueryError,
    Searcher,
    SearchResult,
    Shown,
    Timeline,
    UnknownRef,
    citation,
    citation_item,
    citations,
    write_csv,
    write_jsonl,
)

__all__ = [
    "RECORD_FIELDS", "STYLES", "Cable", "Concordance", "CrossTab", "Hit", "Line", "NoIndex",
    "Paragraph", "ParseError", "QueryError", "SearchResult", "Searcher", "Shown", "Timeline",
    "UnknownRef", "citation", "citation_item", "citations", "write_csv", "write_jsonl",
]
__version__ = "0.1.0"
