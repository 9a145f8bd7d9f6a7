"""`cablesearch parse` through click's CliRunner: both output forms and every error path."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablesearch.cable import Cable, Paragraph
from cablesearch.cli import main

BAKU = Path("html/2010-12/08BAKU1187.html")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_jsonl_prints_one_object_per_cable(runner: CliRunner, own_corpus: Path) -> None:
    result = runner.invoke(main, ["parse", str(own_corpus / BAKU), str(own_corpus / "csv")])
    assert result.exit_code == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in objects] == ["08BAKU1187", "07ASHGABAT1290", "07ANKARA3301",
                                         "08STATE70412", "09BAKU921", "10TBILISI155"]
    baku = objects[0]
    assert list(baku)[:4] == ["id", "subject", "created", "released"]
    assert "from" in baku and "sender" not in baku
    assert baku["paragraphs"][0].keys() == {"seq", "number", "marking", "level", "caveats",
                                            "text"}
    assert result.stderr == ""


def test_jsonl_keeps_non_ascii_text_readable(runner: CliRunner, own_corpus: Path) -> None:
    result = runner.invoke(main, ["parse", str(own_corpus / "text" / "04ALMATY2077.txt")])
    assert result.exit_code == 0
    assert "\u201cnot in a hurry\u201d" in result.stdout


def test_text_form_shows_header_then_citable_paragraphs(runner: CliRunner,
                                                        own_corpus: Path) -> None:
    result = runner.invoke(main, ["parse", "--format", "text", str(own_corpus / BAKU)])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "08BAKU1187"
    assert "  Origin: Embassy Baku" in lines
    assert "  Tags: EPET, ENRG, PREL, AJ, TX" in lines
    assert "  Signer: HALVORSEN" in lines
    cited = [line for line in lines if line.startswith("08BAKU1187 ¶")]
    assert any(line.startswith("08BAKU1187 ¶3 (C NF) He said a senior Turkmen") for line in cited)
    assert all(line.split(" ", 2)[1] in {f"¶{n}" for n in range(1, 6)} | {"¶-"}
               for line in cited)


def test_missing_and_empty_files_are_skipped_with_reason_and_exit_1(
        runner: CliRunner, own_corpus: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(main, ["parse", str(empty), str(own_corpus / BAKU), str(missing)])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["08BAKU1187"]
    assert result.stderr.splitlines() == [
        f"cablesearch: skipped {empty}: empty file",
        f"cablesearch: skipped {missing}: no such file or directory",
        "cablesearch: 1 cable(s) printed, 2 input(s) skipped",
    ]


def test_binary_and_truncated_inputs_never_show_a_traceback(runner: CliRunner,
                                                           tmp_path: Path) -> None:
    junk = tmp_path / "junk.html"
    junk.write_bytes(bytes(range(256)) * 8)
    bad_gz = tmp_path / "page.html.gz"
    bad_gz.write_bytes(gzip.compress(b"<html>" * 1000)[:40])
    truncated = tmp_path / "cut.csv"
    truncated.write_text('"1","6/13/2008 11:56","08ASTANA1","Embassy Astana","UNCLASSIFIED","",'
                         '"FM AMEMBASSY ASTANA","UNCLAS ASTANA 001111\n\n1. (U) Text cut off')
    result = runner.invoke(main, ["parse", str(junk), str(bad_gz), str(truncated)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    skipped = result.stderr.splitlines()[:-1]
    assert [line.split(": ", 3)[1] for line in skipped] == [
        f"skipped {junk}", f"skipped {bad_gz}", f"skipped {truncated}:1"]
    assert "binary data" in skipped[0]
    assert "gzip" in skipped[1]
    assert "truncated CSV row" in skipped[2]


def test_parallel_jobs_print_the_same(runner: CliRunner, own_corpus: Path) -> None:
    serial = runner.invoke(main, ["parse", str(own_corpus)])
    parallel = runner.invoke(main, ["parse", "--jobs", "2", str(own_corpus)])
    assert serial.exit_code == parallel.exit_code == 0
    assert parallel.stdout == serial.stdout
    assert len(serial.stdout.splitlines()) == 22


def test_parallel_jobs_skip_only_the_bad_file(runner: CliRunner, own_corpus: Path,
                                              tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    shutil.copytree(own_corpus / "html", pages)
    (pages / "09EMPTY1.html").write_bytes(b"")
    good = len(list(pages.rglob("*.html"))) - 1
    result = runner.invoke(main, ["parse", "--jobs", "2", str(pages)])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == good
    assert result.stderr.splitlines() == [
        f"cablesearch: skipped {pages / '09EMPTY1.html'}: empty file",
        f"cablesearch: {good} cable(s) printed, 1 input(s) skipped"]


def test_no_path_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["parse"])
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_with_one_line_and_no_traceback(tmp_path: Path, jobs: str) -> None:
    row = ('"1","6/13/2008 11:56","08ASTANA1","Embassy Astana","UNCLASSIFIED","",'
           '"FM AMEMBASSY ASTANA","UNCLAS ASTANA 001111\n\nSUBJECT: TEST\n\n1. (U) Text.\n"\n')
    dump = tmp_path / "cables.csv"
    dump.write_text(row * 20_000)
    command = [str(Path(sys.executable).with_name("cablesearch")), "parse", "--jobs", jobs,
               str(dump)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True, text=True)
    assert process.stdout is not None and process.stdout.readline().startswith('{"id": ')
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole process group
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr == "error: interrupted\n"


def test_the_json_shape_and_the_header_keep_their_order() -> None:
    """The key order of the parse JSON and the header's labels are a contract: the value's
    field metadata says them, and must keep saying them as they were."""
    cable = Cable(id="08ASTANA1111", subject="Gas", subject_marking="C/NF",
                  created="2008-06-13T11:56", released="2011-08-30T01:44",
                  classification="CONFIDENTIAL", origin="Embassy Astana", tags=("PHUM", "KZ"),
                  references=("08STATE58370",), sender="AMEMBASSY ASTANA",
                  to=("SECSTATE WASHDC",), info=("AMEMBASSY MOSCOW",), signer="ORDWAY",
                  handling=("SENSITIVE", "SIPDIS"),
                  paragraphs=(Paragraph(1, 1, "Gas.", "C", "C", ("NF",)),))
    data = cable.to_json()
    assert list(data) == ["id", "subject", "created", "released", "classification", "origin",
                          "tags", "references", "from", "to", "info", "signer", "handling",
                          "subject_marking", "paragraphs"]
    assert data["tags"] == ["PHUM", "KZ"] and data["from"] == "AMEMBASSY ASTANA"
    assert data["paragraphs"] == [{"seq": 1, "number": 1, "marking": "C", "level": "C",
                                   "caveats": ["NF"], "text": "Gas."}]
    assert list(data["paragraphs"][0]) == ["seq", "number", "marking", "level", "caveats",
                                           "text"]
    assert cable.header() == [
        ("Subject", "Gas"), ("Subject marking", "C/NF"), ("Created", "2008-06-13T11:56"),
        ("Released", "2011-08-30T01:44"), ("Classification", "CONFIDENTIAL"),
        ("Origin", "Embassy Astana"), ("Tags", "PHUM, KZ"), ("References", "08STATE58370"),
        ("From", "AMEMBASSY ASTANA"), ("To", "SECSTATE WASHDC"), ("Info", "AMEMBASSY MOSCOW"),
        ("Signer", "ORDWAY"), ("Handling", "SENSITIVE, SIPDIS")]
    assert Cable(id="X", signer="ORDWAY").header() == [("Signer", "ORDWAY")]
