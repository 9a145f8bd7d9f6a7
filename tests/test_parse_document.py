"""parse_document: the form told by content, bare telegrams, and one ParseError for the rest."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablesearch.cable import ParseError
from cablesearch.parse import parse_document
from cablesearch.parse.telegram import _without_pilcrows

# 08ASTANA1111 as a bare telegram (routing header and body, shortened).
ASTANA_BARE = """O 131156Z JUN 08
FM AMEMBASSY ASTANA
TO RUEHC/SECSTATE WASHDC IMMEDIATE 2606
UNCLAS ASTANA 001111

SENSITIVE
SIPDIS

TAGS: PHUM PGOV KCRIM KZ
SUBJECT: KAZAKHSTAN: TIP REPORT DELIVED

REF: STATE 58370

1.  (SBU) On June 4, Post delivered the annual Trafficking in
Persons Report.

2.  (SBU) Very pleased with the news, Azimova said that the GOK
intends to work to further improve its TIP ranking.

ORDWAY
"""


def test_bare_telegram_takes_id_from_a_cable_id_file_name() -> None:
    (cable,) = parse_document(ASTANA_BARE, "corpus/bare/08ASTANA1111.txt")
    assert cable.id == "08ASTANA1111"
    assert cable.created == "2008-06-13T11:56"  # from the date-time group `131156Z JUN 08`
    assert cable.released is None
    assert cable.origin == "Embassy Astana"  # from `FM AMEMBASSY ASTANA`
    assert cable.classification == "UNCLASSIFIED"
    assert cable.references == ("08STATE58370",)
    assert [(p.number, p.level) for p in cable.paragraphs] == [(1, "SBU"), (2, "SBU")]
    assert cable.signer == "ORDWAY"


def test_bare_telegram_id_from_its_classification_line_and_date() -> None:
    (cable,) = parse_document(ASTANA_BARE, "incoming/telegram.txt")
    assert cable.id == "08ASTANA1111"


def test_bare_body_only_with_id_in_the_name() -> None:
    body = ASTANA_BARE.split("TO RUEHC/SECSTATE WASHDC IMMEDIATE 2606\n", 1)[1]
    (cable,) = parse_document(body, "07ROME123.txt.gz")
    assert cable.id == "07ROME123"
    assert cable.created is None and cable.sender is None
    assert cable.subject == "KAZAKHSTAN: TIP REPORT DELIVED"


def test_each_form_is_detected_by_content_not_name() -> None:
    page_text = (
        "Reference ID Created Released Classification Origin\n"
        "08ASTANA1111 2008-06-13 11:56 2011-08-30 01:44 UNCLASSIFIED Embassy Astana\n"
        + ASTANA_BARE
    )
    (from_text,) = parse_document(page_text, "whatever.html")
    assert from_text.released == "2011-08-30T01:44"
    page = (
        "<html><body><h3>Viewing cable 08ASTANA1111, KAZAKHSTAN</h3><table class='cable'>"
        "<tr><th>Reference ID</th><th>Released</th></tr><tr><td>08ASTANA1111</td>"
        "<td>2011-08-30 01:44</td></tr></table><pre>"
        + ASTANA_BARE.replace("\n", "&#x000A;") + "</pre></body></html>"
    )
    (from_page,) = parse_document(page, "whatever.txt")
    assert from_page.paragraphs == from_text.paragraphs
    assert from_page.released == from_text.released


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty document"),
        ("   \n\n ", "empty document"),
        ("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10" * 20, "binary data"),
        ("Dear colleague, lunch is at noon.", "no cable id"),
        ("<html><body><p>Not found</p></body></html>", "no telegram text"),
    ],
)
def test_unreadable_documents_raise_one_parse_error(text: str, reason: str) -> None:
    with pytest.raises(ParseError) as error:
        parse_document(text, "inbox/note.txt")
    assert error.value.source == "inbox/note.txt"
    assert reason in error.value.reason
    assert str(error.value).startswith("inbox/note.txt: ")


def test_truncated_page_still_parses_what_is_readable() -> None:
    cut = ASTANA_BARE[: ASTANA_BARE.index("2.  (SBU)")]
    (cable,) = parse_document(cut, "08ASTANA1111.txt")
    assert [p.number for p in cable.paragraphs] == [1]


def test_cp1252_decoded_text_keeps_its_curly_quotes() -> None:
    # Bytes were decoded by the sources layer; the parser keeps the characters as written.
    text = ASTANA_BARE.replace("Very pleased", "\u201cVery pleased\u201d")
    (cable,) = parse_document(text, "08ASTANA1111.txt")
    assert cable.paragraphs[1].text.startswith("\u201cVery pleased\u201d")


@pytest.mark.parametrize(
    "text",
    [
        "UNCLAS ROME 000001\n\n1. (C) Text.\n\n" + "." * 200_000 + "x",
        "UNCLAS ROME 000001\nSIPDIS" + " " * 200_000 + "x\n1. Text.",
        "UNCLAS ROME 000001\n\n1. (C) Text" + " ." * 100_000 + " y",
        "FM " + "1 " * 100_000 + "x\nUNCLAS ROME 000001\n1. Text.",
        "UNCLAS ROME 000001\n\n1. (C" + " A" * 100_000 + "!) Text.",
        " " * 200_000 + "x",
        "UNCLAS ROME 000001\n" + "ROME 00001 " * 20_000 + "\n1. Text.",
    ],
    ids=["dots", "spaces", "dotted-tail", "numbered-addressee", "marking-like", "blank",
         "header-like"],
)
def test_pathological_long_lines_parse_quickly(text: str) -> None:
    # Each input made a backtracking regex quadratic or worse (minutes); linear is milliseconds.
    started = time.process_time()
    parse_document(text, "07ROME1.txt")
    assert time.process_time() - started < 5


def test_cable_without_subject_keeps_text_before_a_section_break() -> None:
    text = (
        "UNCLAS ROME 000001\n\nThe minister spoke first.\n\n"
        "C O N F I D E N T I A L SECTION 02 OF 02 ROME 000001\n\nSIPDIS\n\nThen he left.\n"
    )
    (cable,) = parse_document(text, "07ROME1.txt")
    assert [p.text for p in cable.paragraphs] == ["The minister spoke first.", "Then he left."]
    assert cable.handling == ("SIPDIS",)


def test_long_unnumbered_cable_without_subject_parses_quickly() -> None:
    text = "UNCLAS ROME 000001\n\n" + "A line of unnumbered text.\n" * 50_000
    started = time.process_time()
    (cable,) = parse_document(text, "07ROME1.txt")
    assert time.process_time() - started < 5
    assert cable.paragraphs[0].text.count("unnumbered") == 50_000


def test_bare_telegram_origin_from_its_fm_line() -> None:
    text = ASTANA_BARE.replace("FM AMEMBASSY ASTANA", "FM AMEMBASSY TBILISI")
    (cable,) = parse_document(text, "corpus/bare/08TBILISI1111.txt")
    assert cable.origin == "Embassy Tbilisi"
    (cable,) = parse_document(text.replace("AMEMBASSY TBILISI", "SECSTATE WASHDC"),
                              "corpus/bare/08STATE1111.txt")
    assert cable.origin == "Secretary of State"


def test_08LONDON1991_subject_marking_is_a_field_of_its_own() -> None:
    text = ASTANA_BARE.replace(
        "SUBJECT: KAZAKHSTAN: TIP REPORT DELIVED",
        "SUBJECT: (C/NF) WHO WOULD REPLACE GORDON BROWN AS UK PRIMEREF: A. LONDON 1939",
    ).replace("REF: STATE 58370", "")
    (cable,) = parse_document(text, "corpus/bare/08ASTANA1111.txt")
    assert cable.subject == "WHO WOULD REPLACE GORDON BROWN AS UK PRIME"
    assert cable.subject_marking == "C/NF"
    assert cable.references == ("08LONDON1939",)
    assert cable.to_json()["subject_marking"] == "C/NF"


@pytest.mark.parametrize("tail", [
    "REF: STATE 1234\nThe minister said a thing to the Ambassador on Monday.\n",
    "REF: STATE 1234 1. (U) The minister said a thing to the Ambassador on Monday.\n",
])
def test_a_paragraph_right_after_the_ref_line_is_still_a_paragraph(tail: str) -> None:
    text = ASTANA_BARE.split("REF: STATE 58370")[0] + tail
    (cable,) = parse_document(text, "corpus/bare/08ASTANA1111.txt")
    assert cable.references == ("08STATE1234",)
    assert [p.text for p in cable.paragraphs] == [
        "The minister said a thing to the Ambassador on Monday."
    ]


def test_bare_telegram_head_right_under_the_routing_lines() -> None:
    text = ("FM AMEMBASSY TBILISI\nTO SECSTATE WASHDC 1\nE.O. 12958: N/A\n"
            "TAGS: PREL PGOV KDEM\nIZ, IR\nSUBJECT: GEORGIA: SOMETHING\n\n1. (U) Text here.\n")
    (cable,) = parse_document(text, "corpus/bare/07TBILISI128.txt")
    assert cable.tags == ("PREL", "PGOV", "KDEM", "IZ", "IR")
    assert cable.subject == "GEORGIA: SOMETHING"
    assert cable.to == ("SECSTATE WASHDC",)


def test_07TALLINN128_tags_and_subject_in_mid_line() -> None:
    text = ("R 011311Z MAR 07\nFM AMEMBASSY TALLINN\nTO SECSTATE WASHDC 9569\n"
            "UNCLAS TALLINN 000128 SIPDIS PARIS PASS USOECD SIPDIS E.O. 12958: N/A "
            "TAGS: PREL, PHUM SUBJECT: ESTONIA ASKS FOR SUPPORT\n\n1. (U) Text here.\n")
    (cable,) = parse_document(text, "corpus/bare/07TALLINN128.txt")
    assert cable.tags == ("PREL", "PHUM")
    assert cable.subject == "ESTONIA ASKS FOR SUPPORT"


def test_08TRIPOLI597_e_mail_wrapper_before_the_telegram_is_skipped() -> None:
    text = ("TRIPOLI 00000597 R UN 23-JUL-08 OIL COMPANIES EXTEND CONTRACTS [7824779]From: \n"
            "CBPC, EACTAPP\nSent: Wednesday, July 23, 2008 7:55 PM\nTo: EACTTripoli\n"
            "Subject: TRIPOLI 00000597 R UN 23-JUL-08 OIL COMPANIES EXTEND CONTRACTS \n"
            "IN LIBYA [7824779]\n\nUNCLAS\n\nE.O. 12958: N/A\nTAGS: ECON EINV EPET LY\n"
            "SUBJECT: OIL COMPANIES EXTEND CONTRACTS IN LIBYA\n\n1. (SBU) Text here.\n")
    (cable,) = parse_document(text, "corpus/bare/08TRIPOLI597.txt")
    assert cable.subject == "OIL COMPANIES EXTEND CONTRACTS IN LIBYA"
    assert cable.tags == ("ECON", "EINV", "EPET", "LY")


def test_a_pilcrow_goes_only_where_it_opens_a_line() -> None:
    text = ASTANA_BARE.replace("1.  (SBU)", "  ¶ \t1.  (SBU)").replace(
        "2.  (SBU) Very pleased", "¶2.  (SBU) Very ¶ pleased ¶")
    (cable,) = parse_document(text, "corpus/bare/08ASTANA1111.txt")
    assert [p.number for p in cable.paragraphs] == [1, 2]
    assert cable.paragraphs[0].text.startswith("On June 4, Post delivered")
    assert cable.paragraphs[1].text.startswith("Very ¶ pleased ¶ with the news")


@given(st.text(st.sampled_from([" ", "\t", "\n", "¶", "a", "1", "."]), max_size=60))
def test_a_pilcrow_goes_where_it_opens_a_line_and_only_there(text):
    # the rule as a pattern anchored at line starts: slow on long texts, plain to read
    assert _without_pilcrows(text) == re.sub(r"(?m)^([ \t]*)¶[ \t]*", r"\1", text)
