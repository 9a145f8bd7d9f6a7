"""Each query field finds what a researcher means by it, over the hand-made cables."""

from __future__ import annotations

import pytest
from search_cables import small_index  # noqa: F401  (fixture)

from cablesearch.search import QueryError, Searcher


@pytest.fixture(scope="module")
def searcher(small_index):  # noqa: F811
    with Searcher(small_index) as opened:
        yield opened


def refs(searcher, query, **kwargs):
    return {hit.ref for hit in searcher.search(query, limit=100, **kwargs).hits}


def seqs(searcher, query):
    return {(hit.cable, hit.seq) for hit in searcher.search(query, limit=100).hits}


def cables(searcher, query, **kwargs):
    return {hit.cable for hit in searcher.search(query, limit=100, **kwargs).hits}


@pytest.mark.parametrize("query", ["tag:PHUM", "tag:phum", "tags:Phum"])
def test_tag_is_case_insensitive(searcher, query):
    assert cables(searcher, query) == {"08ASTANA1111", "08STATE58370", "10USUNNEWYORK55"}


def test_origin_matches_any_word(searcher):
    assert cables(searcher, "origin:baghdad") == {"09BAGHDAD197"}
    assert cables(searcher, "origin:embassy") == {"08ASTANA1111", "09BAGHDAD197", "06TBILISI619"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("class:secret", {"09BAGHDAD197"}),
        ("class:S", {"09BAGHDAD197"}),
        ("classification:confidential", {"06TBILISI619"}),
        ("class:unclassified", {"08STATE58370", "10USUNNEWYORK55"}),
        ("class:sbu", {"08ASTANA1111"}),
        ("class:fouo", {"08ASTANA1111"}),
    ],
)
def test_class_is_the_cable_level(searcher, query, expected):
    assert cables(searcher, query) == expected


def test_class_matches_every_paragraph_of_the_cable(searcher):
    """The Baghdad cable is SECRET; its (C) paragraph is still in a SECRET cable."""
    assert "09BAGHDAD197 ¶2.1" in refs(searcher, "class:secret")


def test_marking_is_the_paragraph_level(searcher):
    assert refs(searcher, "marking:C") == {"09BAGHDAD197 ¶2.1", "06TBILISI619 ¶1",
                                           "06TBILISI619 ¶2"}
    assert refs(searcher, "marking:SBU") == {"08ASTANA1111 ¶1", "08ASTANA1111 ¶2",
                                             "08ASTANA1111 ¶3"}


def test_marking_caveat_matches_the_caveat(searcher):
    assert refs(searcher, "marking:NF") == {"09BAGHDAD197 ¶1"}
    assert refs(searcher, "marking:noforn") == {"09BAGHDAD197 ¶1"}
    assert seqs(searcher, 'marking:"REL NATO"') == {("09BAGHDAD197", 3)}


def test_marking_with_caveat_needs_both(searcher):
    assert refs(searcher, "marking:S/NF") == {"09BAGHDAD197 ¶1"}
    assert seqs(searcher, "marking:S") == {("09BAGHDAD197", 1), ("09BAGHDAD197", 3)}


def test_signer_and_subject(searcher):
    assert cables(searcher, "signer:ordway") == {"08ASTANA1111"}
    assert cables(searcher, "subject:hydrocarbon") == {"09BAGHDAD197"}


@pytest.mark.parametrize("query", ["id:08ASTANA*", "id:08astana*", "id:08astana1111"])
def test_id_prefix_and_exact(searcher, query):
    assert cables(searcher, query) == {"08ASTANA1111"}


def test_ref_finds_the_cables_citing_it(searcher):
    assert cables(searcher, "ref:08STATE58370") == {"08ASTANA1111", "09BAGHDAD197"}
    assert cables(searcher, "ref:08state58370") == {"08ASTANA1111", "09BAGHDAD197"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year:2008", {"08ASTANA1111", "08STATE58370"}),
        ("year:[2009 TO *]", {"09BAGHDAD197", "10USUNNEWYORK55"}),
        ("created:2008-06", {"08ASTANA1111", "08STATE58370"}),
        ("created:2008-06-13", {"08ASTANA1111"}),
        ("created:[2008-01-01 TO 2008-06-05]", {"08STATE58370"}),
        ("created:[2006 TO 2008-06-02]", {"06TBILISI619", "08STATE58370"}),
        ("released:2011", {"08ASTANA1111"}),
    ],
)
def test_dates(searcher, query, expected):
    assert cables(searcher, query) == expected


def test_words_and_phrases_and_boolean(searcher):
    assert cables(searcher, '"human rights"') == {"09BAGHDAD197", "10USUNNEWYORK55"}
    assert cables(searcher, "pipeline minister") == {"09BAGHDAD197", "06TBILISI619"}
    assert cables(searcher, "pipeline -georgia") == {"09BAGHDAD197"}
    assert cables(searcher, "pipeline NOT georgia") == {"09BAGHDAD197"}
    assert cables(searcher, "hydrocarbon OR shelters") == {"09BAGHDAD197", "08ASTANA1111"}
    assert cables(searcher, "(hydrocarbon OR shelters) tag:KZ") == {"08ASTANA1111"}


def test_prefix_search(searcher):
    assert cables(searcher, "traffick*") == {"08ASTANA1111", "08STATE58370", "10USUNNEWYORK55"}


def test_damaged_typography_is_found_as_typed(searcher):
    assert refs(searcher, "Kazakhstan's efforts") == {"08ASTANA1111 ¶2"}
    assert refs(searcher, '"revenue sharing"') == {"09BAGHDAD197 ¶1"}
    assert refs(searcher, "alqaida") == {"09BAGHDAD197 ¶2.1"}
    assert refs(searcher, "1.4(b)") == {"06TBILISI619 ¶1"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("tagg:PHUM", "unknown field 'tagg:' at column 1"),
        ("created:2008-13", "bad date '2008-13' at column 9"),
        ("created:June", "bad date 'June' at column 9"),
        ("year:two", "bad year 'two' at column 6"),
        ("class:purple", "unknown classification 'purple' at column 7"),
        ("tag:[a TO b]", "a range at column 5 needs created:, released:, year: or cited-by-count:"),
        ("created:[2009 TO 2008]", "empty range at column 9: 2009 is after 2008"),
        ("class:secr*", "'class:' at column 7 takes no prefix (*)"),
        ("tag:", "field 'tag:' at column 1 has no value"),
        ("iran tag: PHUM", "field 'tag:' at column 6 has no value"),
        ("marking:XYZ", "unknown marking 'XYZ' at column 9: no paragraph is marked XYZ"),
        ("marking:S/ORCON", "unknown marking 'S/ORCON' at column 9"),
        ("tag:PHUM,PREL", "unknown tag format 'PHUM,PREL' at column 5"),
        ("id:08ASTANA1111,08STATE58370", "unknown cable id format '08ASTANA1111,08STATE58370'"),
        ('ref:"08STATE58370 06TBILISI619"', "unknown cable id format '08STATE58370 06TBILISI619'"),
        ("class:secret~", "'class:' at column 7 takes no fuzzy word (~)"),
        ('origin:"embassy astana"~2', "'origin:' at column 8 has no word positions"),
    ],
)
def test_field_errors_say_what_and_where(searcher, query, message):
    with pytest.raises(QueryError) as error:
        searcher.search(query)
    assert str(error.value).startswith(message)
