"""Classification lines, spaced or not, and continuation headers."""

from __future__ import annotations

import pytest

from cablesearch.parse.classification import SECTION_HEADER, classification_of_line


@pytest.mark.parametrize(
    ("cable", "line", "classification"),
    [
        ("79TEHRAN8980", "C O N F I D E N T I A L SECTION 01 OF 02 TEHRAN 08980 ", "CONFIDENTIAL"),
        ("shared corpus README", "S E C R E T SECTION 01 OF 02 BAGHDAD 000197", "SECRET"),
        ("08ASTANA1111", "UNCLAS ASTANA 001111 ", "UNCLASSIFIED"),
        ("case-damaged", "S e c r e t state 123456", "SECRET"),
        ("doubled letter", "SS E C R E T SECTION 01 OF 03 PARIS 001234", "SECRET"),
        ("plain", "CONFIDENTIAL BOGOTA 002024", "CONFIDENTIAL"),
        ("plain", "LIMITED OFFICIAL USE ROME 001234", "LIMITED OFFICIAL USE"),
        ("plain", "T O P S E C R E T STATE 1", "TOP SECRET"),
    ],
)
def test_classification_line(cable: str, line: str, classification: str) -> None:
    assert classification_of_line(line) == classification, cable


@pytest.mark.parametrize("line", ["Secretary Rice said", "CONFIDENTIALITY matters", "Unclear"])
def test_prose_is_no_classification_line(line: str) -> None:
    assert classification_of_line(line) is None


@pytest.mark.parametrize(
    "line",
    ["C O N F I D E N T I A L SECTION 02 OF 04 BRASILIA 004227", "SECTION 02 OF 02",
     "BRASILIA 00001859 002 OF 004 ", "DUBAI 00000049 001.2 OF 003",
     "PAGE 02 HARARE 06677 01 OF 03 291400Z"],
)
def test_continuation_headers(line: str) -> None:
    assert SECTION_HEADER.match(line)


def test_prose_with_of_is_no_continuation_header() -> None:
    assert not SECTION_HEADER.match("The minister of defense said")
