"""Numbered paragraphs from the text after the head (excerpts of real cables)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cablesearch.parse.paragraphs import split_paragraphs


def _numbers(lines: list[str]) -> list[tuple[int | None, str | None]]:
    return [(p.number, p.marking) for p in split_paragraphs(lines)]


def test_08ASTANA1111_number_and_marking_leave_the_text() -> None:
    lines = [
        "1.  (SBU) On June 4, Post delivered the annual Trafficking in ",
        "Persons Report to Director of the Department of International Law of ",
        " ",
        "3. (SBU) Azimova briefed Post on other positive developments since ",
    ]
    first, second = split_paragraphs(lines)
    assert (first.seq, first.number, first.marking, first.level) == (1, 1, "SBU", "SBU")
    assert first.text == (
        "On June 4, Post delivered the annual Trafficking in Persons Report to Director of the "
        "Department of International Law of"
    )
    assert (second.seq, second.number) == (2, 3)


def test_02BRASILIA4227_pilcrow_and_no_space_after_the_dot() -> None:
    lines = ["1.(C) SUMMARY. Assistant Secretary Reich had warm", "",
             "¶2. (C) WHA Assistant Secretary Otto Reich led a delegation"]
    assert _numbers(lines) == [(1, "C"), (2, "C")]


def test_79TEHRAN8980_repeated_number_gets_its_own_seq() -> None:
    lines = ["6. THE PERSIAN PROCLIVITY FOR ASSUMING", "BY ACTION AND RESULTS. ", " ",
             "6. FINALLY, THERE ARE THE PERSIAN CONCEPTS OF INFLUENCE "]
    paragraphs = split_paragraphs(lines)
    assert [(p.seq, p.number) for p in paragraphs] == [(1, 6), (2, 6)]


def test_79TEHRAN8980_dashed_points_stay_in_their_paragraph() -> None:
    lines = ["7. THERE ARE SEVERAL LESSONS FOR THOSE WHO WOULD NEGOTIATE ",
             "WITH PERSIANS IN ALL THIS: ", " ",
             "- --FIRST, ONE SHOULD NEVER ASSUME THAT HIS SIDE OF ", " ",
             "- --SECOND, ONE SHOULD NOT EXPECT AN IRANIAN READILY "]
    (paragraph,) = split_paragraphs(lines)
    assert paragraph.number == 7
    assert "--FIRST" in paragraph.text and "--SECOND" in paragraph.text


def test_09STATE10455_style_lettered_items_stay_in_parent() -> None:
    lines = ["4. (S) Action request: Embassy Moscow should draw on the", "following points:", "",
             "A. The United States does not accept that", "", "B. Pipelines are safe.", "",
             "5. (U) Thank you."]
    assert _numbers(lines) == [(4, "S"), (5, "U")]
    assert "B. Pipelines are safe." in split_paragraphs(lines)[0].text


def test_wrapped_date_and_year_do_not_open_paragraphs() -> None:
    # `September` / `15. Charge told ...`: out of sequence, no blank line, no marking.
    lines = ["3. (C) The meeting was set for", "September", "15. Charge told the minister",
             "2007. was a hard year, he said", "", "4. (C) Next."]
    assert _numbers(lines) == [(3, "C"), (4, "C")]


def test_preamble_is_an_unnumbered_paragraph() -> None:
    lines = ["Classified By: AMBASSADOR ORDWAY FOR REASONS 1.4(B) AND (D)", "",
             "1.(C) On January 15, KazMunaiGas First Vice President"]
    paragraphs = split_paragraphs(lines)
    assert [(p.seq, p.number) for p in paragraphs] == [(1, None), (2, 1)]
    assert paragraphs[0].text.startswith("Classified By: AMBASSADOR ORDWAY")


def test_unnumbered_cable_yields_its_blocks() -> None:
    lines = ["The Embassy hosted a reception.", "Many came.", "", "The minister spoke."]
    paragraphs = split_paragraphs(lines)
    assert [(p.seq, p.number, p.text) for p in paragraphs] == [
        (1, None, "The Embassy hosted a reception. Many came."), (2, None, "The minister spoke."),
    ]


def test_section_headers_sipdis_and_page_headers_leave_the_text() -> None:
    lines = [
        "2. (C) The group met the President-elect and",
        "C O N F I D E N T I A L SECTION 02 OF 04 BRASILIA 004227 ",
        "", "SIPDIS ", "", "E.O. 12958: DECL: 11/22/2012 ", "TAGS: PGOV PREL ECON BR", "",
        "his three senior advisors.",
        "BRASILIA 00001859 002 OF 004 ",
        "They spoke of trade.",
    ]
    (paragraph,) = split_paragraphs(lines)
    assert paragraph.text == (
        "The group met the President-elect and his three senior advisors. They spoke of trade."
    )


def test_07BAGHDAD3504_marking_written_before_the_number() -> None:
    lines = ["(C) 1. The Embassy obtained a copy of the report.", "",
             "(C) 2. On October 11 the Ministry of Defense gave the Embassy a copy."]
    assert _numbers(lines) == [(1, "C"), (2, "C")]
    assert split_paragraphs(lines)[0].text == "The Embassy obtained a copy of the report."


def test_damaged_typography_is_kept_as_written() -> None:
    text = "Iraq,s leaders called it &historic8 ) a turning point."
    assert split_paragraphs([f"1. (C) {text}"])[0].text == text


def test_07RABAT1657_text_glued_after_a_page_header_is_kept() -> None:
    lines = ["4. (U) The tender went to",
             "RABAT 00001657 002 OF 002 French companies Alstom, SNCF."]
    assert split_paragraphs(lines)[0].text == "The tender went to French companies Alstom, SNCF."


def test_00HARARE6677_sipdis_glued_before_text_is_dropped() -> None:
    lines = ["3. (C) MDC LEADERS HAVE", "SIPDIS CONSIDERED, AND HE ASKED"]
    assert split_paragraphs(lines)[0].text == "MDC LEADERS HAVE CONSIDERED, AND HE ASKED"


def test_paragraphs_numbered_100_and_on_keep_their_numbers() -> None:
    lines = []
    for number in range(1, 103):
        lines += [f"{number}. (U) Paragraph {number}.", ""]
    paragraphs = split_paragraphs(lines)
    assert [p.number for p in paragraphs] == list(range(1, 103))
    assert paragraphs[-1].text == "Paragraph 102."
    # A number of 100 or more that does not follow the one before is still no paragraph.
    assert [p.number for p in split_paragraphs(["1. (U) In", "", "150. years"])] == [1]


def test_06MADRID934_a_heading_between_paragraphs_is_not_glued_onto_the_one_before() -> None:
    lines = ["9. (C) Aznar leverages his past influence. The leadership of the party has",
             "difficulty setting the course.", "", "-------------------------",
             "Underestimating the Enemy", "", "", "-------------------------", "",
             "10. (C) All of the leaders of the PP machine speak of Zapatero with scorn."]
    paragraphs = split_paragraphs(lines)
    assert [(p.number, p.text) for p in paragraphs] == [
        (9, "Aznar leverages his past influence. The leadership of the party has difficulty "
            "setting the course."),
        (None, "Underestimating the Enemy"),
        (10, "All of the leaders of the PP machine speak of Zapatero with scorn."),
    ]


def test_a_last_short_sentence_or_bullet_stays_in_its_paragraph() -> None:
    for tail in ("End comment.", "-- Iraq", "A. The first point"):
        lines = ["1. (C) Text of the first paragraph.", "", tail, "", "2. (C) Next."]
        assert [p.number for p in split_paragraphs(lines)] == [1, 2], tail


def test_sipdis_inserted_mid_sentence_is_removed() -> None:
    (paragraph,) = split_paragraphs(["1. (C) The minister told us on SIPDIS November 1 that",
                                     "National Security Advisor SIPDIS", "Hadley would come."])
    assert paragraph.text == ("The minister told us on November 1 that National Security "
                              "Advisor Hadley would come.")


# Whitespace as damaged text has it: runs, tabs, no-break and ideographic spaces, a unit
# separator; and words with letters beyond ASCII.
_GAPS = st.sampled_from([" ", "  ", "   ", "\t", " \t ", "\xa0", "\u2003", "\u3000", "\x1f"])
_WORDS = st.text(alphabet="abcXYZé’-.", min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.tuples(_WORDS, _GAPS), min_size=1, max_size=6),
                min_size=1, max_size=5))
def test_a_paragraphs_text_is_its_words_one_space_apart(lines_parts: list) -> None:
    lines = ["Text" + "".join(word + gap for word, gap in parts) for parts in lines_parts]
    (paragraph,) = split_paragraphs(["1. (C) Opening words.", *lines])
    assert paragraph.text == " ".join(" ".join(["Opening words.", *lines]).split())
