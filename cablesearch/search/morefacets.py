"""Facets the index keeps no column for: caveat, signer, handling (`fields.FACETS`).

The facet arrays of `facets` are read from columns. These fields have none (a column per
field would cost every build), so their per-document codes are derived once per searcher
from what the index does hold:

- a paragraph field (`caveat`) from its postings (`Engine.term_codes`): each term's doc
  numbers, a document's terms joined into one value set;
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

from cablesearch.engine import Engine
from cablesearch.engine.doccodes import Codes
from cablesearch.index.fields import BY_NAME, FACETS

# Facet → the field it counts, for the facets of fields without a column.
_UNCOLUMNED = {facet.name: facet.field for facet in FACETS if not BY_NAME[facet.field].column}
# Those of cable fields (stored on the cable's first document), read in one pass.
CABLE_FIELDS = {name: field for name, field in _UNCOLUMNED.items()
                if BY_NAME[field].stored == "first"}
_HEADS = 4096  # first documents whose stored fields are read together, in doc order


def _code_table(keys: list[tuple[Any, ...]]) -> tuple[np.ndarray, list[tuple[Any, ...]]]:
    """Each key's code, and the distinct keys in code order."""
    index: dict[tuple[Any, ...], int] = {}
    codes = np.fromiter((index.setdefault(key, len(index)) for key in keys), dtype=np.int32,
                        count=len(keys))
    return codes, list(index)


def cable_field_codes(engine: Engine) -> dict[str, Codes]:
    """Codes of each cable-level facet (`CABLE_FIELDS`), read in one pass over the
    stored fields of the first documents, a batch at a time."""
    heads = engine.heads()
    run = np.searchsorted(heads, engine.first_docs())  # each doc's cable, in index order
    keys: dict[str, list[tuple[Any, ...]]] = {name: [] for name in CABLE_FIELDS}
    values = {name: _split if BY_NAME[field].kind == "keywords" else _one
              for name, field in CABLE_FIELDS.items()}
    stored = engine.stored_batches()
    for start in range(0, len(heads), _HEADS):
        batch = heads[start:start + _HEADS]
        read = stored.read(batch)
        for doc in batch.tolist():
            for name, field in CABLE_FIELDS.items():
                keys[name].append(values[name](read[doc].get(field)))
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


def builders() -> dict[str, Callable[[Engine], dict[str, Codes]]]:
    """Facet name → the builder of its codes (a builder may answer several facets)."""
    return {name: (cable_field_codes if name in CABLE_FIELDS else partial(_terms, name, field))
            for name, field in _UNCOLUMNED.items()}


def _terms(name: str, field: str, engine: Engine) -> dict[str, Codes]:
    return {name: engine.term_codes(field)}
