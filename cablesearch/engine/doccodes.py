"""Per-document codes, as facets and timelines count them: each global doc number's code,
a code standing for one distinct value, read once per searcher into a numpy array.

A column's codes come from its raw values (one code per distinct raw value, converted
once per code); a field without a column (`caveats`) is coded from its postings: each
term's doc numbers, a document's terms joined into one value set.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from whoosh.fields import NUMERIC, FieldType
from whoosh.searching import Searcher as WhooshSearcher

from cablesearch.engine.columns import numeric_values, raw_values
from cablesearch.engine.postings import read_postings

Codes = tuple[np.ndarray, list[tuple[Any, ...]]]


def _translator(field: FieldType) -> Callable[[Any], Any]:
    """Column value → Python value, None for a document that had none.

    A numeric column stores the field's default (2**31-1 for a year) where a document has
    no value, and a date column a default that does not even convert to a datetime.
    """
    missing = field.default if isinstance(field, NUMERIC) else None

    def translate(raw: Any) -> Any:
        try:
            value = field.from_column_value(raw)
        except (OverflowError, ValueError):
            return None
        return None if missing is not None and value == missing else value

    return translate


def column_codes(searcher: WhooshSearcher, column: str, docs: np.ndarray | None = None
                 ) -> tuple[np.ndarray, list[Any]]:
    """Each global doc number's code (an int32 array) and each code's value, None where
    a document has none; with `docs` (sorted global numbers), the codes of those alone,
    in their order: a numeric column is still read whole (one read), any other value by
    value for them only."""
    translate = _translator(searcher.schema[column])
    code_of: dict[Any, int] = {}
    parts: list[Any] = []
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        size = reader.doc_count_all()
        picked = None if docs is None else \
            docs[np.searchsorted(docs, offset):np.searchsorted(docs, offset + size)] - offset
        raws = _raws(reader, column, picked)
        parts.append(np.fromiter((code_of.setdefault(raw, len(code_of)) for raw in raws),
                                 dtype=np.int32, count=len(raws)))
    table = [None if raw is None else translate(raw) for raw in code_of]
    codes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
    return codes, table


def _raws(reader: Any, column: str, docs: np.ndarray | None) -> Sequence[Any]:
    """One segment's raw values in `column`: every document's, or those of `docs`."""
    count = reader.doc_count_all() if docs is None else len(docs)
    if not reader.has_column(column):
        return [None] * count
    if docs is None:
        return raw_values(reader, column)
    whole = numeric_values(reader, column)
    if whole is not None:
        return whole[docs].tolist()
    values = reader.column_reader(column, translate=False)
    return [values[doc] for doc in docs.tolist()]


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
