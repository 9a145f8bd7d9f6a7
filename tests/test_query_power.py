"""Proximity, NEAR, fuzzy words, pasted text, bare cable ids and filters alone, over the
hand-made cables (positions: `hydrocarbon law negotiations stalled; human rights ...`)."""

from __future__ import annotations

import pytest
from search_cables import small_index  # noqa: F401  (fixture)

from cablesearch.engine import compile
from cablesearch.search import QueryError, Searcher


@pytest.fixture(scope="module")
def searcher(small_index):  # noqa: F811
    with Searcher(small_index) as opened:
        yield opened


def refs(searcher, query, **kwargs):
    return {hit.ref for hit in searcher.search(query, limit=100, **kwargs).hits}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ('"hydrocarbon stalled"~2', True),  # law, negotiations between
        ('"hydrocarbon stalled"~1', False),
        ('"stalled hydrocarbon"~2', True),  # any order
        ('"deputy minister"~0', True),
        ('"minister deputy"~0', True),
        ("hydrocarbon NEAR/2 stalled", True),
        ("stalled NEAR/1 hydrocarbon", False),
        ('negotiations NEAR/1 "human rights"', True),  # stalled between
        ('negotiations NEAR/0 "human rights"', False),
        # The phrase starts before the word and ends within reach of it.
        ('stalled NEAR/1 "hydrocarbon law"', True),
        ('stalled NEAR/0 "hydrocarbon law"', False),
        ('"hydrocarbon stalled groups"~3', True),
        ('"hydrocarbon stalled groups"~1', False),
        # Stop words are words: `Summary of the annual ...`
        ('"summary annual"~2', True),
        ('"summary annual"~1', False),
        ('"annual the"~0', True),
        ('"summary the annual"~0', False),  # `of` between
        ('"summary the annual"~1', True),
        ('trafficking NEAR/1 "of the annual"', True),
    ],
)
def test_proximity_any_order_within_n_words(searcher, query, found):
    text_refs = refs(searcher, f"text:({query})" if "NEAR" in query else f"text:{query}")
    assert bool(text_refs) is found, text_refs


def test_proximity_is_not_the_phrase_and_the_number(searcher):
    """`"a b"~3` once searched the phrase AND the word 3."""
    assert refs(searcher, '"minister deputy"~3') == {"08ASTANA1111 ¶2"}
    assert refs(searcher, '"minister deputy"') == set()
    assert refs(searcher, '"minister deputy" 3') == set()


def test_proximity_in_the_subject(searcher):
    assert refs(searcher, 'subject:"security georgia"~1') == {"06TBILISI619 ¶1",
                                                               "06TBILISI619 ¶2"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hydrocarbn~", {"09BAGHDAD197 ¶1", "09BAGHDAD197 ¶2.1", "09BAGHDAD197 ¶2.2"}),
        ("hydrocrbn~2", {"09BAGHDAD197 ¶1", "09BAGHDAD197 ¶2.1", "09BAGHDAD197 ¶2.2"}),
        ("hydrocrbn~", set()),
        ("hydrocarbn", set()),
        # A typo in the suffix the stemmer strips: `minister` is indexed `minist`.
        ("text:minster~", {"06TBILISI619 ¶2", "09BAGHDAD197 ¶2.1", "08ASTANA1111 ¶2"}),
    ],
)
def test_fuzzy_words(searcher, query, expected):
    assert refs(searcher, query) == expected


def test_fuzzy_hits_are_highlighted_as_found(searcher):
    hit = searcher.search("hydrocarbn~ negotiatons~").hits[0]
    assert "[[Hydrocarbon]]" in hit.snippet and "[[negotiations]]" in hit.snippet


