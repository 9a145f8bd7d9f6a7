"""The analyzer's indexing shortcut (`term_positions`) gives exactly the postings that
its tokens give, one by one as Whoosh's `Positions.word_values` reads them: terms,
frequencies, weights and position values; quiet terms (stop words, the joined article,
flagged `stopped`) too, with frequency 0 (left out of the field's length) unless the term
is also another word's."""

from __future__ import annotations

import itertools
from collections import defaultdict
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cablesearch.index.analysis import CableAnalyzer
from cablesearch.index.positions import CompactPositions
from cablesearch.sources import read_cables

_FORMAT = CompactPositions(field_boost=2.0)
_ANALYZER = CableAnalyzer()
_WORDS = st.sampled_from(["the", "of", "a", "al-Qaeda", "U.S.", "1.4(b)", "Iraq,s", "&quot",
                          "1,000", "re-election", "-", "Mr.", "don't", "GOI", "e.g.", "x",
                          "al", "El", "it's", "it", "São", "Erdoğan",
                          "al-Qaeda-linked"])


def _token_postings(text: str) -> list[tuple[str, int, float, bytes]]:
    positions: defaultdict[str, list[int]] = defaultdict(list)
    words: defaultdict[str, int] = defaultdict(int)  # occurrences that are not stop words
    for token in _ANALYZER(text, positions=True, removestops=False, mode="index"):
        positions[token.text].append(token.pos)
        words[token.text] += not token.stopped
    boost = _FORMAT.field_boost
    return sorted(
        (term, words[term], (words[term] or len(found)) * boost, _FORMAT.encode(sorted(found)))
        for term, found in positions.items())


def _same_postings(text: str) -> None:
    assert sorted(_FORMAT.word_values(text, _ANALYZER, mode="index")) == _token_postings(text)


def test_stop_words_have_positions_but_no_length():
    postings = {term: (freq, value) for term, freq, _, value in
                _FORMAT.word_values("the minister of the interior", _ANALYZER, mode="index")}
    assert postings["the"] == (0, _FORMAT.encode([0, 3]))
    assert postings["minist"] == (1, _FORMAT.encode([1]))
    assert sum(freq for freq, _ in postings.values()) == 2


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=12)), max_size=30))
def test_any_words(words: list[str]) -> None:
    _same_postings(" ".join(words))


def test_the_real_pages(shared_corpus: Path) -> None:
    for cable in itertools.islice(read_cables([shared_corpus / "wikileaks-html"]), 300):
        _same_postings(cable.subject or "")
        for paragraph in cable.paragraphs:
            _same_postings(paragraph.text)
