"""Phrases matched from whole arrays of positions (`engine.phrases`) match what Whoosh's
phrase matcher matches, where the real cables rarely go: positions past 127 and gaps past
16383 (varints of two and three bytes), a repeated word, three- and four-word phrases, a
segment with deleted documents, a word absent from a segment."""

from __future__ import annotations

import random
from itertools import product
from pathlib import Path

import numpy as np
import pytest
from whoosh import query as wq
from whoosh.fields import TEXT, Schema
from whoosh.formats import Positions
from whoosh.index import create_in

from cablesearch.cable import Cable, Paragraph
from cablesearch.engine import Engine
from cablesearch.engine.docsets import SegmentDocs
from cablesearch.engine.kinds.phrase import PHRASE
from cablesearch.engine.postings import read_postings
from cablesearch.engine.varints import JoinedValues, varint_positions
from cablesearch.index.positions import decode_deltas, encode_deltas
from cablesearch.index.store import IndexMissing, open_index
from cablesearch.index.writer import add_cables

WORDS = ["alpha", "bravo", "delta", "echo", "golf", "hotel"]
LONE = "kilo"  # only in the first segment's last cable, far from the paragraph's start


def _cable(name: str, rng: random.Random, paragraphs: int, words: list[str]) -> Cable:
    """Paragraphs of random words: most short, so that a phrase is in some and not in
    others, a third long (positions past 127)."""
    lengths = [rng.choice([rng.randint(1, 12), rng.randint(1, 12), rng.randint(150, 400)])
               for _ in range(paragraphs)]
    texts = [" ".join(rng.choices(words, k=length)) for length in lengths]
    return Cable(id=f"08{name}{len(texts)}", subject="PHRASES",
                 paragraphs=tuple(Paragraph(seq, seq, text)
                                  for seq, text in enumerate(texts, 1)))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two segments: the second replaces a cable of the first (deleting its paragraphs,
    amid others) and lacks the word `LONE`."""
    rng = random.Random(7)
    directory = tmp_path_factory.mktemp("phrases")
    replaced = _cable("ALPHA", rng, 40, WORDS)
    far = " ".join(["alpha"] * 20_000 + [LONE, "bravo", LONE, LONE, "alpha", LONE])
    add_cables(directory, [_cable("BRAVO", rng, 150, WORDS), replaced,
                           _cable("CHARLIE", rng, 150, WORDS),
                           Cable(id="08DELTA1", paragraphs=(Paragraph(1, 1, far),))])
    add_cables(directory, [Cable(id=replaced.id, paragraphs=replaced.paragraphs[:3]),
                           _cable("ECHO", rng, 200, WORDS[:4])])
    return directory


def _phrases(rng: random.Random) -> list[wq.Phrase]:
    pairs = [list(pair) for pair in product([*WORDS, LONE], repeat=2)]
    longer = [rng.choices(WORDS, k=rng.randint(3, 4)) for _ in range(60)]
    return [wq.Phrase("text", words) for words in [*pairs, *longer, ["alpha", LONE, "bravo"]]]


def test_phrase_docs_are_whooshs(index: Path) -> None:
    phrases = _phrases(random.Random(11))
    with open_index(index).searcher() as searcher:
        leaves = [leaf for leaf, _ in searcher.leaf_searchers()]
        assert len(leaves) == 2 and leaves[0].reader().has_deletions()
        assert (("text", LONE) in leaves[0].reader()) != (("text", LONE) in leaves[1].reader())
        matched = unmatched = 0
        for leaf in leaves:
            segment = SegmentDocs(leaf)
            for phrase in phrases:
                expected = sorted(phrase.matcher(leaf, leaf.boolean_context()).all_ids())
                assert np.flatnonzero(PHRASE.match(segment, phrase)).tolist() == expected, (
                    phrase)
                matched += bool(expected)
                unmatched += not expected
    assert matched > 100 and unmatched > 10  # both outcomes are exercised


def test_repeated_word_needs_two_places(index: Path) -> None:
    """`"kilo kilo"` matches the one paragraph where it stands twice in a row, with
    positions past 20,000; `"kilo alpha kilo"` matches it too, `"kilo kilo kilo"` not."""
    with open_index(index).searcher() as searcher:
        leaf = next(leaf for leaf, _ in searcher.leaf_searchers()
                    if ("text", LONE) in leaf.reader())
        segment = SegmentDocs(leaf)
        found = {n: np.flatnonzero(PHRASE.match(segment, wq.Phrase("text", words))).size
                 for n, words in [(2, [LONE, LONE]), (3, [LONE, "alpha", LONE]),
                                  (0, [LONE, LONE, LONE])]}
    assert found == {2: 1, 3: 1, 0: 0}


@pytest.mark.parametrize("seed", range(5))
def test_varint_positions_decode_each_posting(seed: int) -> None:
    rng = random.Random(seed)
    postings = [sorted(rng.sample(range(rng.choice([100, 300, 40_000, 3_000_000])),
                                  rng.randint(1, 30)))
                for _ in range(50)]
    values = JoinedValues.of([encode_deltas(positions) for positions in postings])
    positions, owners = varint_positions(values)
    assert [positions[owners == k].tolist() for k in range(len(postings))] == postings
    assert [decode_deltas(value) for value in values] == postings


def test_values_of_a_stepped_matcher_are_the_remaining_ones(index: Path) -> None:
    """A matcher already stepped into its first block, and into a later one, reads only
    the values still ahead of it."""
    with open_index(index).searcher() as searcher:
        reader = next(leaf for leaf, _ in searcher.leaf_searchers()).reader()
        for steps in (5, 200):
            matcher = reader.postings("text", "alpha")
            for _ in range(steps):
                matcher.next()
            expected = []
            stepped = reader.postings("text", "alpha")
            stepped.skip_to(matcher.id())
            while stepped.is_active():
                expected.append((stepped.id(), stepped.value()))
                stepped.next()
            read = read_postings(matcher, values=True)
            assert list(zip(read.ids.tolist(), read.values, strict=True)) == expected


def test_an_index_of_whooshs_own_positions_is_refused(tmp_path: Path) -> None:
    """Positions in Whoosh's own `Positions` format (an index older than ours) are not
    read as ours: the engine says to rebuild it rather than answer phrases wrongly."""
    ix = create_in(tmp_path, Schema(text=TEXT(phrase=True)))
    with ix.writer() as writer:
        writer.add_document(text="alpha bravo")
    assert type(ix.schema["text"].format) is Positions
    with pytest.raises(IndexMissing, match="--rebuild"):
        Engine(tmp_path)
