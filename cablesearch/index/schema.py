"""The Whoosh schema: one document per paragraph, carrying its cable's fields.

A query ranks paragraphs and filters or facets them by any cable field without a second
lookup, so every cable field is *indexed* on every paragraph. To keep the index lean,
fields that only `show` needs are *stored* on the cable's first paragraph document only
(the one with the lowest `seq`), marked "first" below. Facet fields have columns
(sortable), so facet counts read per-document arrays instead of stored fields.

Each field: type; stored (yes / first / no); column (sortable); content.

- `key`: ID, unique; no; no; `08ASTANA1111#3`, cable id + "#" + seq.
- `cable`: ID; yes; column; the cable id as written, upper case: `08ASTANA1111`.
- `seq`: NUMERIC int; yes; column; position of the paragraph in its cable, 1-based.
- `number`: NUMERIC int; yes; no; the paragraph's number. ABSENT (neither stored nor
  indexed) for an unnumbered paragraph, which search shows as `¶-`.
- `marking`: ID; yes; no; the raw marking: `S/NF`, `C NF`, `U//FOUO`; absent if unmarked.
- `level`: ID; yes; column; paragraph level `U`, `SBU`, `C`, `S`, `TS`; absent if
  unmarked (column value: empty string).
- `caveats`: KEYWORD, comma-separated; yes; no; `NF`, `REL NATO`, `FGI,NF`.
- `text`: TEXT (CableAnalyzer, positions); yes; no; the paragraph's text.
- `subject`: TEXT (CableAnalyzer, positions, field boost 2); yes; no; the whole subject.
- `created`: DATETIME, `shift_step` 16; yes; column; cable creation time (naive
  `datetime`). Where a document has no date, its raw column value
  (`column_reader(..., translate=False)`) is 2**64-1, which the translating reader
  cannot turn into a datetime (OverflowError); likewise a missing `year` reads 2**31-1.
- `released`: DATETIME, no trie (`shift_step` 0); yes; column; WikiLeaks release time;
  absent in the CSV form.
- `year`: NUMERIC int; yes; column; the year of `created`.
- `classification`: STORED (not indexed: search by `class_level`); first; no; raw:
  `UNCLASSIFIED//FOR OFFICIAL USE ONLY`.
- `class_level`: ID; yes; column; the cable's level `U`, `SBU`, `C`, `S`, `TS`
  (column value: empty string when unknown).
- `origin`: TEXT (CableAnalyzer); yes; no; `Embassy Astana`, any word of it matches.
- `origin_exact`: ID; no; column; the origin verbatim, for facets.
- `tags`: KEYWORD, space-separated; yes; column; `PHUM PGOV KCRIM KZ`; the column holds
  each document's space-joined tags.
- `references`: KEYWORD, space-separated; first; no; cited ids: `08STATE58370 06TBILISI619`.
- `signer`: TEXT (CableAnalyzer, no positions); first; no; `ORDWAY`.
- `sender`: TEXT (CableAnalyzer, no positions); first; no; the `FM` line,
  `AMEMBASSY ASTANA` (the parse JSON's `from`).
- `to`, `info`: TEXT (CableAnalyzer, no positions); first; no; addressees, one per line.
- `handling`: KEYWORD, space-separated; first; no; `SENSITIVE SIPDIS`.
- `hash`: STORED; first; `Cable.content_hash()`, for incremental updates.
- `source`: STORED; first; the unit the cable came from: a path, or `path:LINE` (CSV row).
- `digest`: STORED; first; blake2b-16 hex of that unit's raw bytes.

Keyword-like fields (`tags`, `references`, `handling`, `caveats`) index lower-cased
terms, and their analyzer lower-cases queries too, so `tag:PHUM` and `tag:phum` agree;
stored values and columns keep the original case. Whoosh skips a field whose value is
None, so absent fields are missing from `stored_fields()` rather than None.
"""

from __future__ import annotations

from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from cablesearch.index.analysis import CableAnalyzer

# Fields stored on every paragraph document; the rest are stored on the first only.
STORED_EVERYWHERE = (
    "cable", "seq", "number", "marking", "level", "caveats", "text", "subject", "created",
    "released", "year", "class_level", "origin", "tags",
)
STORED_ON_FIRST = (
    "classification", "references", "signer", "sender", "to", "info", "handling", "hash",
    "source", "digest",
)
# Columns the search side reads facet arrays from.
FACET_COLUMNS = {
    "tag": "tags", "origin": "origin_exact", "classification": "class_level",
    "marking": "level", "year": "year",
}


def _int_field(sortable: bool) -> NUMERIC:
    """A small int with one trie term per value (`shift_step` 0): fewer postings."""
    return NUMERIC(int, bits=32, stored=True, sortable=sortable, shift_step=0)


def _date_field(shift_step: int) -> DATETIME:
    """A datetime with a coarse trie, or none (0): fewer postings per document.

    DATETIME takes no shift_step argument, hence the attribute.
    """
    field = DATETIME(stored=True, sortable=True)
    field.shift_step = shift_step
    return field


def build_schema() -> Schema:
    """A fresh schema; an existing index carries its own pickled copy."""
    analyzer = CableAnalyzer()
    return Schema(
        key=ID(unique=True),
        cable=ID(stored=True, sortable=True),
        seq=_int_field(sortable=True),
        number=_int_field(sortable=False),
        marking=ID(stored=True),
        level=ID(stored=True, sortable=True),
        caveats=KEYWORD(stored=True, commas=True, lowercase=True),
        text=TEXT(analyzer=analyzer, stored=True),
        subject=TEXT(analyzer=analyzer, stored=True, field_boost=2.0),
        created=_date_field(16),  # ranges over any span: 4 trie terms per value
        released=_date_field(0),  # a few hundred distinct values: ranges enumerate them
        year=_int_field(sortable=True),
        classification=STORED(),
        class_level=ID(stored=True, sortable=True),
        origin=TEXT(analyzer=analyzer, stored=True, phrase=False),
        origin_exact=ID(sortable=True),
        tags=KEYWORD(stored=True, lowercase=True, sortable=True),
        references=KEYWORD(stored=True, lowercase=True),
        signer=TEXT(analyzer=analyzer, stored=True, phrase=False),
        sender=TEXT(analyzer=analyzer, stored=True, phrase=False),
        to=TEXT(analyzer=analyzer, stored=True, phrase=False),
        info=TEXT(analyzer=analyzer, stored=True, phrase=False),
        handling=KEYWORD(stored=True, lowercase=True),
        hash=STORED(),
        source=STORED(),
        digest=STORED(),
    )
