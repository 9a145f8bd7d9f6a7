"""REF: lines resolved to canonical cable ids (`A. STATE 58370` in 2008 → `08STATE58370`).

Only items that name a cable (an originating post and a serial) count; e-mails, IIRs and
dates do not.
"""

from __future__ import annotations

import re
import string

from cablesearch.parse.posts import canonical_post

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
# `[year] POST SERIAL [(year)]`: the post is one to four words, the serial 1-6 digits. A
# year may come first (`05 SAO PAULO 405`, `O4 CHENNAI 12`: a letter O typed for a zero) or
# after it in parentheses (`ASUNCION 701 (08)`). A page header (`TRIPOLI 00000402 001.2 OF
# 003`) is no reference.
_WORD = r"(?:[A-Za-z]|0(?=[A-Za-z]))[A-Za-z0]*"  # `0TTAWA`, `SANTIAG0`: zeros typed for O
_ITEM = re.compile(
    r"(?<![A-Za-z0-9/\-])(?:(?:19|20)?([0-9O]\d)\s*)?"
    r"(" + _WORD + r"(?: " + _WORD + r"){0,3}?)\s+0*(\d{1,6})"
    r"(?!\d|[/\-.]\d|\s+\d{3}(?:\.\d+)?\s+OF\b)"
    r"(?:\s*\((?:19|20)?(\d{2})\))?"
)
# Further serials of the same post: `STATE 2799 AND 2764`, `MOSCOW 12, 14`; not a year that
# opens the next item (`AND 05 SAO PAULO 405`).
_MORE_SERIALS = re.compile(
    r"\s*(?:,|;|&|\bAND\b)\s*0*(\d{1,6})\b"
    r"(?![/\-.]\d|\s+(?!AND\b|OR\b)[A-Za-z]+(?:\s+[A-Za-z]+){0,3}\s+\d)"
)
# Ids written whole: `06TBILISI619`, `2005PANAMA2342`, `10-OTTAWA-57`.
_CANONICAL = re.compile(r"\b(?:19|20)?(\d{2})-?([A-Z]{3,})-?0*(\d{1,6})\b")
_NEXT_WORD = re.compile(r"\s+")
_NOT_POSTS = {
    *"JAN FEB MAR APR MAY JUN JUL AUG SEP SEPT OCT NOV DEC JANUARY FEBRUARY MARCH".split(),
    *"APRIL JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER".split(),
    *"IIR PARA PARAS PARAGRAPH SECTION PAGE TELECON EMAIL MAIL FAX LETTER MEMO NOTE NO NR".split(),
    *"NUMBER OF AND REF REFS REFTEL REFTELS IN ON AT THE DATED OR FROM TO CA FOR BY".split(),
    *"PREVIOUS DTG EO USC CFR RES RESOLUTION UNSCR LAW POINTS REPORT DAILY SEPTEL".split(),
    *string.ascii_uppercase,  # a lone letter is an item label (`H PRETORIA 619`)
}
_LEADING_JUNK = re.compile(r"^(?:(?:AND|OR|ALSO|REF|REFTEL|REFS|SEE)\s+)+")


def _post(words: str) -> str | None:
    """The canonical post an item names (its last words), or None when they name none."""
    upper = _LEADING_JUNK.sub("", words.upper()).split()
    # The post is the item's last words: `H PRETORIA`, `AND PREVIOUS RANGOON` name one.
    for start in range(len(upper)):
        tail = upper[start:]
        if any(word in _NOT_POSTS for word in tail):
            continue
        post = canonical_post(" ".join(tail))
        if post is not None:
            return post
    return None


def _year(written: str | None) -> str | None:
    return written.replace("O", "0") if written else None


def resolve_references(text: str, year: str | None, own_id: str | None = None
                       ) -> tuple[str, ...]:
    """Canonical ids of the cables a REF block names, in order, once each.

    `year` (2 digits) fills omitted years; `own_id`, the citing cable, is never its own
    reference. Items that name no known post and serial (e-mails, IIRs, airgrams) are dropped.
    """
    refs: list[tuple[int, str]] = []
    found: re.Match[str] | None
    for found in _CANONICAL.finditer(text):
        post = canonical_post(found.group(2))
        if post is not None:
            refs.append((found.start(), f"{found.group(1)}{post}{int(found.group(3))}"))
    position = 0
    while (found := _ITEM.search(text, position)) is not None:
        before, words, serial, after = found.groups()
        post = _post(words)
        if post is None:
            # Not a post: try again from the next word, which may start one (`H PRETORIA 619`).
            space = _NEXT_WORD.search(text, found.start() + 1)
            position = space.end() if space else len(text)
            continue
        position = found.end()
        ref_year = after or _year(before) or year
        serials = [serial]
        while (more := _MORE_SERIALS.match(text, position)) is not None:
            serials.append(more.group(1))
            position = more.end()
        if ref_year is not None:
            refs.extend((found.start(), f"{ref_year}{post}{int(s)}") for s in serials)
    ids = dict.fromkeys(ref for _, ref in sorted(refs, key=lambda ref: ref[0]))
    if own_id is not None:
        ids.pop(own_id, None)
    return tuple(ids)


def resolve_reference(text: str, year: str | None) -> list[str]:
    """The cable ids one REF item or block names: `THE HAGUE 109`, `08` → `["08THEHAGUE109"]`."""
    return list(resolve_references(text, year))

