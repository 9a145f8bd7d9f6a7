"""The concordance: one line per occurrence, as many as the index holds positions for."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from search_cables import small_cli, small_index  # noqa: F401  (fixtures)
from whoosh import query as wq

from cablesearch.index import update_index
from cablesearch.search import QueryError, Searcher
from cablesearch.search.concordance import occurrences, phrase_words

PHRASES = ('"human rights"', "trafficking", "minister", '"trafficking in persons"',
           "al-qaida", "Kazakhstan's", '"northern pipelines"', "government", '"the embassy"')


def whoosh_occurrences(index: Path, words: list[str]) -> int:
    """Occurrences counted by Whoosh's own span matchers from the indexed positions."""
    q = wq.Term("text", words[0]) if len(words) == 1 else wq.Phrase("text", words)
    with Searcher(index) as searcher:
        inner = searcher._searcher
        context = inner.context(needs_current=True)
        total = 0
        for leaf, _ in inner.leaf_searchers():
            matcher = q.matcher(leaf, context)
            while matcher.is_active():
                total += len(matcher.spans())
                matcher.next()
    return total


@pytest.fixture(scope="module")
def own_index(own_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repo's own sample cables (real text, no ../shared)."""
    index = tmp_path_factory.mktemp("own-index")
    update_index(index, [own_corpus], procs=1)
    return index


@pytest.mark.parametrize("phrase", PHRASES)
def test_lines_are_the_occurrences(small_index, own_index, phrase):  # noqa: F811
    words = phrase_words(phrase)
    for index in (small_index, own_index):
        with Searcher(index) as searcher:
            found = searcher.kwic(phrase)
        assert len(found.lines) == found.total == whoosh_occurrences(index, words), index


def test_lines_are_the_occurrences_in_the_real_cables(real_index):
    for phrase in ('"human rights"', "minister", '"united states"'):
        with Searcher(real_index) as searcher:
            found = searcher.kwic(phrase)
        assert found.total > 20
        assert len(found.lines) == found.total == whoosh_occurrences(real_index,
                                                                     phrase_words(phrase))


def test_occurrences_mark_each_form_as_written():
    text = "Human  rights, human-rights and HUMAN RIGHT; rights human."
    spans = occurrences(text, phrase_words('"human rights"'))
    assert [text[a:b] for a, b in spans] == ["Human  rights", "human-rights", "HUMAN RIGHT"]


def test_line_fields_and_context(small_index):  # noqa: F811
    with Searcher(small_index) as searcher:
        found = searcher.kwic("minister", width=12)
    line = next(line for line in found.lines if line.cable == "09BAGHDAD197")
    assert (line.ref, line.left, line.match, line.right) == (
        "09BAGHDAD197 ¶2.1", "The oil", "minister", "said al-Qaid")
    assert line.marking == "C" and line.created == "2009-01-20T08:00"


def test_sorts_and_limit(small_index):  # noqa: F811
    with Searcher(small_index) as searcher:
        by_date = searcher.kwic("trafficking")
        by_left = searcher.kwic("minister", sort="left")
        by_right = searcher.kwic("trafficking", sort="right")
        first_two = searcher.kwic("trafficking", limit=2)
    dates = [line.created for line in by_date.lines]
    assert dates == sorted(dates)
    assert [line.left.split()[-1] for line in by_left.lines] == ["deputy", "oil", "the"]
    rights = [line.right.lower() for line in by_right.lines]
    assert rights == sorted(rights)
    assert first_two.lines == by_date.lines[:2] and first_two.total == by_date.total == 5


def test_query_and_filters_narrow(small_index):  # noqa: F811
    with Searcher(small_index) as searcher:
        assert searcher.kwic("minister", "energy").total == 1
        assert searcher.kwic("minister", filters={"origin": "baghdad"}).total == 1
        with pytest.raises(QueryError, match="no word to look for"):
            searcher.kwic('"--"')
        assert searcher.kwic('"of the"').total > 0  # stop words count in a phrase
        with pytest.raises(QueryError, match="unknown sort"):
            searcher.kwic("minister", sort="middle")


@pytest.fixture(scope="module")
def run(small_cli):  # noqa: F811
    return small_cli


def test_cli_forms(run):
    table = run("kwic", '"human rights"', "--format", "table", "--width", "20")
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0] == "2 occurrences in 2 paragraphs"
    assert lines[1].startswith("09BAGHDAD197 ¶1     2009-01-20  ")
    assert lines[1].index("human rights") == lines[2].index("Human rights")  # aligned
    data = json.loads(run("kwic", "trafficking", "--tag", "KZ").output)
    assert data["total"] == 3 and len(data["lines"]) == 3
    assert set(data["lines"][0]) == {"ref", "cable", "seq", "created", "marking", "left",
                                     "match", "right"}
    rows = list(csv.DictReader(io.StringIO(run("kwic", "minister", "--format", "csv").output)))
    assert [row["match"] for row in rows] == ["minister"] * 3


def test_cli_errors_are_one_line(run):
    result = run("kwic", '"--"')
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert run("kwic", "x", "--sort", "middle").exit_code == 2
    assert "Examples:" in run("kwic", "--help").output
