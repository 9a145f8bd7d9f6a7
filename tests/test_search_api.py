"""The Python API: totals, ranking, sorting, paging, collapsing, filters, facets, hits, show."""

from __future__ import annotations

from pathlib import Path

import pytest
from search_cables import CABLES, small_index  # noqa: F401  (fixture)

from cablesearch.cable import Cable, Paragraph
from cablesearch.index import index_stats, update_index
from cablesearch.index.writer import add_cables
from cablesearch.search import NoIndex, QueryError, Searcher, UnknownRef
from cablesearch.search.snippets import unmark


@pytest.fixture(scope="module")
def searcher(small_index):  # noqa: F811
    with Searcher(small_index) as opened:
        yield opened


def test_total_is_exact_beyond_the_limit(searcher):
    result = searcher.search("tag:PHUM", limit=2)
    assert result.total == 7  # 4 Astana + 2 State + 1 USUN paragraphs
    assert len(result.hits) == 2


def test_pages_do_not_overlap_and_cover_everything(searcher):
    pages = [searcher.search("tag:PHUM", limit=3, offset=offset).hits for offset in (0, 3, 6)]
    seen = [(hit.cable, hit.seq) for page in pages for hit in page]
    assert len(seen) == 7 == len(set(seen))


def test_offset_past_the_end_is_empty_with_the_total(searcher):
    result = searcher.search("tag:PHUM", offset=50)
    assert result.total == 7 and result.hits == ()


def test_relevance_puts_the_denser_paragraph_first(searcher):
    hits = searcher.search("trafficking persons report").hits
    assert hits[0].ref in {"08ASTANA1111 ¶1", "08STATE58370 ¶1"}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_sort_by_date_both_ways(searcher):
    oldest = searcher.search("pipeline* OR trafficking", sort="date", limit=20).hits
    newest = searcher.search("pipeline* OR trafficking", sort="-date", limit=20).hits
    assert [h.created for h in oldest] == sorted(h.created for h in oldest)
    assert [h.created for h in newest] == sorted((h.created for h in newest), reverse=True)
    assert oldest[0].cable == "06TBILISI619" and newest[0].cable == "10USUNNEWYORK55"
    assert all(h.score is None for h in oldest)


def test_date_sort_keeps_a_cables_paragraphs_in_order(searcher):
    hits = searcher.search("id:08ASTANA1111", sort="-date").hits
    assert [h.seq for h in hits] == [1, 2, 3, 4]


def test_by_cable_collapses_to_the_best_paragraph_with_counts(searcher):
    result = searcher.search("trafficking", by_cable=True, limit=10)
    by_cable = {hit.cable: hit for hit in result.hits}
    assert result.total == 3 == len(by_cable)
    assert by_cable["08ASTANA1111"].matches == 3
    # its subject, 2008 TRAFFICKING IN PERSONS REPORT, matches for both its paragraphs
    assert by_cable["08STATE58370"].matches == 2
    assert result.to_json()["hits"][0]["matches"] >= 1


def test_hit_fields(searcher):
    hit = searcher.search('"against human trafficking"').hits[0]
    assert hit.ref == "08ASTANA1111 ¶2"
    assert (hit.cable, hit.number, hit.seq) == ("08ASTANA1111", 2, 3)
    assert (hit.marking, hit.level) == ("SBU", "SBU")
    assert hit.subject == "KAZAKHSTAN: TIP REPORT DELIVERED"
    assert hit.created == "2008-06-13T11:56"
    assert hit.origin == "Embassy Astana"
    assert hit.tags == ("PHUM", "PGOV", "KCRIM", "KZ")
    assert hit.citation == "08ASTANA1111 ¶2 (SBU)"
    assert "[[human]] [[trafficking]]" in hit.snippet
    assert hit.to_json()["tags"] == ["PHUM", "PGOV", "KCRIM", "KZ"]
    assert "matches" not in hit.to_json()


def test_unnumbered_paragraph_ref(searcher):
    hit = searcher.search("summary delivery").hits[0]
    assert (hit.ref, hit.number, hit.seq) == ("08ASTANA1111 ¶-", None, 1)
    assert hit.citation == "08ASTANA1111 ¶-"


def test_snippet_marks_stemmed_and_repaired_matches(searcher):
    snippet = searcher.search("Kazakhstan efforts").hits[0].snippet
    assert "[[Kazakhstan,s]] [[efforts]]" in snippet
    assert unmark(snippet).startswith("The Government of Kazakhstan,s")


def test_snippet_does_not_mark_excluded_words(searcher):
    snippet = searcher.search("pipelines -georgia -security").hits[0].snippet
    assert "[[pipelines]]" in snippet and "[[" not in snippet.replace("[[pipelines]]", "")


def test_field_only_query_snippet_is_the_opening(searcher):
    hit = searcher.search("id:06TBILISI619").hits[0]
    assert hit.snippet == "Classified by Ambassador for reasons 1.4(b) and (d)."


