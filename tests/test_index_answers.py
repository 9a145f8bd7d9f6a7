"""Right answers from what the index holds, through the CLI: the unmarked bucket of the
marking facet and filter, the year facet in date order, cables without paragraph text,
and `index` and `stats` agreeing on cables and paragraphs (repeated ids too)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from index_helpers import csv_row

from cablesearch.cli import main

ROWS = [
    csv_row(1, "09ASTANA1", "Summary: unnumbered opening text.\n\n1. (C) Numbered and marked.\n"
            "\n2. (C) Marked again.\n", created="3/2/2009 10:00"),
    csv_row(2, "06ASTANA2", "1. (U) An old cable.\n", created="1/5/2006 10:00"),
    csv_row(3, "08ASTANA3", "", subject="KAZAKHSTAN: TRUNCATED PAGE ON PIPELINES"),
    csv_row(4, "08ASTANA4", "1. (S) One.\n\n2. (S) Two.\n\n3. (S) Three.\n"),
    csv_row(5, "08ASTANA5", "1. (SBU) First version, two paragraphs.\n\n2. (SBU) Second.\n"),
    csv_row(6, "08ASTANA5", "1. (SBU) Last version, one paragraph.\n"),
]


def invoke(*args: str) -> tuple[str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    folder = tmp_path_factory.mktemp("index-answers")
    (folder / "cables.csv").write_text("".join(ROWS), encoding="utf-8")
    out, err = invoke("index", str(folder / "cables.csv"), "--index", str(folder / "index"))
    return folder / "index", out, err


def run(built, *args: str) -> dict:
    return json.loads(invoke(*args, "--index", str(built[0]), "--format", "json")[0])


def summary_counts(line: str) -> tuple[int, int]:
    added = re.search(r"(\d+) cables added \((\d+) paragraphs\)", line)
    assert added, line
    return int(added[1]), int(added[2])


def test_marking_facet_has_the_unmarked_bucket(built):
    facets = dict(run(built, "facets", "--by", "marking")["marking"])
    assert facets == {"unmarked": 1, "C": 2, "U": 1, "S": 3, "SBU": 1}
    assert sum(facets.values()) == run(built, "stats")["paragraphs"]


@pytest.mark.parametrize("how", [("--marking", "unmarked"), ("marking:unmarked",),
                                 ("marking:UNMARKED",)])
def test_unmarked_paragraphs_are_a_filter_value(built, how):
    hits = run(built, "search", *how)["hits"]
    assert [(hit["ref"], hit["level"]) for hit in hits] == [("09ASTANA1 ¶-", None)]


def test_year_facet_in_date_order(built):
    years = run(built, "facets", "--by", "year")["year"]
    assert years == [["2006", 1], ["2008", 5], ["2009", 3]]
    assert run(built, "search", "tag:KZ", "--facets", "year")["facets"]["year"] == [
        ["2006", 1], ["2008", 5], ["2009", 3]]


def test_cable_without_paragraphs_found_by_its_fields(built):
    for query in ("pipelines", "subject:truncated", "tag:PHUM id:08ASTANA3"):
        hits = run(built, "search", query)["hits"]
        assert "08ASTANA3" in [hit["ref"] for hit in hits], query
    shown, _ = invoke("show", "08ASTANA3", "--index", str(built[0]))
    assert "KAZAKHSTAN: TRUNCATED PAGE ON PIPELINES" in shown


def test_index_summary_names_cables_without_paragraphs(built):
    _, out, err = built
    assert "1 without paragraph text" in out
    assert "cables without paragraph text, indexed by their fields: 08ASTANA3" in err


def test_index_and_stats_agree_with_a_repeated_id(built):
    _, out, _ = built
    stats = run(built, "stats")
    assert summary_counts(out) == (stats["cables"], stats["paragraphs"]) == (5, 8)


def test_index_and_stats_agree_when_the_repeat_comes_after_a_commit(tmp_path):
    (tmp_path / "c.csv").write_text("".join(ROWS), encoding="utf-8")
    out, _ = invoke("index", str(tmp_path / "c.csv"), "--index", str(tmp_path / "ix"),
                    "--commit-every", "1")
    stats = json.loads(invoke("stats", "--index", str(tmp_path / "ix"), "--format", "json")[0])
    assert summary_counts(out) == (stats["cables"], stats["paragraphs"])
    again, _ = invoke("index", str(tmp_path / "c.csv"), "--index", str(tmp_path / "ix"))
    unchanged = re.search(r"(\d+) unchanged \((\d+)\)", again)
    assert (int(unchanged[1]), int(unchanged[2])) == (stats["cables"], stats["paragraphs"])
