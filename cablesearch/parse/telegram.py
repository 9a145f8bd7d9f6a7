"""A telegram's text (routing header and/or body) → a Cable, one field module at a time.

The form around it (page, CSV row, file name) gives what it knows as a CableMeta; the
telegram supplies the rest, and fills in what a bare telegram alone states.
"""

from __future__ import annotations

import re

from cablesearch.cable import Cable, ParseError
from cablesearch.parse.classification import CLASSIFICATION_LINE, classification_of_line
from cablesearch.parse.handling import handling_words
from cablesearch.parse.head import read_head, split_head_lines
from cablesearch.parse.meta import CableMeta
from cablesearch.parse.paragraphs import split_paragraphs
from cablesearch.parse.references import resolve_references
from cablesearch.parse.routing import origin_of_sender, parse_routing
from cablesearch.parse.signer import split_signer

_HEAD_STOP = re.compile(r"\s*(?:TAGS\b|SUBJECT\b|SUBJ\b|E\.\s?O\.)", re.IGNORECASE)
_ROUTING = re.compile(
    r"\s*(?:VZCZC|FM\s|TO\s|INFO\s|ZNR\s|ZNY\s|DE\s|[A-Z]{1,2}\s+\d{6}Z\s)", re.IGNORECASE
)
# An archive's stamp with the classification line glued on after it, in some mirrors' pages:
# `Cable dated:2002-11-15T12:40:00S E C R E T SECTION 01 OF 05 ANKARA 008305`.
_CABLE_DATED = re.compile(r"^(Cable dated:\s*[\d\-]+T[\d:]+\]?)(?=\S)", re.M)
_WRAPPER_LINES = 8  # an e-mail wrapper's header lines come first, within this many
# The viewer's `¶` and the spaces after it; it is no text where it opens a line.
_PILCROW = re.compile(r"¶[ \t]*")
_DTG = re.compile(
    r"\b(\d{2})(\d{2})(\d{2})Z\s+(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\w*\s+(\d{2})\b"
)
_MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
_SERIAL = re.compile(
    r"(?:[\s:,]*SECTION\s+\d+\s+OF\s+\d+)?\s*([A-Z]+(?: [A-Z]+){0,3})\s+0*(\d{1,6})\b"
)
_ID = re.compile(r"(\d{2})[A-Z]")


def _without_email_wrapper(lines: list[str]) -> list[str]:
    """The lines after the e-mail header some archived copies open with (`From: ...`,
    `Sent: ...`, `To: ...`, `Subject: TRIPOLI 00000597 R UN 23-JUL-08 ...`, a blank line),
    whose `Subject:` is the mail's, not the cable's."""
    for index, line in enumerate(lines[:_WRAPPER_LINES]):
        if line.startswith("Sent: "):
            for subject in range(index + 1, min(len(lines), index + _WRAPPER_LINES)):
                if lines[subject].startswith("Subject: "):
                    return lines[next((end for end in range(subject, len(lines))
                                       if not lines[end].strip()), len(lines)):]
            break
    return lines


def _without_pilcrows(text: str) -> str:
    """The text without each `¶` that opens a line (after spaces or tabs only), nor the
    spaces after it. (A pattern anchored at line starts is tried at every position of the
    text; searching the `¶` and looking back over the spaces before it costs a tenth of
    that, and no more for many `¶` on one line.)"""
    pieces: list[str] = []
    kept_from = 0
    for found in _PILCROW.finditer(text):
        before = found.start()
        while before and text[before - 1] in " \t":
            before -= 1
        if before == 0 or text[before - 1] == "\n":
            pieces.append(text[kept_from:found.start()])
            kept_from = found.end()
    pieces.append(text[kept_from:])
    return "".join(pieces)


def _split_header(lines: list[str]) -> tuple[int, int | None]:
    """(start of the body, index of the classification line or None).

    Without a classification line the routing header ends at a blank line, or at the head's
    E.O., TAGS or SUBJECT line when no blank line comes before it.
    """
    head_stop = len(lines)
    for index, line in enumerate(lines):
        if CLASSIFICATION_LINE.match(line) and classification_of_line(line):
            return index, index
        if _HEAD_STOP.match(line):
            head_stop = index
            break
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if not lines or not _ROUTING.match(lines[first]):
        return 0, None
    end = next((i for i in range(first, head_stop) if not lines[i].strip()), head_stop)
    return end, None


def _created_from_dtg(header: str) -> str | None:
    found = _DTG.search(header)
    if not found:
        return None
    day, hour, minute, month, year = found.groups()
    century = "19" if int(year) >= 66 else "20"
    return f"{century}{year}-{_MONTHS.index(month) + 1:02d}-{day}T{hour}:{minute}"


def parse_telegram(text: str, meta: CableMeta) -> Cable:
    """The cable a telegram's text holds; `meta` gives what the surrounding form knew."""
    # The viewer puts `¶` before every line that starts with digits and a dot; it is no text.
    if "¶" in text:
        text = _without_pilcrows(text)
    if "Cable dated:" in text:
        text = _CABLE_DATED.sub(r"\1\n", text)
    lines = _without_email_wrapper(text.splitlines())
    body_start, class_index = _split_header(lines)
    header = lines[:body_start]
    sender, to, info = parse_routing(header)
    # Head fields glued onto the classification line (`... ANKARA 008305 E.O. 12958: ...
    # TAGS: PTER TU`) are split off it too; the line itself stays where it was.
    lines[body_start:] = split_head_lines(lines[body_start:])
    head_start = body_start + (1 if class_index is not None else 0)
    head = read_head(lines, head_start)
    handling = list(head.handling)
    class_line = lines[class_index] if class_index is not None else ""
    handling.extend(handling_words(class_line))
    created = meta.created or _created_from_dtg("\n".join(header))
    cable_id = meta.id or _id_from(class_line, created)
    if not cable_id:
        raise ParseError("", "no cable id: neither the form nor the telegram states one")
    year = _two_digit_year(created, cable_id)
    signer, rest = split_signer(lines[head.end:])
    paragraphs = split_paragraphs(rest)
    if not (paragraphs or head.subject or head.tags or sender or class_index is not None):
        raise ParseError("", "no cable text found: no routing, head or paragraphs")
    return Cable(
        id=cable_id,
        subject=head.subject,
        subject_marking=head.subject_marking,
        created=created,
        released=meta.released,
        classification=meta.classification or classification_of_line(class_line),
        origin=meta.origin or origin_of_sender(sender),
        tags=head.tags,
        references=resolve_references(head.ref_text, year, cable_id) if head.ref_text else (),
        sender=sender,
        to=to,
        info=info,
        signer=signer,
        handling=tuple(dict.fromkeys(handling)),
        paragraphs=tuple(paragraphs),
    )


def _two_digit_year(created: str | None, cable_id: str) -> str | None:
    """The year a REF without one means: the cable's own (`08` for 08ASTANA1111)."""
    if created:
        return created[2:4]
    found = _ID.match(cable_id)
    return found.group(1) if found else None


def _id_from(class_line: str, created: str | None) -> str | None:
    """`UNCLAS ASTANA 001111` sent in 2008 → `08ASTANA1111`; None without both."""
    found = CLASSIFICATION_LINE.match(class_line)
    if not found or not created:
        return None
    serial = _SERIAL.match(class_line[found.end():])
    if not serial:
        return None
    return f"{created[2:4]}{serial.group(1).replace(' ', '')}{int(serial.group(2))}"
