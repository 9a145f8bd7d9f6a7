"""TAGS: split on spaces and commas, with or without colon, wrapped lines included."""

from __future__ import annotations

from cablesearch.parse.tagcodes import tag_meaning
from cablesearch.parse.tags import parse_tags


def test_08ASTANA1111_tags() -> None:
    assert parse_tags(["TAGS: PHUM PGOV KCRIM KZ", "SUBJECT: KAZAKHSTAN: TIP REPORT DELIVED"]) == (
        "PHUM", "PGOV", "KCRIM", "KZ",
    )


def test_01PRETORIA1173_commas_without_colon() -> None:
    assert parse_tags(["TAGS PREL, PGOV, SF", " ", "SUBJECT: THIN-SKINNED MBEKI"]) == (
        "PREL", "PGOV", "SF",
    )


def test_07PARIS1844_wrapped_onto_the_next_line() -> None:
    lines = ["TAGS: PREL FR EUN IR AF NATO IZ TU UNO LE YI RS", "UNMIK ",
             "SUBJECT: ENGAGING THE NEW FRENCH GOVERNMENT ON FOREIGN"]
    assert parse_tags(lines)[-2:] == ("RS", "UNMIK")


def test_08BRASILIA236_repeated_continuation_kept_once() -> None:
    lines = ["TAGS: BR PREL MARR", "BR, PREL, MARR ", "SUBJECT: AMBASSADOR'S MEETING"]
    assert parse_tags(lines) == ("BR", "PREL", "MARR")


def test_04ANKARA348_sentence_cased_tags_upper_cased() -> None:
    assert parse_tags(["Tags: prel, pgov, pins, tu"]) == ("PREL", "PGOV", "PINS", "TU")


def test_prose_after_tags_is_not_read_as_tags() -> None:
    assert parse_tags(["TAGS: PREL KZ", "Ambassador met the minister"]) == ("PREL", "KZ")
    assert parse_tags(["SUBJECT: NO TAGS HERE"]) == ()


def test_wrapped_list_with_commas_on_the_next_line() -> None:
    assert parse_tags(["TAGS: PREL PGOV KDEM", "IZ, IR", "SUBJECT: X"]) == (
        "PREL", "PGOV", "KDEM", "IZ", "IR",
    )


def test_06SANJOSE2037_codes_run_together_are_split_by_the_table() -> None:
    assert parse_tags(["TAGS: ETRDEINVECINPGOVCS"]) == ("ETRD", "EINV", "ECIN", "PGOV", "CS")
    assert parse_tags(["TAGS: PREL, KNNPMNUC, IR"]) == ("PREL", "KNNP", "MNUC", "IR")


def test_words_that_merely_look_like_runs_of_codes_are_not_split() -> None:
    assert parse_tags(["TAGS: PREL, POLITICS"]) == ("PREL", "POLITICS")


def test_misspelt_or_cut_keyword() -> None:
    for keyword in ("TAS:", "TABS:", "TGS:", "TAGES:", "AGS:"):
        assert parse_tags([f"{keyword} PREL PHUM"]) == ("PREL", "PHUM"), keyword


def test_page_footer_sipdis_repeats_and_repeated_keyword_are_not_tags() -> None:
    assert parse_tags(["TAGS: PREL PGOV SECRET PAGE 02 ROME 03067 211833Z"]) == ("PREL", "PGOV")
    assert parse_tags(["TAGS: TAGS: PREL SIPDIS PGOV PREL"]) == ("PREL", "PGOV")


def test_09MEXICO2556_a_classification_line_after_the_list_is_not_wrapped_tags() -> None:
    lines = ["TAGS: PREL PGOV PINR MX", "C O N F I D E N T I A L SECTION 01 OF 02 MEXICO 002556"]
    assert parse_tags(lines) == ("PREL", "PGOV", "PINR", "MX")


def test_05ROME3585_subject_keywords_written_as_words_stay_one_tag() -> None:
    line = "TAGS: PREL PGOV CVIS IT ITALY NATIONAL ELECTIONS ITALIAN POLITICS IRAQI FREEDOM"
    assert parse_tags([line]) == (
        "PREL", "PGOV", "CVIS", "IT", "ITALY", "NATIONAL ELECTIONS", "ITALIAN POLITICS",
        "IRAQI FREEDOM",
    )
    assert parse_tags(["TAGS: PREL, PHUM, HUMAN RIGHTS, COUNTRY CLEARANCE"]) == (
        "PREL", "PHUM", "HUMAN RIGHTS", "COUNTRY CLEARANCE",
    )
    # A comma-separated item of words is one tag, in any case (`Organized Crime`).
    assert parse_tags(["TAGS PINR, KCRM, BU, Organized Crime"])[-1] == "ORGANIZED CRIME"


def test_09PARTO40301_person_after_ovip_is_one_tag() -> None:
    assert parse_tags(["TAGS: OVIP CLINTON HILLARY PREL SNAR MX"]) == (
        "OVIP", "CLINTON, HILLARY", "PREL", "SNAR", "MX",
    )
    assert parse_tags(["TAGS OVIP (CLINTON, HILLARY), PREL, AS,", "RS,JA"]) == (
        "OVIP", "CLINTON, HILLARY", "PREL", "AS", "RS", "JA",
    )


def test_09SANJOSE124_tag_with_slash_and_hyphen_kept_whole() -> None:
    assert parse_tags(["TAGS: AORC UNGA UNGA", "UNGA/C-6, CS"]) == (
        "AORC", "UNGA", "UNGA/C-6", "CS",
    )


def test_a_subject_line_without_its_label_is_never_tags() -> None:
    assert parse_tags(["TAGS: PREL PGOV", "IRAN NUCLEAR TALKS RESUME", ""]) == ("PREL", "PGOV")


def test_09BEIJING2963_lower_case_list_continued_after_a_comma() -> None:
    lines = ["Tags: ovip (steinberg, james b.), prel, econ,", "etra, mnuc, ch"]
    assert parse_tags(lines) == (
        "OVIP", "STEINBERG, JAMES B", "PREL", "ECON", "ETRA", "MNUC", "CH",
    )


def test_tag_meanings_from_the_table() -> None:
    assert tag_meaning("PHUM") == "Human Rights"
    assert tag_meaning("phum") == "Human Rights"
    assert tag_meaning("IZ") == "Iraq"
    assert tag_meaning("XYZQ") is None
