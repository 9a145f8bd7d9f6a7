"""The analyzer's indexing shortcut (`term_positions`) gives exactly the postings that
Whoosh's token-by-token `Positions.word_values` gives: terms, frequencies, weights and
position values."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.formats import Positions

from cablesearch.index.analysis import CableAnalyzer
from cablesearch.index.positions import CompactPositions
from cablesearch.sources import read_cables

_FORMAT = CompactPositions(field_boost=2.0)
_ANALYZER = CableAnalyzer()
_WORDS = st.sampled_from(["the", "of", "a", "al-Qaeda", "U.S.", "1.4(b)", "Iraq,s", "&quot",
                          "1,000", "re-election", "-", "Mr.", "don't", "GOI", "e.g.", "x"])


def _same_postings(text: str) -> None:
    fast = sorted(_FORMAT.word_values(text, _ANALYZER, mode="index"))
    tokens = sorted(Positions.word_values(_FORMAT, text, _ANALYZER, mode="index"))
    assert fast == tokens


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=12)), max_size=30))
def test_any_words(words: list[str]) -> None:
    _same_postings(" ".join(words))


def test_the_real_pages(shared_corpus: Path) -> None:
    for cable in itertools.islice(read_cables([shared_corpus / "wikileaks-html"]), 300):
        _same_postings(cable.subject or "")
        for paragraph in cable.paragraphs:
            _same_postings(paragraph.text)
