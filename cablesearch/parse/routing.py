"""The routing header's FM / TO / INFO addressees, without routing indicators or precedence.

`TO RUEHC/SECSTATE WASHDC IMMEDIATE 2606` is addressed to `SECSTATE WASHDC`.
"""

from __future__ import annotations

import re

_FIELD = re.compile(r"\s*(FM|FROM|TO|INFO|XMT|BT)\b[:\s]*(.*)", re.IGNORECASE)
_INDICATOR = re.compile(r"^[A-Z0-9]{4,8}/")
# Precedence, serial number and the odd month (`AMEMBASSY LA PAZ JUN 9467`) after a name.
_TRAILER_WORD = re.compile(
    r"IMMEDIATE|PRIORITY|ROUTINE|FLASH|NIACT|\d+|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC",
    re.IGNORECASE,
)


def _without_trailer(name: str) -> str:
    """The name without the trailer words that end it, nor the spaces before them. (Word by
    word from the end: a pattern anchored at the end would be tried from every space.)"""
    end = len(name)
    while (words := name[:end].rsplit(None, 1)) and _TRAILER_WORD.fullmatch(words[-1]):
        if len(words) == 2:
            end = len(words[0])
        else:  # a first word is a trailer only after a space
            end = 0 if name[:1].isspace() else end
            break
    return name[:end]


def _addressee(line: str) -> str | None:
    if len(line) > 200:  # no addressee is this long
        return None
    name = _without_trailer(_INDICATOR.sub("", line.strip())).strip(" ,")
    return " ".join(name.split()) or None


# The sender's office words, and how the viewer's Origin column names such a post.
_OFFICES = {"AMEMBASSY": "Embassy", "AMCONSUL": "Consulate", "AMCONGEN": "Consulate",
            "USMISSION": "US Mission"}
_MISSIONS = {"SECSTATE": "Secretary of State", "USUN": "USUN New York",
             "USEU": "USEU Brussels", "USNATO": "Mission USNATO", "UNVIE": "UNVIE"}


def origin_of_sender(sender: str | None) -> str | None:
    """The post a bare telegram's `FM` line names, as the viewer writes origins:
    `AMEMBASSY TBILISI` → `Embassy Tbilisi`; None for a sender it cannot name."""
    words = (sender or "").upper().split()
    if not words:
        return None
    if words[0] in _MISSIONS:
        return _MISSIONS[words[0]]
    if words[0] in _OFFICES and len(words) > 1:
        return f"{_OFFICES[words[0]]} {' '.join(word.capitalize() for word in words[1:])}"
    return None


def parse_routing(header: list[str]) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    """(from, to, info) read off the header lines; continuation lines join the field above."""
    sender: str | None = None
    fields: dict[str, list[str]] = {"TO": [], "INFO": []}
    current: str | None = None
    for line in header:
        found = _FIELD.match(line)
        if found:
            key = found.group(1).upper()
            rest = found.group(2)
            if key in ("FM", "FROM"):
                sender = sender or _addressee(rest)
                current = None
                continue
            current = key if key in fields else None
            line = rest
        if current is None or not line.strip() or line != line.upper():
            # Addressees are upper case; a blank or other line (a date, a note) ends the field.
            current = None
            continue
        name = _addressee(line)
        if name:
            fields[current].append(name)
    return sender, tuple(fields["TO"]), tuple(fields["INFO"])
