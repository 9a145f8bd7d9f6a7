"""nltk's Snowball English stemmer, memoized, identical for documents and queries."""

import pickle

from index_helpers import finds, terms

from cablesearch.index import analysis
from cablesearch.index.analysis import CableAnalyzer


def test_snowball_not_porter():
    assert terms("terrorizing") == ["terror"]


def test_inflections_find_each_other():
    assert finds("The ministers negotiated for hours", "minister negotiation")


def test_stems_are_memoized_across_analyzer_instances():
    list(CableAnalyzer()("Renegotiations"))
    assert analysis._memo[("Renegotiations", False)] == ((("renegoti", False),), ())
    analysis._memo[("Renegotiations", False)] = ((("memoized", False),), ())
    try:
        assert [t.text for t in CableAnalyzer()("Renegotiations")] == ["memoized"]
    finally:
        del analysis._memo[("Renegotiations", False)]


def test_pickled_analyzer_leaves_the_memo_behind_and_still_works():
    list(CableAnalyzer()("a long list of words to fill the memo"))
    pickled = pickle.dumps(CableAnalyzer())
    assert len(pickled) < 100
    restored = pickle.loads(pickled)
    assert restored == CableAnalyzer()
    assert [t.text for t in restored("Ministers")] == ["minist"]


def test_query_mode_stems_the_same():
    assert terms("Trafficking victims", mode="query") == terms("trafficking victims")