@pytest.mark.parametrize(
    ("filters", "query"),
    [
        ({"tag": "PHUM"}, "tag:PHUM"),
        ({"tag": ["phum", "KZ"]}, "tag:PHUM tag:KZ"),
        ({"origin": "Embassy Baghdad"}, "origin:embassy origin:baghdad"),
        ({"classification": "secret"}, "class:secret"),
        ({"marking": "NF"}, "marking:NF"),
        ({"since": "2008-06-10"}, "created:[2008-06-10 TO *]"),
        ({"until": "2008"}, "created:[* TO 2008]"),
        ({"since": "2008", "until": "2009-01"}, "created:[2008 TO 2009-01]"),
    ],
)
def test_filters_agree_with_query_fields(searcher, filters, query):
    words = "minister OR report OR pipeline* OR rights"
    filtered = searcher.search(words, filters=filters, limit=100)
    fielded = searcher.search(f"({words}) {query}", limit=100)
    assert filtered.total == fielded.total
    assert [h.ref for h in filtered.hits] == [h.ref for h in fielded.hits]


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"since": "last week"}, "bad date 'last week' for --since"),
        ({"classification": "purple"}, "--classification: unknown classification 'purple'"),
        ({"colour": "red"}, "unknown filter 'colour'"),
    ],
)
def test_bad_filters_raise_query_errors(searcher, filters, message):
    with pytest.raises(QueryError) as error:
        searcher.search("minister", filters=filters)
    assert str(error.value).startswith(message)


def test_facets_count_matching_paragraphs(searcher):
    result = searcher.search("text:pipeline*", facets=["tag", "year", "marking", "classification",
                                                  "origin"])
    assert result.total == 2
    assert dict(result.facets["tag"]) == {"EPET": 2, "PGOV": 1, "IZ": 1, "PREL": 1, "GG": 1}
    assert result.facets["tag"][0] == ("EPET", 2)
    assert dict(result.facets["year"]) == {"2009": 1, "2006": 1}
    assert dict(result.facets["marking"]) == {"C": 2}
    assert dict(result.facets["classification"]) == {"S": 1, "C": 1}
    assert dict(result.facets["origin"]) == {"Embassy Baghdad": 1, "Embassy Tbilisi": 1}
    assert result.to_json()["facets"]["marking"] == [["C", 2]]


def test_facets_over_the_whole_index_count_every_paragraph(searcher):
    counts = dict(searcher.facets(by="tag", limit=None))
    expected: dict[str, int] = {}
    for cable in CABLES:
        for tag in cable.tags:
            expected[tag] = expected.get(tag, 0) + len(cable.paragraphs)
    assert counts == expected


def test_facets_by_cable_count_cables(searcher):
    assert dict(searcher.facets("trafficking", by="marking", by_cable=True)) == {
        "SBU": 1, "U": 1, "unmarked": 2}
    assert dict(searcher.facets(by="year", by_cable=True)) == {
        "2006": 1, "2008": 2, "2009": 1, "2010": 1}


def test_facet_limit(searcher):
    assert len(searcher.facets(by="tag", limit=2)) == 2


def test_unknown_facet_and_sort(searcher):
    with pytest.raises(QueryError, match="unknown facet 'colour'"):
        searcher.search("oil", facets=["colour"])
    with pytest.raises(QueryError, match="unknown sort 'size'"):
        searcher.search("oil", sort="size")


@pytest.mark.parametrize(
    "ref", ["08ASTANA1111 ¶2", "08ASTANA1111¶2", "08ASTANA1111/2", "08ASTANA1111#par2",
            "08astana1111 ¶ 2", "08ASTANA1111@3"])
def test_show_one_paragraph_in_every_ref_form(searcher, ref):
    shown = searcher.show(ref)
    assert [p.seq for p in shown.paragraphs] == [3]
    assert shown.focus == 3
    assert shown.to_json()["focus"] == "08ASTANA1111 ¶2"


def test_show_with_context(searcher):
    shown = searcher.show("08ASTANA1111 ¶2", context=1)
    assert [p.seq for p in shown.paragraphs] == [2, 3, 4]
    assert [p["ref"] for p in shown.to_json()["paragraphs"]] == [
        "08ASTANA1111 ¶1", "08ASTANA1111 ¶2", "08ASTANA1111 ¶3"]
    assert [p.seq for p in searcher.show("08ASTANA1111 ¶1", context=5).paragraphs] == [1, 2, 3, 4]


def test_show_whole_cable_round_trips_the_parsed_cable(searcher):
    shown = searcher.show("08ASTANA1111")
    assert shown.focus is None
    assert shown.cable == CABLES[0]
    assert shown.to_json()["paragraphs"][0]["ref"] == "08ASTANA1111 ¶-"


