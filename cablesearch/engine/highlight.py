"""The terms a query looks for, to mark them in snippets and whole cables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from whoosh import query as wq


def positive_terms(q: wq.Query, reader: Any, fields: Sequence[str]) -> frozenset[str]:
    """The terms of `fields` the query looks for (not those it excludes), a prefix's
    and a phrase's included."""
    terms: set[str] = set()
    for leaf in _positive_leaves(q):
        if leaf.field() not in fields:
            continue
        for _, text in leaf.expanded_terms(reader, phrases=True):
            terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
    return frozenset(terms)


def _positive_leaves(q: wq.Query) -> Iterator[wq.Query]:
    if isinstance(q, wq.AndNot):
        yield from _positive_leaves(q.a)
    elif isinstance(q, wq.Not):
        return
    elif q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from _positive_leaves(child)
