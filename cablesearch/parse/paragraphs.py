"""Numbered paragraphs: `¶3. (C) text` opens paragraph 3; lettered items and bullets stay inside.

A candidate number is accepted like a reader would: it follows the previous number, or it is
below 100 and follows a blank line or opens with a marking. That leaves out years (`2007.`)
and dates wrapped onto a new line (`September` / `15. Charge told ...`), and keeps ¶100 and
on of a long cable. A section heading standing alone between two paragraphs
(`Underestimating the Enemy`) is text of its own, not the end of the paragraph before.
"""

from __future__ import annotations

import re

from cablesearch.cable import Paragraph
from cablesearch.parse.classification import SECTION_HEADER
from cablesearch.parse.handling import is_handling_line
from cablesearch.parse.markings import is_marking, marking_prefix, parse_marking
from cablesearch.parse.signer import is_trailer

PARAGRAPH_START = re.compile(r"\s*(?:¶\s*)?(\d{1,3})\s?\.(?!\d)\s*(.*)")
# The marking written before the number: `(C) 1. The Embassy obtained ...`.
_MARKED_START = re.compile(r"\s*\(([^()\n]{1,30})\)\s*(\d{1,2})\.(?!\d)\s*(.*)")
_SIPDIS_PREFIX = re.compile(r"^\s*SIPDIS\s+(?=\S)")
# The original system inserted SIPDIS inside sentences too (`told us on SIPDIS November 1`).
_SIPDIS_INSIDE = re.compile(r"(?<=\S)[ \t]+SIPDIS\b(?=[ \t]|$)")
# A heading: a short line of words without a sentence's end; rules of dashes around it.
_RULE = re.compile(r"\s*[-=_*]{3,}\s*\Z")
_HEADING = re.compile(r"\s*[A-Za-z][^.:;,!?\"”]{0,68}[^.:;,!?\"”\s]\s*\Z")
_NOT_HEADING = re.compile(r"\s*(?:[A-Z]\.|[a-z]\)|\(\w\)|-|\d)")
_HEADING_LINES = 2
_HEADING_WIDTH = 70  # the longest line _HEADING matches, its spaces around left out
_SENTENCE_END = frozenset('.:;,!?"”')  # no heading ends in one of these
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"  +")
# Head lines a multi-section cable repeats under each `SECTION 02 OF 04` header.
_REPEATED_HEAD = re.compile(
    r"\s*(?:E\.\s?O\.|TAGS\b|SUBJECT\b|SUBJ\b|PAGE \d+\b)", re.IGNORECASE
)
# Under a section header, office lines (`LONDON FOR KOLKER`) can come before the repeated
# E.O./TAGS/SUBJECT: upper-case lines, then one of these, within a few lines.
_HEAD_LINE = re.compile(r"\s*(?:E\.\s?O\.\s|TAGS[:\s]|SUBJECT:|SUBJ:)")
_HEAD_LOOKAHEAD = 8
# `... financing BRASILIA 00000043 002 OF 004 activity ...`: a page header inside a line.
# Only the post's last word goes (`RIO DE JAN` leaves `RIO DE`): a word before it may be
# the text's own (`the USG TUNIS 00000492 ...`), and every word of the text must stay.
_INLINE_PAGE_HEADER = re.compile(r"\s[A-Z][A-Z\-]* 0{3,}\d+ +\d{3}(?:\.\d+)? OF \d{3}\b")
_SUBJECT_LINES = 3  # a repeated subject continues on at most this many lines


def _clean(lines: list[str]) -> tuple[list[str], list[int]]:
    """Drop SIPDIS lines (and a SIPDIS glued before text), repeated classification lines and
    `SECTION 02 OF 04` headers with the head lines repeated under them.

    Also gives the indexes of the kept lines that may open a paragraph (their first visible
    character a digit, `¶` or `(`: most lines fail this one cheap test), found in the same
    pass over the lines.
    """
    kept: list[str] = []
    candidates: list[int] = []
    after_section = False
    skip_to = 0
    for index, line in enumerate(lines):
        if index < skip_to:
            continue
        # Cheap tests first: most lines are prose; noise lines are short or open with a header.
        stripped = line.strip()
        start = line[:70]
        # A header holds digits: most prose lines with ` of ` are settled by that search alone.
        header = (stripped and (" OF " in start or " of " in start) and _DIGIT.search(line)
                  and SECTION_HEADER.match(line))
        if header:
            # `RABAT 00001657 002 OF 002 French companies ...`: keep the glued text.
            after_section = True
            line = line[header.end():]
            stripped = line.strip()
            if not stripped:
                skip_to = _repeated_head_end(lines, index + 1)
                continue
        size = len(stripped)
        if 0 < size < 45 and (is_handling_line(line) or is_trailer(line)):
            continue
        if "SIPDIS" in line:
            # Archive copies glue a page break's SIPDIS onto the next line of text.
            line = _SIPDIS_INSIDE.sub("", _SIPDIS_PREFIX.sub("", line))
            stripped = line.strip()
        if after_section:
            if not size or _REPEATED_HEAD.match(line):
                continue
            after_section = False
        if " OF 0" in line:
            # Unwrapped pages put the page header inside the paragraph's one line.
            line = _INLINE_PAGE_HEADER.sub(" ", line)
            stripped = line.strip()
        if stripped and (stripped[0] in "¶(" or stripped[0].isdecimal()):
            candidates.append(len(kept))
        kept.append(line)
    return kept, candidates


