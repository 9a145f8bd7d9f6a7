"""The query grammar: what parses to what, and one clear error for each kind of mistake."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablesearch.search import QueryError
from cablesearch.search.querylang import (
    And,
    Field,
    Near,
    Not,
    Or,
    Phrase,
    Range,
    Word,
    operator_warnings,
    parse_query,
)


def test_words_are_anded():
    assert parse_query("nuclear iran") == And((Word("nuclear", 1), Word("iran", 9)))


def test_or_binds_looser_than_and():
    assert parse_query("a OR b c") == Or((Word("a", 1), And((Word("b", 6), Word("c", 8)))))


def test_explicit_and_is_the_same_as_juxtaposition():
    assert parse_query("a AND b") == And((Word("a", 1), Word("b", 7)))


@pytest.mark.parametrize("query", ["NOT oil", "-oil"])
def test_negation_forms(query):
    node = parse_query(query)
    assert isinstance(node, Not) and node.item.text == "oil"


def test_phrase_prefix_and_group():
    node = parse_query('"human rights" terror* (iran OR iraq)')
    assert node == And((
        Phrase("human rights", 1),
        Word("terror", 16, prefix=True),
        Or((Word("iran", 25), Word("iraq", 33))),
    ))


def test_fields_keep_their_value_forms():
    node = parse_query('tag:PHUM subject:"tip report" id:08astana* created:[2008-01 TO *]')
    assert node == And((
        Field("tag", Word("PHUM", 5), 1),
        Field("subject", Phrase("tip report", 18), 10),
        Field("id", Word("08astana", 34, prefix=True), 31),
        Field("created", Range("2008-01", None, 52), 44),
    ))


def test_field_with_group():
    assert parse_query("tag:(PHUM OR PREL)") == Field(
        "tag", Or((Word("PHUM", 6), Word("PREL", 14))), 1
    )


def test_section_citation_stays_one_word():
    """`1.4(b)`, the classification-reason citation, is a word, not a group."""
    assert parse_query("1.4(b) reasons") == And((Word("1.4(b)", 1), Word("reasons", 8)))


def test_lowercase_or_is_a_word():
    assert parse_query("war or peace") == And((Word("war", 1), Word("or", 5), Word("peace", 8)))


def test_proximity_fuzzy_and_near():
    assert parse_query('"nuclear weapons"~3') == Near(
        (Word("nuclear", 2), Word("weapons", 10)), 3, 1)
    assert parse_query("a NEAR/2 \"b c\"") == Near((Word("a", 1), Phrase("b c", 10)), 2, 1)
    assert parse_query("nucler~ x~2") == And((Word("nucler", 1, fuzzy=1),
                                               Word("x", 9, fuzzy=2)))
    assert parse_query("THE NEAR EAST") == And((Word("THE", 1), Word("NEAR", 5),
                                                 Word("EAST", 10)))


def test_pasted_text_and_urls_are_words():
    assert parse_query("Summary: ok") == And((Word("Summary:", 1), Word("ok", 10)))
    url = "https://wikileaks.org/cable/2008/06/08ASTANA1111.html#par3"
    assert parse_query(url) == Word(url, 1)


def test_lowercase_operators_are_warned_about():
    assert operator_warnings("war or peace not x") == [
        "'or' at column 5 is searched as a word; operators are capitals: OR",
        "'not' at column 14 is searched as a word; operators are capitals: NOT"]
    assert operator_warnings("or war") == [] and operator_warnings("war OR peace") == []


def test_time_of_day_is_not_a_field():
    assert parse_query("11:56") == Word("11:56", 1)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"human rights', 'unbalanced quote: the " at column 1 is never closed'),
        ("(iran OR iraq", "unbalanced parenthesis: '(' at column 1 is never closed"),
        ("iran)", "unbalanced parenthesis: ')' at column 5 has no matching '('"),
        ("iran OR", "OR at column 6 needs a term after it"),
        ("OR iran", "OR at column 1 needs a term before it"),
        ("iran OR OR iraq", "OR at column 6 needs a term after it"),
        ("iran AND", "AND at column 6 needs a term after it"),
        ("iran NOT", "NOT at column 6 needs a term after it"),
        ("iran -", "'-' at column 6 must be followed by a term to exclude"),
        ("()", "empty parentheses at column 1"),
        ("", "empty query"),
        ("   ", "empty query"),
        ("*", "'*' at column 1 is not a word (a prefix needs letters)"),
        ("created:[2008 2009]", "bad range '[2008 2009]' at column 9: write [FROM TO UNTIL]"),
        ("created:[2008 TO 2009", "unbalanced bracket: the [ at column 9 is never closed"),
        ('"human right*"', "'right*' at column 8: inside quotes words are searched as written; "
                           "prefix* and word~ work outside quotes"),
        ('"nucler~ weapons"~3', "'nucler~' at column 2: inside quotes words are searched as "
                                "written; prefix* and word~ work outside quotes"),
        ('"a b"~', "'~' at column 6 needs a number of words: \"a b\"~5 finds its words at "
                   "most 5 words apart"),
        ("x~3", "'x~3' at column 1: a fuzzy word is within 1 to 2 edits"),
        ("~x", "'~x' at column 1: write word~ or word~2 (a word within 1 or 2 edits)"),
        ("a NEAR/3 b NEAR/4 c", "NEAR/4 at column 12: one chain of NEAR takes one distance "
                                "(NEAR/3 before it)"),
        ("NEAR/3 b", "NEAR/3 at column 1 needs a word or phrase before it"),
        ("a NEAR/3 tag:x", "NEAR/3 at column 3 needs a word or phrase after it"),
        ("a NEAR/3 b*", "NEAR/3 at column 3 joins plain words or phrases (no fields, groups, "
                        "prefix* or word~)"),
    ],
)
def test_syntax_errors_say_what_and_where(query, message):
    with pytest.raises(QueryError) as error:
        parse_query(query)
    assert str(error.value) == message


_PIECES = [*'ab :*-"()[]', " OR ", " NOT ", " AND ", " TO ", "tag:", "created:", "x:"]


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_any_input_parses_or_raises_query_error(query):
    try:
        parse_query(query)
    except QueryError as error:
        assert "\n" not in str(error)


def _leaves(node):
    """The word, phrase, range and field leaves of a tree, with the column of each."""
    if isinstance(node, And | Or):
        for item in node.items:
            yield from _leaves(item)
    elif isinstance(node, Not):
        yield from _leaves(node.item)
    elif isinstance(node, Near):
        yield from node.items
    elif isinstance(node, Field):
        yield node
        yield from _leaves(node.value)
    else:
        yield node


@given(st.text() | st.lists(st.sampled_from([*_PIECES, "~2", "NEAR/2 "]), max_size=12).map("".join))
def test_arbitrary_text_parses_or_raises_query_error(query):
    """Nothing is invented: each word, phrase and field of the tree stands in the text at
    its column; a refusal is one line that names the column (or says the query is empty)."""
    try:
        tree = parse_query(query)
    except QueryError as error:
        message = str(error)
        assert "\n" not in message
        column = re.search(r"column (\d+)", message)
        assert message == "empty query" or (
            column and 1 <= int(column.group(1)) <= len(query) + 1), message
        return
    for leaf in _leaves(tree):
        at = query[leaf.col - 1:]
        if isinstance(leaf, Word):
            assert at.startswith(leaf.text), (query, leaf)
        elif isinstance(leaf, Phrase):
            assert leaf.text in at, (query, leaf)
        elif isinstance(leaf, Field):
            assert at.startswith(f"{leaf.name}:"), (query, leaf)
        elif isinstance(leaf, Range):
            assert at.startswith("["), (query, leaf)
