"""Ready-to-paste citations of a paragraph (a `Hit`, or one `Shown.citables()` gives).

One function per style in `STYLES`; a style reads only the fields of `Citable`, so a new
style is one function and one entry. `citation(item, style)` is what callers use.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Protocol


class Citable(Protocol):
    """What a citation may say: `ref` is the cable id alone for a whole cable."""

    cable: str
    ref: str
    subject: str | None
    origin: str | None
    created: str | None
    marking: str | None
    url: str | None
    plusd_url: str


def _long_date(value: date) -> str:
    return f"{value:%B} {value.day}, {value.year}"


def chicago(item: Citable, accessed: date) -> str:
    """A Chicago-style note: `Embassy Astana, "SUBJECT," cable 08ASTANA1111, June 13,
    2008, ¶3 (SBU), WikiLeaks, URL (accessed December 7, 2026).` Unknown parts are left
    out, never guessed."""
    parts = [f"cable {item.cable}"]
    if item.created:
        parts.append(_long_date(datetime.fromisoformat(item.created)))
    pinpoint = item.ref[len(item.cable):].strip()
    marking = f"({item.marking})" if item.marking else ""
    if pinpoint or marking:
        parts.append(f"{pinpoint} {marking}".strip())
    parts += ["WikiLeaks", f"{item.url or item.plusd_url} (accessed {_long_date(accessed)})"]
    note = ", ".join(parts) + "."
    if item.subject:  # the comma goes inside the closing quote
        subject = " ".join(item.subject.split()).rstrip(",")
        note = f"“{subject}{'' if subject[-1:] in '.?!' else ','}” {note}"
    return f"{item.origin}, {note}" if item.origin else note


Style = Callable[[Citable, date], str]
STYLES: dict[str, Style] = {"chicago": chicago}


def citation(item: Citable, style: str = "chicago", accessed: date | None = None) -> str:
    """`item` cited in `style` (one of `STYLES`), accessed `accessed` (default today)."""
    try:
        write = STYLES[style]
    except KeyError:
        raise ValueError(f"unknown citation style '{style}' (use {', '.join(STYLES)})"
                         ) from None
    return write(item, accessed or date.today())
