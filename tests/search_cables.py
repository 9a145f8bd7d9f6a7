"""Hand-made cables (fictional, true to form) and a small index of them for search tests.

Imported by the search, query and CLI tests: `from search_cables import small_index`.
Each cable exercises something a query must get right: repeated paragraph numbers,
unnumbered text, caveats, multi-word origins, typographic damage, citing references.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cablesearch.cable import Cable, Paragraph
from cablesearch.index.writer import add_cables

CABLES = (
    Cable(
        id="08ASTANA1111",
        subject="KAZAKHSTAN: TIP REPORT DELIVERED",
        created="2008-06-13T11:56",
        released="2011-08-30T01:44",
        classification="UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        origin="Embassy Astana",
        tags=("PHUM", "PGOV", "KCRIM", "KZ"),
        references=("08STATE58370",),
        sender="AMEMBASSY ASTANA",
        to=("SECSTATE WASHDC",),
        info=("USOFFICE ALMATY",),
        signer="ORDWAY",
        handling=("SENSITIVE", "SIPDIS"),
        paragraphs=(
            Paragraph(1, None, "Summary of the annual trafficking report delivery."),
            Paragraph(2, 1, "On June 4, Post delivered the annual Trafficking in Persons "
                            "report to the Ministry of Foreign Affairs.", "SBU", "SBU"),
            Paragraph(3, 2, "The Government of Kazakhstan,s efforts against human "
                            "trafficking improved, said the deputy minister.", "SBU", "SBU"),
            Paragraph(4, 3, "Post will continue to press for shelters for victims.",
                      "SBU", "SBU"),
        ),
    ),
    Cable(
        id="08STATE58370",
        subject="DEMARCHE: 2008 TRAFFICKING IN PERSONS REPORT",
        created="2008-06-02T18:20",
        classification="UNCLASSIFIED",
        origin="Secretary of State",
        tags=("PHUM", "KCRIM"),
        signer="RICE",
        paragraphs=(
            Paragraph(1, 1, "Posts should deliver the trafficking in persons report.", "U", "U"),
            Paragraph(2, 2, "Tier placements are final.", "U", "U"),
        ),
    ),
    Cable(
        id="09BAGHDAD197",
        subject="IRAQ: HYDROCARBON LAW TALKS STALL",
        created="2009-01-20T08:00",
        classification="SECRET//NOFORN",
        origin="Embassy Baghdad",
        tags=("EPET", "PGOV", "IZ"),
        references=("08BAGHDAD4000", "08STATE58370"),
        signer="CROCKER",
        paragraphs=(
            Paragraph(1, 1, "Hydrocarbon law negotiations stalled; human rights groups "
                            "object to the &revenue sharing8 clause.", "S/NF", "S", ("NF",)),
            Paragraph(2, 2, "The oil minister said al-Qaida threatens the northern "
                            "pipelines.", "C", "C"),
            Paragraph(3, 2, "A second paragraph numbered two: the cable repeats its "
                            "numbering, as real cables do.", "S//REL NATO", "S", ("REL NATO",)),
        ),
    ),
    Cable(
        id="06TBILISI619",
        subject="GEORGIA: PIPELINE SECURITY",
        created="2006-03-10T12:00",
        classification="CONFIDENTIAL",
        origin="Embassy Tbilisi",
        tags=("EPET", "PREL", "GG"),
        signer="TEFFT",
        paragraphs=(
            Paragraph(1, 1, "Classified by Ambassador for reasons 1.4(b) and (d).", "C", "C"),
            Paragraph(2, 2, "Pipeline security along the northern route worries the "
                            "minister of energy.", "C", "C"),
        ),
    ),
    Cable(
        id="10USUNNEWYORK55",
        subject="UNSC: HUMAN RIGHTS DEBATE",
        created="2010-02-01T09:30",
        classification="UNCLASSIFIED",
        origin="USUN New York",
        tags=("PHUM", "UNSC"),
        paragraphs=(
            Paragraph(1, None, "Human rights were debated at length in the Council; the "
                               "U.S. delegation spoke on trafficking of persons."),
        ),
    ),
)


def build_small_index(directory: Path) -> Path:
    add_cables(directory, CABLES)
    return directory


@pytest.fixture(scope="session")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of CABLES, built once per test session."""
    return build_small_index(tmp_path_factory.mktemp("small-index"))


@pytest.fixture(scope="module")
def small_cli(small_index: Path):
    """`cablesearch ARGS... --index <small index>` through click's CliRunner."""
    from click.testing import CliRunner

    from cablesearch.cli import main

    def invoke(*args: str):
        return CliRunner().invoke(main, [*args, "--index", str(small_index)])

    return invoke
