"""CompactCodec: postings blocks with packed values read back as Whoosh's own."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage

from cablesearch.engine.postings import read_postings
from cablesearch.index.codec import (
    PACK_AT,
    CompactCodec,
    LazyValues,
    PackedNumbers,
    PackedValues,
    packed_numbers,
)
from cablesearch.index.schema import build_schema


@pytest.mark.parametrize("values", [(), (b"",), (b"a", b"", b"\x80\x01bc"), (b"x" * 300, b"y")])
def test_packed_values_unpickle_to_the_same_tuple(values):
    back = pickle.loads(pickle.dumps(PackedValues(values), 2))
    assert back == values and values == back and tuple(back) == values
    assert type(back) is LazyValues and hash(back) == hash(values)


@given(st.lists(st.integers(min_value=0, max_value=2**32 - 1), max_size=130)
       | st.lists(st.floats(min_value=0, max_value=2**33, allow_nan=False), max_size=130))
def test_packed_numbers_read_back_equal(numbers):
    """Whole numbers of a full enough block come back as an array equal to them, others
    as the tuple Whoosh writes."""
    packed = packed_numbers(numbers)
    back = pickle.loads(pickle.dumps(packed, 2))
    assert list(back) == list(numbers)
    whole = all(n == int(n) and n < 2**32 for n in numbers)
    assert isinstance(packed, PackedNumbers) == (whole and len(numbers) >= PACK_AT)


def test_whole_term_frequencies_pickle_in_fewer_bytes():
    weights = (1.0, 2.0, 1.0, 3.0) * 32
    assert len(pickle.dumps(packed_numbers(weights), 2)) * 3 < len(pickle.dumps(weights, 2))


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


def _stepped(matcher):
    while matcher.is_active():
        yield matcher.id(), matcher.weight(), matcher.value()
        matcher.next()


def test_postings_read_whole_equal_whooshs_stepping():
    """`read_postings` reads our packed blocks and Whoosh's own tuples alike."""
    for codec in (CompactCodec(), None):
        with _index(codec, segments=2).searcher() as searcher:
            for reader, _ in searcher.reader().leaf_readers():
                words = [word for word in (b"human", b"report", b"w0", b"w14", b"w21")
                         if ("text", word) in reader]
                assert len(words) >= 4
                for word in words:
                    whole = read_postings(reader.postings("text", word), values=True)
                    assert list(zip(whole.ids.tolist(), whole.weights.tolist(), whole.values,
                                    strict=True)) == list(_stepped(reader.postings("text", word)))


def test_a_last_block_without_lengths_keeps_the_term_statistics():
    """A paragraph of stop words only has postings but no length: a term's last block
    can hold only such paragraphs, after blocks that have lengths."""
    from io import BytesIO

    from whoosh.codec.whoosh3 import W3TermInfo
    from whoosh.filedb.structfile import StructFile

    from cablesearch.index.codec import PackedPostingsWriter

    schema = build_schema()
    writer = PackedPostingsWriter(StructFile(BytesIO()), blocklimit=128, compression=1,
                                  inlinelimit=1)
    terminfo = W3TermInfo()
    writer.start_postings(schema["text"].format, terminfo)
    ids = list(range(130))
    writer.add_postings(ids, [1.0] * 130, [None] * 130, [7] * 128 + [0, 0])
    assert writer.finish_postings() is terminfo
    assert (terminfo.min_length(), terminfo.max_length(), terminfo.doc_frequency()) == (7, 7, 130)
