"""The best passage of a paragraph, with the words that matched marked `[[like this]]`.

The marks are plain text so that every output form can render them its own way (bold on a
terminal, nothing in CSV); the passage is found by re-tokenizing the stored text as the
index's analyzer does (`passages.best_passage`), so a stemmed or repaired match (`Iraq,s`)
is marked where it stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from cablesearch.search.passages import best_passage

OPEN, CLOSE = "[[", "]]"
_MARKED = re.compile(re.escape(OPEN) + r"(.*?)" + re.escape(CLOSE), re.DOTALL)
_WORD = re.compile(r"\w")
SNIPPET_CHARS = 240
SURROUND = 60


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def make_snippet(text: str, terms: Iterable[str]) -> str:
    """The passage with the most matched terms (`…` where it cuts the paragraph), or the
    paragraph's opening if no term matched."""
    termset = frozenset(terms)
    passage = best_passage(text, termset, SNIPPET_CHARS, SURROUND) if termset else None
    if passage is not None:
        snippet = _squeeze(_marked(text, passage.marks, passage.start, passage.end))
        if _WORD.search(text, 0, passage.start):
            snippet = "… " + snippet
        if _WORD.search(text, passage.end):
            snippet += " …"
        return snippet
    opening = _squeeze(text)
    if len(opening) <= SNIPPET_CHARS:
        return opening
    return opening[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


def mark_terms(text: str, terms: Iterable[str]) -> str:
    """The whole text, every word matching one of `terms` marked as in a snippet."""
    termset = frozenset(terms)
    passage = best_passage(text, termset, len(text) + 1, len(text)) if termset else None
    return text if passage is None else _marked(text, passage.marks, 0, len(text))


def _marked(text: str, marks: Iterable[tuple[int, int]], begin: int, end: int) -> str:
    """text[begin:end] with the `marks` spans in it marked."""
    pieces: list[str] = []
    index = begin
    for start, stop in marks:
        if start >= index:  # a hyphenated word's later terms repeat its span
            pieces += (text[index:start], OPEN, text[start:stop], CLOSE)
            index = stop
    pieces.append(text[index:end])
    return "".join(pieces)


def unmark(snippet: str) -> str:
    """The snippet as plain text."""
    return _MARKED.sub(r"\1", snippet)


def render_marks(snippet: str, style: Any) -> str:
    """Each marked span passed through `style` (e.g. click's bold); the rest unchanged."""
    return _MARKED.sub(lambda found: style(found.group(1)), snippet)
