"""Handling lines of the head (SENSITIVE, SIPDIS, NOFORN ...)."""

from __future__ import annotations

from cablesearch.parse.handling import handling_words, is_handling_line, parse_handling


def test_08ASTANA1111_handling() -> None:
    lines = ["UNCLAS ASTANA 001111 ", " ", "SENSITIVE ", "SIPDIS ", " ",
             "SCA/CEN FOR O'MARA, G/TIP FOR HALL"]
    assert parse_handling(lines) == ("SENSITIVE", "SIPDIS")


def test_04ANKARA348_sentence_cased_sipdis() -> None:
    assert is_handling_line("Sipdis")
    assert parse_handling(["Sipdis"]) == ("SIPDIS",)


def test_prose_mentioning_a_handling_word_is_no_handling_line() -> None:
    assert not is_handling_line("The sensitive talks went on.")


def test_handling_words_on_a_classification_line() -> None:
    assert handling_words("S E C R E T SECTION 01 OF 03 BAGHDAD 000197 NOFORN SIPDIS") == (
        "NOFORN", "SIPDIS",
    )
