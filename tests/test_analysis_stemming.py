"""nltk's Snowball English stemmer, memoized, identical for documents and queries."""

import pickle

from index_helpers import finds, terms

from cablesearch.index.analysis import CableAnalyzer


def test_snowball_not_porter():
    assert terms("terrorizing") == ["terror"]


def test_inflections_find_each_other():
    assert finds("The ministers negotiated for hours", "minister negotiation")


def test_stems_are_memoized():
    analyzer = CableAnalyzer()
    list(analyzer("negotiations negotiations"))
    assert analyzer._cache[("negotiations", False)][0] == (("negoti", False),)


def test_pickled_analyzer_leaves_its_cache_behind_and_still_works():
    analyzer = CableAnalyzer()
    list(analyzer("a long list of words to fill the cache"))
    restored = pickle.loads(pickle.dumps(analyzer))
    assert restored._cache == {}
    assert restored == analyzer
    assert [t.text for t in restored("Ministers")] == ["minist"]


def test_query_mode_stems_the_same():
    assert terms("Trafficking victims", mode="query") == terms("trafficking victims")
