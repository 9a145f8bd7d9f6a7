"""TAGS: `TAGS: PHUM PGOV KCRIM KZ`, `TAGS PREL, PGOV`, wrapped onto following lines."""

from __future__ import annotations

import re

TAGS_LINE = re.compile(r"\s*TAGS\b\s*:?\s*(.*)", re.IGNORECASE)
_SPLIT = re.compile(r"[\s,;]+")
_TAG = re.compile(r"[A-Z][A-Z0-9_\-]*\Z")
_TAG_ANY_CASE = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*\Z")
_STOP = re.compile(r"\s*(SUBJECT|SUBJ|REF|REFS|REFTEL|E\.\s?O\.|CLASSIFIED)\b", re.IGNORECASE)


def parse_tags(lines: list[str]) -> tuple[str, ...]:
    """Tags from the TAGS line and its continuation lines (up to a blank or next header line).

    Each tag is a code; anything else (prose) ends them. On the TAGS line itself a code may
    be in lower case (sentence-cased damage: `Tags: prel, pgov`) and is upper-cased; on a
    continuation line only upper-case codes count, so that prose is not read as tags.
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
            if not (_TAG_ANY_CASE if index == 0 else _TAG).match(word):
                return tuple(dict.fromkeys(tags))
            tags.append(word.upper())
    return tuple(dict.fromkeys(tags))
