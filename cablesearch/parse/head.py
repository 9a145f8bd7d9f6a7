"""The cable's head: from the classification line to the end of the subject and REF block.

It holds addressee notes, handling lines (SIPDIS), E.O., TAGS, SUBJECT and REF; the text
proper starts after it. Damaged cables run head fields together on one line
(`E.o. 12958: decl: 01/07/2014 Tags: prel, pgov Subject: turkish p.m. ...`, `SUBJECT: ...
REF: MOSCOW 00079 Classified By: ...`): they are split apart first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablesearch.parse.classification import SECTION_HEADER
from cablesearch.parse.handling import is_handling_line, parse_handling
from cablesearch.parse.markings import marking_prefix
from cablesearch.parse.paragraphs import PARAGRAPH_START
from cablesearch.parse.references import REF_ITEM_LINE, REF_LABEL_LINE, REF_LINE
from cablesearch.parse.signer import is_trailer
from cablesearch.parse.subject import GLUED_REF, SUBJECT_LINE, parse_subject, subject_extent
from cablesearch.parse.tags import TAGS_LINE, parse_tags

# A field's label after text on the same line; TAGS also glued to a date or serial
# (`DECL: 08/16/2015TAGS: EMIN`), in any of its misspellings, and E.O. glued to a word
# (`FOR REAPE.O. 12958: DECL`), and the first marked paragraph run on after a head field
# (`REF: STATE 1234 1. (U) The ...`).
_INLINE_FIELD = re.compile(
    r"(?<=\S)[ \t]+(?=(?:TAGS|TAS|TABS|TGS|TAGES|SUBJECT|SUBJ|REFS?|REFTELS?|CLASSIFIED\s+BY"
    r"|DERIVED\s+FROM)\s*:)",
    re.IGNORECASE,
)
# The glued forms, tried only on lines that hold `TAGS`, `E.O.` or `1.` (most lines do not).
_GLUED_FIELD = re.compile(
    r"(?<=[0-9.])(?=TAGS\s*:)|(?<=[A-Z])(?=E\.O\.\s*1\d{4}\b)"
    r"|(?<=\S)[ \t]+(?=¶?1\.[ \t]*\([A-Z/ ]{1,12}\)[ \t])"
)
# _GLUED_FIELD's last two forms on their own: `E.O. 12958: DECL` lines and `Reasons 1.4 (b)`
# hold `E.O.` or `1.` but rarely these, and a search for them is cheaper than the split.
_GLUED_EO = re.compile(r"[A-Z]E\.O\.\s*1\d{4}\b")
_GLUED_PARAGRAPH = re.compile(r"\S[ \t]+¶?1\.[ \t]*\([A-Z/ ]{1,12}\)[ \t]")
# A line of sentences, not a REF item: several words in lower case (counted in its start).
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")
_PROSE_WORDS = 4
_EO_LINE = re.compile(r"\s*(?:E\.?\s?O\.?\s*\d{4,5}|DECL\b|EO\b)", re.IGNORECASE)
_CLASSIFIED_BY = re.compile(r"\s*CLASSIFIED\s+BY\b", re.IGNORECASE)
# Bounds that keep the scan linear and stop it at the text of a cable without a SUBJECT: at
# most this many other lines (addressee notes such as `FOR WHA/AND`) before the subject,
# and this many lines in a subject or TAGS block.
_MAX_NOTES = 60
_MAX_FIELD_LINES = 40


@dataclass
class Head:
    """What the head says, and the index of the first line after it."""

    end: int
    subject: str | None = None
    subject_marking: str | None = None
    tags: tuple[str, ...] = ()
    ref_text: str = ""
    handling: tuple[str, ...] = ()


def split_head_lines(lines: list[str]) -> list[str]:
    """Lines up to the first numbered paragraph, with run-together head fields split apart."""
    result: list[str] = []
    for index, line in enumerate(lines):
        if PARAGRAPH_START.match(line):
            return result + lines[index:]
        result.extend(_fields(line) if ":" in line else (line,))
    return result


def _fields(line: str) -> list[str]:
    """A head line split where another field starts on it."""
    parts = _INLINE_FIELD.split(line)
    if ("TAGS" in line or ("E.O." in line and _GLUED_EO.search(line))
            or ("1." in line and _GLUED_PARAGRAPH.search(line))):
        parts = [piece for part in parts for piece in _GLUED_FIELD.split(part)]
    return parts


def _ref_extent(lines: list[str], start: int) -> int:
    """Index after the REF block opening at lines[start] (items may follow blank lines)."""
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            following = next((j for j in range(index, len(lines)) if lines[j].strip()), None)
            if following is not None and REF_LABEL_LINE.match(lines[following]):
                index = following
                continue
            break
        if PARAGRAPH_START.match(line) or _CLASSIFIED_BY.match(line):
            break
        prose = len(_LOWER_WORD.findall(line, 0, 120)) >= _PROSE_WORDS
        if prose and not REF_LABEL_LINE.match(line):
            break  # the text, right after the REF line with no blank line between
        index += 1
    return index


def read_head(lines: list[str], start: int) -> Head:
    """Read the head opening at lines[start]; it ends at the first numbered paragraph, at
    the first other text once the subject has been read, or after a few notes without one."""
    head = Head(end=start)
    handling: list[str] = []
    index = start
    notes = 0
    while index < len(lines) and notes <= _MAX_NOTES:
        line = lines[index]
        if is_handling_line(line):
            handling.extend(parse_handling([line]))
            index += 1
            if not notes:  # after text, a SIPDIS line is a section break's, not the head's
                head.end = index
            continue
        if not line.strip() or is_trailer(line) or SECTION_HEADER.match(line):
            # Blank lines, and a page break's repeated classification and page header.
            index += 1
            continue
        if PARAGRAPH_START.match(line):
            break
        # A field's lines are sliced only for a SUBJECT or TAGS line: most lines are neither.
        field_end = index + _MAX_FIELD_LINES
        subject = head.subject is None and SUBJECT_LINE.match(line)
        extent = subject_extent(lines[index:field_end]) if subject else 0
        if extent:
            text = " ".join(lines[index:index + extent])
            head.subject = parse_subject(lines[index:index + extent]) or ""
            glued = GLUED_REF.search(text)
            if glued:
                head.ref_text += " " + text[glued.end():]
            index = head.end = index + extent
        elif REF_LINE.match(line) or (head.subject is not None and REF_ITEM_LINE.match(line)):
            extent = _ref_extent(lines, index)
            items = (line for line in lines[index:extent] if not SECTION_HEADER.match(line))
            head.ref_text += " " + " ".join(items)
            index = head.end = extent
        elif not head.tags and TAGS_LINE.match(line):
            head.tags = parse_tags(lines[index:field_end])
            index = head.end = index + 1
        elif _EO_LINE.match(line):
            index = head.end = index + 1
        elif head.subject is not None:
            break
        else:
            notes += 1
            index += 1
    if head.subject:
        # `SUBJECT: (C/NF) WHO WOULD ...`: the subject's own marking is a field of its own.
        head.subject_marking, head.subject = marking_prefix(head.subject)
    head.subject = head.subject or None
    head.handling = tuple(handling)
    return head
