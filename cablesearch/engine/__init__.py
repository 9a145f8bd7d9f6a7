"""The search engine under the domain: everything that reads Whoosh's index on the query side.

The domain (`search`: query language, filters, hits, facets) asks this package which
documents a query matches, their scores, the best of them and per-document values; how
that is answered from Whoosh's postings, columns and stored fields stays here.
"""
