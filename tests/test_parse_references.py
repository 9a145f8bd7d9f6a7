"""REF blocks resolved to canonical cable ids; only items that name a cable count."""

from __future__ import annotations

from cablesearch.parse.references import REF_LINE, parse_references


def test_08ASTANA1111_year_taken_from_the_cable() -> None:
    assert parse_references("STATE 58370", "08") == ("08STATE58370",)


def test_01PRETORIA1173_lettered_items_with_and_without_years() -> None:
    text = (
        "A. 99 PRETORIA 12315  B. 99 PRETORIA 12316  C. 00 PRETORIA 9150  D. 00 CAPE TOWN 2150"
        "  E. PRETORIA 425  F. PRETORIA 533  G. CAPE TOWN 179  H. PRETORIA 619"
    )
    assert parse_references(text, "01") == (
        "99PRETORIA12315", "99PRETORIA12316", "00PRETORIA9150", "00CAPETOWN2150",
        "01PRETORIA425", "01PRETORIA533", "01CAPETOWN179", "01PRETORIA619",
    )


def test_issue_example_leading_zeros_dropped() -> None:
    assert parse_references("B. 06 TBILISI 0619", "07") == ("06TBILISI619",)


def test_66BUENOSAIRES2481_circular_counts_but_airgram_and_date_do_not() -> None:
    assert parse_references("STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966", "66") == (
        "66STATE106206",
    )


def test_10MADRID87_four_digit_years() -> None:
    assert parse_references("A. 2009 MADRID 59  C. 2009 MADRID 1146", "10") == (
        "09MADRID59", "09MADRID1146",
    )


def test_03RANGOON_previous_and_secstate_alias() -> None:
    assert parse_references("STATE 297614 AND PREVIOUS 03 RANGOON 1427", "04") == (
        "04STATE297614", "03RANGOON1427",
    )
    assert parse_references("SECSTATE 134796", "05") == ("05STATE134796",)


def test_items_that_name_no_cable_are_dropped() -> None:
    assert parse_references("EMBASSY MADRID E-MAIL TO EUR/WE OF OCTOBER 14", "04") == ()
    assert parse_references("IIR 6906012405", "06") == ()
    assert parse_references("A. A. MAIER - QUINN EMAIL MAIL 06 MARCH 06", "06") == ()


def test_mixed_case_post_and_canonical_ids() -> None:
    assert parse_references("Abu Dhabi 1384", "04") == ("04ABUDHABI1384",)
    assert parse_references("06TBILISI619 and 07 USUN NEW YORK 123", "08") == (
        "06TBILISI619", "07USUNNEWYORK123",
    )


def test_ref_line_forms() -> None:
    for line in ("REF: STATE 58370", "REFTEL: HARARE 6584", "Ref: london 4212",
                 "REF A. STATE 1234", "REFS: (A) MADRID 3785"):
        assert REF_LINE.match(line), line
    # Prose that merely starts with the word.
    assert not REF_LINE.match("REF A points were delivered, the GOS was nearing the end of a")
