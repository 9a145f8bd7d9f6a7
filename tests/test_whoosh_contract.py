"""Every private attribute of whoosh3 that our engine reads, named in one place.

The index writer and the numpy search path lean on the insides of whoosh3 3.54 (its codec's
matchers and columns, its writer, BM25F's per-field B, its TOC file patterns). An upgrade
that renames any of them must fail here, loudly and by name, rather than as a wrong answer
deep in a search.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import whoosh
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, STORED_COLUMN, W3LeafMatcher, W3PerDocReader
from whoosh.columns import FixedBytesColumn, NumericColumn
from whoosh.index import TOC
from whoosh.matching import FilterMatcher, ListMatcher
from whoosh.multiproc import MpWriter
from whoosh.query import CompoundQuery
from whoosh.writing import SegmentWriter

from cablesearch.index import open_index, update_index

# (what, attributes): each read by cablesearch/index or cablesearch/search.
CLASS_ATTRIBUTES = [
    (TOC, ["_pattern", "_segment_pattern"]),
    (W3LeafMatcher, ["_read_data", "_next_block", "_goto"]),
    (W3PerDocReader, ["_cached_reader"]),
    (CompoundQuery, ["_tree_matcher"]),
    (MpWriter, ["_enqueue"]),
    (SegmentWriter, ["_finalize_segment"]),
]
LEAF_MATCHER = ["_i", "_length", "_postfile", "_startoffset", "_baseoffset", "_dataoffset",
                "_data", "_blocklength", "_byteids", "_fixedsize"]
NUMERIC_COLUMN_READER = ["_typecode", "_dbfile", "_basepos", "_count", "_fixedlen", "_default"]
LENGTH_COLUMN_READER = ["_dbfile", "_basepos", "_count"]
FIXED_BYTES_COLUMN_READER = ["_dbfile", "_basepos", "_count", "_fixedlen"]
STORED_COLUMN_READER = ["_dbfile", "_basepos", "_offsets", "_lengths"]


def test_the_pinned_version() -> None:
    assert whoosh.versionstring().startswith("3.54."), whoosh.versionstring()


@pytest.mark.parametrize("owner, names", CLASS_ATTRIBUTES, ids=lambda v: getattr(v, "__name__", ""))
def test_class_attributes(owner: type, names: list[str]) -> None:
    assert [name for name in names if not hasattr(owner, name)] == []


def test_filter_matcher_attributes() -> None:
    """A segment with deletions wraps its postings in a FilterMatcher; its ids are read."""
    matcher = FilterMatcher(ListMatcher([1, 2]), frozenset([2]), exclude=True)
    assert (matcher._ids, matcher._exclude) == (frozenset([2]), True)


@pytest.fixture(scope="module")
def reader(own_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    index_dir = tmp_path_factory.mktemp("contract-index")
    update_index(index_dir, [own_corpus], procs=1)
    with open_index(index_dir).searcher() as searcher:
        yield searcher


def _segment(searcher):
    return searcher.leaf_searchers()[0][0].reader()


def test_leaf_matcher_attributes(reader) -> None:
    segment = _segment(reader)
    term = next(iter(segment.lexicon("text")))
    matcher = segment.postings("text", term)
    assert type(matcher) is W3LeafMatcher
    assert [name for name in LEAF_MATCHER if not hasattr(matcher, name)] == []


def test_column_reader_attributes(reader) -> None:
    segment = _segment(reader)
    numeric = [name for name, field in reader.schema.items()
               if field.column_type is not None and isinstance(field.column_type, NumericColumn)]
    assert numeric, "the schema has no numeric column to read in one piece"
    column = segment.column_reader(numeric[0], translate=False)
    assert isinstance(column, NumericColumn.Reader)
    assert [name for name in NUMERIC_COLUMN_READER if not hasattr(column, name)] == []


def test_fixed_bytes_column_attributes(reader) -> None:
    """The paragraph fingerprints (`minhash`) are read as one block per segment."""
    column = _segment(reader).column_reader("minhash", translate=False)
    assert isinstance(column, FixedBytesColumn.Reader)
    assert [name for name in FIXED_BYTES_COLUMN_READER if not hasattr(column, name)] == []


def test_length_column_attributes(reader) -> None:
    perdoc = _segment(reader)._perdoc
    assert type(perdoc) is W3PerDocReader
    column = perdoc._cached_reader("_text_len", LENGTHS_COLUMN)
    assert [name for name in LENGTH_COLUMN_READER if not hasattr(column, name)] == []


def test_bm25f_per_field_b(reader) -> None:
    assert isinstance(reader.weighting._field_B, dict)


def test_stored_column_attributes(reader) -> None:
    """An export reads stored fields straight from the pickled, compressed column:
    its per-document offsets and lengths (arrays) and its file."""
    pickled = _segment(reader)._perdoc._cached_reader("_stored", STORED_COLUMN)
    column = pickled._child
    assert [name for name in STORED_COLUMN_READER if not hasattr(column, name)] == []
    assert all(hasattr(array, "typecode") for array in (column._offsets, column._lengths))
