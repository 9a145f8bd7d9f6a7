"""SUBJECT: the whole subject, which often wraps onto the next line(s)."""

from __future__ import annotations

import re

from cablesearch.parse.classification import SECTION_HEADER, is_classification_line
from cablesearch.parse.references import REF_ITEM_LINE
from cablesearch.parse.signer import is_trailer

SUBJECT_LINE = re.compile(r"\s*(?:SUBJECT|SUBJ)\b\s*[:.]?\s*(.*)", re.IGNORECASE)
# The conversion sometimes glued the REF line onto the subject: `... AS UK PRIMEREF: A. ...`.
GLUED_REF = re.compile(r"(?<=[A-Z])REF:\s")
# A wrapped subject ends at a blank line or at the next block of the cable's head.
_END = re.compile(
    r"\s*(?:REF|REFS|REFTEL|REFTELS)\b|\s*(?:CLASSIFIED\s+BY|E\.\s?O\.|TAGS\b|¶|\d{1,2}\s?\.(?!\d)"
    r"|\(\w{1,4}\)|-{3,}|SUMMARY\b|BEGIN SUMMARY"
    r"|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY,\s+\d)",  # `Friday, 18 December 2009, 11:04`
    re.IGNORECASE,
)


def subject_extent(lines: list[str]) -> int:
    """How many lines the subject starting at lines[0] takes (0 when lines[0] is not one)."""
    if not lines or not SUBJECT_LINE.match(lines[0]):
        return 0
    count = 1
    while count < len(lines):
        line = lines[count]
        if (
            not line.strip()
            or any(pattern.match(line) for pattern in (_END, SECTION_HEADER, REF_ITEM_LINE))
            or is_trailer(line)
            or is_classification_line(line)
        ):
            break
        count += 1
    return count


def parse_subject(lines: list[str]) -> str | None:
    """The subject text from its SUBJECT line and continuation lines, whitespace-normalized."""
    extent = subject_extent(lines)
    if not extent:
        return None
    first = SUBJECT_LINE.match(lines[0])
    text = " ".join([first.group(1) if first else "", *lines[1:extent]])
    glued = GLUED_REF.search(text)
    return " ".join(text[:glued.start() if glued else None].split()) or None
