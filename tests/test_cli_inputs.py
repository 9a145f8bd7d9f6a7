"""What a user types is honoured or refused, through the CLI: option look-alikes, `-h`,
proximity and fuzzy words, pasted text, cable ids, impossible values, filters alone."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from search_cables import small_index  # noqa: F401  (fixture)

from cablesearch.cli import main
from cablesearch.engine.compile import KNOWN_FIELDS


@pytest.fixture(scope="module")
def run(small_index):  # noqa: F811
    def invoke(*args: str):
        return CliRunner().invoke(main, [*args, "--index", str(small_index)])

    return invoke


def hits(result):
    assert result.exit_code == 0, result.output
    return [hit["ref"] for hit in json.loads(result.stdout)["hits"]]


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (["search", "iran", "-limit", "5"], "--limit"),
        (["search", "iran", "-format", "csv"], "--format"),
        (["search", "iran", "-page", "2"], "--page"),
        (["search", "iran", "-page=2"], "--page=2"),
        (["search", "iran", "-by-cable"], "--by-cable"),
        (["search", "iran", "\u2014limit", "5"], "--limit"),  # a word processor's dash
        (["search", "iran", "--limt", "5"], "--limit"),
        (["facets", "iran", "-by", "year"], "--by"),
        (["show", "08ASTANA1111", "-context", "1"], "--context"),
    ],
)
def test_option_lookalikes_are_refused_naming_the_option(run, args, meant):
    result = run(*args)
    assert result.exit_code == 2
    assert f"did you mean {meant}?" in result.output


def test_a_minus_word_that_is_no_option_still_excludes(run, small_index):  # noqa: F811
    assert hits(run("search", "pipeline", "-georgia", "--format", "json")) == [
        "09BAGHDAD197 ¶2.1"]
    after_dashes = CliRunner().invoke(main, ["search", "--index", str(small_index), "--format",
                                             "json", "pipeline", "--", "-limit"])
    assert hits(after_dashes) == hits(run("search", "pipeline", "--format", "json"))


@pytest.mark.parametrize("command", ["search", "facets", "show", "index", "stats", "parse",
                                     "remove"])
def test_dash_h_is_help_on_every_command(run, command):
    result = CliRunner().invoke(main, [command, "-h"])
    assert result.exit_code == 0
    assert result.output.startswith(f"Usage: main {command} [OPTIONS]")


def test_search_help_lists_every_field_with_three_examples(run):
    result = run("search", "-h")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert all(name in text for name in KNOWN_FIELDS)
    assert result.output.count("cablesearch search ") == 3
    assert "NEAR/5" in text and "word~2" in text and '"a b c"~5' in text


def test_proximity_and_fuzzy_through_the_cli(run):
    assert hits(run("search", '"minister deputy"~3', "--format", "json")) == ["08ASTANA1111 ¶2"]
    assert hits(run("search", "deputy", "NEAR/0", "minister", "--format", "json")) == [
        "08ASTANA1111 ¶2"]
    assert set(hits(run("search", "hydrocarbn~", "--format", "json"))) == {
        "09BAGHDAD197 ¶1", "09BAGHDAD197 ¶2.1", "09BAGHDAD197 ¶2.2"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"nuclear weapons"~', "'~' at column 18 needs a number of words"),
        ("nucler~3", "'nucler~3' at column 1: a fuzzy word is within 1 to 2 edits"),
        ("a NEAR/2 b NEAR/3 c", "NEAR/3 at column 12: one chain of NEAR takes one distance"),
        ("marking:XYZ", "unknown marking 'XYZ' at column 9"),
        ("tag: PHUM", "field 'tag:' at column 1 has no value"),
        ("(" * 200 + "x" + ")" * 200, "query nested too deeply"),
    ],
)
def test_what_cannot_be_honoured_is_refused(run, query, message):
    result = run("search", query)
    assert result.exit_code == 2
    assert result.output.startswith(f"error: bad query: {message}")
    assert result.output.count("\n") == 1


def test_pasted_cable_text_searches_as_text(run):
    assert hits(run("search", "Classified By: Ambassador", "--format", "json")) == [
        "06TBILISI619 ¶1"]


def test_a_bare_cable_id_finds_that_cable(run):
    found = hits(run("search", "09BAGHDAD197", "--format", "json"))
    assert found and all(ref.startswith("09BAGHDAD197 ") for ref in found)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tag", "PHUM;KZ"], "--tag: unknown tag format 'PHUM;KZ'"),
        (["--marking", "XYZ"], "--marking: unknown marking 'XYZ'"),
        (["--since", "2010", "--until", "2008"], "--since 2010 is after --until 2008"),
    ],
)
def test_filters_that_cannot_match_exit_2(run, args, message):
    result = run("search", "pipeline", *args)
    assert result.exit_code == 2 and message in result.output


def test_filters_alone_are_a_query_by_date(run):
    data = json.loads(run("search", "--tag", "PHUM", "--marking", "SBU", "--format",
                          "json").stdout)
    assert data["total"] == 3
    assert [hit["ref"] for hit in data["hits"]] == [
        "08ASTANA1111 ¶1", "08ASTANA1111 ¶2", "08ASTANA1111 ¶3"]
    assert json.loads(run("search", "--tag", "PHUM,KZ", "--format", "json").stdout)[
        "total"] == 4


def test_no_query_and_no_filter_is_a_usage_error(run):
    result = run("search")
    assert result.exit_code == 2 and "give QUERY words, or filters alone" in result.output


def test_lowercase_operators_are_warned_about(run):
    result = run("search", "pipeline", "or", "hydrocarbon", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ("warning: 'or' at column 10 is searched as a word; operators "
                             "are capitals: OR\n")
    assert json.loads(result.stdout)["total"] == 1  # as written: `or` is a (stop) word
    either = run("search", "pipeline", "OR", "hydrocarbon", "--format", "json")
    assert either.stderr == "" and json.loads(either.stdout)["total"] == 5


def test_did_you_mean_in_json_and_on_stderr(run):
    result = run("search", "hydrocarbn", "--format", "json")
    assert json.loads(result.stdout)["did_you_mean"] == "hydrocarbon"
    table = run("search", "hydrocarbn", "--format", "table")
    assert table.stdout.startswith("0 paragraphs match")
    assert table.stderr == "did you mean: hydrocarbon\n"
    assert "did_you_mean" not in json.loads(run("search", "hydrocarbon", "--format",
                                                "json").stdout)
