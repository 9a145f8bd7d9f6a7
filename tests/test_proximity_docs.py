"""Two-word proximity matched on whole arrays (`proximity.NearKind`) equals Whoosh's span
matcher over the same query, word pair by word pair, on the hand-made and real cables."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from search_cables import small_index  # noqa: F401  (fixture)
from whoosh import query as wq

from cablesearch.engine.docsets import SegmentDocs
from cablesearch.engine.postings import matcher_ids
from cablesearch.engine.proximity import NEAR, proximity
from cablesearch.search import Searcher


def _pairs(searcher: Searcher, count: int, seed: int) -> list[tuple[str, str]]:
    """Word pairs a few words apart in sampled paragraphs (stop words kept), the same
    word twice, and words that never meet."""
    rng = random.Random(seed)
    whoosh = searcher._searcher
    analyzer = whoosh.schema["text"].analyzer
    docs = range(whoosh.doc_count_all())
    pairs = [("absentword", "state"), ("human", "right"), ("no", "no"), ("the", "the")]
    for doc in rng.sample(docs, min(count, len(docs))):
        text = whoosh.stored_fields(doc).get("text") or ""
        words = [token.text for token in analyzer(text, mode="query", removestops=False)]
        if len(words) >= 2:
            start = rng.randrange(len(words) - 1)
            end = min(len(words) - 1, start + rng.randint(1, 7))
            pairs.append((words[start], words[end]))
    return pairs


def _agree(searcher: Searcher, pairs: list[tuple[str, str]]) -> int:
    matched = 0
    for leaf, _ in searcher._searcher.leaf_searchers():
        segment = SegmentDocs(leaf)
        for a, b in pairs:
            for distance in (0, 1, 3, 6):
                q = proximity([wq.Term("text", a), wq.Term("text", b)], distance)
                expected = matcher_ids(q.matcher(leaf, leaf.boolean_context())).tolist()
                found = NEAR.match(segment, q)
                assert found is not None
                assert np.flatnonzero(found).tolist() == expected, (a, b, distance)
                matched += bool(expected)
    return matched


def test_proximity_docs_equal_the_span_matcher(small_index):  # noqa: F811
    with Searcher(small_index) as searcher:
        assert _agree(searcher, _pairs(searcher, 20, seed=3)) > 10


def test_proximity_docs_equal_the_span_matcher_on_real_cables(real_index: Path):
    with Searcher(real_index) as searcher:
        assert _agree(searcher, _pairs(searcher, 120, seed=7)) > 200


@pytest.mark.parametrize("query", ['"nuclear weapons" NEAR/2 iran', '"a b c"~2'])
def test_other_proximities_take_the_matchers_path(small_index, query):  # noqa: F811
    with Searcher(small_index) as searcher:
        q = searcher._compiled(query)
        spans = [part for part in _walk(q) if type(part).__name__ == "Proximity"]
        leaf = searcher._searcher.leaf_searchers()[0][0]
        assert spans and all(NEAR.match(SegmentDocs(leaf), span) is None
                             for span in spans)


def _walk(q):
    yield q
    for child in q.children():
        yield from _walk(child)