def test_show_repeated_number_opens_every_copy_and_its_occurrence_one(searcher):
    both = searcher.show("09BAGHDAD197 ¶2")
    assert both.cited == (2, 3) and both.focus == 2
    assert both.notes == ("09BAGHDAD197 repeats the number ¶2 (2 paragraphs): "
                          "cite one as ¶2.1, ¶2.2",)
    second = searcher.show("09BAGHDAD197 ¶2.2")
    assert [p.marking for p in second.paragraphs] == ["S//REL NATO"] and not second.notes
    assert second.to_json()["focus"] == "09BAGHDAD197 ¶2.2"
    assert searcher.show("09BAGHDAD197@3").cited == (3,)


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("99NOWHERE1", "99NOWHERE1: no such cable in the index"),
        ("08ASTANA1111 ¶9", "08ASTANA1111 has no paragraph ¶9 (it has ¶1–¶3)"),
        ("08ASTANA1111@9", "08ASTANA1111 has no paragraph @9"),
        ("not a ref!", "'not a ref!' is not a reference"),
    ],
)
def test_show_unknown_refs(searcher, ref, message):
    with pytest.raises(UnknownRef) as error:
        searcher.show(ref)
    assert str(error.value).startswith(message)


def test_missing_index_is_one_clear_error(tmp_path):
    with pytest.raises(NoIndex) as error:
        Searcher(tmp_path / "nothing")
    assert "no index here" in str(error.value) and "\n" not in str(error.value)


def test_replaced_cable_is_found_once_with_its_new_text(tmp_path):
    """A re-indexed cable leaves deleted documents behind; search must not see them."""
    add_cables(tmp_path, CABLES[:2])
    changed = Cable(id="08STATE58370", subject="DEMARCHE", created="2008-06-02T18:20",
                    tags=("KCRIM",),
                    paragraphs=(Paragraph(1, 1, "Posts should deliver the tier report."),))
    add_cables(tmp_path, [changed])
    with Searcher(tmp_path) as fresh:
        assert fresh.search("id:08STATE58370").total == 1
        assert fresh.search("tier").hits[0].snippet == "Posts should deliver the [[tier]] report"
        assert dict(fresh.facets(by="tag", limit=None))["KCRIM"] == 5
        assert fresh.search("placements").total == 0


def test_undated_cable_sorts_last_and_has_no_year(tmp_path):
    """A bare telegram may have no date: its column holds a default that is no date."""
    undated = Cable(id="10TESTPOST1", tags=("PREL",),
                    paragraphs=(Paragraph(1, 1, "Undated pipeline note."),))
    add_cables(tmp_path, [*CABLES, undated])
    with Searcher(tmp_path) as fresh:
        for sort in ("date", "-date"):
            hits = fresh.search("pipeline*", sort=sort, limit=10).hits
            assert hits[-1].cable == "10TESTPOST1" and hits[-1].created is None
        years = dict(fresh.facets("pipeline*", by="year"))
        assert years == {"2009": 1, "2006": 2}  # Baghdad ¶2; Tbilisi both, by subject


@pytest.mark.parametrize("query", ["trafficking", '"human rights"', "minister OR pipeline*",
                                   "tag:PHUM -persons", "created:2008-06 report"])
def test_our_scoring_and_whoosh_top_n_agree(searcher, monkeypatch, query):
    """Our BM25, Whoosh's direct scoring (few matches) and Whoosh's top-N (many) give the
    same hits and scores."""
    ours = searcher.search(query, limit=5)
    monkeypatch.setattr(searcher._engine._bm25, "supported", False)  # Whoosh's matchers score
    direct = searcher.search(query, limit=5)
    monkeypatch.setattr("cablesearch.engine.core.SCORE_DIRECTLY", 0)
    top_n = searcher.search(query, limit=5)
    assert ours.total == direct.total == top_n.total
    assert [(h.ref, h.seq, h.score) for h in ours.hits] == [
        (h.ref, h.seq, h.score) for h in direct.hits]
    assert [(h.ref, h.seq, round(h.score, 9)) for h in direct.hits] == [
        (h.ref, h.seq, round(h.score, 9)) for h in top_n.hits]


def test_cables_walks_every_cable_as_show_rebuilds_it(tmp_path: Path, own_corpus: Path) -> None:
    """`Searcher.cables()` (the whole index, for exports) gives what `cable(id)` gives."""
    update_index(tmp_path, [own_corpus], procs=1)
    with Searcher(tmp_path) as searcher:
        walked = list(searcher.cables())
        assert len({cable.id for cable in walked}) == len(walked) == index_stats(tmp_path)["cables"]
        assert walked == [searcher.cable(cable.id) for cable in walked]


def test_parse_returns_our_query_tree_not_a_whoosh_query(searcher):
    from cablesearch.search.querylang import And, Field, Phrase, Word

    tree = searcher.parse('"human rights" tag:PHUM -russia')
    assert isinstance(tree, And)
    assert not type(tree).__module__.startswith("whoosh")
    assert tree.items[0] == Phrase("human rights", 1)  # columns count from 1
    assert isinstance(tree.items[1], Field) and tree.items[1].value == Word("PHUM", 20)
    with pytest.raises(QueryError, match="tagg"):  # checked against the index's fields too
        searcher.parse("tagg:PHUM")


def test_missing_index_is_index_missing_under_both_names(tmp_path):
    from cablesearch import IndexMissing

    with pytest.raises(IndexMissing):
        Searcher(tmp_path / "nothing")
    assert NoIndex is IndexMissing
