"""Search over the real cables of ../shared/corpus: known-item finding, facet counts, filters.

Known-item search is the researcher's core task: for 200 paragraphs sampled with a fixed
seed, a query of the paragraph's rarest words must put it first in at least 95 % of cases,
and its longest sentence as a phrase must put it in the top 3 every time. Only paragraphs
whose text, and that sentence, occur once in the corpus are sampled: no query can tell
apart paragraphs that share them (boilerplate such as `Classified By: ...`).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from cablesearch.cable import Cable, Paragraph
from cablesearch.index.analysis import CableAnalyzer
from cablesearch.parse.levels import class_level
from cablesearch.search import Searcher
from cablesearch.sources import read_cables

SAMPLE = 200
SEED = 20101128  # the day Cablegate began
_WORD = re.compile(r"[A-Za-z]{3,}")
_TYPED_WORD = re.compile(r"[A-Za-z]{3,}(?:'[A-Za-z]+)?")  # a word a researcher would type
_SENTENCE = re.compile(r"(?<=[.;:?!])\s+")
_ANALYZER = CableAnalyzer()


@pytest.fixture(scope="session")
def real_cables(shared_corpus: Path) -> dict[str, Cable]:
    """The parsed cables, last one winning for a repeated id, as the index keeps them."""
    cables = {}
    for cable in read_cables([shared_corpus / "wikileaks-html"], jobs=2):
        assert isinstance(cable, Cable), cable
        cables[cable.id] = cable
    return cables


@pytest.fixture(scope="module")
def searcher(real_index: Path):
    """A searcher on conftest's shared index of the same pages."""
    with Searcher(real_index) as opened:
        yield opened


def _terms(text: str) -> list[str]:
    return [token.text for token in _ANALYZER(text, mode="query")]


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE.split(" ".join(text.split())) if part]


@pytest.fixture(scope="module")
def sample(real_cables: dict[str, Cable]):
    """200 paragraphs, each with text and a sentence of its own: boilerplate that recurs
    verbatim (`Classified By: ... reasons 1.4(b) and (d).`) cannot name one paragraph."""
    cables = real_cables
    paragraphs = [p for cable in cables.values() for p in cable.paragraphs]
    texts = Counter(p.text for p in paragraphs)
    sentences = Counter(s.lower() for p in paragraphs for s in set(_sentences(p.text)))
    candidates = [
        (cable, paragraph, max(own, key=len))
        for cable in cables.values()
        for paragraph in cable.paragraphs
        if texts[paragraph.text] == 1 and len(set(_WORD.findall(paragraph.text))) >= 8
        and (own := [s for s in _sentences(paragraph.text)
                     if sentences[s.lower()] == 1 and len(_terms(s)) >= 3])
    ]
    return random.Random(SEED).sample(candidates, SAMPLE)


def _rare_words(paragraph_text: str, searcher: Searcher, count: int = 5) -> list[str]:
    """The paragraph's words, as written (`didn't`), whose index term is in the fewest
    paragraphs."""
    reader = searcher._searcher.reader()  # the test measures against the index's own df
    scored = {}
    for token in _ANALYZER(paragraph_text, mode="query", keeporiginal=True):
        if _TYPED_WORD.fullmatch(token.original):
            frequency = reader.doc_frequency("text", token.text)
            scored.setdefault(token.text, (frequency, token.original.lower()))
    return [word for _, word in sorted(scored.values())[:count]]


def test_known_item_rare_words_rank_the_paragraph_first(searcher, sample):
    first = 0
    misses = []
    for cable, paragraph, _ in sample:
        words = _rare_words(paragraph.text, searcher)
        assert len(words) >= 4
        hits = searcher.search(" ".join(words), limit=1).hits
        if hits and (hits[0].cable, hits[0].seq) == (cable.id, paragraph.seq):
            first += 1
        else:
            misses.append((cable.id, paragraph.seq, words))
    rate = first / len(sample)
    print(f"\nknown-item, rarest 5 words: first in {first}/{len(sample)} = {rate:.1%}")
    for miss in misses[:10]:
        print("  miss:", *miss)
    assert rate >= 0.95


