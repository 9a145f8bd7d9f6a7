"""bench/parse_speed.py keeps working: run it on our own corpus and on a missing folder."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "parse_speed.py"


@pytest.fixture(scope="module")
def bench_main():
    return runpy.run_path(str(BENCH))["main"]


def test_reports_every_input_form_of_our_corpus(bench_main, own_corpus: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "speed.json"
    assert bench_main(["--corpus", str(own_corpus), "--repeat", "1", "--json", str(out)]) == 0
    rows = json.loads(out.read_text())
    assert [row["name"] for row in rows] == ["bare", "csv", "html", "text"]
    assert sum(row["cables"] for row in rows) == 22
    assert all(row["errors"] == 0 and row["mb_s"] > 0 for row in rows)
    table = capsys.readouterr().out
    assert "| html | 8 |" in table


def test_missing_corpus_is_a_message_not_a_failure(bench_main, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_main(["--corpus", str(tmp_path / "absent")]) == 0
    assert "no corpus at" in capsys.readouterr().out
