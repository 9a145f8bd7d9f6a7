"""CompactCodec: postings blocks with packed values read back as Whoosh's own."""

from __future__ import annotations

import pickle

import pytest
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage

from cablesearch.index.codec import CompactCodec, PackedValues
from cablesearch.index.schema import build_schema


@pytest.mark.parametrize("values", [(), (b"",), (b"a", b"", b"\x80\x01bc"), (b"x" * 300, b"y")])
def test_packed_values_unpickle_to_the_same_tuple(values):
    back = pickle.loads(pickle.dumps(PackedValues(values), 2))
    assert back == values and type(back) is tuple


def _index(codec):
    words = [f"w{n}" for n in range(50)]
    ix = RamStorage().create_index(build_schema())
    with ix.writer(codec=codec, compound=False) as writer:
        for i in range(300):  # several blocks of postings for the common words
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
