"""Snippets: the best passage, matches marked, cuts shown, plain and bold renderings."""

from __future__ import annotations

from cablesearch.search.snippets import SNIPPET_CHARS, make_snippet, render_marks, unmark

FILLER = "The delegation reviewed the agenda at length. " * 8


def test_passage_in_the_middle_is_cut_on_both_sides():
    text = FILLER + "The minister confirmed the pipeline route. " + FILLER
    snippet = make_snippet(text, {"pipelin"})
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "[[pipeline]] route" in snippet
    assert len(unmark(snippet)) <= SNIPPET_CHARS + 4


def test_best_passage_is_the_one_with_most_matches():
    text = ("Gas was mentioned once here. " + FILLER
            + "Gas prices and gas transit and the gas pipeline were discussed. " + FILLER)
    snippet = make_snippet(text, {"gas"})
    assert snippet.count("[[") >= 3


def test_whole_short_paragraph_has_no_ellipsis():
    snippet = make_snippet("Posts should deliver the tier report.", {"tier"})
    assert snippet == "Posts should deliver the [[tier]] report"


def test_no_match_gives_the_opening():
    snippet = make_snippet(FILLER, set())
    assert FILLER.startswith(snippet.removesuffix(" …")) and snippet.endswith(" …")
    assert make_snippet("Short text.", {"absent"}) == "Short text."


def test_line_breaks_are_squeezed():
    snippet = make_snippet("Iran,s\nnuclear   program", {"nuclear"})
    assert "\n" not in snippet and "  " not in snippet


def test_renderings():
    snippet = "the [[pipeline]] and [[gas]]"
    assert unmark(snippet) == "the pipeline and gas"
    assert render_marks(snippet, str.upper) == "the PIPELINE and GAS"