def _repeated_head_end(lines: list[str], start: int) -> int:
    """Where the head a section header repeats at `lines[start:]` ends, or `start` if none.

    That head is upper-case office lines, then E.O., TAGS and SUBJECT (with up to a few
    continuation lines). Only upper-case lines before any numbered paragraph can be part of
    it, so that text glued to a repeated subject, or a paragraph, is never dropped here.
    """
    for index in range(start, min(len(lines), start + _HEAD_LOOKAHEAD)):
        line = lines[index]
        if line != line.upper() or PARAGRAPH_START.match(line):
            return start
        if _HEAD_LINE.match(line):
            break
    else:
        return start
    end, continuations = index, 0
    while end < len(lines):
        line = lines[end]
        if line != line.upper() or PARAGRAPH_START.match(line):
            break
        if _HEAD_LINE.match(line):
            continuations = _SUBJECT_LINES if line.lstrip().startswith("SUBJ") else 0
        elif not line.strip():
            continuations = 0
        elif continuations:
            continuations -= 1
        else:
            break
        end += 1
    return end


def _text(lines: list[str]) -> str:
    """The lines as one line, each run of whitespace one space."""
    text = " ".join(lines)
    if _only_spaces(text):
        # Collapsing the runs of spaces gives what splitting and joining the words would, at
        # a fraction of the cost.
        return (_SPACES.sub(" ", text) if "  " in text else text).strip()
    return " ".join(text.split())


def _only_spaces(text: str) -> bool:
    """Whether the space is the text's only whitespace. For ASCII text, searches for the other
    whitespace characters tell it at a fifth of the cost of isprintable(), which tells it for
    any text (it is false on every whitespace character but the space)."""
    if not text.isascii():
        return text.isprintable()
    return not ("\t" in text or "\x1f" in text or "\n" in text or "\r" in text
                or "\x0b" in text or "\x0c" in text or "\x1c" in text or "\x1d" in text
                or "\x1e" in text)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_break(line: str) -> bool:
    """A blank line or a rule of dashes."""
    stripped = line.strip()
    return not stripped or (stripped[0] in "-=_*" and _RULE.match(stripped) is not None)


def _heading_start(body: list[str]) -> int | None:
    """Where a heading closing a paragraph's lines starts (`-----` / `Underestimating the
    Enemy` / `-----`), or None: a short block of title lines after a blank line or a rule,
    with text before it."""
    end = len(body)
    while end and _is_break(body[end - 1]):
        end -= 1
    # Most paragraphs end in a sentence, which no heading does: settled without the loops.
    last = body[end - 1].strip() if end else ""
    if not last or len(last) > _HEADING_WIDTH or last[-1] in _SENTENCE_END:
        return None
    start = end
    while start and end - start <= _HEADING_LINES and not _is_break(body[start - 1]):
        start -= 1
    if start == end or end - start > _HEADING_LINES or start < 2:
        return None
    if not all(_HEADING.match(line) and not _NOT_HEADING.match(line)
               for line in body[start:end]):
        return None
    while start and _is_break(body[start - 1]):
        start -= 1
    return start if any(line.strip() for line in body[:start]) else None


def _opening(line: str) -> tuple[int, str | None, str] | None:
    """(number, marking, rest of the line) when the line may open a numbered paragraph."""
    found = PARAGRAPH_START.match(line)
    if found:
        marking, rest = marking_prefix(found.group(2))
        return int(found.group(1)), marking, rest
    found = _MARKED_START.match(line)
    if found and is_marking(found.group(1)):
        return int(found.group(2)), found.group(1).strip(), found.group(3)
    return None


def split_paragraphs(lines: list[str]) -> list[Paragraph]:
    """The paragraphs of the text after the cable's head, in order, `seq` from 1.

    Text before the first number is one paragraph with number None; a cable with no
    numbering at all yields each blank-line-separated block as an unnumbered paragraph.
    """
    lines, candidates = _clean(lines)
    opened: list[tuple[int | None, str | None, list[str]]] = []
    preamble_end = len(lines)
    body_from = last = 0
    # Only lines that pass the cheap test can open a paragraph; the others are taken whole,
    # as slices, into the paragraph before them.
    for index in candidates:
        opening = _opening(lines[index])
        if not opening:
            continue
        number, marking, rest = opening
        # The line before is blank (or there is none): an opening line never is.
        previous_blank = not index or not lines[index - 1].strip()
        if number == last + 1 or (number < 100 and (previous_blank or marking)):
            if opened:
                body = opened[-1][2]
                body.extend(lines[body_from:index])
                heading = _heading_start(body)
                if heading is not None:
                    opened[-1] = (*opened[-1][:2], body[:heading])
                    title = [line for line in body[heading:] if not _RULE.match(line)]
                    opened.append((None, None, title))
            else:
                preamble_end = index
            opened.append((number, marking, [rest]))
            body_from = index + 1
            last = number
    preamble = lines[:preamble_end]
    if opened:
        opened[-1][2].extend(lines[body_from:])
    paragraphs: list[tuple[int | None, str | None, str]] = []
    if opened:
        if text := _text(preamble):
            paragraphs.append((None, None, text))
    else:
        paragraphs.extend((None, None, _text(block)) for block in _blocks(preamble))
    paragraphs.extend((number, marking, _text(body)) for number, marking, body in opened)
    result = []
    for seq, (num, marking, text) in enumerate(paragraphs, start=1):
        level, caveats = parse_marking(marking)
        result.append(Paragraph(seq, num, text, marking, level, caveats))
    return result
