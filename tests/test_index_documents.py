"""A cable becomes one document per paragraph; cable-only fields stored on the first."""

from datetime import datetime

import pytest
from whoosh.filedb.filestore import RamStorage

from cablesearch.cable import Cable, Paragraph
from cablesearch.index.documents import CABLE_ONLY, UNMARKED, cable_documents
from cablesearch.index.schema import CABLE_WIDE, STORED_ON_FIRST, build_schema
from cablesearch.parse.levels import class_level

ASTANA = Cable(
    id="08ASTANA1111",
    subject="KAZAKHSTAN: TIP REPORT DELIVERED",
    created="2008-06-13T11:56",
    released="2011-08-30T01:44",
    classification="UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    origin="Embassy Astana",
    tags=("PHUM", "PGOV", "KCRIM", "KZ"),
    references=("08STATE58370",),
    sender="AMEMBASSY ASTANA",
    to=("SECSTATE WASHDC",),
    info=("USOFFICE ALMATY", "AMEMBASSY BISHKEK"),
    signer="ORDWAY",
    handling=("SENSITIVE", "SIPDIS"),
    paragraphs=(
        Paragraph(2, 1, "On June 4, Post delivered the report.", "SBU", "SBU"),
        Paragraph(1, None, "Summary text before the first number."),
        Paragraph(3, 2, "Shelters remain scarce.", "S/NF", "S", ("NF",)),
    ),
)


def test_08ASTANA1111_one_document_per_paragraph_in_seq_order():
    documents = cable_documents(ASTANA, "pages/08ASTANA1111.html", "ab" * 16)
    assert [d["seq"] for d in documents] == [1, 2, 3]
    assert [d["number"] for d in documents] == [None, 1, 2]


def test_08ASTANA1111_every_paragraph_carries_the_cable_fields():
    for document in cable_documents(ASTANA):
        assert document["cable"] == "08ASTANA1111"
        assert document["created"] == datetime(2008, 6, 13, 11, 56)
        assert document["released"] == datetime(2011, 8, 30, 1, 44)
        assert document["year"] == 2008
        assert document["class_level"] == "SBU"
        assert document["tags"] == "PHUM\nPGOV\nKCRIM\nKZ"  # one tag a line
        assert document["origin_exact"] == "Embassy Astana"
        assert document["subject"] == "KAZAKHSTAN: TIP REPORT DELIVERED"


def test_08ASTANA1111_cable_only_fields_on_the_first_document_only():
    first, *rest = cable_documents(ASTANA, "pages/08ASTANA1111.html", "ab" * 16)
    assert not any(f"_stored_{name}" in first for name in STORED_ON_FIRST)
    assert first["hash"] == ASTANA.content_hash()
    assert first["source"] == "pages/08ASTANA1111.html"
    assert first["info"] == "USOFFICE ALMATY\nAMEMBASSY BISHKEK"
    assert first["signer"] == "ORDWAY"
    for document in rest:
        assert all(document.get(name) is None for name in CABLE_WIDE)  # not indexed here
        assert all(document.get(name) is None for name in ("hash", "source", "classification"))
        # subject and origin stay indexed on every paragraph, stored on the first only
        assert document["subject"] and document["_stored_subject"] is None
        assert document["origin"] and document["_stored_origin"] is None


def test_08ASTANA1111_stored_fields_in_the_index():
    ix = RamStorage().create_index(build_schema())
    with ix.writer() as writer:
        for document in cable_documents(ASTANA, "pages/08ASTANA1111.html", "ab" * 16):
            writer.add_document(**document)
    with ix.searcher() as searcher:
        first, *rest = searcher.all_stored_fields()
        assert set(STORED_ON_FIRST) <= set(first)
        assert {"created", "released", "year", "tags", "class_level"}.isdisjoint(first)
        for fields in rest:
            assert set(fields) <= {"cable", "seq", "number", "marking", "level", "caveats",
                                   "text"}
        created = list(searcher.reader().column_reader("created"))
        assert created == [datetime(2008, 6, 13, 11, 56)] * 3
        assert [term for term in searcher.reader().all_terms() if term[0] == "signer"] == [
            ("signer", b"ordway")]
        assert searcher.doc_frequency("signer", "ordway") == 1


def test_08ASTANA1111_markings_and_caveats():
    documents = cable_documents(ASTANA)
    assert [(d["marking"], d["level"], d["caveats"]) for d in documents] == [
        (None, UNMARKED, None), ("SBU", "SBU", None), ("S/NF", "S", "NF")]
    # Unmarked is a term to search by; the stored level stays absent.
    assert [d.get("_stored_level", "stored") for d in documents] == [None, "stored", "stored"]


def test_documents_only_use_schema_fields():
    names = set(build_schema().names())
    for document in cable_documents(ASTANA):
        assert {k for k in document if not k.startswith("_")} <= names


def test_unknown_dates_and_fields_stay_absent():
    bare = Cable(id="09STATE1", created="not a date", paragraphs=(Paragraph(1, 1, "x"),))
    (document,) = cable_documents(bare)
    assert document["created"] is None and document["year"] is None
    assert document["tags"] is None and document["class_level"] is None


@pytest.mark.parametrize(("classification", "level"), [
    ("SECRET//NOFORN", "S"),
    ("SECRET", "S"),
    ("CONFIDENTIAL//NOFORN", "C"),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", "SBU"),
    ("LIMITED OFFICIAL USE", "SBU"),
    ("UNCLASSIFIED", "U"),
    ("TOP SECRET", "TS"),
    ("", None),
    (None, None),
])
def test_class_level(classification, level):
    assert class_level(classification) == level


def test_a_cable_without_paragraphs_is_one_document_of_its_fields():
    empty = Cable(id="10STATE1", subject="TRUNCATED", tags=("PREL",), paragraphs=())
    (document,) = cable_documents(empty)
    assert document["kind"] == CABLE_ONLY and document["seq"] == 1
    assert document["subject"] == "TRUNCATED" and document["tags"] == "PREL"
    assert "text" not in document and "level" not in document