def test_known_item_sentence_phrase_in_top_3(searcher, sample):
    found = 0
    misses = []
    for cable, paragraph, sentence in sample:
        hits = searcher.search(f'"{sentence.replace(chr(34), " ")}"', limit=3).hits
        if (cable.id, paragraph.seq) in {(hit.cable, hit.seq) for hit in hits}:
            found += 1
        else:
            misses.append((cable.id, paragraph.seq, sentence[:80]))
    print(f"\nknown-item, exact sentence as a phrase: top 3 in {found}/{len(sample)} "
          f"= {found / len(sample):.1%}")
    for miss in misses[:10]:
        print("  miss:", *miss)
    assert found == len(sample)


# What stands for a cable without paragraphs: its one document, of its fields alone, is a
# hit where they match and no paragraph of any marking.
NO_PARAGRAPH = Paragraph(seq=1, number=None, text="")


def _documents(cable: Cable) -> tuple[Paragraph, ...]:
    return cable.paragraphs or (NO_PARAGRAPH,)


def _expected_facets(cables: dict[str, Cable], keep) -> dict[str, Counter]:
    """Facet counts straight from the parsed cables over the paragraphs `keep` accepts."""
    counts = {name: Counter() for name in ("tag", "origin", "classification", "marking", "year")}
    for cable in cables.values():
        level = class_level(cable.classification)
        for paragraph in _documents(cable):
            if not keep(cable, paragraph):
                continue
            counts["tag"].update(set(cable.tags))
            if cable.origin:
                counts["origin"][cable.origin] += 1
            if level:
                counts["classification"][level] += 1
            if paragraph is not NO_PARAGRAPH:
                counts["marking"][paragraph.level or "unmarked"] += 1
            if cable.created:
                counts["year"][cable.created[:4]] += 1
    return counts


def _mentions(word: str):
    term = _terms(word)[0]

    def has(text: str | None) -> bool:
        # every word stemming to `nuclear` contains it: analyze only those texts
        return bool(text) and word in text.lower() and term in _terms(text)

    def keep(cable: Cable, paragraph) -> bool:
        return has(paragraph.text) or has(cable.subject)

    return keep


FACET_QUERIES = {
    "": lambda cable, paragraph: True,
    "nuclear": _mentions("nuclear"),
    "tag:PREL": lambda cable, paragraph: "PREL" in cable.tags,
    "class:secret marking:NF": lambda cable, paragraph: (
        class_level(cable.classification) == "S" and "NF" in paragraph.caveats
    ),
}


@pytest.mark.parametrize("query", list(FACET_QUERIES), ids=lambda q: q or "whole index")
def test_facet_counts_equal_the_parsed_cables(searcher, real_cables, query):
    expected = _expected_facets(real_cables, FACET_QUERIES[query])
    for name, counts in expected.items():
        got = dict(searcher.facets(query or None, by=name, limit=None))
        assert got == dict(counts), name
    if query:
        total = sum(1 for c in real_cables.values() for p in _documents(c)
                    if FACET_QUERIES[query](c, p))
        assert searcher.search(query).total == total > 0


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"tag": "PHUM"}, "tag:PHUM"),
        ({"origin": "Embassy Baghdad"}, "origin:embassy origin:baghdad"),
        ({"classification": "confidential"}, "class:confidential"),
        ({"marking": "SBU"}, "marking:SBU"),
        ({"since": "2009-06", "until": "2009-12-31"}, "created:[2009-06 TO 2009-12-31]"),
    ],
)
def test_filters_equal_query_fields(searcher, filters, field):
    for words in ("government", "minister OR president"):
        filtered = searcher.search(words, filters=filters, limit=20, facets=["tag"])
        fielded = searcher.search(f"({words}) {field}", limit=20, facets=["tag"])
        assert filtered.total == fielded.total > 0
        assert filtered.facets == fielded.facets


def test_show_rebuilds_every_sampled_cable(searcher, sample):
    for cable, _, _ in sample[:40]:
        assert searcher.show(cable.id).cable == cable
