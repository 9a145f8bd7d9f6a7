"""The best passage of a paragraph, with the words that matched marked `[[like this]]`.

The marks are plain text so that every output form can render them its own way (bold on a
terminal, nothing in CSV); the highlighter re-analyzes the stored text with the index's
own analyzer, so a stemmed or repaired match (`Iraq,s`) is marked where it stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from whoosh import highlight

OPEN, CLOSE = "[[", "]]"
_MARKED = re.compile(re.escape(OPEN) + r"(.*?)" + re.escape(CLOSE), re.DOTALL)
SNIPPET_CHARS = 240


class _MarkFormatter(highlight.Formatter):
    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return OPEN + highlight.get_text(text, token, replace) + CLOSE


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def make_snippet(text: str, terms: Iterable[str], analyzer: Any) -> str:
    """The passage with the most matched terms, or the paragraph's opening if none matched."""
    termset = frozenset(terms)
    if termset:
        fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        passage = highlight.highlight(
            text, termset, analyzer, fragmenter, _MarkFormatter(), top=1,
            order=highlight.SCORE,
        )
        if passage:
            return _squeeze(passage)
    opening = _squeeze(text)
    if len(opening) <= SNIPPET_CHARS:
        return opening
    return opening[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


def unmark(snippet: str) -> str:
    """The snippet as plain text."""
    return _MARKED.sub(r"\1", snippet)


def render_marks(snippet: str, style: Any) -> str:
    """Each marked span passed through `style` (e.g. click's bold); the rest unchanged."""
    return _MARKED.sub(lambda found: style(found.group(1)), snippet)
