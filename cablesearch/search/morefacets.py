"""Facets the index keeps no column for: caveat, signer, handling (`fields.FACETS`).

The facet arrays of `facets` are read from columns. These fields have none (a column per
field would cost every build), so their per-document codes are derived once per searcher
from what the index does hold:

- a paragraph field (`caveat`) from its postings: each term's doc numbers, a document's
  terms joined into one value set, vectorized but for documents with several;
- a cable field (`signer`, `handling`) from the stored fields of each cable's first
  document (the only one that stores them), spread over the cable's paragraphs by the
  `seq` column (a cable's documents run on while `seq` rises).

Each builder returns what `FacetArrays` keeps for a column: a code per global doc number
and each code's tuple of values.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
from whoosh.searching import Searcher as WhooshSearcher

from cablesearch.engine.cablewide import first_docs
from cablesearch.engine.postings import read_postings
from cablesearch.index.fields import BY_NAME, FACETS

Codes = tuple[np.ndarray, list[tuple[Any, ...]]]
# Facet → the field it counts, for the facets of fields without a column.
_UNCOLUMNED = {facet.name: facet.field for facet in FACETS if not BY_NAME[facet.field].column}
# Those of cable fields (stored on the cable's first document), read in one pass.
CABLE_FIELDS = {name: field for name, field in _UNCOLUMNED.items()
                if BY_NAME[field].stored == "first"}


def _code_table(keys: list[tuple[Any, ...]]) -> tuple[np.ndarray, list[tuple[Any, ...]]]:
    """Each key's code, and the distinct keys in code order."""
    index: dict[tuple[Any, ...], int] = {}
    codes = np.fromiter((index.setdefault(key, len(index)) for key in keys), dtype=np.int32,
                        count=len(keys))
    return codes, list(index)


def term_codes(searcher: WhooshSearcher, field: str) -> Codes:
    """Each doc's terms of `field`, upper case (`caveats`: `NF`, `REL NATO`), from the
    field's postings."""
    docs: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    terms: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    names: dict[str, int] = {}
    size = 0
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        size = offset + reader.doc_count_all()
        if field not in reader.schema:
            continue
        for text in reader.lexicon(field):
            name = (text.decode("utf-8") if isinstance(text, bytes) else text).upper()
            ids = read_postings(reader.postings(field, text)).ids
            docs.append(ids + offset)
            terms.append(np.full(len(ids), names.setdefault(name, len(names)), dtype=np.int64))
    all_docs, all_terms = np.concatenate(docs), np.concatenate(terms)
    order = np.lexsort((all_terms, all_docs))
    all_docs, all_terms = all_docs[order], all_terms[order]
    values = list(names)
    codes = np.zeros(size, dtype=np.int32)  # code 0: no term
    table: list[tuple[Any, ...]] = [()]
    if not len(all_docs):
        return codes, table
    starts = np.flatnonzero(np.r_[True, all_docs[1:] != all_docs[:-1]])
    counts = np.diff(np.r_[starts, len(all_docs)])
    single = counts == 1
    # One term (nearly every marked paragraph's caveat): its code is the term's, plus one.
    table += [(value,) for value in values]
    codes[all_docs[starts[single]]] = all_terms[starts[single]] + 1
    index = {key: code for code, key in enumerate(table)}
    for start, count in zip(starts[~single].tolist(), counts[~single].tolist(), strict=True):
        key = tuple(values[term] for term in all_terms[start:start + count].tolist())
        codes[all_docs[start]] = index.setdefault(key, len(index))
        if len(table) < len(index):
            table.append(key)
    return codes, table


def cable_field_codes(searcher: WhooshSearcher) -> dict[str, Codes]:
    """Codes of each cable-level facet (`CABLE_FIELDS`), read in one pass over the
    stored fields of the first documents."""
    firsts = first_docs([(leaf.reader(), offset) for leaf, offset in searcher.leaf_searchers()])
    starts = firsts == np.arange(len(firsts))
    run = np.cumsum(starts) - 1  # each doc's cable, numbered in index order
    keys: dict[str, list[tuple[Any, ...]]] = {name: [] for name in CABLE_FIELDS}
    values = {name: _split if BY_NAME[field].kind == "keywords" else _one
              for name, field in CABLE_FIELDS.items()}
    for doc in np.flatnonzero(starts).tolist():
        fields = searcher.ixreader.stored_fields(doc)
        for name, field in CABLE_FIELDS.items():
            keys[name].append(values[name](fields.get(field)))
    found: dict[str, Codes] = {}
    for name, per_cable in keys.items():
        codes, table = _code_table(per_cable)
        found[name] = (codes[run] if len(run) else codes, table)
    return found


def _one(value: str | None) -> tuple[Any, ...]:
    return (" ".join(value.split()),) if value and value.strip() else ()


def _split(value: str | None) -> tuple[Any, ...]:
    """A keywords field's distinct values (`SENSITIVE SIPDIS`)."""
    return tuple(dict.fromkeys((value or "").split()))


def builders() -> dict[str, Callable[[WhooshSearcher], dict[str, Codes]]]:
    """Facet name → the builder of its codes (a builder may answer several facets)."""
    return {name: (cable_field_codes if name in CABLE_FIELDS else partial(_terms, name, field))
            for name, field in _UNCOLUMNED.items()}


def _terms(name: str, field: str, searcher: WhooshSearcher) -> dict[str, Codes]:
    return {name: term_codes(searcher, field)}
