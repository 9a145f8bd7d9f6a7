"""TAGS: split on spaces and commas, with or without colon, wrapped lines included."""

from __future__ import annotations

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
