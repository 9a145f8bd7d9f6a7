"""Every field of a paragraph document, declared once.

A row says what a field holds and how the index keeps it: its kind (which Whoosh type and
analysis), where it is indexed and stored (on every paragraph document, on its cable's
first one only, or not at all), whether it has a column (dates, sorting, facet arrays),
the names the query language gives it, the facets it backs, and the `Cable` attribute it
carries. The Whoosh schema (`schema.build_schema`), a document's cable fields
(`documents`) and the cable `show` reads back from them, the lists the cable-wide
widening reads, the query compiler's field map, the facet list and the field table of
`docs/fields.md` are all derived from these rows, so a field is added here, not in each
of them.

Every posting costs build time and bytes, so a field is indexed, stored and given a
column only where something reads it: the rarely queried cable fields are indexed on the
cable's first paragraph document only (`engine.cablewide` widens a match on it to all the
cable's paragraphs), and cable fields are stored there only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Where = Literal["yes", "first", "no"]
Kind = Literal["id", "text", "words", "keywords", "lines", "int", "date", "stored", "bands"]

# How each kind is indexed, as the docs' table says it.
KINDS: dict[str, str] = {
    "id": "ID: the value is one term, as written",
    "text": "TEXT: `CableAnalyzer` words with compact positions (`index.positions`)",
    "words": "TEXT: `CableAnalyzer` words, no positions (any word of it matches)",
    "keywords": "KEYWORD: lower-cased codes between separators",
    "lines": "KEYWORD: one lower-cased value a line (a tag may hold spaces and commas)",
    "int": "NUMERIC int, 32 bits",
    "date": "DATETIME (naive)",
    "stored": "STORED: kept, never searched",
    "bands": "COLUMN of fixed-size bytes",
}
# Kinds whose values the compiler runs through the field's own analyzer (`tag:phum`).
ANALYZED: tuple[Kind, ...] = ("text", "words", "keywords", "lines")


@dataclass(frozen=True)
class IndexField:
    """One field of a paragraph document; see the module's docstring."""

    name: str
    kind: Kind
    holds: str  # what a document carries in it, for the docs' table
    indexed: Where = "no"
    stored: Where = "no"
    column: bool = False
    query: tuple[str, ...] = ()  # its names in the query language, the first one shown
    boost: float = 1.0  # the field's weight in BM25F
    separator: str | None = None  # between the values of a field holding several
    of: str | None = None  # the `Cable` attribute whose value it carries, if it is one


@dataclass(frozen=True)
class Facet:
    """A facet and the field it counts: from the field's column where it has one, else
    derived once per searcher (`search.morefacets`)."""

    name: str
    field: str
    label: str  # its heading on the web page
    # Whose value it is: a cable's, the same on every one of its paragraphs, or each
    # paragraph's own (a cable is counted under each of its paragraphs' values)
    of: Literal["cable", "paragraph"] = "cable"


# In the order Whoosh pickles them into an index's schema: an index built before keeps
# its own copy, and the schema built from these rows must equal it.
FIELDS: tuple[IndexField, ...] = (
    IndexField("cable", "id", "the cable id as written, upper case: `08ASTANA1111`",
               indexed="yes", stored="yes", column=True, query=("id", "cable"), of="id"),
    IndexField("seq", "int", "position of the paragraph in its cable, 1-based. A cable's "
               "documents are consecutive in seq order, so a rise of `seq` from one "
               "document to the next means the same cable continues",
               stored="yes", column=True),
    IndexField("number", "stored", "the paragraph's number. Absent for an unnumbered "
               "paragraph, which search shows as `¶-`", stored="yes"),
    IndexField("occurrence", "stored", "which copy of its number the paragraph is "
               "(1-based), present only where the cable repeats the number (unnumbered "
               "paragraphs count as one number): `06MADRID934 ¶10.2` (`search.refs`)",
               stored="yes"),
    IndexField("marking", "stored", "the raw marking: `S/NF`, `C NF`, `U//FOUO`; absent if "
               "unmarked (queries use `level` and `caveats`)", stored="yes"),
    IndexField("level", "id", "paragraph level `U`, `SBU`, `C`, `S`, `TS`; indexed as "
               "`unmarked` but stored absent if unmarked (column value: empty string)",
               indexed="yes", stored="yes", column=True, query=("marking",)),
    IndexField("caveats", "keywords", "`NF`, `REL NATO`, `FGI,NF` (`marking:` searches "
               "them beside `level`)", indexed="yes", stored="yes", separator=","),
    IndexField("text", "text", "the paragraph's text", indexed="yes", stored="yes",
               query=("text",)),
    IndexField("subject", "text", "the whole subject", indexed="yes", stored="first",
               query=("subject",), boost=2.0, of="subject"),
    IndexField("created", "date", "cable creation time. Where a document has no date, its "
               "raw column value is 2**64-1, which the translating reader cannot turn into "
               "a datetime", column=True, query=("created",), of="created"),
    IndexField("released", "date", "WikiLeaks release time; absent in the CSV form",
               column=True, query=("released",), of="released"),
    IndexField("year", "int", "the year of `created`, for facets (`year:` searches the "
               "`created` column); a missing one reads 2**31-1", column=True,
               query=("year",)),
    IndexField("subject_marking", "id", "the marking written before the subject "
               "(`SUBJECT: (C/NF) ...` → `C/NF`); absent where the subject is unmarked",
               indexed="yes", stored="yes", column=True, of="subject_marking"),
    IndexField("classification", "stored", "raw: `UNCLASSIFIED//FOR OFFICIAL USE ONLY` "
               "(searched by `class_level`)", stored="first", of="classification"),
    IndexField("class_level", "id", "the cable's level `U`, `SBU`, `C`, `S`, `TS` (column "
               "value: empty string when unknown)", indexed="yes", column=True,
               query=("class", "classification")),
    IndexField("origin", "words", "`Embassy Astana`, any word of it matches",
               indexed="yes", stored="first", query=("origin",), of="origin"),
    IndexField("origin_exact", "id", "the origin verbatim, for facets", column=True,
               of="origin"),
    IndexField("tags", "lines", "the cable's tags (a tag may hold spaces and commas: "
               "`HUMAN RIGHTS`, `CLINTON, HILLARY`), in the column too (`schema.tags_of` "
               "splits them back)", indexed="yes", column=True,
               query=("tag", "tags"), separator="\n", of="tags"),
    IndexField("references", "keywords", "cited ids: `08STATE58370 06TBILISI619`",
               indexed="first", stored="first", query=("cites", "ref", "references"),
               separator=" ", of="references"),
    IndexField("signer", "words", "`ORDWAY`", indexed="first", stored="first",
               query=("signer",), of="signer"),
    IndexField("sender", "words", "the `FM` line, `AMEMBASSY ASTANA` (the parse JSON's "
               "`from`)", indexed="first", stored="first", query=("from", "sender"),
               of="sender"),
    IndexField("to", "words", "addressees", indexed="first", stored="first",
               query=("to",), separator="\n", of="to"),
    IndexField("info", "words", "info addressees", indexed="first", stored="first",
               query=("info",), separator="\n", of="info"),
    IndexField("handling", "keywords", "`SENSITIVE SIPDIS`", indexed="first",
               stored="first", query=("handling",), separator=" ", of="handling"),
    IndexField("hash", "stored", "`Cable.content_hash()`, for incremental updates",
               stored="first"),
    IndexField("source", "stored", "the unit the cable came from: a path, or `path:LINE` "
               "(CSV row)", stored="first"),
    IndexField("digest", "stored", "blake2b-16 hex of that unit's raw bytes",
               stored="first"),
    IndexField("kind", "id", "`cable` on the one document of a cable without paragraph "
               "text (it has no `text`, `number` or `level`); absent on paragraph documents",
               indexed="yes", stored="yes"),
    IndexField("minhash", "bands", "the paragraph's MinHash LSH bands (`index.minhash`), "
               "which `similar` and `--collapse-duplicates` compare; all zero bytes for a "
               "paragraph without words", column=True),
)
BY_NAME = {field.name: field for field in FIELDS}

