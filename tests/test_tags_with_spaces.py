"""Tags that hold spaces and commas (`HUMAN RIGHTS`, `CLINTON, HILLARY`) stay one tag
everywhere: in the index, the facet, the hit, the query field and the `--tag` filter."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from index_helpers import cable

from cablesearch.cli import main
from cablesearch.index.writer import add_cables
from cablesearch.search import Searcher

TAGS = ("OVIP", "CLINTON, HILLARY", "HUMAN RIGHTS", "PREL")


def _index(tmp_path: Path) -> Path:
    add_cables(tmp_path, [
        cable("09STATE1", "The Secretary met the minister.", tags=TAGS),
        cable("09STATE2", "The minister spoke of clinton.", tags=("PREL", "CLINTON")),
    ])
    return tmp_path


def test_a_tag_of_words_is_one_value(tmp_path: Path) -> None:
    with Searcher(_index(tmp_path)) as searcher:
        result = searcher.search("minister", facets=["tag"])
        assert dict(result.facets["tag"]) == {"OVIP": 1, "CLINTON, HILLARY": 1,
                                              "HUMAN RIGHTS": 1, "PREL": 2, "CLINTON": 1}
        first = next(hit for hit in result.hits if hit.cable == "09STATE1")
        assert first.tags == TAGS
        assert searcher.cable("09STATE1").tags == TAGS
        for query in ('tag:"CLINTON, HILLARY"', 'tag:"human rights"'):
            assert [hit.cable for hit in searcher.search(query).hits] == ["09STATE1"], query
        assert [hit.cable for hit in searcher.search("tag:CLINTON").hits] == ["09STATE2"]
        assert searcher.search("tag:HILLARY").total == 0
        assert searcher.search(None, filters={"tag": "CLINTON, HILLARY"}).total == 1
        assert searcher.search(None, filters={"tag": "PREL,OVIP"}).total == 1


def test_the_cli_filter_and_facet(tmp_path: Path) -> None:
    index = str(_index(tmp_path))
    done = CliRunner().invoke(main, ["search", "--tag", "HUMAN RIGHTS", "--format", "json",
                                     "--facets", "tag", "--index", index])
    assert done.exit_code == 0, done.output
    assert '"HUMAN RIGHTS"' in done.output and '"09STATE1' in done.output
