"""The search engine under the domain: everything that reads Whoosh's index on the query side.

The domain (`search`: query language, filters, hits, facets) asks an `Engine` which
documents a query matches (`matching`), their scores (`scores`), the best of them (`top`),
a document's columns and stored fields; how that is answered from Whoosh's postings,
columns and stored fields stays in this package, and every read of a Whoosh private
attribute in one module of it (`internals`).

Scores equal to Whoosh's own to the last bit are a requirement: the ranking and its ties
are Whoosh's BM25F ranking (the oracle tests compare every match's score with Whoosh's,
bit for bit), so a user sees the same hits in the same order whichever path scored them.
That is why `scoring` sums a query's parts in the very binary tree Whoosh's matchers add
them in; a node it does not reproduce is scored by Whoosh's matchers, inside `Engine`.
"""

from cablesearch.engine.core import Engine, Pass, best_of
from cablesearch.engine.kind import Unsupported
from cablesearch.engine.queries import Query, any_term, every, is_every, term

__all__ = ["Engine", "Pass", "Query", "Unsupported", "any_term", "best_of", "every",
           "is_every", "term"]
