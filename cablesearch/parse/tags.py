"""TAGS: `TAGS: PHUM PGOV KCRIM KZ`, `TAGS PREL, PGOV`, wrapped onto following lines.

Researchers facet by tag, so a wrong tag is a wrong answer. Real TAGS lines are damaged in
many ways: the keyword misspelt (`TAS:`, `TGS:`), codes run together (`ETRDEINVPGOVCS`), a
page footer or `SIPDIS` caught in the line, subject keywords written as words
(`HUMAN RIGHTS`), persons after `OVIP` (`OVIP CLINTON HILLARY`).
"""

from __future__ import annotations

import re

from cablesearch.parse.classification import CLASSIFICATION_LINE, SECTION_HEADER
from cablesearch.parse.tagcodes import KNOWN_CODES, keyword_phrase, split_codes

# The keyword as typed, misspellings and cuts included; those need their colon.
TAGS_KEYWORD = r"(?:TAGS\b\s*:?|(?:TAS|TABS|TGS|TAGES|AGS|TAG)\s*:)"
TAGS_LINE = re.compile(r"\s*" + TAGS_KEYWORD + r"\s*(.*)", re.IGNORECASE)
_REPEATED_KEYWORD = re.compile(r"^(?:\s*" + TAGS_KEYWORD + r")+\s*", re.IGNORECASE)
# Where the list ends within its line: the next head field, or a page footer or header caught
# in it (`SECRET PAGE 02 ROME 03067 211833Z`, `UNCLAS SECTION 01 OF 02 ...`).
_CUT = re.compile(
    r"\b(?:SUBJECT|SUBJ|UBJECT|REFS?|REFTELS?|E\.\s?O\.|CLASSIFIED\s+BY)\s*[:.]"
    r"|\b(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE)\b"
    r"|\bS E C R E T\b|\bC O N F I D E N T I A L\b|\bPAGE\s+\d+\b|\bSECTION\s+\d+\s+OF\b",
)
_CUT_WORDS = ("SUBJ", "UBJECT", "REF", "E.", "CLASSIFIED", "SECRET", "CONFIDENTIAL", "UNCLAS",
              "LIMITED", "S E C", "C O N", "PAGE", "SECTION")  # one of them, or no _CUT
_CUT_HINT = re.compile("|".join(map(re.escape, _CUT_WORDS)))  # all of them in one search
_STOP = re.compile(
    r"\s*(SUBJECT|SUBJ|UBJECT|REF|REFS|REFTEL|E\.\s?O\.|CLASSIFIED)\b", re.IGNORECASE
)
_ITEMS = re.compile(r"\s*[,;]\s*")
_TAG = re.compile(r"[A-Z][A-Z0-9_/\-.&]*\Z")
_TAG_ANY_CASE = re.compile(r"[A-Za-z][A-Za-z0-9_/\-.&]*\Z")
_NOT_TAGS = frozenset({"SIPDIS", "NOFORN", "TAGS", "AND"})
# The common list, known codes in capitals between spaces, commas or semicolons, is read at
# once: the item-by-item reading gives exactly these words for it.
_PLAIN_LIST = re.compile(r"[\s,;]*[A-Z][A-Z0-9]*(?:[\s,;]+[A-Z][A-Z0-9]*)*[\s,;]*\Z")
_PLAIN_CODES = KNOWN_CODES - _NOT_TAGS
# The code after which words name a person: `OVIP CLINTON HILLARY` (surname, given names),
# `OVIP (CLINTON, HILLARY)`.
_PERSON_AFTER = "OVIP"
_PERSON = re.compile(r"(?<=OVIP)\s*\(([^()]{1,60})\)", re.IGNORECASE)
_PROTECT_START, _COMMA, _SPACE = "\ue000", "\ue001", "\ue002"  # not whitespace to split()


