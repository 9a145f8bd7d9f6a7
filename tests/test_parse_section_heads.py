"""The head a `SECTION 02 OF 03` header repeats (office lines, E.O., TAGS, SUBJECT) is not
paragraph text; text glued to it, and the paragraphs after it, are kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablesearch.cable import Cable
from cablesearch.parse import parse_document
from cablesearch.parse.paragraphs import split_paragraphs

SECTION_BREAK = """1. (C) FIRST PARAGRAPH BEGINS
AND RUNS ON.

C O N F I D E N T I A L SECTION 02 OF 02 HARARE 006677

SIPDIS

NSC FOR SENIOR AFRICA DIRECTOR
LONDON FOR GURNEY

E.O. 12958: DECL: 11/29/10
TAGS: PGOV PREL ZI
SUBJECT: OPPOSITION LEADER MEETS
ASSISTANT SECRETARY

2. (C) SECOND PARAGRAPH.
"""


def _page(shared_corpus: Path, cable_id: str) -> Cable:
    (path,) = (shared_corpus / "wikileaks-html").rglob(f"{cable_id}.html")
    (cable,) = parse_document(path.read_text(encoding="utf-8"), str(path))
    return cable


def test_repeated_head_with_office_lines_is_dropped() -> None:
    paragraphs = split_paragraphs(SECTION_BREAK.splitlines())
    assert [(p.number, p.text) for p in paragraphs] == [
        (1, "FIRST PARAGRAPH BEGINS AND RUNS ON."), (2, "SECOND PARAGRAPH.")]


def test_prose_after_a_section_break_is_kept() -> None:
    lines = ["1. (C) The minister said that", "BAKU 00001187 002 OF 002", "",
             "the talks would resume. Subject to approval, they", "would start in May.", "",
             "2. (C) Next."]
    first, second = split_paragraphs(lines)
    assert first.text == ("The minister said that the talks would resume. Subject to "
                          "approval, they would start in May.")
    assert second.number == 2


def test_90CAPETOWN97_office_lines_under_section_2_are_not_text(shared_corpus: Path) -> None:
    ninth = next(p for p in _page(shared_corpus, "90CAPETOWN97").paragraphs if p.number == 9)
    assert "LONDON FOR KOLKER" not in ninth.text
    assert "TAGS: PGOV PHUM SF" not in ninth.text


def test_00HARARE6677_office_lines_under_section_2_are_not_text(shared_corpus: Path) -> None:
    fifth = next(p for p in _page(shared_corpus, "00HARARE6677").paragraphs if p.number == 5)
    assert "NSC FOR SENIOR AFRICA DIRECTOR" not in fifth.text
    assert fifth.text.endswith("HAVE VIOLENCE OR BLOODSHED.")


@pytest.mark.parametrize("number", [7, 14, 20, 28])
def test_09STATE82013_subject_glued_to_prose_keeps_every_paragraph(shared_corpus: Path,
                                                                  number: int) -> None:
    cable = _page(shared_corpus, "09STATE82013")
    assert [p.number for p in cable.paragraphs if p.number] == [1, *range(4, 29)]
    assert any(p.number == number and len(p.text) > 100 for p in cable.paragraphs)


def test_page_header_inside_an_unwrapped_line_is_dropped_not_the_words_around_it() -> None:
    (paragraph,) = split_paragraphs(
        ["1. (C) Talks with the USG TUNIS 00000492 002.2 OF 003 resumed in May."])
    assert paragraph.text == "Talks with the USG resumed in May."


def test_08BRASILIA43_page_headers_inside_paragraphs_are_dropped(shared_corpus: Path) -> None:
    cable = _page(shared_corpus, "08BRASILIA43")
    assert not any("00000043" in p.text for p in cable.paragraphs)
    second = next(p for p in cable.paragraphs if p.number == 2)
    assert "evidence of terrorism financing activity in the region" in second.text
