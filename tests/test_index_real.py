"""Indexing the real cable pages: exactly the parser's paragraphs, and re-runs cost nothing."""

from cablesearch.cable import Cable
from cablesearch.index import open_index, update_index
from cablesearch.sources import read_cables


def _parsed(shared_corpus) -> dict[str, list[tuple]]:
    """Per cable, its paragraphs as the parser finds them: (seq, number, marking, text)."""
    cables = [c for c in read_cables([shared_corpus / "wikileaks-html"]) if isinstance(c, Cable)]
    return {
        cable.id: [(p.seq, p.number, p.marking, p.text) for p in cable.paragraphs]
        for cable in cables if cable.paragraphs
    }


def _indexed(index_dir) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {}
    with open_index(index_dir).searcher() as searcher:
        for fields in searcher.all_stored_fields():
            found.setdefault(fields["cable"], []).append(
                (fields["seq"], fields.get("number"), fields.get("marking"), fields["text"]))
    return {cable_id: sorted(paragraphs) for cable_id, paragraphs in found.items()}


def test_every_cable_indexed_with_exactly_the_paragraphs_the_parser_finds(real_index,
                                                                         shared_corpus):
    parsed = _parsed(shared_corpus)
    indexed = _indexed(real_index)
    assert len(parsed) > 1000
    assert {k: len(v) for k, v in indexed.items()} == {k: len(v) for k, v in parsed.items()}
    assert indexed == parsed


def test_rerun_over_the_real_pages_reports_every_cable_unchanged(real_index, shared_corpus):
    report = update_index(real_index, [shared_corpus / "wikileaks-html"])
    cables = sum(1 for c in read_cables([shared_corpus / "wikileaks-html"])
                 if isinstance(c, Cable))
    assert (report.added, report.replaced, report.skipped) == (0, 0, [])
    assert report.unchanged == cables
