"""Our own stop word list: noise dropped, words that matter in cables kept."""

from index_helpers import finds, terms

from cablesearch.index.analysis import STOP_WORDS, CableAnalyzer


def test_stop_words_dropped():
    assert terms("the minister of the interior") == ["minist", "interior"]


def test_words_that_matter_in_cables_are_not_stop_words():
    for word in ("us", "may", "not", "no", "will", "can"):
        assert word not in STOP_WORDS
    assert terms("not in May") == ["not", "may"]


def test_stop_words_take_no_position_so_phrases_match_with_or_without_them():
    positions = [t.pos for t in CableAnalyzer()("rule of the law", positions=True)]
    assert positions == [0, 1]
    assert finds("respect for the rule of the law", '"rule of law"')
    assert finds("respect for the rule of law", '"rule law"')


def test_stopped_tokens_flagged_when_asked_to_keep_them():
    tokens = [(t.text, t.stopped) for t in CableAnalyzer()("the cat", removestops=False)]
    assert tokens == [("the", True), ("cat", False)]
