"""TAGS: `TAGS: PHUM PGOV KCRIM KZ`, `TAGS PREL, PGOV`, wrapped onto following lines."""

from __future__ import annotations

import re

# Usually a line of its own; sometimes run onto the E.O. line (`E.O. 12958: N/A TAGS: ASEC`).
TAGS_LINE = re.compile(r"(?:\s*|.*?\s)(?:TAGS|Tags)\b\s*:?\s*(.*)")
_SPLIT = re.compile(r"[\s,;]+")
_TAG = re.compile(r"[A-Z][A-Z0-9_\-]*\Z")
_STOP = re.compile(r"\s*(SUBJECT|SUBJ|REF|REFS|REFTEL|E\.\s?O\.|CLASSIFIED)\b", re.IGNORECASE)


def parse_tags(lines: list[str]) -> tuple[str, ...]:
    """Tags from the TAGS line and its continuation lines (up to a blank or next header line).

    Each tag is an upper-case code; anything else (a wrapped `SUBJECT:`, prose) ends them.
    """
    tags: list[str] = []
    for index, line in enumerate(lines):
        if index == 0:
            found = TAGS_LINE.match(line)
            if not found:
                return ()
            line = found.group(1)
        elif not line.strip() or _STOP.match(line):
            break
        for word in _SPLIT.split(line.strip()):
            if not word:
                continue
            if not _TAG.match(word):
                return tuple(dict.fromkeys(tags))
            tags.append(word)
    return tuple(dict.fromkeys(tags))
