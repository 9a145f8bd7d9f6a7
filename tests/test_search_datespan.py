"""`DateSpan` (date ranges from the date column) matches exactly the paragraphs of the cables
created in the range (`created` has no trie terms to compare with: it is a column only)."""

from __future__ import annotations

from datetime import datetime

import pytest
from search_cables import CABLES, small_index  # noqa: F401  (fixture)

from cablesearch.cable import Cable, Paragraph
from cablesearch.engine.datespan import DateSpan
from cablesearch.index.store import open_index
from cablesearch.index.writer import add_cables

BOUNDS = [
    (datetime(2008, 1, 1), None),
    (None, datetime(2008, 6, 2, 18, 20)),
    (datetime(2008, 6, 2, 18, 20), datetime(2008, 6, 13, 11, 56)),
    (datetime(2006, 3, 10, 12, 1), datetime(2009, 1, 20, 7, 59)),
    (None, None),
    (datetime(2011, 1, 1), None),
]


def _docs(searcher, q):
    return sorted(searcher.docs_for_query(q))


def _created_in(searcher, cables, low, high):
    """The live docs whose cable, by its parsed date, was created in [low, high]."""
    created = {c.id: datetime.fromisoformat(c.created) for c in cables if c.created}
    return [doc for doc, fields in zip(searcher.reader().all_doc_ids(),
                                       searcher.all_stored_fields(), strict=True)
            if fields["cable"] in created
            and (low is None or created[fields["cable"]] >= low)
            and (high is None or created[fields["cable"]] <= high)]


@pytest.mark.parametrize(("low", "high"), BOUNDS)
def test_same_docs_as_the_cables_dates(small_index, low, high):  # noqa: F811
    with open_index(small_index).searcher() as searcher:
        expected = _created_in(searcher, CABLES, low, high)
        assert expected or (low, high) == (datetime(2011, 1, 1), None)
        assert _docs(searcher, DateSpan("created", low, high)) == expected


def test_undated_and_deleted_documents_never_match(tmp_path):
    undated = Cable(id="10TESTPOST1", paragraphs=(Paragraph(1, 1, "No date."),))
    add_cables(tmp_path, [*CABLES, undated])
    replaced = Cable(id="08STATE58370", created="2008-06-02T18:20",
                     paragraphs=(Paragraph(1, 1, "Replaced."),))
    add_cables(tmp_path, [replaced])
    with open_index(tmp_path).searcher() as searcher:
        found = _docs(searcher, DateSpan("created", None, None))
        assert found == _created_in(searcher, [*CABLES, replaced], None, None)
        assert len(found) == sum(len(c.paragraphs) for c in CABLES) - 1
