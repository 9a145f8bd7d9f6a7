"""A search by cable gives what stepping Whoosh's matchers gave: each matching cable's best
paragraph (its first on ties), ranked by Whoosh's scores, with its count of matches, the
total and facets in cables. Hermetic: the sample cables of corpus/ and hand-made ties,
written in several commits, one cable replaced."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from index_helpers import cable

from cablesearch.cable import Cable
from cablesearch.index.store import open_index
from cablesearch.index.writer import add_cables
from cablesearch.search import Searcher
from cablesearch.search.bycable import best_per_cable
from cablesearch.search.facets import ALL_FACETS
from cablesearch.sources import read_cables

OWN_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
TIED = "Zulu yankee convoy crossed the border."
# Two cables alike but for their ids (ties across cables), each with two equal paragraphs
# (ties within a cable), and one with the same date as another (ties of a date sort).
TIES = (
    cable("09TIEONE1", "Opening remarks on nothing.", TIED, TIED, created="2009-05-05T10:00"),
    cable("09TIETWO2", "Opening remarks on nothing.", TIED, TIED, created="2009-05-05T10:00"),
    cable("09TIETHREE3", TIED, "A convoy alone.", created="2009-05-05T10:00"),
)
QUERIES = [
    "pipeline", "gas pipeline", "gas OR oil", "gas -pipeline", "NOT gas", '"human rights"',
    "s*", "pipe*", "piplines~", "subject:election", "tag:EPET", '"gas transit"~3',
    "election OR (gas pipeline) OR \"forced labor\"", "zulu", "convoy", "zulu OR convoy",
]
FILTERS = [None, {"tag": "PGOV"}, {"since": "2008"}]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """corpus/ and the ties in three commits (several segments), then one corpus cable
    written again with a changed paragraph: its live documents come after later cables'."""
    directory = tmp_path_factory.mktemp("bycable-index")
    own = [c for c in read_cables([OWN_CORPUS]) if isinstance(c, Cable)]
    add_cables(directory, own[:10])
    add_cables(directory, own[10:])
    add_cables(directory, TIES)
    first = own[0]
    last = replace(first.paragraphs[-1], text=first.paragraphs[-1].text + " Gas convoy.")
    add_cables(directory, [replace(first, paragraphs=(*first.paragraphs[:-1], last))])
    return directory


@pytest.fixture(scope="module")
def searcher(index: Path):
    with Searcher(index) as opened:
        yield opened


def _stepped(index: Path, searcher: Searcher, query: str, filters: dict | None
             ) -> list[tuple[int, float, str, int]]:
    """The by-cable ranking as it was made by stepping Whoosh's matchers: every match's
    score in doc order, each cable's best (the first of equal scores), ranked by score,
    then doc. (doc, score, cable, matches) each."""
    q, allowed = searcher._query(query, filters)
    whoosh = open_index(index).searcher()
    try:
        context = whoosh.context(needs_current=True)
        best: dict[str, tuple[int, float]] = {}
        count: Counter = Counter()
        for leaf, offset in whoosh.leaf_searchers():
            matcher = q.matcher(leaf, context)
            while matcher.is_active():
                doc = matcher.id() + offset
                if allowed is None or allowed[doc]:
                    name = whoosh.stored_fields(doc)["cable"]
                    count[name] += 1
                    if name not in best or matcher.score() > best[name][1]:
                        best[name] = (doc, matcher.score())
                matcher.next()
    finally:
        whoosh.close()
    return sorted(((doc, score, name, count[name]) for name, (doc, score) in best.items()),
                  key=lambda row: (-row[1], row[0]))


def test_the_index_has_segments_and_a_replaced_cable(searcher):
    whoosh = searcher._searcher
    assert len(whoosh.leaf_searchers()) > 1 or whoosh.reader().has_deletions()
    codes = searcher._cable_codes()[searcher._engine.matching(searcher._compiled("gas"))]
    assert np.any(codes[1:] < codes[:-1])  # the replaced cable's codes come out of order


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("query", QUERIES)
def test_by_cable_ranks_as_stepping_whooshs_matchers(index, searcher, query, filters):
    expected = _stepped(index, searcher, query, filters)
    result = searcher.search(query, filters=filters, by_cable=True, limit=len(expected) + 5)
    assert result.total == len(expected)
    assert [(hit.ref, hit.score, hit.matches) for hit in result.hits] == [
        (searcher._hit(doc, None, frozenset(), None).ref, score, matches)
        for doc, score, _, matches in expected]  # scores to the last bit
    page = searcher.search(query, filters=filters, by_cable=True, limit=3, offset=2)
    assert page.hits == result.hits[2:5] and page.total == result.total


