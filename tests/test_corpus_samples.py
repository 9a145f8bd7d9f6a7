"""Our own sample cables in corpus/: every file parses, and each covers what its README says."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablesearch.cable import Cable, ParseError
from cablesearch.sources import iter_files, read_cables, read_sources

# The markings the samples must exercise between them (the forms real cables write).
MARKINGS = {"C", "S", "SBU", "S/NF", "S//NF", "C NF", "SBU/NF", "U//FOUO", "S/REL NATO",
            "S//FGI//NF", "U", "C/NF"}


@pytest.fixture(scope="module")
def cables(own_corpus: Path) -> dict[str, Cable]:
    items = list(read_cables([own_corpus]))
    errors = [item for item in items if isinstance(item, ParseError)]
    assert not errors, errors
    by_id = {item.id: item for item in items if isinstance(item, Cable)}
    assert len(by_id) == len(items)
    return by_id


def _numbered(cable: Cable) -> list[tuple[int | None, str | None]]:
    return [(p.number, p.marking) for p in cable.paragraphs if p.number is not None]


def test_every_sample_file_parses_to_cables(own_corpus: Path) -> None:
    batches = list(read_sources([own_corpus]))
    assert [b for b in batches if b.error is not None] == []
    assert all(b.cables for b in batches)
    files = list(iter_files([own_corpus]))
    assert {p.suffix for p in files} == {".html", ".txt", ".csv", ".gz"}
    for batch in batches:
        if ".csv" not in batch.source:
            assert Path(batch.source).name.split(".")[0] == batch.cables[0].id


def test_twenty_two_distinct_cables_with_paragraphs(cables: dict[str, Cable]) -> None:
    assert len(cables) == 22
    assert all(cable.paragraphs and cable.subject and cable.tags for cable in cables.values())


def test_samples_cover_every_marking_kind(cables: dict[str, Cable]) -> None:
    found = {p.marking for cable in cables.values() for p in cable.paragraphs}
    assert MARKINGS <= found
    assert any(p.number is not None and p.marking is None
               for cable in cables.values() for p in cable.paragraphs)


def test_samples_share_tags_for_facets(cables: dict[str, Cable]) -> None:
    counts = {tag: sum(tag in c.tags for c in cables.values()) for tag in ("EPET", "PHUM", "PGOV")}
    assert all(count >= 5 for count in counts.values()), counts


def test_10MOSCOW318_repeats_paragraph_3_with_its_own_marking(cables: dict[str, Cable]) -> None:
    assert _numbered(cables["10MOSCOW318"]) == [
        (1, "S/REL NATO"), (2, "S/REL NATO"), (3, "S//FGI//NF"), (3, "S/NF"), (4, "C"),
        (5, "S/NF")]


def test_09ASHGABAT412_keeps_lettered_items_inside_paragraph_3(cables: dict[str, Cable]) -> None:
    cable = cables["09ASHGABAT412"]
    assert _numbered(cable) == [(1, "S"), (2, "S/NF"), (3, "S//NF"), (4, "S"), (5, "S/NF")]
    third = next(p for p in cable.paragraphs if p.number == 3)
    assert "A. Accelerate the eastern pipeline" in third.text
    assert "C. Increase sales to Iran" in third.text


def test_08BAKU1187_multiline_subject_refs_and_section_break(cables: dict[str, Cable]) -> None:
    cable = cables["08BAKU1187"]
    assert cable.subject == ("AZERBAIJAN: STATE OIL COMPANY CHIEF SEES NO EARLY DEAL ON "
                             "TRANS-CASPIAN GAS, PRESSES FOR BETTER TRANSIT TERMS")
    assert cable.references == ("08BAKU1102", "08STATE70412", "07ASHGABAT1290")
    assert cable.signer == "HALVORSEN"
    assert _numbered(cable) == [(1, "C"), (2, "C"), (3, "C NF"), (4, "C"), (5, "C")]
    assert not any("OF 002" in p.text or "SIPDIS" in p.text for p in cable.paragraphs)


def test_09BISHKEK655_unmarked_paragraph_and_comma_tags(cables: dict[str, Cable]) -> None:
    cable = cables["09BISHKEK655"]
    assert cable.tags == ("PGOV", "PHUM", "PREL", "KDEM", "KG")
    assert _numbered(cable) == [(1, "C"), (2, "C"), (3, None), (4, "U"), (5, "C")]


def test_06TBILISI2230_preamble_before_paragraph_1(cables: dict[str, Cable]) -> None:
    paragraphs = cables["06TBILISI2230"].paragraphs
    preamble = [p for p in paragraphs if p.number is None]
    assert any(p.text.startswith("This cable was coordinated with the OSCE") for p in preamble)
    assert preamble[-1].seq < next(p.seq for p in paragraphs if p.number == 1)


def test_10ASTANA219_without_numbering_keeps_its_body(cables: dict[str, Cable]) -> None:
    paragraphs = cables["10ASTANA219"].paragraphs
    assert all(p.number is None for p in paragraphs)
    text = " ".join(p.text for p in paragraphs)
    assert "1.56 million barrels per day" in text
    assert "expansion of the oil pipeline to the Black Sea" in text


def test_04ALMATY2077_cp1252_file_reads_its_quotes(cables: dict[str, Cable]) -> None:
    cable = cables["04ALMATY2077"]
    assert any("\u201cnot in a hurry\u201d" in p.text for p in cable.paragraphs)
    assert _numbered(cable) == [(1, "C"), (2, "C"), (2, "C")]


def test_04ALMATY2077_section_2_head_is_not_paragraph_text(cables: dict[str, Cable]) -> None:
    second = [p for p in cables["04ALMATY2077"].paragraphs if p.number == 2]
    assert second[0].text.endswith("after the presidential visit to Moscow.")
    assert second[1].text.startswith("Comment: The Minister\u2019s hedging")


def test_typographic_damage_is_kept_for_the_analyzer(cables: dict[str, Cable]) -> None:
    text = " ".join(p.text for p in cables["07TASHKENT990"].paragraphs)
    assert "&activists8" in text and "Uzbekistan,s" in text
