"""The corpus' conversion damage: `Iraq,s` for `Iraq's`, `&word8` for a quoted "word"."""

from index_helpers import finds, terms

from cablesearch.index.analysis import repair_typography


def test_comma_s_indexes_like_apostrophe_s():
    assert terms("Iraq,s oil law") == terms("Iraq's oil law") == ["iraq", "oil", "law"]


def test_comma_s_found_by_the_possessive_and_the_bare_word():
    assert finds("Kazakhstan,s efforts against trafficking", "kazakhstan's")
    assert finds("Kazakhstan,s efforts against trafficking", "kazakhstan")


def test_commas_in_numbers_and_lists_are_left_alone():
    assert repair_typography("1,500 troops, tanks,s") == "1,500 troops, tanks's"
    assert repair_typography("Iraq, Syria") == "Iraq, Syria"


def test_ampersand_eight_quote_indexes_like_a_quoted_word():
    assert terms("the &no first use8 pledge") == terms('the "no first use" pledge')
    assert "use8" not in terms("the &no first use8 pledge")


def test_ampersand_eight_quote_found_as_a_phrase():
    assert finds("Iran called the offer &unacceptable8 on Monday", '"offer unacceptable"')
    assert finds("Iran called the offer &unacceptable8 on Monday", "unacceptable")


def test_g8_and_digits_ending_in_8_are_not_quotes():
    assert "g8" in terms("at the G8 summit")
    assert "1998" in terms("&in 1998 they said")


def test_repair_keeps_offsets_so_highlights_fit_the_stored_text():
    text = "Iraq,s &word8 and Syria,s"
    assert len(repair_typography(text)) == len(text)
