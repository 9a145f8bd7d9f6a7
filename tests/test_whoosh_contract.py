"""Every private attribute of whoosh3 that our engine reads, named in one place.

The index writer and the numpy search path lean on the insides of whoosh3 3.54 (its codec's
matchers and columns, its writer, BM25F's per-field B, its TOC file patterns). An upgrade
that renames any of them must fail here, loudly and by name, rather than as a wrong answer
deep in a search.

Where they are read: on the query side, all in `cablesearch/engine/internals.py` (a test
below holds every other module of the engine, the domain and the shells to none); on the
write side, in the subclasses of Whoosh's writer classes that need them
(`cablesearch/index/codec.py`, `segment.py`, `parallel.py`, `retire.py`).
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
import whoosh
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    STORED_COLUMN,
    W3LeafMatcher,
    W3PerDocReader,
    W3PostingsWriter,
    W3TermInfo,
)
from whoosh.columns import FixedBytesColumn, NumericColumn
from whoosh.index import TOC, FileIndex
from whoosh.matching import FilterMatcher, ListMatcher
from whoosh.multiproc import MpWriter
from whoosh.query import CompoundQuery
from whoosh.writing import SegmentWriter

from cablesearch.index import open_index, update_index

# (what, attributes): read by index/retire.py (TOC), engine/internals.py (FileIndex, the
# leaf matcher, the per-document reader), index/parallel.py (MpWriter, SegmentWriter); the
# tree Whoosh sums a compound query's scores in (`_tree_matcher`) is rebuilt by
# engine/scoring.py.
CLASS_ATTRIBUTES = [
    (TOC, ["_pattern", "_segment_pattern"]),
    (FileIndex, ["_reader"]),
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


def test_postings_writer_attributes() -> None:
    """Our postings writer keeps a block's length bounds in Whoosh's own attributes and,
    for a block with no known length, answers with the term's shortest so far."""
    assert "min_length" in vars(W3PostingsWriter)  # the method ours overrides
    source = inspect.getsource(W3PostingsWriter)
    assert all(f"self.{name}" in source for name in ("_terminfo", "_minlength", "_maxlength"))
    assert W3TermInfo()._minlength is None


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


PACKAGE = Path(__file__).resolve().parent.parent / "cablesearch"
# The one module of the query side that reads Whoosh's private attributes.
INTERNALS = PACKAGE / "engine" / "internals.py"


def _private_reads(path: Path) -> list[str]:
    """`x._name` reads in a module where x is not `self` or `cls` (its own class's)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} .{node.attr}")
    return found


def test_the_query_side_reads_whoosh_privates_in_one_module() -> None:
    """Outside the writer (`index/`), only `engine/internals.py` reads another object's
    private attribute: every read of Whoosh's insides on the query side is there."""
    modules = [path for path in sorted(PACKAGE.rglob("*.py"))
               if path.relative_to(PACKAGE).parts[0] not in ("index", "processes.py")
               and path != INTERNALS]
    assert len(modules) > 80
    assert [read for path in modules for read in _private_reads(path)] == []
    assert len(_private_reads(INTERNALS)) > 20  # the reader is not blind
