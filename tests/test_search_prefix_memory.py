"""A prefix that expands to many terms is matched in memory for one mask per segment,
not one per term (which grew with the index: 1.09 GB for `s*` at 224k paragraphs)."""

import random
import tracemalloc

import pytest
from index_helpers import cable

from cablesearch.engine.docsets import SegmentDocs
from cablesearch.index import add_cables
from cablesearch.search import Searcher

TERMS = 3000
PARAGRAPHS = 6000


@pytest.fixture(scope="module")
def index_of_many_s_words(tmp_path_factory):
    """Each paragraph holds a few of 3000 distinct words starting with s."""
    rng = random.Random(7)
    syllables = [c + v for c in "bdfgklmnprtvz" for v in "aeiou"]
    words = sorted({"s" + "".join(rng.choices(syllables, k=3)) for _ in range(TERMS * 2)})
    words = words[:TERMS]
    texts = [" ".join(rng.choices(words, k=4)) + " report" for _ in range(PARAGRAPHS)]
    cables = [cable(f"09SYNTH{n}", *texts[n * 10:(n + 1) * 10]) for n in range(PARAGRAPHS // 10)]
    index_dir = tmp_path_factory.mktemp("prefix") / "ix"
    add_cables(index_dir, cables, procs=1)
    return index_dir, words, texts


def test_a_prefix_of_thousands_of_terms_holds_no_mask_per_term(index_of_many_s_words,
                                                               monkeypatch):
    index_dir, _words, _texts = index_of_many_s_words
    masks = []
    real = SegmentDocs.mask

    def counted(self, ids):
        found = real(self, ids)
        masks.append(found.nbytes)
        return found

    monkeypatch.setattr(SegmentDocs, "mask", counted)
    searcher = Searcher(index_dir)
    tracemalloc.start()
    try:
        result = searcher.search("s*", limit=10)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.total == PARAGRAPHS
    per_term = TERMS * PARAGRAPHS  # bytes of one boolean mask per expanded term
    assert peak < per_term / 4, f"peak {peak:,} bytes"
    assert len(masks) < 100


def test_the_streamed_match_is_the_union_of_the_terms(index_of_many_s_words):
    index_dir, words, texts = index_of_many_s_words
    searcher = Searcher(index_dir)
    some = set(words[:200])  # more than STREAM_TERMS: streamed
    expected = sum(1 for text in texts if some & set(text.split()))
    assert searcher.search(" OR ".join(sorted(some)), limit=1).total == expected
    assert searcher.search("s*", limit=1).total == PARAGRAPHS
    assert searcher.search("s* AND NOT report", limit=1).total == 0


LETTERS = "abcdefgh"


@pytest.fixture(scope="module")
def index_of_eight_letters(tmp_path_factory):
    """Each paragraph holds words of each of eight letters, 200 distinct words a letter:
    each prefix expands to an OR of terms that is scored term by term."""
    rng = random.Random(11)
    syllables = [c + v for c in "bdfgklmnprtvz" for v in "aeiou"]
    words = {letter: sorted({letter + "".join(rng.choices(syllables, k=3))
                             for _ in range(200)}) for letter in LETTERS}
    texts = [" ".join(word for letter in LETTERS for word in rng.choices(words[letter], k=6))
             for _ in range(4000)]
    cables = [cable(f"09LETTER{n}", *texts[n * 10:(n + 1) * 10]) for n in range(400)]
    index_dir = tmp_path_factory.mktemp("letters") / "ix"
    add_cables(index_dir, cables, procs=1)
    return index_dir


def _peak(searcher, query):
    tracemalloc.start()
    try:
        result = searcher.search(query, limit=3)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_prefixes_ored_take_the_memory_of_about_one(index_of_eight_letters):
    """Each clause's terms are read, scored and let go: eight prefixes OR'd peak near
    one prefix's memory, not eight times it (which grew with clauses x index size)."""
    searcher = Searcher(index_of_eight_letters)
    _peak(searcher, "a*")  # caches built once per searcher are not the query's
    one_result, one = _peak(searcher, "a*")
    eight_result, eight = _peak(searcher, " OR ".join(letter + "*" for letter in LETTERS))
    assert one_result.total == eight_result.total == 4000
    assert eight < 2.5 * one, f"one prefix {one:,} bytes, eight {eight:,}"
