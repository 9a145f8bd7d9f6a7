"""The trailing signature line (`ORDWAY`) that closes a cable, and page trailers after it."""

from __future__ import annotations

import re

_NAME = re.compile(r"\s*([A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-.]*){0,2})\s*\Z")
_NOT_NAMES = {
    "END", "COMMENT", "SUMMARY", "NOTE", "TEXT", "BT", "NNNN", "SIPDIS", "NOFORN", "SECRET",
    "CONFIDENTIAL", "UNCLASSIFIED", "UNCLAS", "SENSITIVE", "CLASSIFIED", "LIMITED", "OFFICIAL",
    "USE", "ONLY", "THE", "AND", "OF", "FOR", "TO", "IN", "ON", "TAGS", "SUBJECT", "REF",
    "SECTION", "PAGE", "MESSAGE", "CABLE", "DECL", "DECLASSIFIED", "EXDIS", "NODIS", "LIMDIS",
}
_TRAILER = re.compile(
    r"\s*(?:NNNN|BT|(?:TOP\s+)?SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE"
    r"|S\s?E\s?C\s?R\s?E\s?T|C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L"
    r"|NOFORN|SIPDIS|(?:SECRET|CONFIDENTIAL)\s*//?\s*NOFORN)[\s.]*\Z",
    re.IGNORECASE,
)


def is_trailer(line: str) -> bool:
    """A closing line that is no text: the repeated classification, `NNNN`, `BT`."""
    return _TRAILER.match(line) is not None


def signer_of(line: str) -> str | None:
    """The signer's name when the line is one (one to three capitalized words), else None."""
    found = _NAME.match(line)
    if not found:
        return None
    name = " ".join(found.group(1).split())
    if any(word.upper().strip(".") in _NOT_NAMES for word in name.split()):
        return None
    return name
