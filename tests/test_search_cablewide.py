"""Cable fields indexed on first paragraphs only still match every paragraph of a cable,
across segments and after a cable is replaced (its old documents deleted, not merged)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from whoosh import query as wq

from cablesearch.cable import Cable, Paragraph
from cablesearch.engine.cablewide import CableWide, cable_docs, first_doc
from cablesearch.index.store import open_index
from cablesearch.index.writer import add_cables
from cablesearch.search import Searcher


def _cable(cable_id: str, sender: str, count: int, word: str = "talks") -> Cable:
    return Cable(id=cable_id, sender=sender, to=("SECSTATE WASHDC",), signer="ORDWAY",
                 paragraphs=tuple(Paragraph(seq, seq, f"{word} paragraph {seq}.")
                                  for seq in range(1, count + 1)))


def _refs(searcher: Searcher, query: str) -> set[tuple[str, int]]:
    return {(hit.cable, hit.seq) for hit in searcher.search(query, limit=100).hits}


def test_every_paragraph_of_each_matching_cable_across_segments(tmp_path):
    add_cables(tmp_path, [_cable("09A1", "AMEMBASSY ASTANA", 3),
                          _cable("09B2", "AMEMBASSY BAKU", 1)])
    add_cables(tmp_path, [_cable("09C3", "AMEMBASSY ASTANA", 2),
                          _cable("09D4", "AMEMBASSY BAKU", 4)])
    with Searcher(tmp_path) as searcher:
        assert len(list(searcher._searcher.leaf_searchers())) == 2  # one per add_cables run
        assert _refs(searcher, "from:astana") == {
            ("09A1", 1), ("09A1", 2), ("09A1", 3), ("09C3", 1), ("09C3", 2)}
        assert _refs(searcher, "from:baku paragraph") == {
            ("09B2", 1), *(("09D4", seq) for seq in range(1, 5))}
        assert len(_refs(searcher, "to:secstate signer:ordway")) == 10
        assert _refs(searcher, "talks -from:baku") == _refs(searcher, "from:astana")
        scores = {hit.seq: hit.score for hit in searcher.search("from:astana").hits
                  if hit.cable == "09A1"}
        assert len(set(scores.values())) == 1  # the first paragraph's score for all


def test_a_replaced_cable_matches_by_its_new_fields_only(tmp_path):
    add_cables(tmp_path, [_cable("09A1", "AMEMBASSY ASTANA", 3),
                          _cable("09B2", "AMEMBASSY BAKU", 2)])
    add_cables(tmp_path, [_cable("09A1", "AMEMBASSY BAKU", 2, "changed")])
    with Searcher(tmp_path) as searcher:
        assert _refs(searcher, "from:astana") == set()
        assert _refs(searcher, "from:baku") == {
            ("09A1", 1), ("09A1", 2), ("09B2", 1), ("09B2", 2)}
        assert searcher.cable("09A1").sender == "AMEMBASSY BAKU"


def test_first_doc_and_cable_docs_walk_the_seq_column(tmp_path):
    add_cables(tmp_path, [_cable("09A1", "X", 3), _cable("09B2", "X", 1),
                          _cable("09C3", "X", 2)])
    with open_index(tmp_path).searcher() as searcher:
        reader = searcher.reader()
        cables = [fields["cable"] for fields in searcher.all_stored_fields()]
        assert cables == ["09A1"] * 3 + ["09B2"] + ["09C3"] * 2
        assert [first_doc(reader, doc) for doc in range(6)] == [0, 0, 0, 3, 4, 4]
        assert [list(cable_docs(reader, doc)) for doc in (0, 3, 4)] == [
            [0, 1, 2], [3], [4, 5]]


def test_normalizes_away_an_empty_query():
    assert CableWide(wq.NullQuery).normalize() is wq.NullQuery
    assert CableWide(wq.Term("to", "x")) == CableWide(wq.Term("to", "x"))



def test_heads_are_every_live_cables_first_document_after_a_replacement(tmp_path):
    dated = partial(replace, created="2009-01-02T03:04", released="2010-11-28T00:00",
                    tags=("PREL", "KZ"))
    add_cables(tmp_path, [_cable("09A1", "X", 3), dated(_cable("09B2", "X", 2))])
    add_cables(tmp_path, [dated(_cable("09A1", "Y", 2, "changed"), tags=("EAGR",)),
                          _cable("09C3", "X", 1)])
    with Searcher(tmp_path) as searcher:
        engine = searcher._engine
        firsts, heads = engine.first_docs(), engine.heads()
        live = [doc for doc, _ in engine.all_stored()]
        assert list(heads) == sorted(set(heads))
        assert {int(firsts[doc]) for doc in live} <= set(heads.tolist())
        assert {engine.stored(int(firsts[doc]))["seq"] for doc in live} == {1}
        exported = {(r["cable"], r["created"], r["released"], tuple(r["tags"]))
                    for r in searcher.export("paragraph")}
    assert exported == {("09A1", "2009-01-02T03:04", "2010-11-28T00:00", ("EAGR",)),
                        ("09B2", "2009-01-02T03:04", "2010-11-28T00:00", ("PREL", "KZ")),
                        ("09C3", None, None, ())}
