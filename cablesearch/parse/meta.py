"""What a page, CSV row or file name tells about a cable before its telegram text is read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CableMeta:
    """The viewer's metadata table (or the CSV columns); None where the form has no such field.

    Dates are ISO strings to the minute (`2008-06-13T11:56`).
    """

    id: str | None = None
    created: str | None = None
    released: str | None = None
    classification: str | None = None
    origin: str | None = None