# The facets, in the order they are listed to users.
FACETS: tuple[Facet, ...] = (
    Facet("tag", "tags", "Tag"),
    Facet("origin", "origin_exact", "Origin"),
    Facet("classification", "class_level", "Classification"),
    Facet("marking", "level", "Paragraph marking", of="paragraph"),
    Facet("year", "year", "Year"),
    Facet("subject_marking", "subject_marking", "Subject marking"),
    Facet("caveat", "caveats", "Caveat", of="paragraph"),
    Facet("signer", "signer", "Signer"),
    Facet("handling", "handling", "Handling"),
)

# Query-language name → the index field it names.
QUERY_NAMES = {name: field.name for field in FIELDS for name in field.query}
# The fields carrying a `Cable` attribute's value, as documents are built.
CARRIED = tuple(field for field in FIELDS if field.of)
# `Cable` attribute → the field it is read back from: its stored copy, else its column.
READ_BACK: dict[str, IndexField] = {}
for _field in sorted(CARRIED, key=lambda field: field.stored == "no"):
    if _field.of and _field.of != "id":
        READ_BACK.setdefault(_field.of, _field)


def joined(field: IndexField, value: tuple[str, ...]) -> str | None:
    """A tuple of a `Cable` as the field holds it; None (no value) when empty."""
    return field.separator.join(value) if value and field.separator else None


def split(field: IndexField, value: str | None) -> tuple[str, ...]:
    """A field's value back as the `Cable`'s tuple (`joined` undone); a space-separated
    one at any white space."""
    separator = None if field.separator == " " else field.separator
    return tuple(part for part in value.split(separator) if part) if value else ()


def names(*, indexed: Where | None = None, stored: Where | None = None,
          column: bool | None = None) -> tuple[str, ...]:
    """The fields that are indexed / stored as asked (and have a column or not), in order."""
    return tuple(field.name for field in FIELDS
                 if indexed in (None, field.indexed) and stored in (None, field.stored)
                 and column in (None, field.column))


_SEPARATORS = {" ": "space-separated", ",": "comma-separated", "\n": "one a line"}


def markdown_table() -> str:
    """The docs' field table (`docs/fields.md`), one row per field."""
    rows = ["| field | kind | indexed | stored | column | query | facet | `Cable` | holds |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    facets = {facet.field: facet.name for facet in FACETS}
    for field in FIELDS:
        kind = field.kind + (f", boost {field.boost:g}" if field.boost != 1.0 else "")
        if field.separator and field.kind != "lines":
            kind += f", {_SEPARATORS[field.separator]}"
        query = ", ".join(f"`{name}:`" for name in field.query)
        facet = f"`{facets[field.name]}`" if field.name in facets else ""
        carried = f"`{field.of}`" if field.of else ""
        rows.append(f"| `{field.name}` | {kind} | {field.indexed} | {field.stored} | "
                    f"{'yes' if field.column else 'no'} | {query} | {facet} | {carried} | "
                    f"{field.holds} |")
    kinds = [f"- `{kind}`: {text}" for kind, text in KINDS.items()]
    return "\n".join([*rows, "", "Kinds:", "", *kinds]) + "\n"
