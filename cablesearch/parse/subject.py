"""SUBJECT: the whole subject, which often wraps onto the next line(s)."""

from __future__ import annotations

import html
import re

from cablesearch.parse.classification import SECTION_HEADER, is_classification_line
from cablesearch.parse.references import REF_ITEM_LINE
from cablesearch.parse.signer import is_trailer

# `UBJECT:` is the keyword with its first letter lost.
SUBJECT_LINE = re.compile(r"\s*(?:SUBJECT|SUBJ\b|UBJECT(?=\s*:))\s*[:.]?\s*(.*)", re.IGNORECASE)
# The conversion sometimes glued the REF line onto the subject: `... AS UK PRIMEREF: A. ...`.
GLUED_REF = re.compile(r"(?<=[A-Z])REF:\s")
# Where a subject runs on into the next field or the text on its own line: a glued REF, the
# classification authority, the SBU notice, the first marked paragraph.
_RUN_ON = re.compile(
    r"(?<=[A-Z])REF:\s|(?<=\S)\s+(?:(?:REF|REFS|REFTELS?)\s*:|CLASSIFIED\s+BY\b"
    r"|SENSITIVE\s+BUT\s+UNCLASSIFIED\b|¶?1\s?\.\s*\((?:[A-Z]{1,4}[/ ]*){1,3}\))",
    re.IGNORECASE,
)
# At most this many blank lines between `SUBJECT:` and its text on a line of its own.
_BLANKS_AFTER_LABEL = 2
# A wrapped subject ends at a blank line or at the next block of the cable's head.
_END = re.compile(
    r"\s*(?:REF|REFS|REFTEL|REFTELS)\b|\s*(?:CLASSIFIED\s+BY|E\.\s?O\.|TAGS\b|¶|\d{1,2}\s?\.(?!\d)"
    r"|\(\w{1,4}\)|-{3,}|SUMMARY\b|BEGIN SUMMARY"
    r"|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY,\s+\d)",  # `Friday, 18 December 2009, 11:04`
    re.IGNORECASE,
)


def _text_start(lines: list[str]) -> int:
    """Index of the line the subject's text starts on: the SUBJECT line itself, or the line
    after one or two blank lines when the label stands alone (`SUBJECT:` / `` / `TEXT`)."""
    first = SUBJECT_LINE.match(lines[0])
    if first is None or first.group(1).strip():
        return 0
    for index in range(1, min(len(lines), _BLANKS_AFTER_LABEL + 2)):
        if lines[index].strip():
            return index if index > 1 and not _ends_subject(lines[index]) else 0
    return 0


def _ends_subject(line: str) -> bool:
    return (
        not line.strip()
        or any(pattern.match(line) for pattern in (_END, SECTION_HEADER, REF_ITEM_LINE))
        or is_trailer(line)
        or is_classification_line(line)
    )


def subject_extent(lines: list[str]) -> int:
    """How many lines the subject starting at lines[0] takes (0 when lines[0] is not one)."""
    if not lines or not SUBJECT_LINE.match(lines[0]):
        return 0
    count = _text_start(lines) + 1
    while count < len(lines) and not _ends_subject(lines[count]):
        count += 1
    return count


def _joined(lines: list[str]) -> str:
    """Wrapped lines as one line: one space at each break, none where the break fell after a
    hyphen (`US-` / `LATIN` is `US-LATIN`)."""
    text = ""
    for line in lines:
        line = line.strip().rstrip("\\").strip()
        if line:
            text += line if not text or text.endswith("-") else " " + line
    return text


def _may_run_on(text: str) -> bool:
    """Whether the text holds a word each form of _RUN_ON needs: most subjects hold none, and
    these tests cost a tenth of its search. (`İ` is the one letter that matches `I` in that
    search but not in upper case.)"""
    upper = text.upper()
    return ("REF" in upper or "CLASSIFIED" in upper or "SENSITIVE" in upper or "1" in text
            or "\u0130" in text)


def parse_subject(lines: list[str]) -> str | None:
    """The subject text from its SUBJECT line and continuation lines, whitespace-normalized,
    cut where it runs on into the next field, HTML entities decoded (`&#8217;` → `’`)."""
    extent = subject_extent(lines)
    if not extent:
        return None
    first = SUBJECT_LINE.match(lines[0])
    text = _joined([first.group(1) if first else "", *lines[1:extent]])
    run_on = _RUN_ON.search(text) if _may_run_on(text) else None
    text = text[:run_on.start()] if run_on else text
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split()) or None

