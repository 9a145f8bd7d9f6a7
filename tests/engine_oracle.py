"""What the engine is held to: Whoosh's own matchers over the same index (reached through
`Engine.whoosh`), and query strings compiled as the domain compiles them."""

from __future__ import annotations

from cablesearch.engine import Engine, Query
from cablesearch.engine.compile import QueryCompiler
from cablesearch.search.querylang import parse_query


def compiled(engine: Engine, query: str) -> Query:
    """The engine's query for a query string (as `Searcher` compiles it)."""
    compiler = QueryCompiler(engine.schema, engine.whoosh.reader())
    return compiler.compile(parse_query(query)).normalize()


def whoosh_scores(engine: Engine, q: Query) -> dict[int, float]:
    """Every doc Whoosh's matchers match, with the score they give it, in one pass."""
    found: dict[int, float] = {}
    context = engine.whoosh.context(needs_current=True)
    for leaf, offset in engine.whoosh.leaf_searchers():
        matcher = q.matcher(leaf, context)
        while matcher.is_active():
            found[matcher.id() + offset] = matcher.score()
            matcher.next()
    return found
