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
_WORD = re.compile(r"\w")
SNIPPET_CHARS = 240


class _MarkFormatter(highlight.Formatter):
    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return OPEN + highlight.get_text(text, token, replace) + CLOSE


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def make_snippet(text: str, terms: Iterable[str], analyzer: Any) -> str:
    """The passage with the most matched terms (`…` where it cuts the paragraph), or the
    paragraph's opening if no term matched."""
    termset = frozenset(terms)
    if termset:
        tokens = analyzer(text, chars=True, mode="query", removestops=False)
        fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        fragments = fragmenter.fragment_tokens(text, highlight.set_matched_filter(tokens, termset))
        best = highlight.top_fragments(fragments, 1, highlight.BasicFragmentScorer(),
                                       highlight.SCORE)
        if best:
            fragment = best[0]
            passage = _squeeze(_MarkFormatter().format_fragment(fragment))
            if _WORD.search(text, 0, fragment.startchar):
                passage = "… " + passage
            if _WORD.search(text, fragment.endchar):
                passage += " …"
            return passage
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
