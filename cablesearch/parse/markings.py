"""Paragraph markings: `(S//NF)` → level `S`, caveats `("NF",)`, keeping the raw text too."""

from __future__ import annotations

import re
from functools import lru_cache

from cablesearch.parse.levels import MARKING_LEVELS

# A marking opens with a level word; anything after it must read as caveats
# (`/NF`, `//REL NATO, ISAF`, ` NF`, `-NF`), so that `(Iran)` or `(U.S.)` is not one.
# Longest level word first; each is followed by a separator or the end, so no word can
# stand for the start of another (`S` in `SECRET`).
_MARKING = re.compile(
    "(" + "|".join(sorted(MARKING_LEVELS, key=len, reverse=True)) + ")"
    r"(?:(?:\s*[/\-]+\s*|\s+)([A-Z][A-Z ,/\-]*))?",  # one flat group: no backtracking blow-up
    re.IGNORECASE,
)
_SQUEEZED = re.compile(r"(S|C)(NF)", re.IGNORECASE)  # `SNF`, written for `S/NF`
# A garbled but plainly marking-shaped text such as `N/SF`: kept raw, level unknown.
_GARBLED = re.compile(r"[A-Z]{1,3}/{1,2}[A-Z]{1,4}")
_CAVEAT_SPLIT = re.compile(r"\s*(?:/{1,2}|\s-\s|-)\s*")
_CAVEAT_ALIASES = {"NOFORN": "NF", "NO FORN": "NF"}
_PREFIX = re.compile(r"\(\s*([^()\n]{1,40}?)\s*\)")


def marking_prefix(text: str) -> tuple[str | None, str]:
    """Split `(S/NF) Text` into (`S/NF`, `Text`); (None, text) when no marking leads it."""
    found = _PREFIX.match(text)
    if not found or not is_marking(found.group(1)):
        return None, text
    return found.group(1), text[found.end():].lstrip()


# A cable set writes a few dozen distinct markings over and over: each is read once.
@lru_cache(maxsize=4096)
def is_marking(raw: str) -> bool:
    """Whether parenthesized text is a classification marking rather than prose."""
    raw = raw.strip()
    return any(pattern.fullmatch(raw) for pattern in (_MARKING, _SQUEEZED, _GARBLED))


@lru_cache(maxsize=4096)
def parse_marking(raw: str | None) -> tuple[str | None, tuple[str, ...]]:
    """The level (U, SBU, C, S, TS) and caveats (`NF`, `REL NATO`, `FOUO` ...) of a marking."""
    if not raw:
        return None, ()
    squeezed = _SQUEEZED.fullmatch(raw.strip())
    if squeezed:
        return MARKING_LEVELS[squeezed.group(1).upper()], ("NF",)
    found = _MARKING.fullmatch(raw.strip())
    if not found:
        return None, ()
    level = MARKING_LEVELS[found.group(1).upper()]
    caveats = []
    for part in _CAVEAT_SPLIT.split((found.group(2) or "").strip(" /-")):
        part = " ".join(part.upper().split()).strip(" ,")
        if part:
            caveats.append(_CAVEAT_ALIASES.get(part, part))
    return level, tuple(caveats)
