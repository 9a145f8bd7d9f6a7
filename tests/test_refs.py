"""Paragraph refs: the forms `show` reads, the form search prints, and that every printed
ref selects exactly its paragraph (hypothesis over cables that repeat numbers)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablesearch.cable import Cable, Paragraph
from cablesearch.index.documents import cable_documents, occurrences
from cablesearch.search.citation import STYLES, citation
from cablesearch.search.errors import UnknownRef
from cablesearch.search.refs import (
    Number,
    Position,
    Ref,
    RefSyntaxError,
    Span,
    format_ref,
    label,
    parse_ref,
    parse_refs,
    plusd_url,
    viewer_url,
)
from cablesearch.search.shown import select


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08ASTANA1111", Ref("08ASTANA1111")),
        ("08astana1111 ¶ 3", Ref("08ASTANA1111", (Number(3),))),
        ("08ASTANA1111¶3", Ref("08ASTANA1111", (Number(3),))),
        ("08ASTANA1111/3", Ref("08ASTANA1111", (Number(3),))),
        ("08ASTANA1111#par3", Ref("08ASTANA1111", (Number(3),))),
        ("08ASTANA1111#3", Ref("08ASTANA1111", (Number(3),))),
        ("08ASTANA1111 para 3", Ref("08ASTANA1111", (Number(3),))),
        ("08ASTANA1111 ¶3.", Ref("08ASTANA1111", (Number(3),))),
        ("06MADRID934 ¶10.2", Ref("06MADRID934", (Number(10, 2),))),
        ("06MADRID934/10.2", Ref("06MADRID934", (Number(10, 2),))),
        ("09BERLIN1528 ¶-", Ref("09BERLIN1528", (Number(None),))),
        ("09BERLIN1528 ¶-.2", Ref("09BERLIN1528", (Number(None, 2),))),
        ("09BERLIN1528/-.2", Ref("09BERLIN1528", (Number(None, 2),))),
        ("08ASTANA1111 ¶¶3-5", Ref("08ASTANA1111", (Span(3, 5),))),
        ("08ASTANA1111 ¶3-5", Ref("08ASTANA1111", (Span(3, 5),))),
        ("08ASTANA1111 ¶¶3–5", Ref("08ASTANA1111", (Span(3, 5),))),
        ("08ASTANA1111 ¶¶3, 5", Ref("08ASTANA1111", (Number(3), Number(5)))),
        ("08ASTANA1111 ¶3 ¶5", Ref("08ASTANA1111", (Number(3), Number(5)))),
        ("08ASTANA1111@2", Ref("08ASTANA1111", (Position(2),))),
        ("https://wikileaks.org/cable/2008/06/08ASTANA1111.html#par3",
         Ref("08ASTANA1111", (Number(3),))),
        ("https://wikileaks.org/cable/2008/06/08ASTANA1111.html", Ref("08ASTANA1111")),
        ("https://wikileaks.org/plusd/cables/08ASTANA1111_a.html", Ref("08ASTANA1111")),
        ("http://www.wikileaks.org/plusd/cables/08ASTANA1111_a.html", Ref("08ASTANA1111")),
    ],
)
def test_parse_ref_forms(text, expected):
    assert parse_ref(text) == expected


def test_several_refs_in_one_text():
    refs = parse_refs("08ASTANA1111 ¶3, 06MADRID934 ¶10.2; "
                      "https://wikileaks.org/plusd/cables/09BERLIN1528_a.html 09BERLIN1528 ¶-")
    assert [str(ref) for ref in refs] == [
        "08ASTANA1111 ¶3", "06MADRID934 ¶10.2", "09BERLIN1528", "09BERLIN1528 ¶-"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("what?", "'what?' is not a reference"),
        ("08ASTANA1111 ¶x", "'¶x' in '08ASTANA1111 ¶x' is not a reference"),
        ("¶3", "'¶3': a paragraph needs its cable first"),
        ("08ASTANA1111 ¶5-3", "¶5-3: a range runs from low to high"),
        ("08ASTANA1111 ¶3.x", "'x' in '08ASTANA1111 ¶3.x' is not a reference"),
        ("", "no reference given"),
        ("08ASTANA1111 06MADRID934", "'08ASTANA1111 06MADRID934' holds 2 references"),
    ],
)
def test_what_is_not_a_ref_is_refused(text, message):
    with pytest.raises(RefSyntaxError) as error:
        parse_ref(text)
    assert str(error.value).startswith(message)


def test_format_and_urls():
    assert format_ref("08ASTANA1111", 3) == "08ASTANA1111 ¶3"
    assert format_ref("06MADRID934", 10, 2) == "06MADRID934 ¶10.2"
    assert format_ref("09BERLIN1528", None) == "09BERLIN1528 ¶-"
    assert label(None, 1) == "-.1"
    assert viewer_url("08ASTANA1111", "2008-06-13T11:56", 3) == (
        "https://wikileaks.org/cable/2008/06/08ASTANA1111.html#par3")
    assert viewer_url("08ASTANA1111", "2008-06-13T11:56") == (
        "https://wikileaks.org/cable/2008/06/08ASTANA1111.html")
    assert viewer_url("08ASTANA1111", None, 3) is None
    assert plusd_url("08ASTANA1111") == "https://wikileaks.org/plusd/cables/08ASTANA1111_a.html"


# A fictional cable: an unnumbered opening and closing, a quoted list that numbers 1-2
# again, so ¶1 and ¶2 repeat and unnumbered text comes twice.
REPEATS = Cable(
    id="07NOWHERE12",
    subject="FICTION: A CABLE THAT QUOTES ANOTHER",
    created="2007-03-05T10:00",
    origin="Embassy Nowhere",
    paragraphs=(
        Paragraph(1, None, "Classified by the author.", "C", "C"),
        Paragraph(2, 1, "Summary of the talks.", "C", "C"),
        Paragraph(3, 2, "The minister listed two points.", "S", "S"),
        Paragraph(4, 1, "First quoted point.", "U", "U"),
        Paragraph(5, 2, "Second quoted point.", "U", "U"),
        Paragraph(6, 3, "Comment: the list is old.", "C", "C"),
        Paragraph(7, None, "End of cable text.", None, None),
    ),
)


def test_occurrences_number_only_what_repeats():
    assert occurrences(REPEATS.paragraphs) == {1: 1, 7: 2, 2: 1, 4: 2, 3: 1, 5: 2}
    stored = [(doc["seq"], doc["occurrence"]) for doc in cable_documents(REPEATS)]
    assert stored == [(1, 1), (2, 1), (3, 1), (4, 2), (5, 2), (6, None), (7, 2)]


def test_a_repeated_number_shows_every_copy_and_says_so():
    shown = select(REPEATS, parse_ref("07NOWHERE12 ¶2").selectors)
    assert shown.cited == (3, 5)
    assert shown.notes == ("07NOWHERE12 repeats the number ¶2 (2 paragraphs): "
                           "cite one as ¶2.1, ¶2.2",)
    assert [shown.ref(p) for p in shown.paragraphs] == ["07NOWHERE12 ¶2.1", "07NOWHERE12 ¶2.2"]


def test_an_occurrence_opens_exactly_one():
    shown = select(REPEATS, parse_ref("07NOWHERE12 ¶2.2").selectors)
    assert [p.text for p in shown.paragraphs] == ["Second quoted point."]
    assert shown.notes == ()
    unique = select(REPEATS, parse_ref("07NOWHERE12 ¶3.1").selectors)
    assert unique.cited == (6,) and shown.ref(unique.paragraphs[0]) == "07NOWHERE12 ¶3"


def test_a_range_and_context():
    shown = select(REPEATS, parse_ref("07NOWHERE12 ¶¶2-3").selectors, context=1)
    assert shown.cited == (3, 5, 6)
    assert [p.seq for p in shown.paragraphs] == [2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("07NOWHERE12 ¶2.3", "07NOWHERE12 has no paragraph ¶2.3: ¶2 occurs 2 times"),
        ("07NOWHERE12 ¶3.2", "07NOWHERE12 has no paragraph ¶3.2: ¶3 occurs once"),
        ("07NOWHERE12 ¶9", "07NOWHERE12 has no paragraph ¶9 (it has ¶1–¶3)"),
        ("07NOWHERE12 ¶¶7-9", "07NOWHERE12 has no paragraph ¶¶7-9 (it has ¶1–¶3)"),
        ("07NOWHERE12 ¶-.3", "07NOWHERE12 has no paragraph ¶-.3: ¶- occurs 2 times"),
        ("07NOWHERE12@8", "07NOWHERE12 has no paragraph @8 (it has 7 paragraphs)"),
    ],
)
def test_refs_that_name_nothing(ref, message):
    with pytest.raises(UnknownRef) as error:
        select(REPEATS, parse_ref(ref).selectors)
    assert str(error.value) == message


def test_no_unnumbered_text():
    cable = Cable(id="07NOWHERE13", paragraphs=(Paragraph(1, 1, "Only."),))
    with pytest.raises(UnknownRef, match="07NOWHERE13 has no unnumbered paragraph"):
        select(cable, parse_ref("07NOWHERE13 ¶-").selectors)


_numbers = st.one_of(st.none(), st.integers(min_value=1, max_value=4))


@given(st.lists(_numbers, min_size=1, max_size=12))
def test_every_printed_ref_opens_exactly_its_paragraph(numbers):
    cable = Cable(id="07NOWHERE14", created="2007-01-02T03:04", paragraphs=tuple(
        Paragraph(seq, number, f"text {seq}") for seq, number in enumerate(numbers, 1)))
    whole = select(cable, ())
    refs = [whole.ref(p) for p in cable.paragraphs]
    assert len(set(refs)) == len(refs)
    for paragraph, ref in zip(cable.paragraphs, refs, strict=True):
        shown = select(cable, parse_ref(ref).selectors)
        assert [p.text for p in shown.paragraphs] == [paragraph.text]
        assert shown.ref(shown.paragraphs[0]) == ref


def test_chicago_citation_of_a_paragraph_and_of_a_cable():
    shown = select(REPEATS, parse_ref("07NOWHERE12 ¶2.2").selectors)
    (item,) = shown.citables()
    assert citation(item, accessed=date(2026, 12, 7)) == (
        "Embassy Nowhere, “FICTION: A CABLE THAT QUOTES ANOTHER,” cable 07NOWHERE12, "
        "March 5, 2007, ¶2.2 (U), WikiLeaks, "
        "https://wikileaks.org/cable/2007/03/07NOWHERE12.html#par2 (accessed December 7, 2026).")
    bare = Cable(id="07NOWHERE13", paragraphs=(Paragraph(1, 1, "Only."),))
    (whole,) = select(bare, ()).citables()
    assert citation(whole, "chicago", date(2026, 1, 2)) == (
        "cable 07NOWHERE13, WikiLeaks, https://wikileaks.org/plusd/cables/07NOWHERE13_a.html "
        "(accessed January 2, 2026).")


def test_unknown_citation_style():
    (item,) = select(REPEATS, ()).citables()
    with pytest.raises(ValueError, match="unknown citation style 'mla' \\(use chicago"):
        citation(item, "mla")
    assert "chicago" in STYLES
