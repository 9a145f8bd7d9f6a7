"""Facets without a column (caveat, signer, handling), the subject marking, tag meanings,
and two facets counted together."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from search_cables import CABLES, small_index  # noqa: F401  (fixture)

from cablesearch.cable import Cable, Paragraph
from cablesearch.cli import main
from cablesearch.index.writer import add_cables
from cablesearch.search import QueryError, Searcher

MARKED = Cable(
    id="09SANAA9999", subject="YEMEN: FICTIONAL MANPADS TALKS", subject_marking="S/NF",
    created="2009-08-04T11:11",
    classification="SECRET//NOFORN", origin="Embassy Sanaa", tags=("PARM", "YM"),
    signer="SECHE", handling=("NOFORN", "SIPDIS"),
    paragraphs=(Paragraph(1, 1, "Talks went on.", "S/NF", "S", ("NF",)),
                Paragraph(2, 2, "Shared with partners.", "S//REL NATO/NF", "S",
                          ("REL NATO", "NF")),
                Paragraph(3, 3, "Nothing marked here.")),
)


@pytest.fixture(scope="module")
def marked_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index = tmp_path_factory.mktemp("marked-index")
    add_cables(index, (*CABLES, MARKED))
    return index


def test_caveat_signer_handling_subject_marking(marked_index):
    with Searcher(marked_index) as searcher:
        caveat = dict(searcher.facets(None, by="caveat"))
        caveat_cables = dict(searcher.facets(None, by="caveat", by_cable=True))
        signer = dict(searcher.facets(None, by="signer"))
        handling = dict(searcher.facets("partners OR minister", by="handling"))
        subject = dict(searcher.facets(None, by="subject_marking", by_cable=True))
        narrowed = searcher.search("partners", facets=["caveat", "subject_marking"]).facets
    assert caveat == {"NF": 3, "REL NATO": 2}  # Baghdad ¶1, ¶2.2; Sanaa ¶1, ¶2
    assert caveat_cables == {"NF": 2, "REL NATO": 2}
    assert signer == {"ORDWAY": 4, "CROCKER": 3, "SECHE": 3, "RICE": 2, "TEFFT": 2}
    assert handling == {"NOFORN": 1, "SIPDIS": 2, "SENSITIVE": 1}  # Sanaa ¶2, Astana ¶2
    assert subject == {"S/NF": 1}
    assert narrowed == {"caveat": [("NF", 1), ("REL NATO", 1)], "subject_marking": [("S/NF", 1)]}


def test_crosstab_counts_every_pair(marked_index):
    with Searcher(marked_index) as searcher:
        tab = searcher.crosstab(None, ("origin", "year"))
        cables = searcher.crosstab("trafficking", ("tag", "year"), by_cable=True)
        for origin, year, n in tab.counts:
            assert searcher.search(f'year:{year}', filters={"origin": origin.split()[-1]}
                                   ).total == n
        with pytest.raises(QueryError, match="unknown facet"):
            searcher.crosstab(None, ("origin", "colour"))
    assert sum(n for _, _, n in tab.counts) == sum(len(c.paragraphs) for c in (*CABLES, MARKED))
    assert tab.columns == ["2006", "2008", "2009", "2010"]
    assert ("PHUM", "2008", 2) in cables.counts and ("PHUM", "2010", 1) in cables.counts


@pytest.fixture(scope="module")
def run(marked_index):
    def invoke(*args: str):
        return CliRunner().invoke(main, [*args, "--index", str(marked_index)])

    return invoke


def test_cli_facets(run):
    text = run("facets", "--by", "tag").output
    assert "PHUM Human Rights" in text
    data = json.loads(run("facets", "--by", "origin,year", "--format", "json").output)
    assert data["by"] == ["origin", "year"] and ["Embassy Astana", "2008", 4] in data["counts"]
    table = run("facets", "--by", "origin,year").output.splitlines()
    assert table[0].split() == ["origin", "\\", "year", "2006", "2008", "2009", "2010", "total"]
    assert table[1].split()[-1] == "4"
    found = json.loads(run("search", "partners", "--facets", "signer,caveat", "--format",
                           "json").output)
    assert found["facets"]["signer"] == [["SECHE", 1]]
    for bad in (["--by", "colour"], ["--by", "tag,year,origin"]):
        result = run("facets", *bad)
        assert result.exit_code == 2 and "--by" in result.output
