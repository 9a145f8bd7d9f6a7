"""The telegram's classification line, often typed spaced: `S E C R E T SECTION 01 OF 02 ...`.

It marks where the routing header ends and the text begins, and is the only classification a
bare telegram states.
"""

from __future__ import annotations

import re

_WORDS = {
    "TOP SECRET": "TOP SECRET",
    "SECRET": "SECRET",
    "CONFIDENTIAL": "CONFIDENTIAL",
    "UNCLASSIFIED": "UNCLASSIFIED",
    "UNCLAS": "UNCLASSIFIED",
    "LIMITED OFFICIAL USE": "LIMITED OFFICIAL USE",
}
# `SS E C R E T` (a doubled first letter) occurs in the damaged conversion.
_WORD = (
    r"(T\s?O\s?P\s+S\s?E\s?C\s?R\s?E\s?T|S?S\s?E\s?C\s?R\s?E\s?T"
    r"|C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L|UNCLASSIFIED|UNCLAS"
    r"|LIMITED\s+OFFICIAL\s+USE)(?![A-Za-z])"
)
CLASSIFICATION_LINE = re.compile(r"\s*" + _WORD, re.IGNORECASE)
# Continuation headers that recur inside the text of a long cable:
# `C O N F I D E N T I A L SECTION 02 OF 04 BRASILIA 004227`, and the page headers
# `BRASILIA 00001859 002 OF 004`, `DUBAI 00000049 001.2 OF 003`, `PAGE 02 HARARE 06677 ...`.
# A match covers the whole header, so that text glued after it can be kept.
_POST = r"[A-Z][A-Z.\-]*(?: [A-Z][A-Z.\-]*){0,3}"  # one to four words: `RIO DE JANEIRO`
SECTION_HEADER = re.compile(
    r"\s*(?:(?:" + _WORD + r"[\s:,]*)?SECTION\s+\d+\s+OF\s+\d+\b"
    r"(?:\s+" + _POST + r"\s+0*\d+\b)?"
    r"|(?:PAGE\s+\d+\s+)?" + _POST + r"\s+0*\d+\s+\d+(?:\.\d+)?\s+OF\s+\d+\b"
    r"(?:\s+\d{6}Z\b)?)",
    re.IGNORECASE,
)
# A whole classification line: the word, sections, post and zero-padded serial
# (`SECRET ROME 001234`), so that a subject line such as `SECRET TALKS IN 2009` is not one.
_FULL_LINE = re.compile(
    r"\s*" + _WORD + r"(?:[\s:,]*SECTION\s+\d+\s+OF\s+\d+)?\s+" + _POST + r"\s+0\d{3,}\b",
    re.IGNORECASE,
)


def is_classification_line(line: str) -> bool:
    """`S E C R E T SECTION 01 OF 02 ISLAMABAD 003037`, not prose such as `SECRET TALKS`."""
    return _FULL_LINE.match(line) is not None


def classification_of_line(line: str) -> str | None:
    """`C O N F I D E N T I A L BOGOTA 002024` → `CONFIDENTIAL`; None for other lines."""
    found = CLASSIFICATION_LINE.match(line)
    if not found:
        return None
    word = " ".join(re.sub(r"(?<=\S) (?=\S)", "", found.group(1)).upper().split())
    word = word.replace("SSECRET", "SECRET").replace("TOPSECRET", "TOP SECRET")
    if word.startswith("LIMITED"):
        word = "LIMITED OFFICIAL USE"
    return _WORDS.get(word)
