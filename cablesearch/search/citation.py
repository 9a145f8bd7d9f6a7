"""Ready-to-paste citations of a paragraph (a `Hit`, or one `Shown.citables()` gives).

One function per style in `STYLES`: `chicago` (a note), and for reference managers
`bibtex` (`@misc`), `ris` (`TY  - GEN`) and `csl-json` (one CSL item; `citation_item`
gives it as a dict). A style reads the fields of `Citable`, so a new style is one function
and one entry. `citation(item, style)` is what callers use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, Protocol


class Citable(Protocol):
    """What a citation may say: `ref` is the cable id alone for a whole cable. Read-only,
    so that frozen dataclasses (hits, shown paragraphs) are citable."""

    @property
    def cable(self) -> str: ...

    @property
    def ref(self) -> str: ...

    @property
    def subject(self) -> str | None: ...

    @property
    def origin(self) -> str | None: ...

    @property
    def created(self) -> str | None: ...

    @property
    def marking(self) -> str | None: ...

    @property
    def url(self) -> str | None: ...

    @property
    def plusd_url(self) -> str: ...


def _long_date(value: date) -> str:
    return f"{value:%B} {value.day}, {value.year}"


def chicago(item: Citable, accessed: date) -> str:
    """A Chicago-style note: `Embassy Astana, "SUBJECT," cable 08ASTANA1111, June 13,
    2008, ¶3 (SBU), released by WikiLeaks August 30, 2011, URL (accessed December 7,
    2026).` Unknown parts are left out, never guessed."""
    parts = [f"cable {item.cable}"]
    if item.created:
        parts.append(_long_date(datetime.fromisoformat(item.created)))
    pinpoint = item.ref[len(item.cable):].strip()
    marking = f"({item.marking})" if item.marking else ""
    if pinpoint or marking:
        parts.append(f"{pinpoint} {marking}".strip())
    released = _day(getattr(item, "released", None))
    parts.append(f"released by WikiLeaks {_long_date(released)}" if released else "WikiLeaks")
    parts.append(f"{item.url or item.plusd_url} (accessed {_long_date(accessed)})")
    note = ", ".join(parts) + "."
    if item.subject:  # the comma goes inside the closing quote
        subject = " ".join(item.subject.split()).rstrip(",")
        note = f"“{subject}{'' if subject[-1:] in '.?!' else ','}” {note}"
    return f"{item.origin}, {note}" if item.origin else note


# -- styles for reference managers -----------------------------------------------------
# Beyond `Citable`, these read `released` (the WikiLeaks release date) and `classification`
# (the cable's) where the item has them, as `Cited` and export records do.

PUBLISHER = "WikiLeaks"
GENRE = "Diplomatic cable"


def _day(value: str | None) -> date | None:
    try:
        return datetime.fromisoformat(value).date() if value else None
    except ValueError:
        return None


def _pinpoint(item: Citable) -> str | None:
    """`¶3 (SBU)` as cited, None when the whole cable is."""
    pinpoint = item.ref[len(item.cable):].strip()
    if not pinpoint:
        return None
    return f"{pinpoint} ({item.marking})" if item.marking else pinpoint


def _title(item: Citable) -> str:
    return " ".join(item.subject.split()) if item.subject else f"Cable {item.cable}"


def _key(item: Citable) -> str:
    """A citation key of letters, digits, `-` and `.`: `08ASTANA1111-p3`, `-p10.2`,
    `-px.1` for unnumbered text."""
    pinpoint = item.ref[len(item.cable):].strip().lstrip("¶")
    suffix = "-p" + pinpoint.replace("-", "x") if pinpoint else ""
    return re.sub(r"[^A-Za-z0-9.\-]", "", f"{item.cable}{suffix}")


def _notes(item: Citable) -> list[str]:
    classification = getattr(item, "classification", None)
    released = _day(getattr(item, "released", None))
    return ([f"Classification: {classification}"] if classification else []) + (
        [f"Released by {PUBLISHER} {released.isoformat()}"] if released else [])


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _braced(text: str) -> str:
    return "{" + _BIBTEX_SPECIAL.sub(r"\\\1", text).replace("~", r"\textasciitilde{}") + "}"


def bibtex(item: Citable, accessed: date) -> str:
    """An `@misc` entry; the origin a corporate author (double braces: not split into
    first and last names), the title's capitals kept."""
    created = _day(item.created)
    pinpoint = _pinpoint(item)
    note = "; ".join([f"{GENRE} {item.cable}" + (f", {pinpoint}" if pinpoint else ""),
                      *_notes(item)])
    fields = [("author", "{" + _braced(item.origin) + "}")] if item.origin else []
    fields.append(("title", "{" + _braced(_title(item)) + "}"))
    if created:
        fields += [("year", str(created.year)), ("month", str(created.month)),
                   ("day", str(created.day))]
    fields += [("howpublished", _braced(GENRE)), ("number", _braced(item.cable)),
               ("publisher", _braced(PUBLISHER)), ("note", _braced(note)),
               ("url", "{" + (item.url or item.plusd_url) + "}"),
               ("urldate", "{" + accessed.isoformat() + "}")]
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{_key(item)},\n{body}\n}}"


