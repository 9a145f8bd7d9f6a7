"""The Whoosh schema: one document per paragraph, carrying its cable's fields.

A query ranks paragraphs and filters or facets them by any cable field without a second
lookup. Which fields there are, and how each is indexed, stored and columned, is the
table of `index.fields` (rendered in `docs/fields.md`); this module turns its rows into
Whoosh field types.

- Positions (`text`, `subject`) are encoded by `index.positions.CompactPositions`,
  varints instead of Whoosh's pickled lists.
- Dates, years and facet values are read from *columns* (sortable): date ranges and
  `year:` from the `created`/`released` columns (`engine.datespan`), facets from arrays.
  Those fields have no postings, and `Searcher` reads the `created`, `released` and `tags`
  of a document from its columns, not from stored fields.
- Keyword-like fields (`tags`, `references`, `handling`, `caveats`) index lower-cased
  terms, and their analyzer lower-cases queries too, so `tag:PHUM` and `tag:phum` agree;
  stored values and columns keep the original case. Whoosh skips a field whose value is
  None, so absent fields are missing from `stored_fields()` rather than None.
"""

from __future__ import annotations

from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.columns import FixedBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, FieldType, Schema

from cablesearch.index.analysis import CableAnalyzer
from cablesearch.index.fields import BY_NAME, FACETS, FIELDS, IndexField, names, split
from cablesearch.index.minhash import BAND_BYTES, EMPTY
from cablesearch.index.positions import CompactPositions

# Cable fields stored on the cable's first paragraph document only.
STORED_ON_FIRST = names(stored="first")
# Cable fields indexed on the first paragraph document only (see `engine.cablewide`).
CABLE_WIDE = names(indexed="first")
# Facet → the column the search side reads its arrays from.
FACET_COLUMNS = {facet.name: facet.field for facet in FACETS if BY_NAME[facet.field].column}


def tags_of(value: str | None) -> tuple[str, ...]:
    """A `tags` column value split back into the cable's tags."""
    return split(BY_NAME["tags"], value)


def _column_only(field: FieldType) -> FieldType:
    """A field kept as a column alone: no postings, which nothing would read.

    Whoosh's sortable field types are always indexed, hence the attribute.
    """
    field.indexed = False
    return field


def _compact(field: TEXT) -> TEXT:
    """A TEXT field whose positions postings are smaller (`index.positions`)."""
    assert field.format is not None  # every TEXT field is made with one
    field.format = CompactPositions(field_boost=field.format.field_boost)
    return field


def _field(field: IndexField, analyzer: CableAnalyzer) -> FieldType:
    """The Whoosh field type of a row of the table."""
    stored = field.stored != "no"
    made: FieldType
    if field.kind == "id":
        made = ID(stored=stored, sortable=field.column)
    elif field.kind in ("text", "words"):
        made = TEXT(analyzer=analyzer, stored=stored, field_boost=field.boost,
                    phrase=field.kind == "text")
        if field.kind == "text":
            made = _compact(made)
    elif field.kind == "keywords":
        made = KEYWORD(stored=stored, commas=field.separator == ",", lowercase=True)
    elif field.kind == "lines":
        # a tag can hold spaces and commas (`HUMAN RIGHTS`, `CLINTON, HILLARY`), never
        # a line break: one tag a line
        made = KEYWORD(stored=stored, sortable=field.column,
                       analyzer=RegexTokenizer(r"[^\n]+") | LowercaseFilter())
    elif field.kind == "int":
        made = NUMERIC(int, bits=32, stored=stored, sortable=field.column)
    elif field.kind == "date":
        made = DATETIME(stored=stored, sortable=field.column)
    elif field.kind == "stored":
        return STORED()
    else:  # "bands"
        return COLUMN(FixedBytesColumn(BAND_BYTES, default=EMPTY))
    return _column_only(made) if field.indexed == "no" else made


def build_schema() -> Schema:
    """A fresh schema; an existing index carries its own pickled copy."""
    analyzer = CableAnalyzer()
    return Schema(**{field.name: _field(field, analyzer) for field in FIELDS})
