"""Walking folders: nothing hangs, nothing is skipped in silence.

FIFOs and other files that are not regular are named and never opened; folders that
cannot be listed, paths too long for the system and symlink loops are each named in one
line (exit 1); a symlinked folder is followed once.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cablesearch import sources
from cablesearch.sources import read_sources

HTML = Path(__file__).resolve().parent.parent / "corpus" / "html" / "2010-12"
PAGE = HTML / "08BAKU1187.html"
CLI = [sys.executable, "-c", "from cablesearch.cli import main; main(prog_name='cablesearch')"]


def _outcomes(paths: list[Path]) -> dict[str, str]:
    """Source -> the reason it failed, or the id of its first cable."""
    return {b.source: b.error.reason if b.error else b.cables[0].id
            for b in read_sources(paths)}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifos_are_named_and_never_opened(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_bytes(PAGE.read_bytes())
    os.mkfifo(folder / "b.html")
    os.mkfifo(tmp_path / "named.txt")
    for command in (["index", str(folder), str(tmp_path / "named.txt"), "--index",
                     str(tmp_path / "ix")],
                    ["parse", str(folder), str(tmp_path / "named.txt")]):
        run = subprocess.run([*CLI, *command], capture_output=True, text=True, timeout=120)
        assert run.returncode == 1, run.stderr
        assert f"skipped {folder / 'b.html'}: not a regular file (a FIFO): not read" in run.stderr
        assert f"skipped {tmp_path / 'named.txt'}: not a regular file (a FIFO)" in run.stderr
        assert "Traceback" not in run.stderr
    assert "1 cables added" in run.stdout or "08BAKU1187" in run.stdout


def test_a_symlinked_folder_is_followed_once_and_a_loop_named(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.html").write_bytes(PAGE.read_bytes())
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    outcomes = _outcomes([folder])
    assert outcomes == {
        str(folder / "linked" / "a.html"): "08BAKU1187",
        str(folder / "sub" / "loop"): f"folder not read twice: a link to {folder}, already read",
    }


def test_a_folder_that_cannot_be_listed_is_named(tmp_path, monkeypatch):
    """Root reads any folder, so the refusal is the system's answer, imitated."""
    folder = tmp_path / "pages"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.html").write_bytes(PAGE.read_bytes())
    real = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(sources.os, "scandir", scandir)
    assert _outcomes([folder]) == {
        str(folder / "a.html"): "08BAKU1187",
        str(folder / "locked"): "folder not read: permission denied",
    }


def test_a_path_too_long_for_the_system_is_named(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_bytes(PAGE.read_bytes())
    name = "d" * 200
    fd = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(25):  # 25 x 201 bytes: past PATH_MAX (4096)
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
    finally:
        os.close(fd)
    outcomes = _outcomes([folder])
    assert outcomes.pop(str(folder / "a.html")) == "08BAKU1187"
    [(deep, reason)] = outcomes.items()
    assert reason == "path too long for this system"
    assert deep.startswith(str(folder / name))
