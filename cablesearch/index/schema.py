"""The Whoosh schema: one document per paragraph, carrying its cable's fields.

A query ranks paragraphs and filters or facets them by any cable field without a second
lookup. Every posting costs build time and bytes, so each field is indexed, stored and
given a column only where something reads it:

- Fields that queries and filters use often (`subject`, `origin`, `tags`, `class_level`,
  `cable`) are *indexed* on every paragraph. The rarely queried cable fields
  (`CABLE_WIDE`: `references`, `signer`, `sender`, `to`, `info`, `handling`) are indexed
  on the cable's first paragraph document only (the one with the lowest `seq`), and
  `engine.cablewide.CableWide` widens a match on it to all the cable's paragraphs.
- Cable fields are *stored* on the first paragraph document only ("first" below);
  paragraph fields on every one.
- Positions (`text`, `subject`) are encoded by `index.positions.CompactPositions`,
  varints instead of Whoosh's pickled lists.
- Dates, years and facet values are read from *columns* (sortable): date ranges and
  `year:` from the `created`/`released` columns (`engine.datespan`), facets from arrays.
  Those fields have no postings ("no" under indexed), and `Searcher` reads the `created`,
  `released` and `tags` of a document from its columns, not from stored fields.

Each field: type; indexed (yes / first / no); stored (yes / first / no); column; content.

- `cable`: ID; yes; yes; column; the cable id as written, upper case: `08ASTANA1111`.
- `seq`: NUMERIC int; no; yes; column; position of the paragraph in its cable, 1-based.
  A cable's documents are consecutive in seq order, so a rise of `seq` from one document
  to the next means the same cable continues.
- `number`: STORED int; no; yes; no; the paragraph's number. ABSENT for an unnumbered
  paragraph, which search shows as `¶-`.
- `occurrence`: STORED int; no; yes; no; which copy of its number the paragraph is
  (1-based), present only where the cable repeats the number (unnumbered paragraphs
  count as one number): `06MADRID934 ¶10.2` (see `search.refs`).
- `marking`: STORED; no; yes; no; the raw marking: `S/NF`, `C NF`, `U//FOUO`; absent if
  unmarked (queries use `level` and `caveats`).
- `level`: ID; yes; yes; column; paragraph level `U`, `SBU`, `C`, `S`, `TS`; indexed as
  `unmarked` but stored absent if unmarked (column value: empty string).
- `caveats`: KEYWORD, comma-separated; yes; yes; no; `NF`, `REL NATO`, `FGI,NF`.
- `text`: TEXT (CableAnalyzer, compact positions); yes; yes; no; the paragraph's text.
- `subject`: TEXT (CableAnalyzer, compact positions, field boost 2); yes; first; no; the
  whole subject.
- `created`: DATETIME; no; no; column; cable creation time (naive `datetime`). Where a
  document has no date, its raw column value (`column_reader(..., translate=False)`) is
  2**64-1, which the translating reader cannot turn into a datetime (OverflowError);
  likewise a missing `year` reads 2**31-1.
- `released`: DATETIME; no; no; column; WikiLeaks release time; absent in the CSV form.
- `year`: NUMERIC int; no; no; column; the year of `created`, for facets.
- `subject_marking`: ID; yes; yes; column; the marking written before the subject
  (`SUBJECT: (C/NF) ...` → `C/NF`), for the `subject_marking` facet; absent where the
  subject is unmarked.
- `classification`: STORED; no; first; no; raw: `UNCLASSIFIED//FOR OFFICIAL USE ONLY`
  (search by `class_level`).
- `class_level`: ID; yes; no; column; the cable's level `U`, `SBU`, `C`, `S`, `TS`
  (column value: empty string when unknown).
- `origin`: TEXT (CableAnalyzer, no positions); yes; first; no; `Embassy Astana`, any
  word of it matches.
- `origin_exact`: ID; no; no; column; the origin verbatim, for facets.
- `tags`: KEYWORD, one tag a line (`TAG_SEPARATOR`: a tag may hold spaces and commas,
  `HUMAN RIGHTS`, `CLINTON, HILLARY`); yes; no; column; the column holds each
  document's tags joined by it (`tags_of` splits them back).
- `references`: KEYWORD, space-separated; first; first; no; cited ids:
  `08STATE58370 06TBILISI619`.
- `signer`: TEXT (CableAnalyzer, no positions); first; first; no; `ORDWAY`.
- `sender`: TEXT (CableAnalyzer, no positions); first; first; no; the `FM` line,
  `AMEMBASSY ASTANA` (the parse JSON's `from`).
- `to`, `info`: TEXT (CableAnalyzer, no positions); first; first; no; addressees, one
  per line.
- `handling`: KEYWORD, space-separated; first; first; no; `SENSITIVE SIPDIS`.
- `hash`: STORED; no; first; no; `Cable.content_hash()`, for incremental updates.
- `source`: STORED; no; first; no; the unit the cable came from: a path, or `path:LINE`
  (CSV row).
- `digest`: STORED; no; first; no; blake2b-16 hex of that unit's raw bytes.
- `kind`: ID; yes; yes; no; `cable` on the one document of a cable without paragraph text
  (it has no `text`, `number` or `level`); absent on paragraph documents.
- `minhash`: COLUMN (fixed 24 bytes); no; no; column; the paragraph's MinHash LSH bands
  (`index.minhash`), which `similar` and `--collapse-duplicates` compare; all zero
  bytes for a paragraph without words.

Keyword-like fields (`tags`, `references`, `handling`, `caveats`) index lower-cased
terms, and their analyzer lower-cases queries too, so `tag:PHUM` and `tag:phum` agree;
stored values and columns keep the original case. Whoosh skips a field whose value is
None, so absent fields are missing from `stored_fields()` rather than None.
"""

