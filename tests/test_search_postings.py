"""Block-wise postings ids equal Whoosh's own `all_ids()`, with and without deletions."""

from __future__ import annotations

from array import array

import numpy as np
import pytest
from search_cables import CABLES

from cablesearch.cable import Cable, Paragraph
from cablesearch.engine.postings import _all_ids, _all_weights, matcher_ids, read_postings
from cablesearch.index.store import open_index
from cablesearch.index.writer import add_cables

# Terms the hand-made cables hold (as analyzed): each must be among those compared.
SAMPLES = [("text", "traffick"), ("text", "minist"), ("tags", "phum"), ("subject", "report")]
ABSENT = ("text", "absentword")


def _compare(index_dir) -> int:
    """Compare every term of every segment; the number of terms compared."""
    compared = 0
    seen = set()
    with open_index(index_dir).searcher() as searcher:
        for leaf, _ in searcher.leaf_searchers():
            reader = leaf.reader()
            assert ABSENT not in reader
            for field, btext in reader.all_terms():
                fast = matcher_ids(reader.postings(field, btext)).tolist()
                assert fast == list(reader.postings(field, btext).all_ids()), (field, btext)
                weights = read_postings(reader.postings(field, btext)).weights.tolist()
                stepped = reader.postings(field, btext)
                assert weights == [stepped.weight() for _ in stepped.all_ids()], (field, btext)
                seen.add((field, btext))
                compared += 1
    assert [term for term in SAMPLES if (term[0], term[1].encode()) not in seen] == []
    return compared


def test_same_ids_as_whoosh(tmp_path):
    add_cables(tmp_path, CABLES)
    assert _compare(tmp_path) > 100  # every term of the hand-made cables: about 160


def test_same_ids_with_deleted_documents(tmp_path):
    add_cables(tmp_path, CABLES)
    add_cables(tmp_path, [Cable(id="08ASTANA1111", tags=("PHUM",),
                                paragraphs=(Paragraph(1, 1, "Trafficking, replaced."),))])
    with open_index(tmp_path).searcher() as searcher:
        assert searcher.reader().has_deletions()
    assert _compare(tmp_path) > 100  # every term of the hand-made cables: about 160


BLOCKS = [None, 2.0, array("B", [1, 3, 250]), 1.0]


@pytest.mark.parametrize("odd", [[], [array("H", [300, 1])], [300.0], [2.5], [(1.0, 4.0)]])
def test_blocks_weights_joined_as_bytes_or_one_by_one_alike(odd):
    """Byte-sized blocks are joined as bytes; any other block turns it back to one array
    per block: the weights come out the same either way."""
    blocks = BLOCKS + odd
    counts = [2, 3, 3, 1] + [len(block) if isinstance(block, array | tuple) else 2
                             for block in odd]
    expected = [1.0, 1.0, 2.0, 2.0, 2.0, 1.0, 3.0, 250.0, 1.0]
    for block, count in zip(odd, counts[4:], strict=True):
        expected += list(block) if isinstance(block, array | tuple) else [block] * count
    found = _all_weights(blocks, counts)
    assert found.dtype == np.float64 and found.tolist() == expected


@pytest.mark.parametrize("blocks", [[array("B", [1, 2]), array("B", [3])],
                                    [array("B", [1, 2]), array("H", [300])],
                                    [array("B", [1, 2]), (3,)]])
def test_blocks_ids_joined_when_of_one_type(blocks):
    assert _all_ids(blocks).tolist() == [number for block in blocks for number in block]
