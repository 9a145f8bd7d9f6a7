"""`cablesearch index`, `remove` and `stats` through click's CliRunner."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablesearch.cli import index_cmd, main

HTML = Path(__file__).resolve().parent.parent / "corpus" / "html" / "2010-12"
PAGES = len(list(HTML.iterdir()))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def built(runner, tmp_path) -> Path:
    index_dir = tmp_path / "ix"
    result = runner.invoke(main, ["index", str(HTML), "--index", str(index_dir), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return index_dir


def test_index_prints_one_summary_line_and_no_progress_bar_off_a_terminal(runner, tmp_path):
    result = runner.invoke(main, ["index", str(HTML), "--index", str(tmp_path / "ix"),
                                  "--jobs", "1"])
    assert result.exit_code == 0
    assert result.stderr == ""
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{PAGES} cables added (") and "0 files skipped" in line


def test_index_again_reports_every_cable_unchanged(runner, built):
    result = runner.invoke(main, ["index", str(HTML), "--index", str(built)])
    assert result.exit_code == 0
    assert f"0 cables added (0 paragraphs), 0 replaced (0), {PAGES} unchanged" in result.stdout


def test_index_names_each_skipped_file_and_exits_1(runner, tmp_path):
    pages = tmp_path / "pages"
    shutil.copytree(HTML, pages)
    (pages / "broken.html").write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(main, ["index", str(pages), "--index", str(tmp_path / "ix"),
                                  "--jobs", "1"])
    assert result.exit_code == 1
    (skipped,) = result.stderr.splitlines()
    assert skipped.startswith(f"cablesearch: skipped {pages / 'broken.html'}: ")
    assert "1 files skipped" in result.stdout and "Traceback" not in result.output


def test_index_defaults_to_the_environment_index(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("CABLESEARCH_INDEX", str(tmp_path / "env-ix"))
    result = runner.invoke(main, ["index", str(HTML / "08BAKU1187.html"), "--jobs", "1"])
    assert result.exit_code == 0
    assert (tmp_path / "env-ix" / "cablesearch.lock").exists()


def test_index_interrupted_says_the_committed_index_is_kept(runner, tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(index_cmd, "update_index", interrupted)
    result = runner.invoke(main, ["index", str(HTML), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 130
    assert result.stderr.startswith("error: interrupted; the index keeps everything")


def test_index_refuses_while_another_run_holds_the_index(runner, built):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path\n"
         "from cablesearch.index.lock import IndexLock\n"
         "with IndexLock(Path(sys.argv[1])):\n"
         "    print('locked', flush=True); time.sleep(60)\n", str(built)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = runner.invoke(main, ["index", str(HTML), "--index", str(built)])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1
    assert f"being updated by process {holder.pid}" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_remove_reports_removed_and_unknown_ids(runner, built):
    result = runner.invoke(main, ["remove", "08BAKU1187", "--index", str(built)])
    assert (result.exit_code, result.stdout) == (0, "1 cable(s) removed\n")
    result = runner.invoke(main, ["remove", "08BAKU1187", "99NOWHERE1", "--index", str(built)])
    assert result.exit_code == 1
    assert result.stdout == "0 cable(s) removed, 2 not in the index\n"


def test_stats_text(runner, built):
    result = runner.invoke(main, ["stats", "--index", str(built)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == f"cables:      {PAGES}"
    assert any(line.startswith("by marking (paragraphs):") for line in lines)


def test_stats_json_has_the_documented_keys(runner, built):
    result = runner.invoke(main, ["stats", "--index", str(built), "--format", "json"])
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert set(stats) == {"cables", "paragraphs", "first_created", "last_created",
                          "by_classification", "by_marking", "bytes", "updated",
                          "not_indexed", "analysis_version"}
    assert stats["cables"] == PAGES
    assert sum(stats["by_marking"].values()) == stats["paragraphs"]


@pytest.mark.parametrize("command", [["stats"], ["remove", "08BAKU1187"]])
def test_commands_on_a_missing_index_say_so_in_one_line(runner, tmp_path, command):
    result = runner.invoke(main, [*command, "--index", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'none'}: no index here (build one with `cablesearch index "
        f"PATH... --index {tmp_path / 'none'}`)"]


def test_index_names_duplicate_ids_and_keeps_the_last(runner, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(HTML / "08BAKU1187.html", tmp_path / folder)
    result = runner.invoke(main, ["index", str(tmp_path / "a"), str(tmp_path / "b"),
                                  "--index", str(tmp_path / "ix"), "--jobs", "1"])
    assert result.exit_code == 0
    assert result.stderr == ("cablesearch: cable ids seen more than once (the last kept): "
                             "08BAKU1187\n")
    assert "1 cables added" in result.stdout and "1 duplicate ids (last kept)" in result.stdout


def test_a_damaged_index_is_one_line_and_rebuild_recovers(runner, tmp_path):
    index_dir = tmp_path / "ix"
    index_dir.mkdir()
    (index_dir / "_MAIN_1.toc").write_bytes(b"not a table of contents")
    for command in (["stats"], ["index", str(HTML)]):
        result = runner.invoke(main, [*command, "--index", str(index_dir)])
        assert result.exit_code == 1
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"error: {index_dir / '_MAIN_1.toc'}: damaged index file (")
        assert line.endswith("rebuild the index with `cablesearch index PATH... --rebuild`")
    result = runner.invoke(main, ["index", str(HTML), "--index", str(index_dir), "--rebuild"])
    assert result.exit_code == 0 and f"{PAGES} cables added" in result.stdout


@pytest.mark.parametrize("option", ["--writers", "--jobs"])
def test_writers_is_the_writer_process_count_and_jobs_its_old_name(runner, tmp_path, option,
                                                                   monkeypatch):
    seen = {}

    def update(index_dir, paths, **options):
        seen.update(options)
        raise KeyboardInterrupt  # the count is what this test is about

    monkeypatch.setattr(index_cmd, "update_index", update)
    runner.invoke(main, ["index", str(HTML), "--index", str(tmp_path / "ix"), option, "3"])
    assert seen["procs"] == 3 and seen["jobs"] == 1
