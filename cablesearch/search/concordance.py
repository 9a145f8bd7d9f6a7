"""A concordance (keyword in context): every occurrence of a word or phrase, one line each.

Reading a term across the corpus in its immediate context is how usage is studied: each
line is the text just left of an occurrence, the occurrence, and the text just right of
it, with the paragraph's pin cite. Occurrences are found by re-analyzing the paragraph's
stored text as indexing did (`CableAnalyzer.term_positions`), so a line stands wherever
the index holds the phrase: stemmed forms (`rights` for `right`),
repaired typography (`Kazakhstan,s`), stop words where phrase queries see them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cablesearch.index.analysis import (
    TOKEN,
    CableAnalyzer,
    _indexed_terms,
    index_terms,
    repair_typography,
)

SORTS = ("date", "left", "right")
WIDTH = 40
_analyzer = CableAnalyzer()


@dataclass(frozen=True)
class Line:
    """One occurrence: `left` and `right` hold up to `width` characters of context each,
    whitespace squeezed; `match` is the occurrence as written."""

    ref: str
    cable: str
    seq: int
    created: str | None
    marking: str | None
    left: str
    match: str
    right: str

    def to_json(self) -> dict:
        return {"ref": self.ref, "cable": self.cable, "seq": self.seq, "created": self.created,
                "marking": self.marking, "left": self.left, "match": self.match,
                "right": self.right}

    def sort_key(self, sort: str) -> tuple[str, ...]:
        """Lines sorted `left` read by the words just before the match, nearest first;
        `right` by the words just after it."""
        if sort == "left":
            return tuple(reversed(self.left.lower().split()))
        return tuple(self.right.lower().split())


@dataclass(frozen=True)
class Concordance:
    """`total` counts every occurrence in every matching paragraph (`paragraphs`), from
    the index's positions; `lines` are the ones asked for (all, or the first `limit`)."""

    phrase: str
    total: int
    paragraphs: int
    lines: tuple[Line, ...]

    def to_json(self) -> dict:
        return {"phrase": self.phrase, "total": self.total, "paragraphs": self.paragraphs,
                "lines": [line.to_json() for line in self.lines]}


def phrase_words(text: str) -> list[str]:
    """The terms a word or phrase (quotes optional) stands for, as the index holds them
    (stop words too: they count in a phrase)."""
    return [token.text for token in _analyzer(text.strip().strip('"'), mode="query",
                                              removestops=False)]


def occurrences(text: str, words: list[str]) -> list[tuple[int, int]]:
    """The character spans of `text` where `words` stand at consecutive positions, in order.

    Positions are the index's own (`CableAnalyzer.term_positions`, as indexing makes
    them, quiet terms too); a position's characters are those of the raw token that
    made it, each raw token taking one position per term it indexes."""
    found, quiet = _analyzer.term_positions(text)
    at = [set(found.get(word, ())) | set(quiet.get(word, ())) for word in words]
    starts = [p for p in sorted(at[0]) if all(p + i in at[i] for i in range(1, len(words)))]
    if not starts:
        return []
    spans: list[tuple[int, int]] = []  # position -> its raw token's span
    last = starts[-1] + len(words) - 1
    for match in TOKEN.finditer(repair_typography(text)):
        # The indexing memo first, as `term_positions` reads it: half the time of a
        # concordance's first 100 lines went to `index_terms` recomputing known words.
        entry = _indexed_terms.get(match.group(0)) or index_terms(match.group(0))
        spans.extend([match.span()] * (1 if isinstance(entry, str) else len(entry[0])))
        if len(spans) > last:
            break
    return [(spans[p][0], spans[p + len(words) - 1][1]) for p in starts]


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def contexts(text: str, spans: Iterable[tuple[int, int]], width: int = WIDTH
             ) -> list[tuple[str, str, str]]:
    """(left, match, right) for each span: `width` characters of context on each side."""
    found = []
    for start, end in spans:
        left = _squeeze(text[max(0, start - 2 * width):start])[-width:]
        right = _squeeze(text[end:end + 2 * width])[:width]
        found.append((left, _squeeze(text[start:end]), right))
    return found
