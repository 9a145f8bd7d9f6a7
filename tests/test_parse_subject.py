"""SUBJECT: the whole subject, continued over the following lines."""

from __future__ import annotations

from cablesearch.parse.subject import parse_subject, subject_extent


def test_08BOGOTA2024_subject_continues_on_the_next_line() -> None:
    lines = ["SUBJECT: MARULANDA'S DEATH SPARKS SPECULATION ON FARC'S", "FUTURE", "",
             "Classified By: Political Counselor John S. Creamer"]
    assert subject_extent(lines) == 2
    assert parse_subject(lines) == "MARULANDA'S DEATH SPARKS SPECULATION ON FARC'S FUTURE"


def test_08ASTANA1111_subject_stops_at_blank_line() -> None:
    assert parse_subject(["SUBJECT: KAZAKHSTAN: TIP REPORT DELIVED ", " ", "REF: STATE 58370"]) == (
        "KAZAKHSTAN: TIP REPORT DELIVED"
    )


def test_subject_stops_at_ref_classified_by_and_paragraph_lines() -> None:
    for following in ("REF: A. 99 PRETORIA 12315", "Classified By: Ambassador", "1. (C) Summary",
                      " B. SANTO DOMINGO 21 ", "DUBAI 00000049 001.2 OF 003"):
        assert subject_extent(["SUBJECT: A SUBJECT", following]) == 1, following


def test_08LONDON1991_ref_glued_onto_the_subject_is_cut_off() -> None:
    line = "SUBJECT: (C/NF) WHO WOULD REPLACE GORDON BROWN AS UK PRIMEREF: A. LONDON 1939"
    assert parse_subject([line]) == "(C/NF) WHO WOULD REPLACE GORDON BROWN AS UK PRIME"


def test_no_subject_line() -> None:
    assert parse_subject(["TAGS: PREL"]) is None


def test_09ISLAMABAD3037_subject_stops_at_a_date_and_classification_line() -> None:
    lines = ["SUBJECT: BALOCH REQUEST UNHCR FACILITATE MOVEMENT OF ", "BRAHMDAGH BUGTI TO IRELAND",
             "Friday, 18 December 2009, 11:04",
             "S E C R E T SECTION 01 OF 02 ISLAMABAD 003037 "]
    assert parse_subject(lines) == (
        "BALOCH REQUEST UNHCR FACILITATE MOVEMENT OF BRAHMDAGH BUGTI TO IRELAND"
    )
    assert subject_extent(lines[:2] + lines[3:]) == 2


def test_00HARARE6677_subject_stops_at_a_page_break_classification() -> None:
    lines = ["SUBJECT: ASSISTANT SECRETARY MEETS WITH ZIMBABWE ", " CONFIDENTIAL"]
    assert parse_subject(lines) == "ASSISTANT SECRETARY MEETS WITH ZIMBABWE"


def test_a_subject_line_may_start_with_a_classification_word() -> None:
    lines = ["SUBJECT: IRAN: THE REGIME'S", "SECRET TALKS IN 2009", ""]
    assert parse_subject(lines) == "IRAN: THE REGIME'S SECRET TALKS IN 2009"


def test_subject_runs_on_into_the_next_field_on_its_line() -> None:
    for tail in (" REF: BERLIN 1258", " Classified By: Ambassador John R. Beyrle",
                 " Sensitive but unclassified, please protect accordingly",
                 " 1. (C) Summary: the talks went well"):
        assert parse_subject([f"SUBJECT: NORD STREAM EXECS ADMIT PIPELINE DELAYED{tail}"]) == (
            "NORD STREAM EXECS ADMIT PIPELINE DELAYED"
        ), tail


def test_subject_text_after_a_blank_line_under_its_label() -> None:
    lines = ["SUBJECT:", "", "ELECTIONS: OPPOSITION CRIES FOUL", "", "1. (U) Summary"]
    assert parse_subject(lines) == "ELECTIONS: OPPOSITION CRIES FOUL"
    assert parse_subject(["SUBJECT:", "", "1. (U) Summary"]) is None


def test_cut_keywords_ubject_and_subj() -> None:
    assert parse_subject(["UBJECT: GOVERNMENT FALLS"]) == "GOVERNMENT FALLS"
    assert parse_subject(["SUBJ: GOVERNMENT FALLS"]) == "GOVERNMENT FALLS"


def test_entities_decoded_wraps_joined_and_no_trailing_backslash() -> None:
    assert parse_subject(["SUBJECT: BRAZIL&#8217;S VIEW OF US- \\", "LATIN TIES \\"]) == (
        "BRAZIL’S VIEW OF US-LATIN TIES"
    )
    assert parse_subject(["SUBJECT: US-", "LATIN AMERICA TIES"]) == "US-LATIN AMERICA TIES"
