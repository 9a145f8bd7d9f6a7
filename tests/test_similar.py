"""Near-duplicates and like paragraphs: shingles, MinHash bands, `Searcher.similar`,
`search --collapse-duplicates`, kept right as cables are re-indexed, and on the real cables
every paragraph copied across cables is found as a near-duplicate."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections import defaultdict

import numpy as np
import pytest
import whoosh.index
from click.testing import CliRunner

from cablesearch.cable import Cable, Paragraph
from cablesearch.cli import main
from cablesearch.index import IndexMissing, update_index
from cablesearch.index.minhash import (
    BANDS,
    EMPTY,
    NEAR_DUPLICATE,
    decode,
    jaccard,
    shingles,
    signature,
)
from cablesearch.index.schema import build_schema
from cablesearch.index.writer import add_cables
from cablesearch.search import NoIndex, QueryError, Searcher, UnknownRef

POINTS = ("We urge the government to release the detained journalists without delay and to "
          "allow independent observers full access to the northern provinces before the "
          "elections, as the international community expects of a partner in the region.")
EDITED = POINTS.replace("release", "free")  # one word changed: Jaccard 0.87
OTHER = ("The minister said the pipeline consortium would meet in Baku next month to settle "
         "the transit tariffs for gas crossing Georgia toward the Turkish border.")
LIKE = ("A partner in the region was urged to allow independent observers without delay, "
        "the minister said.")  # the same matter in other words: Jaccard 0.06


def _words(text: str) -> list[bytes]:
    """Words as the fingerprints see them: ASCII letters and digits (case folded) and
    other characters, in UTF-8."""
    return re.findall(rb"[a-z0-9\x80-\xff]+", text.encode("utf-8").lower())


def _reference_jaccard(a: str, b: str) -> float:
    """Jaccard of 3-word shingle sets, spelled out with Python sets."""
    def grams(text: str) -> set[tuple[bytes, ...]]:
        words = _words(text)
        return {tuple(words[i:i + 3]) for i in range(max(len(words) - 2, 1))}
    first, second = grams(a), grams(b)
    return len(first & second) / len(first | second)


def test_shingle_jaccard_is_the_set_jaccard():
    for a, b in ((POINTS, EDITED), (POINTS, OTHER), (POINTS, LIKE), (POINTS, POINTS)):
        assert jaccard(shingles(a), shingles(b)) == pytest.approx(_reference_jaccard(a, b))
    assert jaccard(shingles("Minimize considered."), shingles("MINIMIZE  considered")) == 1.0


def test_bands_of_copies_and_strangers():
    bands = [decode(signature(text), 1)[0] for text in (POINTS, POINTS.upper(), EDITED, OTHER)]
    assert (bands[0] == bands[1]).all()  # case and spacing do not matter
    assert (bands[0] == bands[2]).any()  # a near-copy shares a band
    assert not (bands[0] == bands[3]).any()
    assert signature("") == signature("-- ...") == EMPTY
    assert len(signature(POINTS)) == 4 * BANDS and all(decode(signature("one"), 1)[0])


def test_near_copies_are_nearly_always_candidates():
    """LSH with 6 bands of 2 rows: a pair at Jaccard >= 0.8 shares a band with probability
    above 0.99; unrelated paragraphs almost never do."""
    rng = random.Random(5)
    vocabulary = [f"w{n}" for n in range(3000)]
    found = strangers = 0
    for _ in range(300):
        words = [rng.choice(vocabulary) for _ in range(80)]
        copy = list(words)
        copy[rng.randrange(80)] = "changed"
        a, b = " ".join(words), " ".join(copy)
        assert jaccard(shingles(a), shingles(b)) >= NEAR_DUPLICATE
        found += bool((decode(signature(a), 1) == decode(signature(b), 1)).any())
        stranger = " ".join(rng.choice(vocabulary) for _ in range(80))
        strangers += bool((decode(signature(a), 1) == decode(signature(stranger), 1)).any())
    assert found >= 297 and strangers <= 3


def _cable(cable_id: str, *texts: str, origin: str = "Embassy Somewhere") -> Cable:
    return Cable(id=cable_id, subject=f"SUBJECT {cable_id}", created="2009-03-01T10:00",
                 origin=origin, paragraphs=tuple(
                     Paragraph(seq, seq, text, "C", "C") for seq, text in enumerate(texts, 1)))


CABLES = (
    _cable("09STATE100", "Instructions follow.", POINTS, origin="Secretary of State"),
    _cable("09ANKARA7", "Post delivered the points.", POINTS),
    _cable("09BAKU8", EDITED, OTHER),
    _cable("09TBILISI9", LIKE),
)


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    directory = tmp_path_factory.mktemp("similar")
    add_cables(directory, CABLES)
    return directory


def test_similar_ranks_copies_first(index):
    with Searcher(index) as searcher:
        found = searcher.similar("09STATE100 ¶2")
    assert found.of.ref == "09STATE100 ¶2"
    refs = [(item.hit.ref, item.near_duplicate) for item in found.similar]
    assert refs[:2] == [("09ANKARA7 ¶2", True), ("09BAKU8 ¶1", True)]
    assert found.similar[0].similarity == 1.0
    assert found.similar[1].similarity == pytest.approx(_reference_jaccard(POINTS, EDITED))
    assert "09STATE100 ¶2" not in dict(refs)


def test_similar_finds_the_same_matter_in_other_words(index):
    """No band is shared with a paragraph on the same matter in other words: it is found
    by its most distinctive words, and scored all the same."""
    with Searcher(index) as searcher:
        found = {item.hit.ref: item for item in searcher.similar("09TBILISI9 ¶1").similar}
    assert {"09STATE100 ¶2", "09ANKARA7 ¶2", "09BAKU8 ¶1"} <= set(found)
    assert not found["09STATE100 ¶2"].near_duplicate
    assert found["09STATE100 ¶2"].similarity == pytest.approx(_reference_jaccard(POINTS, LIKE))


def test_similar_limits_and_thresholds(index):
    with Searcher(index) as searcher:
        assert len(searcher.similar("09STATE100 ¶2", limit=1).similar) == 1
        strict = searcher.similar("09STATE100 ¶2", min_similarity=0.8).similar
        assert {item.hit.ref for item in strict} == {"09ANKARA7 ¶2", "09BAKU8 ¶1"}
        with pytest.raises(UnknownRef, match="is a whole cable: cite one paragraph, e.g. "
                                             "09STATE100 ¶1"):
            searcher.similar("09STATE100")
        with pytest.raises(UnknownRef, match="names 2 paragraphs"):
            searcher.similar("09STATE100 ¶¶1-2")
        with pytest.raises(QueryError):
            searcher.similar("09STATE100 ¶2", limit=0)
        with pytest.raises(QueryError):
            searcher.similar("09STATE100 ¶2", min_similarity=1.5)


def test_collapse_duplicates(index):
    with Searcher(index) as searcher:
        plain = searcher.search("observers", limit=10)
        collapsed = searcher.search("observers", limit=10, collapse_duplicates=True)
    assert plain.total == collapsed.total == 4
    assert len(plain.hits) == 4 and all(hit.copies is None for hit in plain.hits)
    # The best ranked of the three copies stands for them; the rank order is kept.
    leader = next(hit.ref for hit in plain.hits if hit.ref != "09TBILISI9 ¶1")
    expected = {hit.ref: 2 if hit.ref == leader else 0 for hit in plain.hits
                if hit.ref in (leader, "09TBILISI9 ¶1")}
    assert {hit.ref: hit.copies for hit in collapsed.hits} == expected
    assert [hit.ref for hit in collapsed.hits] == list(expected)


def test_collapse_pages_through_groups(index):
    with Searcher(index) as searcher:
        both = searcher.search("observers", limit=2, collapse_duplicates=True).hits
        first = searcher.search("observers", limit=1, collapse_duplicates=True).hits
        second = searcher.search("observers", limit=1, offset=1,
                                 collapse_duplicates=True).hits
        past = searcher.search("observers", limit=1, offset=2, collapse_duplicates=True).hits
    assert first + second == both and past == ()
    assert sorted(hit.copies for hit in both) == [0, 2]


def test_fingerprints_follow_reindexed_cables(tmp_path):
    add_cables(tmp_path, CABLES)
    add_cables(tmp_path, [_cable("09ANKARA7", "Post delivered the points.", OTHER)])
    with Searcher(tmp_path) as searcher:
        found = searcher.similar("09STATE100 ¶2", min_similarity=0.8).similar
        assert [item.hit.ref for item in found] == ["09BAKU8 ¶1"]
        hits = searcher.search("observers", collapse_duplicates=True).hits
        assert sorted(hit.copies for hit in hits) == [0, 1]


def test_an_empty_segment_has_no_fingerprints_to_miss(own_corpus, tmp_path):
    """Two writer processes over a few cables may leave one of them an empty segment,
    without the fingerprint column: not an index from an older cablesearch."""
    update_index(tmp_path, [own_corpus / "text" / "04ALMATY2077.txt"], procs=2)
    with Searcher(tmp_path) as searcher:
        assert searcher.similar("04ALMATY2077 ¶1").of.ref == "04ALMATY2077 ¶1"


def test_cli_similar(index):
    runner = CliRunner()
    table = runner.invoke(main, ["similar", "09STATE100", "¶2", "--index", str(index)])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0] == "09STATE100 ¶2: 2 paragraphs like it (2 compared)"
    assert lines[2].split()[:2] == ["1.000", "09ANKARA7"] and "near-duplicate" in lines[2]
    data = json.loads(runner.invoke(main, ["similar", "09STATE100 ¶2", "--format", "json",
                                           "--min-similarity", "0.8",
                                           "--index", str(index)]).output)
    assert set(data) == {"of", "checked", "similar"}
    assert [(item["ref"], item["near_duplicate"]) for item in data["similar"]] == [
        ("09ANKARA7 ¶2", True), ("09BAKU8 ¶1", True)]
    assert {"similarity", "text", "url", "cited_by"} <= set(data["similar"][0])
    rows = list(csv.DictReader(io.StringIO(runner.invoke(
        main, ["similar", "09STATE100 ¶2", "--format", "csv", "--index", str(index)]).output)))
    assert [(row["ref"], row["near_duplicate"]) for row in rows] == [
        ("09ANKARA7 ¶2", "yes"), ("09BAKU8 ¶1", "yes")]
    assert float(rows[1]["similarity"]) == pytest.approx(_reference_jaccard(POINTS, EDITED),
                                                         abs=1e-4)
    whole = runner.invoke(main, ["similar", "09STATE100", "--index", str(index)])
    assert whole.exit_code == 1 and whole.output.count("\n") == 1
    assert runner.invoke(main, ["similar", "09STATE100 ¶2", "--min-similarity", "2",
                                "--index", str(index)]).exit_code == 2


def test_cli_search_collapse_duplicates(index):
    runner = CliRunner()
    table = runner.invoke(main, ["search", "observers", "--collapse-duplicates",
                                 "--format", "table", "--index", str(index)])
    assert table.exit_code == 0, table.output
    assert "and 2 copies" in table.output
    data = json.loads(runner.invoke(main, ["search", "observers", "--collapse-duplicates",
                                           "--format", "json", "--index", str(index)]).output)
    assert sorted(hit["copies"] for hit in data["hits"]) == [0, 2]
    refused = runner.invoke(main, ["search", "observers", "--collapse-duplicates", "--all",
                                   "--index", str(index)])
    assert refused.exit_code == 2 and "does not go with --all" in refused.output


def test_real_copied_paragraphs_are_near_duplicates(real_index):
    """Every paragraph whose words recur in another cable is found by `similar` as a
    near-duplicate of similarity 1, e.g. 88BAGHDAD28 ¶3-5 and 09STATE68250 ¶3-5."""
    with Searcher(real_index) as searcher:
        found = searcher.similar("88BAGHDAD28 ¶3", min_similarity=0.8)
        assert ("09STATE68250 ¶3", 1.0, True) in [
            (item.hit.ref, item.similarity, item.near_duplicate) for item in found.similar]
        groups: dict[tuple[bytes, ...], list[tuple[str, str]]] = defaultdict(list)
        for cable in searcher.cables():
            shown = searcher.show(cable.id)
            for paragraph in cable.paragraphs:
                if _words(paragraph.text):
                    groups[tuple(_words(paragraph.text))].append(
                        (cable.id, shown.ref(paragraph)))
        copied = [refs for refs in groups.values() if len({cable for cable, _ in refs}) > 1]
        assert len(copied) > 30
        for refs in copied:
            (cable, ref), others = refs[0], refs[1:]
            found = searcher.similar(ref, limit=len(refs), min_similarity=1.0).similar
            assert {item.hit.ref for item in found} >= {
                other for other_cable, other in others if other_cable != cable}, ref
            assert np.all([item.near_duplicate for item in found])


def test_an_index_without_fingerprints_asks_for_a_rebuild(tmp_path):
    """An index built before paragraphs had fingerprints: `similar` and an update each say
    to rebuild it, in one line, rather than mixing documents with and without them."""
    schema = build_schema()
    schema.remove("minhash")
    with whoosh.index.create_in(tmp_path, schema).writer() as writer:
        writer.add_document(cable="09OLD1", seq=1, number=1, text=POINTS)
    with Searcher(tmp_path) as searcher, pytest.raises(NoIndex, match="--rebuild"):
        searcher.similar("09OLD1 ¶1")
    with pytest.raises(IndexMissing, match="older cablesearch .no field minhash.; rebuild"):
        add_cables(tmp_path, CABLES[:1])