def ris(item: Citable, accessed: date) -> str:
    """One RIS record, `TY  - GEN` to `ER  - `, as Zotero and EndNote import it."""
    created = _day(item.created)
    lines = [("TY", "GEN")] + ([("AU", item.origin)] if item.origin else [])
    lines.append(("TI", _title(item)))
    if created:
        lines += [("PY", str(created.year)), ("DA", f"{created:%Y/%m/%d}/")]
    lines += [("M3", GENRE), ("AN", item.cable), ("ID", _key(item)), ("PB", PUBLISHER)]
    pinpoint = _pinpoint(item)
    if pinpoint:
        lines.append(("SE", pinpoint))
    lines += [("N1", note) for note in _notes(item)]
    lines += [("UR", item.url or item.plusd_url), ("Y2", f"{accessed:%Y/%m/%d}")]
    return "\n".join(f"{tag}  - {value}" for tag, value in lines) + "\nER  - "


def _date_parts(day: date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}


def citation_item(item: Citable, accessed: date) -> dict:
    """One CSL-JSON item (type `document`): the cable id as `number`, the paragraph and
    its marking as `section`, the release date as `available-date`."""
    created, released = _day(item.created), _day(getattr(item, "released", None))
    data: dict[str, Any] = {"id": _key(item), "type": "document", "title": _title(item),
                            "genre": GENRE, "number": item.cable, "publisher": PUBLISHER}
    if item.origin:
        data["author"] = [{"literal": item.origin}]
    if created:
        data["issued"] = _date_parts(created)
    if released:
        data["available-date"] = _date_parts(released)
    pinpoint = _pinpoint(item)
    if pinpoint:
        data["section"] = pinpoint
    notes = _notes(item)
    if notes:
        data["note"] = "; ".join(notes)
    data["URL"] = item.url or item.plusd_url
    data["accessed"] = _date_parts(accessed)
    return data


def csl_json(item: Citable, accessed: date) -> str:
    return json.dumps(citation_item(item, accessed), ensure_ascii=False)


Style = Callable[[Citable, date], str]
STYLES: dict[str, Style] = {"chicago": chicago, "bibtex": bibtex, "ris": ris, "csl-json": csl_json}


def citation(item: Citable, style: str = "chicago", accessed: date | None = None) -> str:
    """`item` cited in `style` (one of `STYLES`), accessed `accessed` (default today)."""
    try:
        write = STYLES[style]
    except KeyError:
        raise ValueError(f"unknown citation style '{style}' (use {', '.join(STYLES)})"
                         ) from None
    return write(item, accessed or date.today())


def citations(items: Iterable[Citable], style: str = "chicago",
              accessed: date | None = None) -> str:
    """Several items cited in `style`: one JSON array for csl-json (as Zotero imports a
    file), Chicago notes one a line, entries of several lines a blank line apart."""
    items = list(items)
    if style == "csl-json":
        accessed = accessed or date.today()
        return json.dumps([citation_item(item, accessed) for item in items],
                          ensure_ascii=False, indent=2)
    between = "\n" if style == "chicago" else "\n\n"
    return between.join(citation(item, style, accessed) for item in items)
