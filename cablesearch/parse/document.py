"""A whole document of any form → its cables; the form is told by its content, not its name."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePath

from cablesearch.cable import Cable, ParseError
from cablesearch.parse.encoding import is_blank
from cablesearch.parse.html import looks_like_html, read_html
from cablesearch.parse.markings import marking_prefix
from cablesearch.parse.meta import CableMeta
from cablesearch.parse.pagetext import looks_like_pagetext, read_pagetext
from cablesearch.parse.telegram import parse_telegram

_ID_STEM = re.compile(r"\d{2}[A-Z][A-Z\-]*\d+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _stem_id(source: str) -> str | None:
    """`corpus/bare/07ROME123.txt` → `07ROME123`; None when the name is no cable id."""
    name = PurePath(source).name.split(".")[0]
    return name if _ID_STEM.fullmatch(name) else None


def _parse(text: str, source: str) -> list[Cable]:
    if is_blank(text):
        raise ParseError(source, "empty document")
    if len(_CONTROL.findall(text[:4096])) > 8:
        raise ParseError(source, "binary data, not cable text")
    if looks_like_html(text):
        meta, telegram, heading = read_html(text)
    elif looks_like_pagetext(text):
        meta, telegram, heading = read_pagetext(text)
    else:
        meta, telegram, heading = CableMeta(id=_stem_id(source)), text, None
    if is_blank(telegram):
        raise ParseError(source, "no telegram text in the document")
    try:
        cable = parse_telegram(telegram, meta)
    except ParseError as error:
        raise ParseError(source, error.reason) from None
    if cable.subject is None and heading:
        # The viewer's heading shows the subject's first line: better than none.
        marking, subject = marking_prefix(heading)
        cable = replace(cable, subject=subject or None,
                        subject_marking=cable.subject_marking or marking)
    return [cable]


def parse_document(text: str, source: str) -> list[Cable]:
    """The cables in one document (viewer page, page-text copy or bare telegram).

    Raises ParseError(source, reason) when nothing cable-like is readable, and never
    anything else: an unexpected failure on odd input is reported the same way.
    """
    try:
        return _parse(text, source)
    except ParseError:
        raise
    except Exception as error:  # noqa: BLE001 - any input must end in a ParseError
        raise ParseError(source, f"unreadable cable ({type(error).__name__}: {error})") from None