def _item_tags(words: list[str], whole: bool) -> list[str]:
    """The tags of one item of a list: codes one by one, runs of codes split, known keyword
    phrases kept together (`HUMAN RIGHTS`), and an item of words alone kept whole where
    commas separate the list (`ORGANIZED CRIME`)."""
    if all(word in KNOWN_CODES for word in words):
        return words  # the common case: codes only
    if whole and len(words) > 1 and not any(word in KNOWN_CODES for word in words):
        return [" ".join(words)]
    tags: list[str] = []
    index = 0
    while index < len(words):
        if words[index][0] == _PROTECT_START:
            tags.append(_name(words[index][1:]))
            index += 1
            continue
        if words[index - 1:index] == [_PERSON_AFTER] and not whole and _is_name(words[index:]):
            tags.append(f"{words[index]}, {words[index + 1]}")  # surname, given name
            index += 2
            continue
        size = keyword_phrase(words[index:])
        if size:
            tags.append(" ".join(words[index:index + size]))
            index += size
            continue
        tags.extend(split_codes(words[index]) or (words[index],))
        index += 1
    return tags


def _is_name(words: list[str]) -> bool:
    """Whether the next two words are a surname and given name (`CLINTON HILLARY`)."""
    return len(words) >= 2 and all(
        word.isalpha() and len(word) > 2 and word not in KNOWN_CODES for word in words[:2]
    )


def _person(inner: str) -> str:
    """`(CLINTON, HILLARY)` after OVIP → one tag, `CLINTON, HILLARY`; kept as one word
    (its spaces and comma protected) until the list is split."""
    return _PROTECT_START + inner.strip().replace(",", _COMMA).replace(" ", _SPACE)


def _segment_tags(text: str, any_case: bool) -> list[str] | None:
    """The tags of one line's list, or None when a word there is prose (not a tag)."""
    upper = text.upper()
    cut = _CUT.search(upper) if _CUT_HINT.search(upper) else None
    text = _REPEATED_KEYWORD.sub("", text[:cut.start()] if cut else text)
    if "(" in text:
        text = _PERSON.sub(lambda found: " " + _person(found.group(1)), text)
    pattern = _TAG_ANY_CASE if any_case else _TAG
    if _PLAIN_LIST.match(text):
        words = text.replace(",", " ").replace(";", " ").split()
        if all(word in _PLAIN_CODES for word in words):
            return words
    whole = "," in text or ";" in text
    tags: list[str] = []
    for item in _ITEMS.split(text.strip().strip(",;")):
        words = [word.strip("()") for word in item.split()]
        words = [word for word in words if word]
        if not all(pattern.match(word) or word[0] == _PROTECT_START for word in words):
            return tags or None
        words = [word.upper().rstrip(".") for word in words if word.upper() not in _NOT_TAGS]
        tags.extend(_item_tags(words, whole))
    return tags


def _name(protected: str) -> str:
    name = protected.replace(_COMMA, ",").replace(_SPACE, " ").rstrip(". ")
    return " ".join(name.replace(",", ", ").split()).replace(" ,", ",")


def _continues(line: str) -> bool:
    """Whether a line after the TAGS line wraps its list: codes, not a subject written
    without its label (`IRAN NUCLEAR TALKS`), a classification line or a page header."""
    if (not line.strip() or _STOP.match(line) or CLASSIFICATION_LINE.match(line)
            or SECTION_HEADER.match(line)):
        return False
    words = [word.strip("(),;") for word in line.split()]
    return all(
        word in KNOWN_CODES or split_codes(word) or word.upper() in _NOT_TAGS
        for word in words if word
    ) or ("," in line and line == line.upper() and not line.rstrip().endswith("."))


def parse_tags(lines: list[str]) -> tuple[str, ...]:
    """Tags from the TAGS line and its continuation lines (up to a blank or next header line).

    On the TAGS line itself a code may be in lower case (sentence-cased damage:
    `Tags: prel, pgov`) and is upper-cased; on a continuation line only upper-case codes
    count, so that prose is not read as tags.
    """
    found = TAGS_LINE.match(lines[0]) if lines else None
    if not found:
        return ()
    tags = _segment_tags(found.group(1), any_case=True) or []
    # A line ending in a comma is continued whatever the case of the next (`econ,` / `etra`).
    open_list = found.group(1).rstrip().endswith(",")
    for line in lines[1:]:
        if repeated := TAGS_LINE.match(line):
            line = repeated.group(1)  # a repeated keyword on the next line
        elif not (open_list and line.strip() and not _STOP.match(line)) and not _continues(line):
            break
        more = _segment_tags(line, any_case=open_list)
        if more is None:
            break
        tags.extend(more)
        open_list = line.rstrip().endswith(",")
    return tuple(dict.fromkeys(tags))
