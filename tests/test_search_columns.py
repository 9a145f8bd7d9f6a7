"""A segment's column read in one piece equals its values read one by one, and the codes
of some documents are theirs among every document's."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from index_helpers import cable

from cablesearch.cable import Cable
from cablesearch.engine.columns import raw_values
from cablesearch.engine.doccodes import column_codes
from cablesearch.index import add_cables, open_index


def _cables(count: int, prefix: str = "") -> list[Cable]:
    """Cables of 1 to 4 paragraphs, of nine dates and two sets of tags."""
    return [cable(f"0{n % 9 + 1}TEST{prefix}{n}", *["words"] * (n % 4 + 1),
                  created=f"200{n % 9 + 1}-01-02T03:04",
                  tags=("PREL", "KZ") if n % 2 else ("PHUM",))
            for n in range(count)]


@pytest.mark.parametrize("name", ["seq", "year", "created", "tags", "cable"])
def test_raw_values_equal_the_column_read_one_by_one(tmp_path: Path, name: str) -> None:
    add_cables(tmp_path, _cables(30))
    ix = open_index(tmp_path)
    with ix.reader() as reader:
        column = reader.column_reader(name, translate=False)
        values = raw_values(reader, name)
        assert list(values) == [column[doc] for doc in range(reader.doc_count_all())]
        assert len(set(values)) > 1
    ix.close()


@pytest.mark.parametrize("name", ["created", "tags", "cable", "released"])
def test_codes_of_some_documents_are_theirs_among_every_documents(tmp_path: Path,
                                                                  name: str) -> None:
    for part in range(2):  # two segments
        add_cables(tmp_path, _cables(20, prefix=str(part)))
    ix = open_index(tmp_path)
    with ix.searcher() as searcher:
        codes, table = column_codes(searcher, name)
        docs = np.arange(1, searcher.doc_count_all(), 3)
        some, some_table = column_codes(searcher, name, docs)
        assert [some_table[code] for code in some] == [table[code] for code in codes[docs]]
        assert len(some) == len(docs)
        if name != "released":  # no hand-made cable has one
            assert len(set(map(str, some_table))) > 1
    ix.close()
