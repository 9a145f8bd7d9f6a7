"""Citable paragraph references: how hits are named and how `show` reads a name back.

Researchers cite `08ASTANA1111 ¶3`; they also paste the viewer's anchors
(`08ASTANA1111#par3`) or type `08ASTANA1111/3`. Unnumbered text has no number to cite, so
it is named `08ASTANA1111 ¶-` and opened by its position: `08ASTANA1111@2`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_REF = re.compile(
    r"""^\s*(?P<cable>[A-Za-z0-9]+)\s*
        (?:(?:¶\s*|/|\#par|\#)(?P<number>\d+)|@(?P<seq>\d+))?\s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Ref:
    """A cable, optionally narrowed to one paragraph by its written number or its seq."""

    cable: str
    number: int | None = None
    seq: int | None = None


def parse_ref(text: str) -> Ref | None:
    """The Ref a user typed, or None when it is not a reference at all."""
    match = _REF.match(text)
    if not match:
        return None
    number, seq = match.group("number"), match.group("seq")
    return Ref(
        match.group("cable").upper(),
        int(number) if number is not None else None,
        int(seq) if seq is not None else None,
    )


def format_ref(cable: str, number: int | None) -> str:
    """`08ASTANA1111 ¶3`, or `08ASTANA1111 ¶-` for an unnumbered paragraph."""
    return f"{cable} ¶{number if number is not None else '-'}"
