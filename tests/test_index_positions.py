"""Compact positions: they round-trip, and phrases still match through the index."""

from __future__ import annotations

import pickle

import pytest
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage
from whoosh.formats import Positions

from cablesearch.index.positions import CompactPositions, decode_deltas, encode_deltas
from cablesearch.index.schema import build_schema


@pytest.mark.parametrize("positions", [
    [0], [5], [0, 1, 2], [3, 130, 131, 20_000], [127, 128, 16_383, 16_384, 2**21 + 5],
    [60_000, 1_200_000],  # beyond any single character code
])
def test_round_trip(positions):
    value = encode_deltas(positions)
    assert decode_deltas(value) == positions
    fmt = CompactPositions(field_boost=2.0)
    assert fmt.decode_frequency(value) == len(positions)
    assert fmt.decode_weight(value) == 2.0 * len(positions)
    assert pickle.loads(pickle.dumps(value, 2)) == value


def test_smaller_than_whoosh_positions_in_a_pickled_block():
    values = [[i, i + 40, i + 300] for i in range(0, 1280, 10)]
    ours = tuple(CompactPositions().encode(v) for v in values)
    theirs = tuple(Positions().encode(v) for v in values)
    assert len(pickle.dumps(ours, 2)) * 3 < len(pickle.dumps(theirs, 2)) * 2


def test_phrases_match_in_text_and_subject():
    ix = RamStorage().create_index(build_schema())
    words = " ".join(f"word{i}" for i in range(300))
    with ix.writer() as writer:
        writer.add_document(cable="A", seq=1, text=f"{words} human rights abuses {words}",
                            subject="KAZAKHSTAN: HUMAN RIGHTS REPORT")
        writer.add_document(cable="B", seq=1, text="rights of human beings")
    with ix.searcher() as searcher:
        for field in ("text", "subject"):
            found = searcher.search(wq.Phrase(field, ["human", "right"]))
            assert [hit["cable"] for hit in found] == ["A"]
        assert searcher.search(wq.Phrase("text", ["word299", "human"]))[0]["cable"] == "A"
        assert len(searcher.search(wq.Phrase("text", ["word5", "word4"]))) == 0
