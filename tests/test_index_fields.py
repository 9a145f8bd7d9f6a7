"""The field table: the schema derived from it is the one every existing index was built
with, field for field and option for option, so an index built before the table existed
stays readable without a rebuild."""

from __future__ import annotations

import hashlib
import json
import pickle
import struct
from pathlib import Path
from typing import Any

from cablesearch.cable import Cable, Paragraph
from cablesearch.index.documents import cable_documents
from cablesearch.index.fields import BY_NAME, FACETS, FIELDS, QUERY_NAMES, markdown_table
from cablesearch.index.schema import build_schema

# The schema as the code before the field table built it: each field's type and every
# attribute, analyzers and formats included (captured from that code, not from the table).
BUILT_BEFORE = Path(__file__).parent / "data" / "schema_fields.json"
# The digest of that schema pickled as Whoosh pickles it into an index's table of contents.
PICKLED_BEFORE = "baba1d1588076968bfacbda38a336be36ba63a9248e3cba049ef4e099ef6ea5a"


def described(value: Any) -> Any:
    """A field (or any part of it) as plain JSON: its class and attributes, recursively."""
    if isinstance(value, (str, int, float, bool, type(None), bytes)):
        return repr(value)
    if isinstance(value, type):
        return f"{value.__module__}.{value.__qualname__}"
    if isinstance(value, struct.Struct):
        return f"Struct({value.format!r})"
    if isinstance(value, (list, tuple)):
        return [described(item) for item in value]
    if isinstance(value, dict):
        return {str(key): described(item) for key, item in value.items()}
    if hasattr(value, "__dict__"):
        kind = type(value)
        return {"__class__": f"{kind.__module__}.{kind.__qualname__}",
                **{key: described(item) for key, item in sorted(vars(value).items())}}
    return repr(value)


def schema_description() -> dict[str, Any]:
    schema = build_schema()
    return {name: described(schema[name]) for name in schema._fields}


def test_the_schema_has_the_fields_and_options_indexes_were_built_with() -> None:
    expected = json.loads(BUILT_BEFORE.read_text(encoding="utf-8"))
    found = schema_description()
    assert list(found) == list(expected)  # names, in the order they are pickled
    for name, description in expected.items():
        assert found[name] == description, name


def test_the_schema_pickles_byte_for_byte_as_before() -> None:
    pickled = pickle.dumps(build_schema(), 2)
    assert hashlib.sha256(pickled).hexdigest() == PICKLED_BEFORE


def test_the_docs_field_table_is_the_one_generated_from_the_table() -> None:
    text = (Path(__file__).parent.parent / "docs" / "fields.md").read_text(encoding="utf-8")
    begin = "<!-- generated from cablesearch/index/fields.py: begin -->\n"
    end = "<!-- generated from cablesearch/index/fields.py: end -->"
    shown = text[text.index(begin) + len(begin):text.index(end)]
    assert shown == markdown_table(), "regenerate it with index.fields.markdown_table()"


def test_documents_carry_the_fields_of_the_table_and_no_other() -> None:
    cable = Cable(id="08ASTANA1111", subject="Gas", subject_marking="C",
                  created="2008-06-13T11:56", released="2011-08-30T01:44",
                  classification="CONFIDENTIAL", origin="Embassy Astana",
                  tags=("PHUM",), references=("08STATE58370",), sender="AMEMBASSY ASTANA",
                  to=("SECSTATE WASHDC",), info=("AMEMBASSY MOSCOW",), signer="ORDWAY",
                  handling=("SIPDIS",),
                  paragraphs=(Paragraph(1, 1, "Pipeline gas.", "C", "C", ("NF",)),
                              Paragraph(2, 1, "Oil.")))
    documents = cable_documents(cable, "a.html", "0" * 32)
    written = {name for document in documents for name in document if not name.startswith("_")}
    assert written - {"kind"} <= set(BY_NAME)
    assert set(BY_NAME) - written == {"kind"}  # `kind` only on a cable without paragraphs
    assert set(cable_documents(Cable(id="08ASTANA1112"))[0]) <= set(BY_NAME)


def test_every_query_name_and_facet_names_a_field_of_the_table() -> None:
    assert len(QUERY_NAMES) == sum(len(field.query) for field in FIELDS)  # no name twice
    assert all(facet.field in BY_NAME for facet in FACETS)
    assert len({facet.name for facet in FACETS}) == len(FACETS)
