"""Batched stored fields are exactly Whoosh's own, one document at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablesearch.engine.storedfields import StoredFields
from cablesearch.index import open_index, update_index


@pytest.fixture(scope="module")
def searcher(own_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    index_dir = tmp_path_factory.mktemp("stored-index")
    update_index(index_dir, [own_corpus], procs=2)  # two writers: more than one segment
    with open_index(index_dir).searcher() as opened:
        yield opened


def test_every_document_as_whoosh_reads_it(searcher) -> None:
    stored = StoredFields([(leaf.reader(), offset)
                           for leaf, offset in searcher.leaf_searchers()])
    docs = list(range(searcher.doc_count_all()))
    assert stored.read(docs) == {doc: searcher.stored_fields(doc) for doc in docs}


def test_any_order_and_repeats(searcher) -> None:
    stored = StoredFields([(leaf.reader(), offset)
                           for leaf, offset in searcher.leaf_searchers()])
    last = searcher.doc_count_all() - 1
    asked = [last, 0, last, 3, 0]
    assert stored.read(asked) == {doc: searcher.stored_fields(doc) for doc in set(asked)}
    assert stored.read([]) == {}
