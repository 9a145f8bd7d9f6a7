"""Cables where truth.jsonl (read off the viewer's markup) is wrong and the parser right.

Each test shows, on the real page, what truth records, what the cable says, and what we read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cablesearch.cable import Cable
from cablesearch.parse import parse_document


@pytest.fixture(scope="module")
def truth(shared_corpus: Path) -> dict[str, dict]:
    with open(shared_corpus / "truth.jsonl", encoding="utf-8") as handle:
        return {record["id"]: record for record in map(json.loads, handle)}


@pytest.fixture(scope="module")
def page(shared_corpus: Path):
    def read(cable_id: str) -> tuple[str, Cable]:
        (path,) = (shared_corpus / "wikileaks-html").glob(f"*/*/{cable_id}.html")
        text = path.read_text(encoding="utf-8")
        (cable,) = parse_document(text, str(path))
        return text, cable

    return read


def _paragraph(cable: Cable, number: int):
    return next(p for p in cable.paragraphs if p.number == number)


def test_07STOCKHOLM506_lower_case_markings_are_markings(truth, page) -> None:
    text, cable = page("07STOCKHOLM506")
    assert truth["07STOCKHOLM506"]["paragraphs"][0] == {"number": 1, "marking": None}
    assert "¶</a>1.  (c) The May 15" in text
    assert (_paragraph(cable, 1).marking, _paragraph(cable, 1).level) == ("c", "C")
    assert _paragraph(cable, 2).level == "U"


def test_07STATE152317_mixed_case_release_caveat(truth, page) -> None:
    text, cable = page("07STATE152317")
    assert truth["07STATE152317"]["paragraphs"][2] == {"number": 3, "marking": None}
    assert "3. (S/Rel China)" in text
    third = _paragraph(cable, 3)
    assert (third.level, third.caveats) == ("S", ("REL CHINA",))


def test_08NAIROBI2290_dash_separated_marking(truth, page) -> None:
    text, cable = page("08NAIROBI2290")
    assert truth["08NAIROBI2290"]["paragraphs"][0]["marking"] is None
    assert "1. (S-NF)" in text
    assert (_paragraph(cable, 1).level, _paragraph(cable, 1).caveats) == ("S", ("NF",))


def test_09STATE63860_rel_to_caveat(truth, page) -> None:
    text, cable = page("09STATE63860")
    assert {"number": 18, "marking": None} in truth["09STATE63860"]["paragraphs"]
    assert "18. (S//REL TO USA, FVEY)" in text
    assert _paragraph(cable, 18).caveats == ("REL TO USA, FVEY",)


@pytest.mark.parametrize(
    ("cable_id", "number", "written"),
    [("05BRASILIA1207", 1, "\n1.(S) Ambassador hosted"),
     ("09BEIJING1582", 15, "\n15.UK and China agree"),
     ("05PARIS4760", 3, "\n3.. (SBU) All elections")],
)
def test_paragraph_numbers_the_viewer_left_unanchored(
    truth, page, shared_corpus: Path, cable_id: str, number: int, written: str
) -> None:
    # The viewer anchors `N. ` only; `N.(`, `N.UK` and `N..` got no ¶, so truth lacks them.
    assert number not in truth[cable_id]["anchors"]
    assert written in (shared_corpus / "text" / f"{cable_id}.txt").read_text(encoding="utf-8")
    _, cable = page(cable_id)
    assert number in [p.number for p in cable.paragraphs]


def test_07BAGHDAD3504_marking_before_number(truth, page) -> None:
    text, cable = page("07BAGHDAD3504")
    assert truth["07BAGHDAD3504"]["paragraphs"] == []
    assert "(C) 1. The Embassy obtained a copy" in text
    numbered = [(p.number, p.marking) for p in cable.paragraphs if p.number is not None]
    assert numbered[:3] == [(1, "C"), (2, "C"), (3, "C")]


def test_07PARIS1844_tags_wrapped_onto_a_second_line(truth, page) -> None:
    text, cable = page("07PARIS1844")
    assert "UNMIK" not in truth["07PARIS1844"]["tags"]
    assert "<a href='/tag/RS_0.html'>RS</a>&#x000A;UNMIK" in text
    assert cable.tags[-1] == "UNMIK"


def test_05SOFIA1207_heading_drops_the_leading_parenthesis(truth, page) -> None:
    text, cable = page("05SOFIA1207")
    assert truth["05SOFIA1207"]["subject_first_line"].startswith("U) BULGARIAN")
    assert "SUBJECT: (U) BULGARIAN ORGANIZED CRIME" in text
    assert cable.subject_marking == "U"
    assert cable.subject.startswith("BULGARIAN ORGANIZED CRIME")


def test_09LAPAZ96_heading_carries_markup(truth, page) -> None:
    assert truth["09LAPAZ96"]["subject_first_line"].endswith("<br>")
    _, cable = page("09LAPAZ96")
    assert cable.subject == "BOLIVIA'S REFERENDUM: MARGIN OF VICTORY MATTERS"


def test_08LONDON1991_subject_with_the_ref_line_glued_on(truth, page) -> None:
    assert "PRIMEREF: A. LONDON 1939" in truth["08LONDON1991"]["subject_first_line"]
    _, cable = page("08LONDON1991")
    assert cable.subject == "WHO WOULD REPLACE GORDON BROWN AS UK PRIME"
    assert cable.subject_marking == "C/NF"
    assert cable.references == ("08LONDON1939", "08LONDON1704")


@pytest.mark.parametrize(
    ("cable_id", "glued"),
    [("08TEGUCIGALPA459", "REF:"), ("08BRASILIA1378", "REF:"), ("09BRASILIA1383", "Classified By:"),
     ("10BRASILIA43", "CLASSIFIED BY:"), ("10MOSCOW228", "REF:")],
)
def test_heading_runs_the_subject_into_the_next_head_field(
    truth, page, cable_id: str, glued: str
) -> None:
    # The page's line holds `SUBJECT: ... REF: ...`; the viewer's heading keeps all of it.
    heading = " ".join(truth[cable_id]["subject_first_line"].split())
    _, cable = page(cable_id)
    assert heading.startswith(cable.subject)
    assert heading[len(cable.subject):].strip().startswith(glued)


def test_00HARARE6677_paragraph_glued_after_a_page_header(truth, page, shared_corpus) -> None:
    # The archive copy runs page headers into the text: `PAGE 03 ... 291401Z 11. (C) COMMENT`.
    assert 11 not in truth["00HARARE6677"]["anchors"]
    text = (shared_corpus / "text" / "00HARARE6677.txt").read_text(encoding="utf-8")
    assert "PAGE 03 HARARE 06677 03 OF 03 291401Z 11. (C) COMMENT: TSVANGIRAI" in text
    _, cable = page("00HARARE6677")
    eleventh = _paragraph(cable, 11)
    assert eleventh.marking == "C"
    assert eleventh.text.startswith("COMMENT: TSVANGIRAI WAS FRANK")
