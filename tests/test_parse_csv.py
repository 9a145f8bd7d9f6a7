"""Rows of the cables.csv layout (already split and unescaped by the csv module)."""

from __future__ import annotations

import pytest

from cablesearch.cable import ParseError
from cablesearch.parse import parse_csv_record

# 01PRETORIA1173 as a cables.csv row (body shortened).
PRETORIA = [
    "42", "2/23/2001 15:53", "01PRETORIA1173", "Embassy Pretoria", "CONFIDENTIAL", "",
    "O 231553Z FEB 01\nFM AMEMBASSY PRETORIA\nTO SECSTATE WASHDC IMMEDIATE 7691",
    "Friday, 23 February 2001, 15:53\n"
    "C O N F I D E N T I A L SECTION 01 OF 02 PRETORIA 001173 \n"
    "FOR AF AND S/S FROM AMBASSADOR \nEO 12958 DECL: 02/22/2011 \nTAGS PREL, PGOV, SF\n \n"
    "SUBJECT: THIN-SKINNED MBEKI WILL REQUIRE DEFT HANDLING \n"
    "REF: A. 99 PRETORIA 12315  E. PRETORIA 425\n"
    "CLASSIFIED BY AMBASSADOR DELANO E. LEWIS. REASONS 1.5 (B) AND (D).\n\n"
    '1. (C) SUMMARY: RECENT ACTIONS BY PRESIDENT MBEKI HAVE RAISED \\"CAUTION\\" FLAGS.\n\n'
    "2. (C) THE CONTROVERSIAL INVESTIGATION.\n",
]


def test_01PRETORIA1173_row() -> None:
    cable = parse_csv_record(PRETORIA, "cables.csv:42")
    assert (cable.id, cable.created, cable.released, cable.classification, cable.origin) == (
        "01PRETORIA1173", "2001-02-23T15:53", None, "CONFIDENTIAL", "Embassy Pretoria",
    )
    assert cable.subject == "THIN-SKINNED MBEKI WILL REQUIRE DEFT HANDLING"
    assert cable.tags == ("PREL", "PGOV", "SF")
    assert cable.references == ("99PRETORIA12315", "01PRETORIA425")
    assert (cable.sender, cable.to) == ("AMEMBASSY PRETORIA", ("SECSTATE WASHDC",))
    assert [(p.number, p.marking) for p in cable.paragraphs] == [(None, None), (1, "C"), (2, "C")]
    assert cable.paragraphs[0].text.startswith("CLASSIFIED BY AMBASSADOR DELANO E. LEWIS.")


def test_references_column_when_filled_is_taken_as_written() -> None:
    row = PRETORIA.copy()
    row[5] = "01PRETORIA1000,00CAPETOWN2150"
    assert parse_csv_record(row, "x").references == ("01PRETORIA1000", "00CAPETOWN2150")


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (PRETORIA[:7], "expected 8 CSV fields, found 7"),
        (["1", "x", "not an id", "", "", "", "", "text"], "is not a cable id"),
    ],
)
def test_bad_rows_raise_parse_error_naming_the_row(fields: list[str], reason: str) -> None:
    with pytest.raises(ParseError) as error:
        parse_csv_record(fields, "cables.csv:7")
    assert error.value.source == "cables.csv:7"
    assert reason in error.value.reason
