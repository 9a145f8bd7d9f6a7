"""Indexing the real cable pages: exactly the parser's paragraphs, and re-runs cost nothing."""

import pytest

from cablesearch.cable import Cable
from cablesearch.index import open_index, update_index
from cablesearch.index.documents import CABLE_ONLY
from cablesearch.sources import read_cables


@pytest.fixture(scope="module")
def parsed(shared_corpus) -> list[Cable]:
    """The real pages as the parser reads them."""
    return [c for c in read_cables([shared_corpus / "wikileaks-html"]) if isinstance(c, Cable)]


def _indexed(index_dir) -> dict[str, list[tuple]]:
    """Per cable, its indexed paragraphs: (seq, number, marking, text), in seq order (none
    for a cable without paragraphs, whose one document holds its fields)."""
    found: dict[str, list[tuple]] = {}
    with open_index(index_dir).searcher() as searcher:
        for fields in searcher.all_stored_fields():
            paragraphs = found.setdefault(fields["cable"], [])
            if fields.get("kind") != CABLE_ONLY:
                paragraphs.append((fields["seq"], fields.get("number"), fields.get("marking"),
                                   fields["text"]))
    return {cable_id: sorted(paragraphs) for cable_id, paragraphs in found.items()}


def test_every_cable_indexed_with_exactly_the_paragraphs_the_parser_finds(real_index, parsed):
    expected = {
        cable.id: [(p.seq, p.number, p.marking, p.text) for p in cable.paragraphs]
        for cable in parsed
    }
    assert any(not paragraphs for paragraphs in expected.values())  # truncated pages
    indexed = _indexed(real_index)
    assert len(expected) > 1000
    assert {k: len(v) for k, v in indexed.items()} == {k: len(v) for k, v in expected.items()}
    assert indexed == expected


def test_rerun_over_the_real_pages_reports_every_cable_unchanged(real_index, parsed,
                                                                 shared_corpus):
    report = update_index(real_index, [shared_corpus / "wikileaks-html"])
    assert (report.added, report.replaced, report.skipped) == (0, 0, [])
    assert report.unchanged == len(parsed)
    assert report.paragraphs_unchanged == sum(len(cable.paragraphs) for cable in parsed)
