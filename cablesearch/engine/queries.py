"""The queries the domain builds itself (beside the query language, which `engine.compile`
compiles): every document, a cable's documents, a paragraph's words. The domain holds
them as opaque `Query` values and hands them back to the `Engine`."""

from __future__ import annotations

from whoosh import query as wq

Query = wq.Query


def every() -> Query:
    """Every document: a query of filters alone, or of none."""
    return wq.Every()


def is_every(q: Query) -> bool:
    return isinstance(q, wq.Every)


def term(field: str, text: str) -> Query:
    return wq.Term(field, text)


def any_term(field: str, texts: list[str]) -> Query:
    """Documents holding any of the terms, scored as their sum."""
    return wq.Or([wq.Term(field, text) for text in texts])
