"""`cablesearch search`, `show` and `facets` through click: every output form and error path."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner
from search_cables import small_index  # noqa: F401  (fixture)

from cablesearch.cli import main


@pytest.fixture(scope="module")
def run(small_index):  # noqa: F811
    def invoke(*args: str, color: bool = False):
        return CliRunner().invoke(main, [*args, "--index", str(small_index)], color=color)

    return invoke


def test_search_json_shape(run):
    result = run("search", "trafficking", "--format", "json", "--facets", "tag,year")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"total", "hits", "facets"}
    assert data["total"] == 6  # 3 Astana paragraphs, USUN's, and State's two by subject
    assert set(data["hits"][0]) == {"ref", "cable", "number", "seq", "marking", "level",
                                    "subject", "created", "origin", "tags", "score", "snippet",
                                    "url", "plusd_url", "text", "cited_by"}
    assert ["PHUM", 6] in data["facets"]["tag"]
    assert data["facets"]["year"] == [["2008", 5], ["2010", 1]]


def test_search_defaults_to_json_off_a_terminal(run):
    assert json.loads(run("search", "hydrocarbon").output)["total"] == 3  # its subject


def test_search_table_plain_off_a_terminal(run, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)  # else lines are cut to that width
    result = run("search", "hydrocarbon", "law", "--format", "table", "--facets", "marking")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "3 paragraphs match (showing 1–3)"
    assert lines[1].split() == ["REF", "DATE", "MARKING", "ORIGIN", "SUBJECT"]
    row = r"09BAGHDAD197 ¶1 +2009-01-20  S/NF +Embassy Baghdad +IRAQ: HYDROCARBON LAW TALKS STALL$"
    assert re.match(row, lines[2])
    assert lines[3].strip().startswith("Hydrocarbon law negotiations stalled")
    assert lines[4].strip() == "https://wikileaks.org/cable/2009/01/09BAGHDAD197.html#par1"
    assert "[[" not in result.output and "\x1b[" not in result.output
    assert lines[-1] == "marking: S 2, C 1"


def test_search_table_bold_on_a_terminal(run):
    result = run("search", "hydrocarbon", "--format", "table", color=True)
    assert "\x1b[1mHydrocarbon\x1b[0m law" in result.output


def test_search_csv(run):
    result = run("search", "trafficking", "--format", "csv", "--limit", "3")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 3
    assert rows[0]["ref"].startswith(("08ASTANA1111", "08STATE58370", "10USUNNEWYORK55"))
    assert all("[[" not in row["snippet"] for row in rows)
    assert float(rows[0]["score"]) >= float(rows[1]["score"])


def test_search_filters_and_paging(run):
    first = json.loads(run("search", "trafficking", "--tag", "phum", "--tag", "KZ",
                           "--limit", "2", "--format", "json").output)
    second = json.loads(run("search", "trafficking", "--tag", "phum", "--tag", "KZ",
                            "--limit", "2", "--page", "2", "--format", "json").output)
    assert first["total"] == second["total"] == 3
    assert len(first["hits"]) == 2 and len(second["hits"]) == 1
    seqs = {(h["cable"], h["seq"]) for h in first["hits"] + second["hits"]}
    assert seqs == {("08ASTANA1111", 1), ("08ASTANA1111", 2), ("08ASTANA1111", 3)}


@pytest.mark.parametrize(
    ("options", "query", "expected"),
    [
        (["--origin", "baghdad"], "origin:baghdad", 3),
        (["--classification", "secret"], "class:secret", 3),
        (["--marking", "NF"], "marking:NF", 1),
        (["--since", "2009"], "created:[2009 TO *]", 4),
        (["--until", "2006-12-31"], "created:[* TO 2006-12-31]", 2),
    ],
)
def test_filter_options_equal_query_fields(run, options, query, expected):
    words = "minister OR law OR rights OR security OR Kazakhstan OR numbered"
    filtered = json.loads(run("search", words, *options, "--format", "json").output)
    fielded = json.loads(run("search", f"({words}) {query}", "--format", "json").output)
    assert filtered["total"] == fielded["total"] == expected
    # the same paragraphs (field terms add to scores, so the order may differ)
    assert {(h["cable"], h["seq"]) for h in filtered["hits"]} == {
        (h["cable"], h["seq"]) for h in fielded["hits"]}


def test_search_sort_and_by_cable(run):
    data = json.loads(run("search", "tag:PHUM", "--sort", "-date", "--by-cable",
                          "--format", "json").output)
    assert [h["cable"] for h in data["hits"]] == ["10USUNNEWYORK55", "08ASTANA1111",
                                                  "08STATE58370"]
    assert [h["matches"] for h in data["hits"]] == [1, 4, 2]
    table = run("search", "tag:PHUM", "--by-cable", "--format", "table").output
    assert table.splitlines()[0] == "3 cables match (showing 1–3)"


def test_query_starting_with_a_minus(run):
    data = json.loads(run("search", "tag:EPET", "-georgia", "--format", "json").output)
    assert {h["cable"] for h in data["hits"]} == {"09BAGHDAD197"}


def test_no_match(run):
    result = run("search", "zeppelin", "--format", "table")
    assert result.exit_code == 0 and result.output.strip() == "0 paragraphs match"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["(iran"], "error: bad query: unbalanced parenthesis: '(' at column 1 is never closed"),
        (["tagg:PHUM"], "error: bad query: unknown field 'tagg:' at column 1"),
        (['"human rights'], 'error: bad query: unbalanced quote: the " at column 1'),
        (["created:2008-13"], "error: bad query: bad date '2008-13' at column 9"),
        (["iran", "OR"], "error: bad query: OR at column 6 needs a term after it"),
        (["oil", "--since", "soon"], "error: bad query: bad date 'soon' for --since"),
    ],
)
def test_bad_queries_exit_2_with_one_line(run, args, message):
    result = run("search", *args)
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["oil", "--facets", "colour"], "unknown facet 'colour'"),
        (["oil", "--limt", "3"], "no such option: --limt"),
        (["oil", "--sort", "size"], "Invalid value for '--sort'"),
        (["oil", "--page", "0"], "Invalid value for '--page'"),
    ],
)
def test_usage_errors_exit_2(run, args, message):
    result = run("search", *args)
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize(
    "args", [["search", "oil"], ["show", "08ASTANA1111"], ["facets", "--by", "tag"]])
def test_missing_index_exits_1_with_one_line(tmp_path, args):
    result = CliRunner().invoke(main, [*args, "--index", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {tmp_path / 'none'}: no index here")
    assert result.output.count("\n") == 1


def test_show_text_whole_cable(run):
    result = run("show", "08ASTANA1111")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "08ASTANA1111"
    assert "Subject: KAZAKHSTAN: TIP REPORT DELIVERED" in lines
    assert "Classification: UNCLASSIFIED//FOR OFFICIAL USE ONLY" in lines
    assert "References: 08STATE58370" in lines
    assert "Signer: ORDWAY" in lines
    assert "08ASTANA1111 ¶-" in lines and "08ASTANA1111 ¶3 (SBU)" in lines
    assert lines.index("08ASTANA1111 ¶1 (SBU)") < lines.index("08ASTANA1111 ¶2 (SBU)")


@pytest.mark.parametrize("ref", [["08ASTANA1111", "¶2"], ["08ASTANA1111 ¶2"],
                                 ["08ASTANA1111/2"], ["08ASTANA1111#par2"]])
def test_show_paragraph_forms(run, ref):
    result = run("show", *ref, "--context", "1")
    assert result.exit_code == 0
    cited = [line for line in result.output.splitlines() if line.startswith("08ASTANA1111 ¶")]
    assert cited == ["08ASTANA1111 ¶1 (SBU)", "08ASTANA1111 ¶2 (SBU)", "08ASTANA1111 ¶3 (SBU)"]


def test_show_bold_focus_on_a_terminal(run):
    result = run("show", "08ASTANA1111/2", color=True)
    assert "\x1b[1m08ASTANA1111 ¶2 (SBU)\x1b[0m" in result.output


def test_show_json(run):
    data = json.loads(run("show", "08ASTANA1111/2", "--format", "json").output)
    assert data["id"] == "08ASTANA1111" and data["focus"] == "08ASTANA1111 ¶2"
    assert [p["ref"] for p in data["paragraphs"]] == ["08ASTANA1111 ¶2"]
    assert data["paragraphs"][0]["text"].startswith("The Government of Kazakhstan,s")


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("99NOWHERE1", "error: 99NOWHERE1: no such cable in the index"),
        ("08ASTANA1111/7", "error: 08ASTANA1111 has no paragraph ¶7"),
        ("what?", "error: 'what?' is not a reference"),
    ],
)
def test_show_unknown_ref_exits_1(run, ref, message):
    result = run("show", ref)
    assert result.exit_code == 1 and result.output.startswith(message)
    assert result.output.count("\n") == 1


def test_facets_text_and_json(run):
    text = run("facets", "--by", "tag", "--limit", "2")
    assert text.exit_code == 0
    # PGOV: Astana 4 + Baghdad 3 paragraphs; PHUM: Astana 4 + State 2 + USUN 1; ties by name
    lines = text.output.splitlines()
    assert [(line.split()[0], line.split()[-1]) for line in lines] == [("PGOV", "7"),
                                                                      ("PHUM", "7")]
    assert lines[1].startswith("PHUM Human Rights ")  # each tag with its meaning
    data = json.loads(run("facets", "trafficking", "--by", "year", "--by-cable",
                          "--format", "json").output)
    assert data == {"year": [["2008", 2], ["2010", 1]]}


def test_facets_by_marking_and_classification(run):
    marking = json.loads(run("facets", "--by", "marking", "--format", "json").output)
    assert dict(map(tuple, marking["marking"])) == {"SBU": 3, "C": 3, "U": 2, "S": 2,
                                                    "unmarked": 2}
    levels = json.loads(run("facets", "--by", "classification", "--format", "json").output)
    assert dict(map(tuple, levels["classification"])) == {"SBU": 4, "U": 3, "S": 3, "C": 2}


def test_facets_bad_query_and_bad_facet(run):
    assert run("facets", "tag:(PHUM").exit_code == 2
    result = run("facets", "--by", "colour")
    assert result.exit_code == 2 and "Invalid value for '--by'" in result.output


def test_unexpected_failure_is_one_line_not_a_traceback(run, monkeypatch):
    from cablesearch.search import Searcher

    def broken(*args, **kwargs):
        raise RuntimeError("segment file truncated")

    monkeypatch.setattr(Searcher, "search", broken)
    result = run("search", "oil")
    assert result.exit_code == 1
    assert result.output == "error: RuntimeError: segment file truncated\n"


def test_query_may_start_with_a_minus_even_one_spelling_h(run):
    """`-hydrocarbon` must not be read as click's `-h` (help) or as unknown options."""
    data = json.loads(run("search", "-hydrocarbon", "minister", "--format", "json").output)
    assert {h["cable"] for h in data["hits"]} == {"08ASTANA1111", "06TBILISI619"}
    assert run("search", "--help").output.startswith("Usage: ")
