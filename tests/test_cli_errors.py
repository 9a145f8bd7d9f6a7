"""One ending for a user's mistake under every command: `error: ...` on one line, the
documented exit code (1 file, reference or index; 2 query syntax or usage; 130
interrupted; 143 stopped by SIGTERM), and the traceback only when CABLESEARCH_DEBUG=1 asks
for it."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cablesearch import IndexMissing, QueryError, UnknownRef
from cablesearch.cli import main
from cablesearch.cli.errors import run
from cablesearch.processes import Terminated


def _ending(error: BaseException, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    monkeypatch.delenv("CABLESEARCH_DEBUG", raising=False)

    def fails() -> None:
        raise error

    with pytest.raises(SystemExit) as ended:
        run(fails)
    return ended.value.code, capsys.readouterr().err


@pytest.mark.parametrize(("error", "code", "line"), [
    (QueryError("OR at column 6 needs a term after it"), 2,
     "error: bad query: OR at column 6 needs a term after it"),
    (UnknownRef("99NOWHERE1: no such cable in the index"), 1,
     "error: 99NOWHERE1: no such cable in the index"),
    (IndexMissing("idx: no index here"), 1, "error: idx: no index here"),
    (PermissionError(13, "Permission denied", "out.csv"), 1,
     "error: out.csv: Permission denied"),
    (RuntimeError("segment file truncated"), 1, "error: RuntimeError: segment file truncated"),
    (KeyboardInterrupt(), 130, "error: interrupted"),
    (Terminated(), 143, "error: stopped by SIGTERM"),
])
def test_each_failure_is_one_line_and_its_exit_code(error, code, line, monkeypatch, capsys):
    assert _ending(error, monkeypatch, capsys) == (code, line + "\n")


def test_the_value_comes_back_when_nothing_fails() -> None:
    assert run(lambda: 42) == 42


def test_click_usage_errors_keep_their_own_ending() -> None:
    def misused() -> None:
        raise click.UsageError("give QUERY words")

    with pytest.raises(click.UsageError):
        run(misused)


@pytest.mark.parametrize("error", [QueryError("bad"), RuntimeError("bug"), KeyboardInterrupt()])
def test_debug_re_raises(error, monkeypatch):
    monkeypatch.setenv("CABLESEARCH_DEBUG", "1")

    def fails() -> None:
        raise error

    with pytest.raises(type(error)):
        run(fails)


@pytest.mark.parametrize("args", [["refs", "08ASTANA1111"], ["similar", "08ASTANA1111", "¶1"],
                                  ["serve"], ["show", "08ASTANA1111"], ["search", "iran"],
                                  ["facets", "--by", "tag"], ["stats"], ["remove", "08ASTANA1111"],
                                  ["kwic", "iran"], ["cite", "08ASTANA1111"]])
def test_missing_index_under_each_command(args: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "none"
    result = CliRunner().invoke(main, [*args, "--index", str(missing)],
                                env={"CABLESEARCH_DEBUG": ""})
    assert result.exit_code == 1
    assert result.stderr == f"error: {missing}: no index here (build one with `cablesearch " \
                            f"index PATH... --index {missing}`)\n"
    debug = CliRunner().invoke(main, [*args, "--index", str(missing)],
                               env={"CABLESEARCH_DEBUG": "1"})
    assert isinstance(debug.exception, IndexMissing)
