"""Citable paragraph references: how hits are named, and how `show` reads names back.

A paragraph is cited by the number its cable wrote: `08ASTANA1111 ¶3`. Where a cable
repeats a number (a quoted cable, a second list), each copy carries its occurrence:
`06MADRID934 ¶10.1`, `06MADRID934 ¶10.2`. Unnumbered text is `¶-`, or `¶-.1`, `¶-.2` ...
where the cable has several unnumbered blocks. So a printed ref names exactly one
paragraph, and `show` opens exactly it; `¶10` alone still opens every ¶10.

Read back (`parse_refs`), one or more refs separated by spaces, commas or semicolons:

    ref       = url | CABLE [selection]
    selection = ("¶" | "¶¶" | "para" | "paras" | "paragraph" | "paragraphs") items
              | "/" item | "#par" item | "#" item        (viewer anchors, web permalinks)
              | "@" SEQ                                   (position in the cable)
    items     = item ("," item)*
    item      = N "-" M            (a range of numbers, also with an en dash)
              | N ["." K]          (number N; its K-th copy)
              | "-" ["." K]        (unnumbered text; its K-th block)
    url       = http(s)://wikileaks.org/cable/YYYY/MM/CABLE.html[#parN]
              | http(s)://wikileaks.org/plusd/cables/CABLE_a.html[#parN]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VIEWER = "https://wikileaks.org/cable"
PLUSD = "https://wikileaks.org/plusd/cables"
UNNUMBERED = "-"


@dataclass(frozen=True)
class Number:
    """Paragraphs numbered `number` (None: unnumbered text); only the `occurrence`-th
    of them (1-based) when given, else every one."""

    number: int | None
    occurrence: int | None = None

    def __str__(self) -> str:
        return "¶" + label(self.number, self.occurrence)


@dataclass(frozen=True)
class Span:
    """Every paragraph numbered `low` to `high`, both included."""

    low: int
    high: int

    def __str__(self) -> str:
        return f"¶¶{self.low}-{self.high}"


@dataclass(frozen=True)
class Position:
    """The paragraph at `seq` (1-based position in the cable, numbered or not)."""

    seq: int

    def __str__(self) -> str:
        return f"@{self.seq}"


Selector = Number | Span | Position


@dataclass(frozen=True)
class Ref:
    """A cable, and the paragraphs cited in it (none: the whole cable)."""

    cable: str
    selectors: tuple[Selector, ...] = ()

    def __str__(self) -> str:
        return " ".join((self.cable, *map(str, self.selectors)))


class RefSyntaxError(ValueError):
    """Text that is not a reference; the message says what is accepted."""


def label(number: int | None, occurrence: int | None = None) -> str:
    """What follows `¶`: `3`, `10.2`, `-`, `-.1` (the web permalink's last part too)."""
    written = UNNUMBERED if number is None else str(number)
    return written if occurrence is None else f"{written}.{occurrence}"


def format_ref(cable: str, number: int | None, occurrence: int | None = None) -> str:
    """`08ASTANA1111 ¶3`; `06MADRID934 ¶10.2` for the second of two ¶10; `¶-`, `¶-.1`."""
    return f"{cable} ¶{label(number, occurrence)}"


def viewer_url(cable: str, created: str | None, number: int | None = None) -> str | None:
    """The WikiLeaks cable viewer's page, `#parN` on a numbered paragraph (the viewer
    anchors each number, a repeated one on each copy); None without a created date,
    which gives the page's folder."""
    if not created or len(created) < 7:
        return None
    anchor = "" if number is None else f"#par{number}"
    return f"{VIEWER}/{created[:4]}/{created[5:7]}/{cable}.html{anchor}"


def plusd_url(cable: str) -> str:
    """The cable's page in WikiLeaks' PlusD library."""
    return f"{PLUSD}/{cable}_a.html"


_CABLE = r"\d{2}[A-Za-z][A-Za-z0-9]*"  # 08ASTANA1111: two digits of the year, then the post
_ITEM = r"(?:\d+\s*[-–]\s*\d+|\d+(?:\.\d+)?|-(?:\.\d+)?)"
_SEP = r"(?:[\s,;]|\.(?!\d))*"  # a sentence's full stop after a ref is no part of it
_TOKEN = re.compile(
    rf"""{_SEP}(?:
      (?P<url>https?://(?:www\.)?wikileaks\.(?:org|ch)/
          (?:cable/\d{{4}}/\d{{2}}/(?P<viewer>{_CABLE})\.html
            |plusd/cables/(?P<plusd>{_CABLE})(?:_[a-z])?\.html)
          (?:\#par(?P<anchor>\d+))?/?)
    | (?P<cable>{_CABLE})(?=$|[\s,;¶/\#@])
    | (?:¶\s*¶?|(?:paragraphs?|paras?|par\.)(?=[\s\d-])|(?<=[A-Za-z0-9])(?:/|\#par|\#))
        \s*(?P<items>{_ITEM}(?:\s*,\s*{_ITEM})*)(?!\w|\.\d)
    | @(?P<seq>\d+)(?!\w)
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_RANGE = re.compile(r"(\d+)\s*[-–]\s*(\d+)")

ACCEPTED = ("08ASTANA1111, 08ASTANA1111 ¶3, ¶3.2, ¶-, ¶¶3-5, 08ASTANA1111#par3 "
            "or a wikileaks.org cable URL")


def parse_refs(text: str) -> list[Ref]:
    """The refs a user wrote, in order; RefSyntaxError names what is not a reference."""
    refs: list[Ref] = []
    position, text = 0, text.strip()
    while position < len(text):
        found = _TOKEN.match(text, position)
        if found is None or found.end() == position:
            rest = text[position:].strip(" ,;.")
            if not rest:
                break
            shown = f"'{text}'" if not refs and position == 0 else f"'{rest}' in '{text}'"
            raise RefSyntaxError(f"{shown} is not a reference (write {ACCEPTED})")
        position = found.end()
        if found["url"]:
            cable = (found["viewer"] or found["plusd"]).upper()
            anchor = found["anchor"]
            refs.append(Ref(cable, (Number(int(anchor)),) if anchor else ()))
        elif found["cable"]:
            refs.append(Ref(found["cable"].upper()))
        elif not refs:
            raise RefSyntaxError(f"'{text}': a paragraph needs its cable first "
                                 "(write 08ASTANA1111 ¶3)")
        else:
            selectors = ((Position(int(found["seq"])),) if found["seq"]
                         else tuple(_item(item) for item in found["items"].split(",")))
            last = refs[-1]
            refs[-1] = Ref(last.cable, last.selectors + selectors)
    if not refs:
        raise RefSyntaxError(f"no reference given (write {ACCEPTED})")
    return refs


def parse_ref(text: str) -> Ref:
    """The one ref in `text`; RefSyntaxError if there is none or several."""
    refs = parse_refs(text)
    if len(refs) > 1:
        raise RefSyntaxError(f"'{text}' holds {len(refs)} references; give one")
    return refs[0]


def _item(text: str) -> Selector:
    text = text.strip()
    span = _RANGE.fullmatch(text)
    if span:
        low, high = int(span[1]), int(span[2])
        if low > high:
            raise RefSyntaxError(f"¶{low}-{high}: a range runs from low to high")
        return Span(low, high)
    written, _, occurrence = text.partition(".")
    return Number(None if written == UNNUMBERED else int(written),
                  int(occurrence) if occurrence else None)
