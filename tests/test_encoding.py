"""decode(): the bytes of real cable files (UTF-8, cp1252, mixed, junk) to clean text."""

from __future__ import annotations

import codecs

import pytest

from cablesearch.cable import ParseError
from cablesearch.parse.encoding import decode


def test_utf8_with_bom_loses_the_bom() -> None:
    assert decode(codecs.BOM_UTF8 + "¶1. (C) Text".encode(), "a.txt") == "¶1. (C) Text"


def test_cp1252_bytes_are_read_as_cp1252() -> None:
    data = "the Minister\u2019s \u201cbest offer\u201d \u2013 caf\u00e9".encode("cp1252")
    assert decode(data, "a.txt") == "the Minister\u2019s \u201cbest offer\u201d \u2013 caf\u00e9"


def test_mixed_utf8_and_cp1252_keeps_both() -> None:
    data = "¶2. caf\u00e9 ".encode() + "\u2019s".encode("cp1252")
    assert decode(data, "a.txt") == "¶2. caf\u00e9 \u2019s"


def test_undefined_cp1252_byte_becomes_replacement_character() -> None:
    assert decode(b"abc \x81 def", "a.txt") == "abc \ufffd def"


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_newlines_are_normalised(newline: bytes) -> None:
    assert decode(b"one" + newline + b"two" + newline, "a.txt") == "one\ntwo\n"


def test_utf16_with_bom_is_text_not_binary() -> None:
    data = "SUBJECT: GAS\r\n".encode("utf-16")
    assert decode(data, "a.txt") == "SUBJECT: GAS\n"


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_bom_is_decoded_as_utf32(codec: str) -> None:
    bom = {"utf-32": b"", "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
    data = bom[codec] + "SUBJECT: GAS ¶ Ünïcode\r\n".encode(codec)
    assert decode(data, "x.txt") == "SUBJECT: GAS ¶ Ünïcode\n"


def test_broken_utf32_names_the_reason() -> None:
    data = codecs.BOM_UTF32_LE + "GAS".encode("utf-32-le") + b"\xff\xff\xff\x7f"
    with pytest.raises(ParseError, match="invalid UTF-32 text"):
        decode(data, "x.txt")


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n "])
def test_empty_file_names_the_reason(data: bytes) -> None:
    with pytest.raises(ParseError) as caught:
        decode(data, "dir/empty.txt")
    assert caught.value.source == "dir/empty.txt"
    assert caught.value.reason == "empty file"


def test_nul_bytes_are_binary_data() -> None:
    with pytest.raises(ParseError, match="binary data") as caught:
        decode(b"PK\x03\x04\x00\x00 zip archive", "x.html")
    assert str(caught.value).startswith("x.html: ")


def test_control_byte_junk_is_binary_data() -> None:
    with pytest.raises(ParseError, match="binary data"):
        decode(bytes(range(1, 32)) * 4 + b"some text", "x.txt")


def test_a_few_stray_control_bytes_are_blanked_not_fatal() -> None:
    text = decode(b"TAGS: PREL\x1a PGOV\n" + b"body text " * 20, "x.txt")
    assert text.startswith("TAGS: PREL  PGOV\n")
