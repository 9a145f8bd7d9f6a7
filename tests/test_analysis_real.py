"""The analysis answers on the 1,048 real cables: accents, al-Qaida's spellings, stop
words in quoted phrases, every paragraph in a marking bucket, years in date order."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablesearch.cli import main
from cablesearch.search import Searcher


@pytest.fixture(scope="module")
def searcher(real_index: Path):
    with Searcher(real_index) as opened:
        yield opened


def refs(searcher: Searcher, query: str) -> set[str]:
    return {hit.ref for hit in searcher.search(query, limit=100_000).hits}


def cli_total(real_index: Path, query: str) -> int:
    result = CliRunner().invoke(main, ["search", query, "--index", str(real_index),
                                       "--format", "json", "--limit", "1"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["total"]


@pytest.mark.parametrize(("accented", "plain"), [('"são paulo"', '"sao paulo"'),
                                                 ("bogotá", "bogota"), ("Erdoğan", "erdogan")])
def test_accented_spellings_find_the_ascii_ones(real_index, accented, plain):
    assert cli_total(real_index, accented) == cli_total(real_index, plain) > 0


@pytest.mark.parametrize(("joined", "spellings"), [
    ("alqaida", ("al-qaida", '"al qaida"')), ("alqaeda", ("al-qaeda", '"al qaeda"'))])
def test_the_joined_spelling_finds_what_the_others_find(searcher, joined, spellings):
    found = refs(searcher, joined)
    for spelling in spellings:
        assert refs(searcher, spelling) <= found, spelling


def test_the_hague_is_not_william_hague(searcher, real_index):
    quoted = searcher.search('"the hague"', limit=1000).hits
    assert quoted and all(re.search(r"\bthe\s+hague\b", f"{hit.text} {hit.subject}", re.I)
                          for hit in quoted)
    assert cli_total(real_index, '"the hague"') < cli_total(real_index, "hague")


def test_a_phrase_of_stop_words_finds_them(real_index):
    assert cli_total(real_index, '"of the"') > 1000


def test_every_paragraph_is_in_a_marking_bucket(real_index):
    def run(*args: str) -> dict:
        result = CliRunner().invoke(main, [*args, "--index", str(real_index), "--format",
                                           "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    marking = dict(map(tuple, run("facets", "--by", "marking", "--limit", "10")["marking"]))
    stats = run("stats")
    assert sum(marking.values()) == stats["paragraphs"]
    assert marking["unmarked"] == stats["by_marking"]["unmarked"]
    assert run("search", "--marking", "unmarked", "--limit", "1")["total"] == marking["unmarked"]
    years = [int(year) for year, _ in run("facets", "--by", "year", "--limit", "100")["year"]]
    assert years == sorted(years) and len(years) > 10
