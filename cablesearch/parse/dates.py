"""Dates as the forms write them, turned into the ISO minute (`2008-06-13T11:56`) cables carry."""

from __future__ import annotations

import re

_PAGE_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2}):(\d{2})")
_CSV_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})")


def _iso(year: str, month: str, day: str, hour: str, minute: str) -> str | None:
    """The ISO minute, or None when the numbers are not a plausible date and time."""
    y, mo, d, h, mi = int(year), int(month), int(day), int(hour), int(minute)
    if not (1 <= mo <= 12 and 1 <= d <= 31 and h <= 23 and mi <= 59):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}"


def page_date(text: str) -> str | None:
    """`2008-06-13 11:56` (the viewer's table) → `2008-06-13T11:56`; None if absent."""
    found = _PAGE_DATE.search(text)
    return _iso(*found.groups()) if found else None


def csv_date(text: str) -> str | None:
    """`6/13/2008 11:56` (the cables.csv column) → `2008-06-13T11:56`; None if absent."""
    found = _CSV_DATE.search(text)
    if not found:
        return None
    month, day, year, hour, minute = found.groups()
    return _iso(year, month, day, hour, minute)
