"""REF blocks resolved to canonical cable ids; only items that name a cable count."""

from __future__ import annotations

from cablesearch.parse.references import REF_LINE, resolve_reference, resolve_references


def test_08ASTANA1111_year_taken_from_the_cable() -> None:
    assert resolve_references("STATE 58370", "08") == ("08STATE58370",)


def test_01PRETORIA1173_lettered_items_with_and_without_years() -> None:
    text = (
        "A. 99 PRETORIA 12315  B. 99 PRETORIA 12316  C. 00 PRETORIA 9150  D. 00 CAPE TOWN 2150"
        "  E. PRETORIA 425  F. PRETORIA 533  G. CAPE TOWN 179  H. PRETORIA 619"
    )
    assert resolve_references(text, "01") == (
        "99PRETORIA12315", "99PRETORIA12316", "00PRETORIA9150", "00CAPETOWN2150",
        "01PRETORIA425", "01PRETORIA533", "01CAPETOWN179", "01PRETORIA619",
    )


def test_leading_zeros_dropped() -> None:
    assert resolve_references("B. 06 TBILISI 0619", "07") == ("06TBILISI619",)


def test_66BUENOSAIRES2481_circular_counts_but_airgram_and_date_do_not() -> None:
    assert resolve_references("STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966", "66") == (
        "66STATE106206",
    )


def test_10MADRID87_four_digit_years() -> None:
    assert resolve_references("A. 2009 MADRID 59  C. 2009 MADRID 1146", "10") == (
        "09MADRID59", "09MADRID1146",
    )


def test_03RANGOON_previous_and_secstate_alias() -> None:
    assert resolve_references("STATE 297614 AND PREVIOUS 03 RANGOON 1427", "04") == (
        "04STATE297614", "03RANGOON1427",
    )
    assert resolve_references("SECSTATE 134796", "05") == ("05STATE134796",)


def test_items_that_name_no_cable_are_dropped() -> None:
    assert resolve_references("EMBASSY MADRID E-MAIL TO EUR/WE OF OCTOBER 14", "04") == ()
    assert resolve_references("IIR 6906012405", "06") == ()
    assert resolve_references("A. A. MAIER - QUINN EMAIL MAIL 06 MARCH 06", "06") == ()


def test_mixed_case_post_and_canonical_ids() -> None:
    assert resolve_references("Abu Dhabi 1384", "04") == ("04ABUDHABI1384",)
    assert resolve_references("06TBILISI619 and 07 USUN NEW YORK 123", "08") == (
        "06TBILISI619", "07USUNNEWYORK123",
    )


def test_ref_line_forms() -> None:
    for line in ("REF: STATE 58370", "REFTEL: HARARE 6584", "Ref: london 4212",
                 "REF A. STATE 1234", "REFS: (A) MADRID 3785"):
        assert REF_LINE.match(line), line
    # Prose that merely starts with the word.
    assert not REF_LINE.match("REF A points were delivered, the GOS was nearing the end of a")


def test_posts_resolved_to_the_names_cable_ids_have() -> None:
    cases = {
        "THE HAGUE 109": "08THEHAGUE109", "RIO 329": "08RIODEJANEIRO329",
        "BA 1485": "08BUENOSAIRES1485", "USUN NEW YORK 77": "08USUNNEWYORK77",
        "SECSTATE 12": "08STATE12", "SECTSTATE 12": "08STATE12", "HCMC 4": "08HOCHIMINHCITY4",
        "MEXICO CITY 5": "08MEXICO5", "VAT 6": "08VATICAN6", "UNVIE 7": "08UNVIEVIENNA7",
        "EMBASSY VIENNA 8": "08VIENNA8",
    }
    for text, wanted in cases.items():
        assert resolve_references(text, "08") == (wanted,), text


def test_misspelt_posts_resolved_to_the_nearest_known_post() -> None:
    assert resolve_references(
        "A. BRASILA 12 B. PHNOM PEN 34 C. SANTIAG0 56 D. 0TTAWA 78", "08"
    ) == ("08BRASILIA12", "08PHNOMPENH34", "08SANTIAGO56", "08OTTAWA78")


def test_two_serials_of_one_post_are_two_references() -> None:
    assert resolve_references("STATE 2799 AND 2764", "09") == ("09STATE2799", "09STATE2764")
    assert resolve_references("MOSCOW 12, 14 AND 05 SAO PAULO 405", "09") == (
        "09MOSCOW12", "09MOSCOW14", "05SAOPAULO405",
    )


def test_years_before_and_after_the_item() -> None:
    assert resolve_references("ASUNCION 701 (08)", "09") == ("08ASUNCION701",)
    assert resolve_references("05 SAO PAULO 405", "09") == ("05SAOPAULO405",)
    assert resolve_references("2005PANAMA2342", "09") == ("05PANAMA2342",)
    assert resolve_references("O4 CHENNAI 1234", "09") == ("04CHENNAI1234",)
    assert resolve_references("10-OTTAWA-57", "10") == ("10OTTAWA57",)


def test_page_footer_and_own_serial_are_never_references() -> None:
    assert resolve_references("TRIPOLI 00000402 001.2 OF 003", "09") == ()
    assert resolve_references("TRIPOLI 402 AND STATE 12", "09", own_id="09TRIPOLI402") == (
        "09STATE12",
    )


def test_words_that_name_no_post_are_dropped() -> None:
    assert resolve_references("STATE CA-3400", "66") == ()
    assert resolve_references("PARA 5 OF THE REPORT 2008", "08") == ()
    assert resolve_reference("THE HAGUE 109", "08") == ["08THEHAGUE109"]
