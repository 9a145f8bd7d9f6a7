"""Our own stop word list: noise dropped, words that matter in cables kept."""

from index_helpers import terms

from cablesearch.index.analysis import STOP_WORDS, CableAnalyzer


def test_stop_words_dropped():
    assert terms("the minister of the interior") == ["minist", "interior"]


def test_words_that_matter_in_cables_are_not_stop_words():
    for word in ("us", "may", "not", "no", "will", "can"):
        assert word not in STOP_WORDS
    assert terms("not in May") == ["not", "may"]


def test_stop_words_take_a_position_so_quoted_phrases_can_count_them():
    tokens = [(t.text, t.pos) for t in CableAnalyzer()("rule of the law", positions=True)]
    assert tokens == [("rule", 0), ("law", 3)]
    kept = [(t.text, t.pos, t.stopped)
            for t in CableAnalyzer()("rule of law", positions=True, removestops=False)]
    assert kept == [("rule", 0, False), ("of", 1, True), ("law", 2, False)]


def test_queries_drop_stop_words_unless_asked_to_keep_them():
    assert terms("the hague", mode="query") == ["hagu"]
    kept = [t.text for t in CableAnalyzer()("the hague", mode="query", removestops=False)]
    assert kept == ["the", "hagu"]


def test_stopped_tokens_flagged_when_asked_to_keep_them():
    tokens = [(t.text, t.stopped) for t in CableAnalyzer()("the cat", removestops=False)]
    assert tokens == [("the", True), ("cat", False)]
