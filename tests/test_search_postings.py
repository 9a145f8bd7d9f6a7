"""Block-wise postings ids equal Whoosh's own `all_ids()`, with and without deletions."""

from __future__ import annotations

from search_cables import CABLES

from cablesearch.cable import Cable, Paragraph
from cablesearch.index.store import open_index
from cablesearch.index.writer import add_cables
from cablesearch.search.postings import matcher_ids

TERMS = [("text", "traffick"), ("text", "minist"), ("tags", "phum"), ("subject", "report"),
         ("text", "absentword")]


def _compare(index_dir):
    with open_index(index_dir).searcher() as searcher:
        for leaf, _ in searcher.leaf_searchers():
            reader = leaf.reader()
            for field, text in TERMS:
                if (field, text) not in reader:
                    continue
                fast = matcher_ids(reader.postings(field, text)).tolist()
                assert fast == list(reader.postings(field, text).all_ids()), (field, text)


def test_same_ids_as_whoosh(tmp_path):
    add_cables(tmp_path, CABLES)
    _compare(tmp_path)


def test_same_ids_with_deleted_documents(tmp_path):
    add_cables(tmp_path, CABLES)
    add_cables(tmp_path, [Cable(id="08ASTANA1111", tags=("PHUM",),
                                paragraphs=(Paragraph(1, 1, "Trafficking, replaced."),))])
    with open_index(tmp_path).searcher() as searcher:
        assert searcher.reader().has_deletions()
    _compare(tmp_path)
