"""The visible text of a viewer page, copied: furniture, the metadata table flattened to

    Reference ID Created Released Classification Origin
    08ASTANA1111 2008-06-13 11:56 2011-08-30 01:44 UNCLASSIFIED//FOR OFFICIAL USE ONLY Embassy ...

then the telegram. Classification and origin run together on that line; the classification
is read as a level word with upper-case caveats, the origin is the rest.
"""

from __future__ import annotations

import re

from cablesearch.parse.dates import page_date
from cablesearch.parse.meta import CableMeta

TABLE_HEADER = re.compile(
    r"^[ \t]*Reference ID\s+Created\s+Released\s+Classification\s+Origin[ \t]*\r?$", re.M
)
_STAMP = r"(\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2})"
_CAVEAT = r"(?:NOFORN|ORCON|FOR|OFFICIAL|USE|ONLY|NF|FOUO|SENSITIVE|EXDIS|LIMDIS|NODIS|REL)"
_VALUES = re.compile(
    r"[ \t]*(\S+)[ \t]+" + _STAMP + r"[ \t]+" + _STAMP + r"[ \t]+"
    r"((?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|LIMITED OFFICIAL USE)"
    r"(?:\s*//\s*" + _CAVEAT + r"(?: " + _CAVEAT + r")*)*)"
    r"(?:[ \t]+(.*?))?[ \t]*\r?$",
    re.M,
)
_HEADING = re.compile(r"^[ \t]*Viewing cable\s+[^,\n]*,[ \t]*(.*?)[ \t]*\r?$", re.M)


def looks_like_pagetext(text: str) -> bool:
    """Whether the text has the flattened metadata table of a copied page."""
    return "Reference ID" in text and TABLE_HEADER.search(text) is not None


def _after_newlines(text: str, position: int) -> int:
    """The position of the first character from `position` on that is no line break."""
    while text[position:position + 1] in ("\r", "\n"):
        position += 1
    return position


def _heading(text: str, end: int) -> re.Match[str] | None:
    """The heading line before `end`: the lines holding its words are tried, not every
    position (what a search of the line-anchored pattern does)."""
    found = text.find("Viewing cable", 0, end)
    while found >= 0:
        heading = _HEADING.match(text, text.rfind("\n", 0, found) + 1, end)
        if heading:
            return heading
        found = text.find("Viewing cable", found + 1, end)
    return None


def read_pagetext(text: str) -> tuple[CableMeta, str, str | None]:
    """(metadata line, telegram text after it, the heading's first subject line or None)."""
    header = TABLE_HEADER.search(text)
    if header is None:
        return CableMeta(), text, None
    # Positions in the text rather than copies of its rest: a page is read once.
    start = _after_newlines(text, header.end())
    values = _VALUES.match(text, start)
    meta = CableMeta()
    if values:
        cable_id, created, released, classification, origin = values.groups()
        meta = CableMeta(
            id=cable_id,
            created=page_date(created),
            released=page_date(released),
            classification=classification,
            origin=origin or None,
        )
        end = values.end()
    else:
        line_end = text.find("\n", start)
        end = line_end + 1 if line_end >= 0 else len(text)
    heading = _heading(text, header.start())
    return (meta, text[_after_newlines(text, end):],
            (heading.group(1) or None) if heading else None)
