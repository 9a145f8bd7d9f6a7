"""The terms a query looks for, to mark them in snippets and whole cables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from whoosh import query as wq

from cablesearch.engine.kinds import kind_of


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
    """The leaves whose terms a match looks for, as each kind says (`kinds`)."""
    parts = kind_of(q).highlighted(q)
    if parts is None:
        yield q
        return
    for part in parts:
        yield from _positive_leaves(part)
