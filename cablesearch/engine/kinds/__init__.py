"""Each query node kind's one home, found by the node's class: its nearest base class
listed here. A class listed nowhere is matched and scored by Whoosh (`kind.Kind`).

To add a query kind: a query class and its `Kind` (matching, scoring, highlighted terms)
in one file of the engine, listed here; the query language's node in
`search/querylang.py` and its compilation in `engine/compile.py`.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq
from whoosh.query.spans import SpanNear2

from cablesearch.engine.cablewide import CABLE_WIDE, CableWide
from cablesearch.engine.citedby import CITED_BY, CitedByCount
from cablesearch.engine.datespan import DATE_SPAN, DateSpan
from cablesearch.engine.kind import Kind
from cablesearch.engine.kinds.allof import ALL_OF
from cablesearch.engine.kinds.andnot import AND_NOT
from cablesearch.engine.kinds.anyof import ANY_OF
from cablesearch.engine.kinds.every import EVERY
from cablesearch.engine.kinds.multiterm import MULTI_TERM
from cablesearch.engine.kinds.negation import NOT
from cablesearch.engine.kinds.null import NULL
from cablesearch.engine.kinds.phrase import PHRASE
from cablesearch.engine.kinds.term import TERM
from cablesearch.engine.proximity import NEAR

KINDS: dict[type, Kind] = {
    wq.Term: TERM,
    wq.Or: ANY_OF,
    wq.And: ALL_OF,
    wq.AndNot: AND_NOT,
    wq.Not: NOT,
    wq.Phrase: PHRASE,
    SpanNear2: NEAR,
    wq.MultiTerm: MULTI_TERM,
    wq.Every: EVERY,
    type(wq.NullQuery): NULL,
    DateSpan: DATE_SPAN,
    CableWide: CABLE_WIDE,
    CitedByCount: CITED_BY,
}
WHOOSH = Kind()  # any other node: Whoosh's matchers match and score it


def kind_of(q: Any) -> Kind:
    """The kind of a query node: that of its class or nearest listed base class."""
    for cls in type(q).__mro__:
        found = KINDS.get(cls)
        if found is not None:
            return found
    return WHOOSH
