"""Bytes to text: real cable files are UTF-8, cp1252, or a mix of both, and some are junk.

Decoding is kept apart from parsing so that the parser only ever sees clean `str` with `\\n`
newlines, and so that unreadable files fail with a reason a user understands.
"""

from __future__ import annotations

import codecs

from cablesearch.cable import ParseError

FALLBACK = "cablesearch-cp1252"
"""Codec error handler: bytes that are not valid UTF-8 are read as cp1252."""

# Control bytes that never occur in text (tab, newline, carriage return, form feed are text).
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f") + b"\x7f"
_CONTROL_TO_SPACE = str.maketrans({c: " " for c in _CONTROL.decode("ascii")})
# More than one byte in this many being a control byte means the file is not text.
_BINARY_RATIO = 20


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode the offending bytes as cp1252 (undefined cp1252 bytes become U+FFFD)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error(FALLBACK, _cp1252_fallback)


def decode(data: bytes, source: str) -> str:
    """The text of a file: UTF-8 (BOM stripped), else cp1252 byte by byte; newlines as `\\n`.

    Raises ParseError naming `source` for empty files and binary data (NUL bytes, or
    control bytes that no text file has in such numbers).
    """
    if is_blank(data):
        raise ParseError(source, "empty file")
    # UTF-32's little-endian BOM begins with UTF-16's: it is tested first.
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _unicode(data, source, "UTF-32")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _unicode(data, source, "UTF-16")
    if b"\x00" in data:
        raise ParseError(source, "binary data (NUL bytes), not a text file")
    controls = len(data) - len(data.translate(None, _CONTROL))
    if controls * _BINARY_RATIO > len(data):
        raise ParseError(source, f"binary data ({controls} control bytes), not a text file")
    text = data.decode("utf-8-sig", errors=FALLBACK)
    if controls:
        text = text.translate(_CONTROL_TO_SPACE)
    return normalize_newlines(text)


def is_blank(text: str | bytes) -> bool:
    """Whether the text is empty or whitespace only. Its first character settles nearly every
    text, without the copy of the whole that strip() makes of a text ending in a newline."""
    return not text[:1].strip() and not text.strip()


def normalize_newlines(text: str) -> str:
    """`\\r\\n` and lone `\\r` become `\\n` (cheap when there is no `\\r`)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _unicode(data: bytes, source: str, encoding: str) -> str:
    """A UTF-16 or UTF-32 file with a BOM (as some Windows editors save); NULs are
    expected there."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ParseError(source, f"invalid {encoding} text ({error.reason})") from None
    if not text.strip():
        raise ParseError(source, "empty file")
    return normalize_newlines(text.translate(_CONTROL_TO_SPACE))
