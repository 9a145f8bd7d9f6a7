"""Our pooled segment writer writes what Whoosh's own SegmentWriter writes: same terms,
postings (ids, weights, positions), block statistics, document lengths and stored
fields, whether the pool stays in memory or spills runs to disk."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from whoosh.index import create_in
from whoosh.writing import SegmentWriter

from cablesearch.index.documents import cable_documents
from cablesearch.index.pool import TermPool
from cablesearch.index.schema import build_schema
from cablesearch.index.segment import PooledSegmentWriter
from cablesearch.sources import read_cables


def _documents(paths: list[Path], cables: int) -> list[dict]:
    documents = []
    for cable in itertools.islice(read_cables(paths), cables):
        documents += cable_documents(cable, "test", "digest")
    return documents


def _build(folder: Path, writer_class: type, documents: list[dict], **kwargs: object) -> Path:
    folder.mkdir()
    ix = create_in(str(folder), build_schema())
    writer = writer_class(ix, compound=False, **kwargs)
    for document in documents:
        writer.add_document(**document)
    writer.commit()
    return folder


def _postings(matcher: object) -> list[tuple]:
    """Each posting with the statistics of its block (top-N skipping reads those)."""
    found = []
    while matcher.is_active():
        block = (matcher.block_max_weight(), matcher.block_min_length(),
                 matcher.block_max_length())
        found.append((matcher.id(), matcher.weight(), matcher.value(), block))
        matcher.next()
    return found


def _contents(folder: Path) -> dict:
    """Everything a search can read back from an index, by field and term."""
    from whoosh.index import open_dir

    ix = open_dir(str(folder))
    with ix.reader() as reader:
        postings = {}
        for fieldname, btext in reader.all_terms():
            postings[fieldname, btext] = _postings(reader.postings(fieldname, btext))
        scorable = [name for name, field in ix.schema.items() if field.scorable]
        lengths = {(doc, name): reader.doc_field_length(doc, name)
                   for doc in range(reader.doc_count_all()) for name in scorable}
        stored = list(reader.iter_docs())
    ix.close()
    return {"postings": postings, "lengths": lengths, "stored": stored}


@pytest.fixture(scope="module")
def documents(own_corpus: Path) -> list[dict]:
    return _documents([own_corpus], 40)


def test_pooled_writer_writes_what_whoosh_writes(documents: list[dict], tmp_path: Path) -> None:
    ours = _contents(_build(tmp_path / "ours", PooledSegmentWriter, documents))
    whoosh = _contents(_build(tmp_path / "whoosh", SegmentWriter, documents))
    assert ours["postings"] and ours["stored"]
    assert ours == whoosh


def test_spilled_runs_merge_back_to_the_same_index(documents: list[dict], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    spills: list[bool] = []
    spill = TermPool._spill

    def counted(pool: TermPool) -> None:
        spills.append(bool(pool._fields))
        spill(pool)

    monkeypatch.setattr(TermPool, "_spill", counted)
    monkeypatch.setattr("cablesearch.index.pool._POSTING_BYTES", 1_000_000)  # a run every ~130
    ours = _contents(_build(tmp_path / "ours", PooledSegmentWriter, documents))
    assert sum(spills) > 10
    monkeypatch.undo()
    assert ours == _contents(_build(tmp_path / "whoosh", SegmentWriter, documents))


def test_real_cables_index_alike(shared_corpus: Path, tmp_path: Path) -> None:
    """200 real cables: damaged typography, long addressee lists, every marking."""
    documents = _documents([shared_corpus / "wikileaks-html"], 200)
    ours = _contents(_build(tmp_path / "ours", PooledSegmentWriter, documents))
    assert ours == _contents(_build(tmp_path / "whoosh", SegmentWriter, documents))
