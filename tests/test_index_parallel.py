"""Both writer processes share the work: each writes a segment of whole cables."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.query import Term

from cablesearch.index import open_index, update_index


def test_two_writer_processes_each_write_whole_cables(own_corpus: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cablesearch.index.parallel.BATCH", 10)
    update_index(tmp_path, [own_corpus], procs=2)
    ix = open_index(tmp_path)
    segments = ix._segments()
    assert len(segments) == 2 and all(s.doc_count_all() > 0 for s in segments)
    with ix.searcher() as searcher:
        for leaf, _ in searcher.leaf_searchers():
            for cable in {fields["cable"] for fields in leaf.all_stored_fields()}:
                in_leaf = len(list(leaf.docs_for_query(Term("cable", cable))))
                assert in_leaf == len(list(searcher.docs_for_query(Term("cable", cable))))
    ix.close()
