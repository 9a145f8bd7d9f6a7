"""The engine's hardest answers held to Whoosh's own, on a hermetic index: matches, phrases
and proximity from positions, postings, and BM25F scores equal to Whoosh's to the last
bit, with the top hits ranked as Whoosh ranks them. Through the engine's public surface,
over synthetic cables (`bench/synth.py`, learned from `corpus/` alone) written as two
segments, one cable of the first replaced in the second (its old documents deleted): no
`../shared` needed. The same checks on the real cables: `test_search_scoring.py`."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from engine_oracle import compiled, whoosh_scores
from whoosh import query as wq

from cablesearch.engine import Engine, term
from cablesearch.index import add_cables

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import synth  # noqa: E402

CABLES = 240
QUERIES = ["gas", "gas pipeline transit", '"the government"', "pipelin*", "s*", "gas OR oil",
           "subject:energy", '"the minister" -oil', "gas -oil", "NOT gas",
           "oil OR gas OR election OR labor OR cotton OR minister", "gas pipeline year:2008",
           'gas OR (oil output) OR "forced labor"', '"the government of"', '"gas pipeline"~5',
           'gas NEAR/3 "the government"', '"minister of the"~2', "pipline~ gas",
           "tag:EPET gas", "created:[2007 TO 2009] labor", "cited-by-count:[1 TO *] oil",
           "cited-by-count:0 gas", "to:secstate gas", "from:baku", "gas OR from:baku",
           "oil -to:secstate", "signer:ordway OR subject:energy"]


@pytest.fixture(scope="module")
def engine(own_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    cables = list(synth.Generator(synth.load_model([own_corpus]), seed=14).cables(CABLES))
    directory = tmp_path_factory.mktemp("oracle-index")
    first = CABLES * 2 // 3
    add_cables(directory, cables[:first])
    add_cables(directory, [replace(cables[3], paragraphs=cables[3].paragraphs[:1]),
                           *cables[first:]])
    opened = Engine(directory)
    leaves = opened.whoosh.leaf_searchers()
    assert len(leaves) == 2 and leaves[0][0].reader().has_deletions()
    yield opened
    opened.close()


def _whoosh_docs(engine: Engine, q: wq.Query) -> set[int]:
    """The docs Whoosh's matchers match; `a -b` as a's less b's: Whoosh's own AndNot over a
    phrase can let through a document that holds neither."""
    if isinstance(q, wq.AndNot):
        return _whoosh_docs(engine, q.a) - _whoosh_docs(engine, q.b)
    return set(engine.docs_of(q))


@pytest.mark.parametrize("query", QUERIES)
def test_matches_are_whooshs(engine: Engine, query: str) -> None:
    q = compiled(engine, query)
    docs = engine.matching(q)
    assert len(docs), query  # each query is held to something
    assert docs.tolist() == sorted(_whoosh_docs(engine, q))


@pytest.mark.parametrize("query", QUERIES)
def test_scores_are_whooshs_to_the_last_bit(engine: Engine, query: str) -> None:
    q = compiled(engine, query)
    docs = engine.matching(q)
    ours = engine.scores(q, docs, fallback=False)  # our BM25F, never Whoosh's matchers
    theirs = whoosh_scores(engine, q)
    assert ours.tolist() == [theirs[doc] for doc in docs.tolist()]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("keep", [1, 10, 1000])
def test_top_is_whooshs_ranking(engine: Engine, query: str, keep: int) -> None:
    """The best `keep` as Whoosh ranks its own scores, ties in doc order."""
    q = compiled(engine, query)
    docs = engine.matching(q)
    theirs = whoosh_scores(engine, q)
    ranked = sorted(((theirs[doc], doc) for doc in docs.tolist()),
                    key=lambda pair: (-pair[0], pair[1]))[:keep]
    assert engine.top(q, docs, None, keep) == [(doc, score) for score, doc in ranked]


def _phrases(engine: Engine, count: int, seed: int) -> list[list[str]]:
    """Two- to four-word runs of analyzed words (stop words kept, as a quoted phrase
    keeps them) cut from stored paragraphs."""
    rng = random.Random(seed)
    analyzer = engine.whoosh.schema["text"].analyzer
    found = []
    for doc in rng.sample(range(engine.doc_count()), count):
        text = engine.stored(doc).get("text") or ""
        words = [token.text for token in analyzer(text, mode="query", removestops=False)]
        if len(words) >= 4:
            start = rng.randrange(len(words) - 3)
            found.append(words[start:start + rng.randint(2, 4)])
    return found


def test_phrases_are_whooshs(engine: Engine) -> None:
    phrases = [*_phrases(engine, 150, seed=1), ["the", "the"], ["absentword", "gas"]]
    matched = 0
    for words in phrases:
        q = wq.Phrase("text", words)
        docs = engine.matching(q)
        assert docs.tolist() == sorted(engine.docs_of(q)), words
        found, total = engine.phrase_docs("text", words, None, None)
        assert found.tolist() == docs.tolist() and total >= len(found), words
        matched += bool(len(docs))
    assert matched > 60  # most cut phrases occur, at least in their own paragraph


def test_two_word_proximity_is_whooshs(engine: Engine) -> None:
    rng = random.Random(2)
    pairs = [words[:2] for words in _phrases(engine, 80, seed=3)]
    matched = 0
    for first, second in pairs:
        query = f"{first} NEAR/{rng.randint(0, 4)} {second}"
        q = compiled(engine, query)
        docs = engine.matching(q)
        assert docs.tolist() == sorted(engine.docs_of(q)), query
        matched += bool(len(docs))
    assert matched > 30


def test_every_term_matches_and_scores_as_whoosh(engine: Engine) -> None:
    """Each term's postings, read a block at a time: its docs (deleted ones left out) and
    its scores, for every term of `text` and `tags` in the first segment."""
    reader = engine.whoosh.leaf_searchers()[0][0].reader()
    compared = 0
    for field in ("text", "tags"):
        for btext in reader.lexicon(field):
            q = term(field, btext.decode("utf-8"))
            docs = engine.matching(q)
            theirs = whoosh_scores(engine, q)
            assert docs.tolist() == sorted(theirs), (field, btext)
            assert engine.scores(q, docs, fallback=False).tolist() == [
                theirs[doc] for doc in docs.tolist()], (field, btext)
            compared += 1
    assert compared > 500
    assert np.all(engine.matching(term("text", "absentword")) == [])
