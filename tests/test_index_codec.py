"""CompactCodec: postings blocks with packed values read back as Whoosh's own."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage

from cablesearch.index.codec import CompactCodec, LazyValues, PackedValues
from cablesearch.index.schema import build_schema


@pytest.mark.parametrize("values", [(), (b"",), (b"a", b"", b"\x80\x01bc"), (b"x" * 300, b"y")])
def test_packed_values_unpickle_to_the_same_tuple(values):
    back = pickle.loads(pickle.dumps(PackedValues(values), 2))
    assert back == values and values == back and tuple(back) == values
    assert type(back) is LazyValues and hash(back) == hash(values)


_BLOCK = st.lists(st.binary(max_size=300), max_size=40).map(tuple)
_BOUND = st.none() | st.integers(min_value=-45, max_value=45)


@given(_BLOCK, st.integers(min_value=-45, max_value=45), _BOUND, _BOUND, _BOUND.filter(bool))
def test_lazy_values_read_as_the_tuple(values, index, start, stop, step):
    def fresh() -> LazyValues:  # not yet cut: each read below is the first one
        return pickle.loads(pickle.dumps(PackedValues(values), 2))

    assert len(fresh()) == len(values)
    assert fresh()[start:stop:step] == values[start:stop:step]
    assert list(fresh()) == list(values)
    lazy = fresh()
    if -len(values) <= index < len(values):
        assert fresh()[index] == values[index]
        assert [lazy[i] for i in range(len(values))] == list(values)  # read after the cut
    else:
        with pytest.raises(IndexError):
            fresh()[index]
    assert lazy == values and lazy != (*values, b"")


def _index(codec, segments=1):
    words = [f"w{n}" for n in range(50)]
    ix = RamStorage().create_index(build_schema())
    for part in range(segments):
        with ix.writer(codec=codec, compound=False) as writer:
            for i in range(part, 300, segments):  # several blocks for the common words
                text = " ".join(words[(i * j * 7) % 50] for j in range(20 + i % 40))
                writer.add_document(cable=f"C{i}", seq=1, subject="HUMAN RIGHTS REPORT",
                                    text=f"{text} report {i} on human rights")
    return ix


def _postings_bytes(ix):
    return sum(ix.storage.file_length(name) for name in ix.storage.list()
               if name.endswith(".pst"))


def test_same_postings_and_phrases_as_the_default_codec_in_fewer_bytes():
    ours, theirs = _index(CompactCodec()), _index(None)
    assert _postings_bytes(ours) < 0.8 * _postings_bytes(theirs)
    with ours.searcher() as mine, theirs.searcher() as whoosh:
        for field, word in (("text", b"human"), ("text", b"report"), ("subject", b"right")):
            assert (list(mine.postings(field, word).items_as("positions"))
                    == list(whoosh.postings(field, word).items_as("positions")))
        phrase = wq.Phrase("text", ["human", "right"])
        assert len(mine.search(phrase, limit=None)) == 300
        assert ([hit["cable"] for hit in mine.search(phrase)]
                == [hit["cable"] for hit in whoosh.search(phrase)])


def test_merged_segments_read_as_the_default_codec_merges_them():
    ours, theirs = _index(CompactCodec(), segments=3), _index(None, segments=3)
    assert len(ours.reader().leaf_readers()) == 3
    for ix, codec in ((ours, CompactCodec()), (theirs, None)):
        ix.writer(codec=codec, compound=False).commit(optimize=True)
    assert len(ours.reader().leaf_readers()) == 1
    with ours.searcher() as mine, theirs.searcher() as whoosh:
        for word in (b"human", b"report", b"w7"):
            assert (list(mine.postings("text", word).items_as("positions"))
                    == list(whoosh.postings("text", word).items_as("positions")))
        phrase = wq.Phrase("text", ["human", "right"])
        assert len(mine.search(phrase, limit=None)) == 300
