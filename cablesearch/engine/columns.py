"""A segment's column values, read in one piece where the column allows it.

Whoosh reads a column value by value (a seek and a read each, about 2 µs): at 2.5 M
paragraphs, seconds for every per-searcher array built from a column. Numeric columns
hold fixed-size big-endian values, which are read here as one array.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence
from typing import Any

import numpy as np

from cablesearch.engine.internals import numeric_column


def raw_values(reader: Any, name: str) -> Sequence[Any]:
    """Every document's raw (untranslated) value in column `name` of one segment.

    A numeric column is read in one piece (`internals.numeric_column`); any other column
    value by value."""
    column = reader.column_reader(name, translate=False)
    values = _numeric(reader, column)
    return list(column) if values is None else values


def numeric_values(reader: Any, name: str) -> np.ndarray | None:
    """A numeric column's raw values as a numpy array (read in one piece); None for any
    other column."""
    values = _numeric(reader, reader.column_reader(name, translate=False))
    return None if values is None else np.frombuffer(values, dtype=values.typecode)


def _numeric(reader: Any, column: Any) -> array | None:
    whole = numeric_column(column)
    if whole is None:
        return None
    typecode, raw, default, count = whole
    values = array(typecode)
    values.frombytes(raw)
    if sys.byteorder == "little":
        values.byteswap()
    values.extend([default] * (reader.doc_count_all() - count))
    return values


def numeric_array(reader: Any, name: str) -> np.ndarray:
    """A numeric column's raw values as a numpy array, for vectorized comparisons."""
    values = numeric_values(reader, name)
    return np.array(raw_values(reader, name)) if values is None else values