def test_ties_keep_the_first_paragraph_and_the_first_cable(searcher):
    hits = searcher.search("zulu", by_cable=True).hits
    assert [hit.ref for hit in hits[:2]] == ["09TIEONE1 ¶2", "09TIETWO2 ¶2"]
    assert hits[0].score == hits[1].score and [hit.matches for hit in hits[:2]] == [2, 2]
    everything = searcher.search(None, filters={"since": "2009-05-05", "until": "2009-05-05"},
                                 sort="relevance", by_cable=True).hits
    assert [hit.ref for hit in everything] == ["09TIEONE1 ¶1", "09TIETWO2 ¶1", "09TIETHREE3 ¶1"]


@pytest.mark.parametrize("sort", ["relevance", "date", "-date"])
@pytest.mark.parametrize("query", QUERIES[:8] + ["zulu OR convoy"])
def test_by_cable_is_the_flat_ranking_collapsed(searcher, query, sort):
    """Each cable's first hit in the whole flat ranking stands for it, in that order."""
    flat = searcher.search(query, sort=sort, limit=100_000).hits
    firsts = {}
    for hit in flat:
        firsts.setdefault(hit.cable, hit)
    matches = Counter(hit.cable for hit in flat)
    result = searcher.search(query, sort=sort, by_cable=True, limit=100_000,
                             facets=ALL_FACETS)
    assert [(hit.ref, hit.score, hit.matches) for hit in result.hits] == [
        (hit.ref, hit.score, matches[name]) for name, hit in firsts.items()]
    assert result.total == len(firsts)
    for facet in ALL_FACETS:  # as the facet call counts cables
        assert result.facets[facet] == searcher.facets(query, by=facet, by_cable=True,
                                                       limit=None)
    # a cable counts under each marking of its matching paragraphs, not only its best's
    levels = Counter(level for cable in firsts for level in
                     {hit.level or "unmarked" for hit in flat if hit.cable == cable})
    assert dict(result.facets["marking"]) == dict(levels)


def test_whooshs_scores_stand_in_where_ours_do_not_reproduce_them(index, searcher,
                                                                  monkeypatch):
    from cablesearch.engine import scoring

    def unsupported(*args: object) -> np.ndarray:
        raise scoring.Unsupported("as a weighting of another kind")

    expected = [(hit.ref, hit.score, hit.matches)
                for hit in searcher.search("gas OR oil", by_cable=True, limit=50).hits]
    monkeypatch.setattr(scoring.Bm25, "scores", unsupported)
    assert [(hit.ref, hit.score, hit.matches) for hit in
            searcher.search("gas OR oil", by_cable=True, limit=50).hits] == expected


def _collapsed(cables: list[int], scores: list[float] | None) -> tuple[list[int], list[int]]:
    """The rule as a loop: each cable's first best match (positions ascending), counts."""
    best: dict[int, int] = {}
    count: Counter = Counter()
    for i, code in enumerate(cables):
        count[code] += 1
        if code not in best or (scores is not None and scores[i] > scores[best[code]]):
            best[code] = i
    kept = sorted(best.values())
    return kept, [count[cables[i]] for i in kept]


@given(st.lists(st.tuples(st.integers(0, 6), st.sampled_from([0.5, 1.0, 2.25, 3.0])),
                max_size=60), st.booleans(), st.booleans())
def test_best_per_cable_is_the_rule_as_a_loop(matches, scored, grouped):
    if grouped:  # as the index mostly lays them out: each cable's matches together
        matches = sorted(matches, key=lambda pair: pair[0])
    cables = [code for code, _ in matches]
    scores = [score for _, score in matches] if scored else None
    kept, counts = best_per_cable(np.asarray(cables, dtype=np.int32),
                                  None if scores is None else np.asarray(scores))
    assert (kept.tolist(), counts.tolist()) == _collapsed(cables, scores)
