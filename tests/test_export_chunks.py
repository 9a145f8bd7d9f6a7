"""An export reads and writes in pieces bounded by size as well as by count: ranked by
relevance, the longest paragraphs come last, together."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from index_helpers import cable

import cablesearch.search.records as records
from cablesearch.engine.storedfields import StoredFields
from cablesearch.index import add_cables
from cablesearch.search import Searcher
from cablesearch.search.export import _CHUNK_CHARS, write_csv, write_jsonl


@given(st.lists(st.integers(0, 50), max_size=40), st.integers(1, 6), st.integers(1, 120))
def test_chunks_are_the_longest_runs_within_count_and_budget(sizes, count, budget):
    found = list(records.chunks(np.asarray(sizes, dtype=np.int64), count, budget))
    assert [i for start, end in found for i in range(start, end)] == list(range(len(sizes)))
    for start, end in found:
        assert 1 <= end - start <= count
        assert sum(sizes[start:end]) <= budget or end - start == 1
        if end < len(sizes):  # the next item would break a bound
            assert end - start == count or sum(sizes[start:end + 1]) > budget


@pytest.fixture(scope="module")
def long_tail(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Cables whose paragraphs grow longer: `grain` once in each, so by relevance the
    longest rank last."""
    index_dir = tmp_path_factory.mktemp("long-tail")
    add_cables(index_dir, [
        cable(f"09TEST{n}", f"grain {'harvest ' * (40 * n)}", f"a short one on grain {n}",
              created=f"2009-0{n % 9 + 1}-02T03:04", subject=f"GRAIN {n}",
              tags=("EAGR", f"T{n}"))
        for n in range(1, 31)])
    return index_dir


def test_an_export_reads_its_longest_paragraphs_a_few_at_a_time(long_tail, monkeypatch):
    with Searcher(long_tail) as searcher:
        whole = io.StringIO()
        write_jsonl(searcher.export("grain"), whole)
        batches: list[int] = []
        read = StoredFields.read

        def counted(self, docs):
            batches.append(len(docs))
            return read(self, docs)

        monkeypatch.setattr(StoredFields, "read", counted)
        monkeypatch.setattr(records, "EXPORT_BYTES", 1)  # one hit a read
        bounded = io.StringIO()
        assert write_jsonl(searcher.export("grain"), bounded) == 60
    assert bounded.getvalue() == whole.getvalue()
    # each read: one hit, and its cable's first paragraph when that is another document
    assert len(batches) == 60 and max(batches) <= 2


class Writes(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, text: str) -> int:
        self.sizes.append(len(text))
        return super().write(text)


@pytest.mark.parametrize("writer", [write_jsonl, write_csv])
def test_long_lines_are_written_in_bounded_pieces(writer):
    line = 300_000  # characters of text in each record
    out = Writes()
    written = writer(({"ref": f"09TEST{n} ¶1", "text": "q" * line} for n in range(20)), out,
                     ("ref", "text"))
    assert written == 20 and out.getvalue().count("q") == 20 * line
    assert max(out.sizes) < _CHUNK_CHARS + line + 100
