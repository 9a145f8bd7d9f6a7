"""REF: lines resolved to canonical cable ids (`A. STATE 58370` in 2008 → `08STATE58370`).

Only items that name a cable (an originating post and a serial) count; e-mails, IIRs and
dates do not.
"""

from __future__ import annotations

import re
import string

# `REF: ...` in any case; without the colon only when an item follows (`REF A. STATE 1`),
# so that prose such as `REF A points were delivered` is not taken for one.
REF_LINE = re.compile(
    r"\s*(?:(?i:REFS?|REFTELS?|REFERENCES?)\s*:"
    r"|(?:REFS?|REFTELS?)\s+(?=[A-Z][.)]\s|\([A-Z]\)|\d{2}\s+[A-Z]|[A-Z]{3,}(?:\s[A-Z]+)?\s+\d))"
)
# Any lettered line (`B. KUJAWINSKI-FRANCE DESK 3/11 E-MAIL`): within a REF block, an item.
REF_LABEL_LINE = re.compile(r"\s*(?:[A-Z][.)]|\([A-Z]\))\s")
# A lettered item line of a REF block: `B. 06 TBILISI 0619`, `(C) 2009 MADRID 1146`.
REF_ITEM_LINE = re.compile(
    r"\s*(?:[A-Z][.)]|\([A-Z]\))\s*(?:(?:19|20)?\d{2}\s+)?[A-Za-z][A-Za-z ]*\s0*\d{1,6}\b"
)
# `[year] POST SERIAL`: the post is one to four words, the serial 1-6 digits.
_ITEM = re.compile(
    r"(?<![A-Za-z0-9/\-])(?:(?:19|20)?(\d{2})\s*)?"
    r"([A-Za-z]+(?: [A-Za-z]+){0,3}?)\s+0*(\d{1,6})(?!\d|[/\-.]\d)"
)
_CANONICAL = re.compile(r"\b(\d{2})([A-Z]{3,})0*(\d{1,6})\b")
_NEXT_WORD = re.compile(r"\s+")
_NOT_POSTS = {
    *"JAN FEB MAR APR MAY JUN JUL AUG SEP SEPT OCT NOV DEC JANUARY FEBRUARY MARCH".split(),
    *"APRIL JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER".split(),
    *"IIR PARA PARAS PARAGRAPH SECTION PAGE TELECON EMAIL MAIL FAX LETTER MEMO NOTE NO NR".split(),
    *"NUMBER OF AND REF REFS REFTEL REFTELS IN ON AT THE DATED OR FROM TO CA FOR BY".split(),
    *"PREVIOUS DTG EO USC CFR RES RESOLUTION UNSCR LAW POINTS REPORT DAILY SEPTEL".split(),
    *string.ascii_uppercase,  # a lone letter is an item label (`H PRETORIA 619`)
}
_ALIASES = {"SECSTATE": "STATE", "SECSTATE WASHDC": "STATE"}
_LEADING_JUNK = re.compile(r"^(?:(?:AND|OR|ALSO|REF|REFTEL|REFS|SEE)\s+)+")


def _post(words: str) -> str | None:
    """The originating post of an item, upper-cased, or None when the words are no post."""
    post = _LEADING_JUNK.sub("", words.upper()).strip()
    if not post or any(word in _NOT_POSTS for word in post.split()):
        return None
    return _ALIASES.get(post, post)


def parse_references(text: str, year: str | None) -> tuple[str, ...]:
    """Canonical ids of the cables a REF block names; `year` (2 digits) fills omitted years."""
    refs: list[tuple[int, str]] = [
        (found.start(), f"{found.group(1)}{found.group(2)}{int(found.group(3))}")
        for found in _CANONICAL.finditer(text)
    ]
    position = 0
    while (found := _ITEM.search(text, position)) is not None:
        ref_year, words, serial = found.groups()
        post = _post(words)
        if post is None:
            # Not a post: try again from the next word, which may start one (`H PRETORIA 619`).
            space = _NEXT_WORD.search(text, found.start() + 1)
            position = space.end() if space else len(text)
            continue
        position = found.end()
        ref_year = ref_year or year
        if ref_year is not None:
            refs.append((found.start(), f"{ref_year}{post.replace(' ', '')}{int(serial)}"))
    return tuple(dict.fromkeys(ref for _, ref in sorted(refs)))
