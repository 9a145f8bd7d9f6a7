"""The closing signature line becomes `signer`; page trailers after it are dropped."""

from __future__ import annotations

from cablesearch.parse.signer import is_trailer, split_signer


def test_08ASTANA1111_signature_line() -> None:
    lines = ["anti-TIP program to respond to the Ministry's request. ", " ", "ORDWAY"]
    assert split_signer(lines) == ("ORDWAY", lines[:2])


def test_79TEHRAN8980_signature_before_classification_trailer() -> None:
    lines = ["(FROM THE WESTERN POINT OF VIEW) NEGOTIATING PROCESS. ", " ", " ", "LAINGEN ", " ",
             "CONFIDENTIAL"]
    assert split_signer(lines)[0] == "LAINGEN"


def test_06MOSCOW5645_signature_joined_to_the_last_sentence() -> None:
    lines = ["Caucasus and have effects beyond. BURNS"]
    assert split_signer(lines) == ("BURNS", ["Caucasus and have effects beyond."])


def test_04CARACAS2200_archive_trailers_after_signature() -> None:
    lines = ["MANY OF HIS INITIATIVES.", "MCFARLAND", "", "NNNN", "2004CARACA02200 - CONFIDENTIAL"]
    assert split_signer(lines) == ("MCFARLAND", ["MANY OF HIS INITIATIVES."])


def test_05PARIS7527_signature_after_website_footer() -> None:
    lines = ["Please visit Paris' Classified Website at: ",
             "http://www.state.sgov.gov/p/eur/paris/index.c fm ", "Stapleton"]
    assert split_signer(lines)[0] == "Stapleton"


def test_no_signature_after_a_closing_sentence_or_comment() -> None:
    assert split_signer(["AMBASSADOR REICH CLEARED THIS CABLE."])[0] is None
    assert split_signer(["general lawlessness.", "END COMMENT"])[0] is None
    assert split_signer(["shared with XXXXXXXXXXXX"])[0] is None


def test_trailers() -> None:
    for line in ("CONFIDENTIAL", " S E C R E T", "NNNN", "BT", ">", "SECRET//NOFORN"):
        assert is_trailer(line), line
    assert not is_trailer("Confidential sources told us")


def test_signature_with_hashes_or_a_full_stop() -> None:
    assert split_signer(["1. (C) Text.", "", "GILLESPIE##"])[0] == "GILLESPIE"
    assert split_signer(["1. (C) Text.", "", "MCNAMARA."])[0] == "MCNAMARA"
    assert split_signer(["1. (C) Text.", "", "Thanks."])[0] is None


def test_end_of_text_then_the_name() -> None:
    assert split_signer(["1. (C) Text.", "END OF TEXT. BAKER"]) == (
        "BAKER", ["1. (C) Text.", "END OF TEXT."],
    )


def test_signature_before_footers_notes_and_archive_stamps() -> None:
    for trailers in (["", "CONFIDENTIAL", "", "NNNN"], ["SECRET PAGE 02 ROME 03067 211833Z"],
                     ["", "NOTE BY OC/T: NOT PASSED TO ABOVE ADDRESSEES."],
                     ["Declassified/Released US Department of State EO Systematic Review"],
                     ["MADRID 00000934 004 OF 004"]):
        assert split_signer(["1. (C) Text.", "", "BAKER", *trailers])[0] == "BAKER", trailers


def test_a_sentence_ending_in_an_acronym_is_no_signature() -> None:
    assert split_signer(["1. (C) It was agreed with NATO."]) == (
        None, ["1. (C) It was agreed with NATO."],
    )
