"""The signature (`ORDWAY`) that closes a cable, and the page trailers after it.

It stands on a line of its own or, where a conversion joined lines, after the last sentence
(`... effects beyond. BURNS`). Trailers are the repeated classification, `NNNN`, `BT`,
archive stamps and lines without a letter.
"""

from __future__ import annotations

import re

_NAME = r"[A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-.]*){0,2}"
_NAME_LINE = re.compile(r"\s*(" + _NAME + r")\s*\Z")
# A name of at most two words closing a line of text, after what comes before it.
_NAME_AFTER = re.compile(r"(.*\S)\s+([A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+)?)\s*\Z")
# What a name may follow on its line: a sentence's end, a rule of `*`, a website footer.
_BEFORE_NAME = re.compile(
    r"(?:[.!?\"”)*:]|\bc?fm|sgov\.gov\S*|ed_Kingdom|\bEND\s+(?:COMMENT|TEXT|NOTE))\Z"
)
# Conversion debris after the signature: `NNNN End Cable Text`, a date, a stray dot, the
# `##` some signatures carry (`GILLESPIE##`).
_INLINE_TRAILER = re.compile(
    r"(?:\s+(?:NNNN(?:\s+End Cable Text)?|\d{4}-\d{2}-\d{2}|\.)|#+)+\s*\Z"
)
_NOT_NAMES = {
    "END", "COMMENT", "SUMMARY", "NOTE", "TEXT", "BT", "NNNN", "SIPDIS", "NOFORN", "SECRET",
    "CONFIDENTIAL", "UNCLASSIFIED", "UNCLAS", "SENSITIVE", "CLASSIFIED", "LIMITED", "OFFICIAL",
    "USE", "ONLY", "THE", "AND", "OF", "FOR", "TO", "IN", "ON", "TAGS", "SUBJECT", "REF",
    "SECTION", "PAGE", "MESSAGE", "CABLE", "DECL", "DECLASSIFIED", "EXDIS", "NODIS", "LIMDIS",
    "SEPTEL", "SEPTELS", "REFTEL", "MINIMIZE", "CONSIDERED", "ACTION", "REQUEST", "CLEARED",
}
_CLASSIFICATION = (
    r"(?:TOP\s+)?SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE"
    r"|S\s?E\s?C\s?R\s?E\s?T|C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L"
)
_POST = r"[A-Z]+(?: [A-Z]+){0,3}"  # `ROME`, `RIO DE JANEIRO`: words one space apart
_TRAILER = re.compile(
    r"(?:\s*(?:NNNN|BT|NOFORN|SIPDIS|(?:" + _CLASSIFICATION + r")(?:\s*//?\s*NOFORN)?"
    r"|\d{4}[A-Z]+\d+\s*-\s*(?:" + _CLASSIFICATION + r")"  # `2004CARACA02200 - CONFIDENTIAL`
    r"|Declassified/Released\b.*|Systematic Review\b.*|NOTE BY OC/?T\b.*"
    # Page footers and headers: `SECRET PAGE 02 ROME 03067 211833Z`, `MADRID 00000934 004 OF 004`.
    # (upper case only: a prose line fails at its first letter).
    r"|(?-i:(?:(?:" + _CLASSIFICATION + r")\s+)?PAGE\s+\d+\s+" + _POST + r"\s+\d+(?:\s+\d{6}Z)?"
    r"|" + _POST + r"\s+0*\d+\s+\d{3}(?:\.\d+)?\s+OF\s+\d+))[\s.]*"
    r"|[^A-Za-z0-9]*)\Z",
    re.IGNORECASE,
)


def is_trailer(line: str) -> bool:
    """A closing line that is no text: the repeated classification, `NNNN`, an archive stamp."""
    return _TRAILER.match(line) is not None


def _name(text: str) -> str | None:
    name = " ".join(text.split())
    if ".." in name:
        return None
    words = [word.upper().strip(".") for word in name.split()]
    if any(word in _NOT_NAMES or set(word) <= {"X"} for word in words):
        return None
    return name


def split_signer(lines: list[str]) -> tuple[str | None, list[str]]:
    """(the signer or None, the text lines without the signature and the trailers)."""
    end = len(lines)
    while end and is_trailer(lines[end - 1]):
        end -= 1
    if not end:
        return None, []
    # Debris sits at the very end: look at the line's tail only (keeps long lines linear).
    last = lines[end - 1]
    last = last[:-80] + _INLINE_TRAILER.sub("", last[-80:])
    # A name alone in capitals may end in a full stop (`MCNAMARA.`), a sentence may not.
    stripped = last.rstrip(". ")
    alone = _NAME_LINE.match(stripped if stripped.isupper() else last)
    if alone:
        name = _name(alone.group(1))
        if name:
            return name, lines[:end - 1]
    joined = _NAME_AFTER.match(last)
    if joined:
        before, name = joined.group(1), _name(joined.group(2))
        # What _BEFORE_NAME looks for lies within the last two words: searched from there
        # rather than along a whole paragraph's line.
        words = before.rsplit(None, 2)
        upper_name = name is not None and name.isupper() and not words[-1].isupper()
        from_ = len(words[0]) if len(words) == 3 else 0
        if name and (upper_name or _BEFORE_NAME.search(before, from_)):
            return name, [*lines[:end - 1], before]
    return None, lines[:end]
