"""Right answers from the analysis, through the CLI: diacritics, the spellings of
al-Qaida, stop words in quoted phrases, and the rebuild an analysis change asks for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from index_helpers import write_dump

from cablesearch.cli import main
from cablesearch.index import analysis
from cablesearch.index.reanalysis import built_version

TEXTS = {
    "08BRASILIA1": "The consul met the governor in Sao Paulo on Monday.",
    "08BRASILIA2": "Flooding in São Paulo state displaced thousands.",
    "08BOGOTA1": "The embassy in Bogota reported the talks.",
    "08ANKARA1": "Prime Minister Erdogan said the reform would pass.",
    "08ANKARA2": "Erdoğan's party won the vote.",
    "08HAGUE1": "The court in The Hague ruled on the case.",
    "08LONDON1": "Shadow Foreign Secretary William Hague met the Ambassador.",
    "08SANAA1": "Contacts with al-Qaida in the region grew.",
    "08SANAA2": "The al Qaida cell was dispersed.",
    "08SANAA3": "AlQaida recruiters were arrested.",
    "08SANAA4": "The head of an al-Qaida-linked cell was tried.",
    "08CAIRO1": "ElBaradei spoke to the press.",
    "08CAIRO2": "Mohamed El Baradei met the minister.",
    "08LAW1": "Support for the rule of law continues.",
    "08LAW2": "The rule of the law was questioned.",
}


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("answers")
    dump = write_dump(folder / "cables.csv", TEXTS)
    cli("index", str(dump), "--index", str(folder / "index"))
    return folder / "index"


@pytest.fixture
def found(indexed: Path):
    def cables(query: str) -> set[str]:
        data = json.loads(cli("search", query, "--index", str(indexed), "--format", "json",
                              "--limit", "100"))
        return {hit["cable"] for hit in data["hits"]}

    return cables


@pytest.mark.parametrize("query", ['"são paulo"', '"sao paulo"', "SÃO PAULO", "paulo"])
def test_diacritics_fold_at_index_and_query_time(found, query):
    assert found(query) == {"08BRASILIA1", "08BRASILIA2"}


def test_accented_names_find_the_ascii_spelling(found):
    assert found("bogotá") == {"08BOGOTA1"}
    assert found("Erdoğan") == found("erdogan") == {"08ANKARA1", "08ANKARA2"}


def test_letters_nfkd_leaves_whole_are_folded_too():
    assert analysis.fold("ışık") == "isik"
    assert analysis.fold("straße") == "strasse"
    assert analysis.fold("łódź") == "lodz"


def test_alqaida_finds_every_spelling_the_others_find(found):
    joined = found("alqaida")
    assert joined == {"08SANAA1", "08SANAA2", "08SANAA3", "08SANAA4"}
    assert found("al-qaida") == found('"al qaida"') == {"08SANAA1", "08SANAA2", "08SANAA4"}
    assert found("al-qaida") <= joined


def test_the_article_written_apart_is_joined_for_any_word(found):
    assert found("elbaradei") == {"08CAIRO1", "08CAIRO2"}


def test_a_quoted_phrase_counts_its_stop_words(found):
    assert found("hague") == {"08HAGUE1", "08LONDON1"}
    assert found('"the hague"') == {"08HAGUE1"}
    assert found("the hague") == {"08HAGUE1", "08LONDON1"}  # unquoted: stop words dropped
    assert found('"rule of law"') == {"08LAW1"}
    assert found('"rule of the law"') == {"08LAW2"}


def test_a_phrase_of_stop_words_alone_finds_something(found):
    assert found('"of the"') == {"08LAW2"}
    assert "08HAGUE1" in found('"in the"') | found('"in The"')


def test_stop_words_do_not_change_other_terms_scores(tmp_path):
    # Same words but for stop words: the same length, so the same BM25 score.
    write_dump(tmp_path / "c.csv", {"08A1": "Minister visited the port of Aden.",
                                    "08A2": "Minister visited port Aden.",
                                    "08A3": "The minister is the one who visited the port."})
    cli("index", str(tmp_path / "c.csv"), "--index", str(tmp_path / "ix"))
    hits = json.loads(cli("search", "aden", "--index", str(tmp_path / "ix"),
                          "--format", "json"))["hits"]
    assert len(hits) == 2 and hits[0]["score"] == hits[1]["score"]


def test_an_index_of_another_analysis_is_rebuilt_by_the_next_run(tmp_path, monkeypatch):
    first = write_dump(tmp_path / "a.csv", {"08HAGUE1": TEXTS["08HAGUE1"]})
    second = write_dump(tmp_path / "b.csv", {"08LONDON1": TEXTS["08LONDON1"]})
    index = str(tmp_path / "index")
    with monkeypatch.context() as patched:
        patched.setattr(analysis, "ANALYSIS_VERSION", 1)
        cli("index", str(first), str(second), "--index", index)
    assert built_version(index) == 1
    result = CliRunner().invoke(main, ["index", str(first), "--index", index])
    assert result.exit_code == 0, result.output
    notices = [line for line in result.output.splitlines() if "analysis version" in line]
    assert notices == ["cablesearch: the index was built with analysis version 1, this is "
                       f"version {analysis.ANALYSIS_VERSION}: rebuilding it"]
    assert built_version(index) == analysis.ANALYSIS_VERSION
    # The cable of the input not given this time is rebuilt from the recorded input.
    assert json.loads(cli("stats", "--index", index, "--format", "json"))["cables"] == 2
    data = json.loads(cli("search", '"the hague"', "--index", index, "--format", "json"))
    assert [hit["cable"] for hit in data["hits"]] == ["08HAGUE1"]
    again = CliRunner().invoke(main, ["index", str(first), "--index", index])
    assert "analysis version" not in again.output
    assert "0 cables added" in again.output


def test_the_concordance_counts_stop_words_in_a_phrase(indexed):
    def cables(phrase: str) -> list[str]:
        data = json.loads(cli("kwic", phrase, "--index", str(indexed), "--format", "json"))
        return [line["cable"] for line in data["lines"]]

    assert cables('"rule of law"') == ["08LAW1"]
    assert cables('"the hague"') == ["08HAGUE1"]


def test_a_rebuild_names_the_recorded_inputs_that_are_gone(tmp_path, monkeypatch):
    first = write_dump(tmp_path / "a.csv", {"08HAGUE1": TEXTS["08HAGUE1"]})
    second = write_dump(tmp_path / "b.csv", {"08LONDON1": TEXTS["08LONDON1"]})
    index = str(tmp_path / "index")
    with monkeypatch.context() as patched:
        patched.setattr(analysis, "ANALYSIS_VERSION", 1)
        cli("index", str(first), str(second), "--index", index)
    second.unlink()
    result = CliRunner().invoke(main, ["index", str(first), "--index", index])
    assert result.exit_code == 0, result.output
    assert (f"cablesearch: 1 inputs the index was built from no longer exist ({second}); "
            "their cables are not in the rebuilt index") in result.stderr
    assert json.loads(cli("stats", "--index", index, "--format", "json"))["cables"] == 1
