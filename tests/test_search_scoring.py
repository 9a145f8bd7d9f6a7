"""Our replacements of Whoosh's paths agree with Whoosh on the real cables: phrase matching
from positions (`phrases`), BM25F from postings blocks (`scoring`), and the ranked hits.
The same checks on a hermetic index of synthetic cables: `test_engine_oracle.py`."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from engine_oracle import compiled, whoosh_scores
from whoosh import query as wq

from cablesearch.engine import Engine
from cablesearch.engine.docsets import SegmentDocs
from cablesearch.engine.kinds.phrase import PHRASE
from cablesearch.engine.postings import matcher_ids
from cablesearch.index import update_index
from cablesearch.search import Searcher

QUERIES = ["minister", "nuclear program iran", '"human rights"', "terror*", "s*",
           "iran OR iraq", "subject:oil gas", '"prime minister" -iraq', "nuclear -iran",
           '"the united states government"', "pipelin* tag:EPET", "NOT minister",
           "iran OR iraq OR syria OR egypt OR israel", "nuclear program iran year:2008",
           'minister OR (nuclear program) OR "human rights"', '"prime minister gordon brown"',
           '"nuclear weapons"~5', 'iran NEAR/3 "nuclear program"', '"minister of the"~2',
           "goverment~ iran", "nucler~2 OR weapns~"]


@pytest.fixture(scope="module")
def searcher(real_index: Path):
    with Searcher(real_index) as opened:
        yield opened


def _phrases(searcher: Searcher, count: int) -> list[wq.Phrase]:
    """Two- to four-word phrases cut from stored paragraphs (stop words kept, as a quoted
    phrase keeps them), with a fixed seed."""
    rng = random.Random(5)
    whoosh = searcher._searcher
    texts = [whoosh.stored_fields(doc).get("text") or "" for doc in
             rng.sample(range(whoosh.doc_count_all()), count)]
    analyzer = whoosh.schema["text"].analyzer
    phrases = []
    for text in texts:
        words = [token.text for token in analyzer(text, mode="query", removestops=False)]
        if len(words) >= 4:
            start = rng.randrange(len(words) - 3)
            phrases.append(wq.Phrase("text", words[start:start + rng.randint(2, 4)]))
    return phrases


def test_phrase_docs_equal_whooshs_phrase_matcher(searcher):
    phrases = [*_phrases(searcher, 150), wq.Phrase("text", ["human", "right"]),
               wq.Phrase("text", ["unit", "state"]), wq.Phrase("text", ["no", "no"]),
               wq.Phrase("text", ["absentword", "state"])]
    matched = 0
    for leaf, _ in searcher._searcher.leaf_searchers():
        segment = SegmentDocs(leaf)
        for phrase in phrases:
            expected = matcher_ids(phrase.matcher(leaf, leaf.boolean_context())).tolist()
            assert np.flatnonzero(PHRASE.match(segment, phrase)).tolist() == expected, phrase
            matched += bool(expected)
    assert matched > 100  # most sampled phrases occur, at least in their own paragraph


@pytest.fixture(scope="module")
def engine(real_index: Path):
    opened = Engine(real_index)
    yield opened
    opened.close()


@pytest.mark.parametrize("query", QUERIES)
def test_our_bm25_equals_whooshs_score_for_every_match(engine, query):
    q = compiled(engine, query)
    docs = engine.matching(q)
    assert len(docs)
    ours = engine.scores(q, docs, fallback=False)  # our BM25F, never Whoosh's matchers
    theirs = whoosh_scores(engine, q)
    assert ours.tolist() == [theirs[doc] for doc in docs.tolist()]  # to the last bit


def _whoosh_docs(searcher: Searcher, q: wq.Query) -> set[int]:
    """The docs Whoosh matches; `a -b` as a's less b's: Whoosh's own AndNot over a phrase
    wrongly lets through a paragraph of these cables that holds neither."""
    if isinstance(q, wq.AndNot):
        return _whoosh_docs(searcher, q.a) - _whoosh_docs(searcher, q.b)
    return set(searcher._searcher.docs_for_query(q))


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("filters", [None, {"tag": "PREL"}])
def test_hits_are_whooshs_ranking_of_the_matches(searcher, query, filters):
    """The total is what Whoosh matches, and the hits are those matches ranked by Whoosh's
    own scores. Its top-N collector is no oracle for a phrase under AndNot: it matches the
    paragraph above, and on some segment layouts of this index ranked differently."""
    result = searcher.search(query, filters=filters, limit=20, offset=3)
    allowed = searcher._filter_docs(filters)
    q = searcher._compiled(query)
    everything = range(searcher._searcher.doc_count_all())
    allowed = everything if allowed is None else np.flatnonzero(allowed).tolist()
    docs = sorted(_whoosh_docs(searcher, q) & set(allowed))
    assert result.total == len(docs)
    theirs = whoosh_scores(searcher._engine, q)
    ranked = sorted(((theirs[doc], doc) for doc in docs),
                    key=lambda pair: (-pair[0], pair[1]))[3:23]
    assert [(hit.ref, hit.score) for hit in result.hits] == [
        (searcher._hit(doc, None, frozenset(), None).ref, score) for score, doc in ranked]


def test_length_bytes_are_kept_per_segment_not_per_reader_object(own_corpus, tmp_path):
    """Threads read through readers of their own, and a freed reader's id can come back
    for another segment's: the lengths are the segment's, whichever reader asks."""
    update_index(tmp_path, [own_corpus], procs=2)  # two writers: two segments
    one, two = Engine(tmp_path), Engine(tmp_path)
    try:
        ours = [SegmentDocs(leaf) for leaf, _ in one.whoosh.leaf_searchers()]
        theirs = [SegmentDocs(leaf) for leaf, _ in two.whoosh.leaf_searchers()]
        lengths = [one._bm25._segment_lengths(segment, "text") for segment in ours]
        assert len(lengths) == 2 and lengths[0].tobytes() != lengths[1].tobytes()
        for segment, kept in zip(theirs, lengths, strict=True):
            assert one._bm25._segment_lengths(segment, "text") is kept
    finally:
        one.close()
        two.close()
