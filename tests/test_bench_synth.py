"""bench/synth.py: synthetic cables are deterministic, parse back exactly in both written
forms, and follow the real sample's statistics (what makes the benchmark's numbers mean
something at 250k cables)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from cablesearch.cable import Cable
from cablesearch.sources import read_cables

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))
import corpus_stats  # noqa: E402
import synth  # noqa: E402


@pytest.fixture(scope="module")
def real(shared_corpus: Path) -> list[Cable]:
    return corpus_stats.parsed([str(p) for p in synth.default_sources() if p.exists()])


@pytest.fixture(scope="module")
def model(real: list[Cable]) -> synth.Model:
    return synth.learn(real)


def test_same_seed_same_cables(model: synth.Model) -> None:
    first = list(synth.Generator(model, 5).cables(30))
    assert first == list(synth.Generator(model, 5).cables(30))
    assert first != list(synth.Generator(model, 6).cables(30))
    assert len({cable.id for cable in first}) == 30


def _fields(cable: Cable) -> tuple:
    return (cable.id, cable.subject, cable.created, cable.classification, cable.origin,
            cable.tags, cable.signer,
            [(p.number, p.marking, p.level, p.caveats, p.text) for p in cable.paragraphs])


@pytest.mark.parametrize("form", ["cables.csv", "html"])
def test_written_cables_parse_back_exactly(model: synth.Model, tmp_path: Path, form: str
                                           ) -> None:
    generated = list(synth.Generator(model, 11).cables(150))
    synth.write(generated, tmp_path, with_html=True)
    parsed = {c.id: c for c in read_cables([str(tmp_path / form)]) if isinstance(c, Cable)}
    assert [_fields(parsed[c.id]) for c in generated] == [_fields(c) for c in generated]


def test_references_cite_earlier_cables_and_parse_back(model: synth.Model, tmp_path: Path
                                                      ) -> None:
    generated = list(synth.Generator(model, 11).cables(400))
    synth.write(generated, tmp_path, with_html=False)
    parsed = {c.id: c for c in read_cables([str(tmp_path / "cables.csv")])
              if isinstance(c, Cable)}
    assert [parsed[c.id].references for c in generated] == [c.references for c in generated]
    earlier: set[str] = set()
    inside = outside = 0
    for cable in generated:
        inside += sum(ref in earlier for ref in cable.references)
        outside += sum(ref not in earlier for ref in cable.references)
        earlier.add(cable.id)
    assert inside > outside > 0  # most cite the corpus, never a later cable


def test_references_leave_the_rest_of_a_seed_unchanged(model: synth.Model) -> None:
    """The text benchmarks ran on before references were drawn is the same."""
    with_refs = list(synth.Generator(model, 3).cables(50))
    assert any(cable.references for cable in with_refs)
    generator = synth.Generator(model, 3)
    generator._references = lambda template: ()  # type: ignore[method-assign]
    assert [replace(c, references=()) for c in with_refs] == list(generator.cables(50))


def test_statistics_follow_the_real_sample(real: list[Cable], model: synth.Model) -> None:
    want = corpus_stats.measure(real)
    got = corpus_stats.measure(synth.Generator(model, 1).cables(len(real)))
    for key in ("para_per_cable", "words_per_para"):
        assert got[key]["mean"] == pytest.approx(want[key]["mean"], rel=0.1), key
        assert got[key]["p50"] == pytest.approx(want[key]["p50"], rel=0.15), key
    for level, share in want["levels_pct"].items():
        assert got["levels_pct"][level] == pytest.approx(share, abs=3), level
    assert got["distinct_terms"] == pytest.approx(want["distinct_terms"], rel=0.2)
    assert got["probe_pct"]["minister"] == pytest.approx(want["probe_pct"]["minister"], rel=0.25)


def test_vocabulary_keeps_growing(model: synth.Model) -> None:
    """Real vocabularies grow with the corpus (Heaps' law); a closed one would saturate."""
    small = corpus_stats.measure(synth.Generator(model, 2).cables(300))["distinct_terms"]
    large = corpus_stats.measure(synth.Generator(model, 2).cables(1200))["distinct_terms"]
    assert large > 1.5 * small
