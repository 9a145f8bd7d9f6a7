"""Handling caveats written as lines of the cable's head: SENSITIVE, SIPDIS, NOFORN, EXDIS ..."""

from __future__ import annotations

import re

HANDLING_WORDS = (
    "SENSITIVE BUT UNCLASSIFIED", "SENSITIVE", "SIPDIS", "NOFORN", "NODIS", "EXDIS", "LIMDIS",
    "STADIS", "CHEROKEE", "ROGER", "DECAPTIONED", "FOR OFFICIAL USE ONLY",
)
HANDLING_LINE = re.compile(
    r"\s*((?:(?:" + "|".join(HANDLING_WORDS) + r")\b[\s,;/]*)+)\Z", re.IGNORECASE
)
_WORD = re.compile(r"\b(?:" + "|".join(HANDLING_WORDS) + r")\b", re.IGNORECASE)


def is_handling_line(line: str) -> bool:
    """Whether the whole line is handling words (`SIPDIS`, `NOFORN SIPDIS`, `EXDIS`)."""
    return HANDLING_LINE.match(line) is not None


def parse_handling(lines: list[str]) -> tuple[str, ...]:
    """The handling words of the head's handling lines, once each, in order."""
    words: list[str] = []
    for line in lines:
        if is_handling_line(line):
            words.extend(w.upper() for w in _WORD.findall(line))
    return tuple(dict.fromkeys(words))


def handling_words(text: str) -> tuple[str, ...]:
    """Handling words written anywhere in `text` (e.g. after a classification line's serial)."""
    return tuple(word.upper() for word in _WORD.findall(text))