def test_fuzzy_expansions_are_capped(searcher, monkeypatch):
    searcher.search("on~2")  # of, oil, on
    monkeypatch.setattr(compile, "MAX_EXPANSIONS", 1)
    with pytest.raises(QueryError, match=r"'on~2' at column 1 matches more than 1 words"):
        searcher.search("on~2")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Summary: trafficking report", {"08ASTANA1111 ¶-"}),
        ("Classified By: Ambassador", {"06TBILISI619 ¶1"}),
    ],
)
def test_pasted_cable_text_is_text(searcher, query, expected):
    assert refs(searcher, query) == expected


def test_a_url_is_text_not_a_field(searcher):
    assert searcher.search("https://wikileaks.org/cable/2009/01/09BAGHDAD197.html").total == 0


def test_bare_cable_id_finds_the_cable_first(searcher):
    result = searcher.search("09BAGHDAD197")
    assert result.total == 3
    assert {hit.cable for hit in result.hits} == {"09BAGHDAD197"}
    assert searcher.search("08state58370").hits[0].cable == "08STATE58370"


def test_filters_alone_list_every_paragraph_oldest_first(searcher):
    result = searcher.search(None, filters={"tag": "PHUM"}, limit=100)
    assert result.total == 7
    dates = [hit.created for hit in result.hits]
    assert dates == sorted(dates) and result.hits[0].cable == "08STATE58370"
    assert all(hit.score is None for hit in result.hits)
    assert searcher.search("", filters={"tag": "PHUM", "marking": "SBU"}).total == 3


def test_comma_separated_tags_are_all_required(searcher):
    assert searcher.search("", filters={"tag": "PHUM,KZ"}).total == 4
    assert searcher.search("", filters={"tag": ["PHUM, KZ"]}).total == 4


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"since": "2010", "until": "2008"}, "--since 2010 is after --until 2008"),
        ({"tag": "PHUM;KZ"}, "--tag: unknown tag format 'PHUM;KZ'"),
        ({"marking": "XYZ"}, "--marking: unknown marking 'XYZ': no paragraph is marked XYZ"),
    ],
)
def test_filters_that_cannot_match_are_errors(searcher, filters, message):
    with pytest.raises(QueryError) as error:
        searcher.search("", filters=filters)
    assert str(error.value).startswith(message)


def test_no_query_and_no_filter_is_an_error(searcher):
    with pytest.raises(QueryError, match="empty query"):
        searcher.search("  ")


@pytest.mark.parametrize("query", ["(" * 100 + "pipeline" + ")" * 100,
                                   "NOT " * 100 + "pipeline", "-" * 100 + "pipeline"])
def test_nesting_up_to_the_bound_is_answered(searcher, query):
    searcher.search(query)


@pytest.mark.parametrize("query", ["(" * 101 + "x" + ")" * 101, "(" * 5000,
                                   "NOT " * 1000 + "x", "-" * 1000 + "x"])
def test_deeper_nesting_is_refused(searcher, query):
    with pytest.raises(QueryError, match="query nested too deeply"):
        searcher.search(query)


@pytest.mark.parametrize(
    ("query", "meant"),
    [
        ("hydrocarbn negotiatons", "hydrocarbon negotiations"),
        ('"humn rights" council', '"human rights" council'),
        ("subject:hydrocarbn", "subject:hydrocarbon"),
        ("tag:EPET pipelnes", "tag:EPET pipelines"),
    ],
)
def test_did_you_mean_respells_rare_words_from_the_index(searcher, query, meant):
    result = searcher.search(query)
    assert result.total == 0 and result.did_you_mean == meant
    assert searcher.search(meant).total > 0


def test_no_suggestion_where_hits_are_many_or_nothing_is_better(searcher):
    assert searcher.search("trafficking").did_you_mean is None
    assert searcher.search("zeppelin").did_you_mean is None  # nothing one edit away
    assert searcher.search("hydrocarbn*").did_you_mean is None  # a prefix is as meant
    # Respelled, it would still find nothing with this filter.
    assert searcher.search("hydrocarbn", filters={"tag": "PHUM"}).did_you_mean is None