from __future__ import annotations

from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.columns import FixedBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, FieldType, Schema

from cablesearch.index.analysis import CableAnalyzer
from cablesearch.index.minhash import BAND_BYTES, EMPTY
from cablesearch.index.positions import CompactPositions

# Cable fields stored on the cable's first paragraph document only.
STORED_ON_FIRST = (
    "subject", "classification", "origin", "references", "signer", "sender", "to", "info",
    "handling", "hash", "source", "digest",
)
# Cable fields indexed on the first paragraph document only (see `engine.cablewide`).
CABLE_WIDE = ("references", "signer", "sender", "to", "info", "handling")
# Columns the search side reads facet arrays from.
FACET_COLUMNS = {
    "tag": "tags", "origin": "origin_exact", "classification": "class_level",
    "marking": "level", "year": "year", "subject_marking": "subject_marking",
}

# Tags are joined by a line break in the `tags` field and column: a tag can hold spaces and
# commas (`HUMAN RIGHTS`, `CLINTON, HILLARY`), never a line break.
TAG_SEPARATOR = "\n"


def tags_of(value: str | None) -> tuple[str, ...]:
    """A `tags` column value split back into the cable's tags."""
    return tuple(tag for tag in value.split(TAG_SEPARATOR) if tag) if value else ()


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


def build_schema() -> Schema:
    """A fresh schema; an existing index carries its own pickled copy."""
    analyzer = CableAnalyzer()
    return Schema(
        cable=ID(stored=True, sortable=True),
        seq=_column_only(NUMERIC(int, bits=32, stored=True, sortable=True)),
        number=STORED(),
        occurrence=STORED(),
        marking=STORED(),
        level=ID(stored=True, sortable=True),
        caveats=KEYWORD(stored=True, commas=True, lowercase=True),
        text=_compact(TEXT(analyzer=analyzer, stored=True)),
        subject=_compact(TEXT(analyzer=analyzer, stored=True, field_boost=2.0)),
        created=_column_only(DATETIME(sortable=True)),
        released=_column_only(DATETIME(sortable=True)),
        year=_column_only(NUMERIC(int, bits=32, sortable=True)),
        subject_marking=ID(stored=True, sortable=True),
        classification=STORED(),
        class_level=ID(sortable=True),
        origin=TEXT(analyzer=analyzer, stored=True, phrase=False),
        origin_exact=_column_only(ID(sortable=True)),
        tags=KEYWORD(sortable=True, analyzer=RegexTokenizer(r"[^\n]+") | LowercaseFilter()),
        references=KEYWORD(stored=True, lowercase=True),
        signer=TEXT(analyzer=analyzer, stored=True, phrase=False),
        sender=TEXT(analyzer=analyzer, stored=True, phrase=False),
        to=TEXT(analyzer=analyzer, stored=True, phrase=False),
        info=TEXT(analyzer=analyzer, stored=True, phrase=False),
        handling=KEYWORD(stored=True, lowercase=True),
        hash=STORED(),
        source=STORED(),
        digest=STORED(),
        kind=ID(stored=True),
        minhash=COLUMN(FixedBytesColumn(BAND_BYTES, default=EMPTY)),
    )
