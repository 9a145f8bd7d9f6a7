"""A real `cablesearch index` killed mid-run (SIGKILL, SIGINT, SIGTERM) keeps its last commit.

The index must open and answer searches right after the kill, and a rerun must complete the
work: every cable of the input, each with the paragraphs the parser finds, none twice.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from index_helpers import repeated_dump
from whoosh import index as whoosh_index
from whoosh.query import Every, Term

from cablesearch.cable import Cable
from cablesearch.index import IndexMissing, open_index
from cablesearch.sources import read_cables

pytestmark = pytest.mark.slow

CABLES = 400
COMMIT_EVERY = 10
CLI = [sys.executable, "-c", "from cablesearch.cli import main; main(prog_name='cablesearch')"]


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> Path:
    return repeated_dump(tmp_path_factory.mktemp("kill") / "cables.csv", CABLES, "KILLTEST")


@pytest.fixture(scope="module")
def expected(dump) -> dict[str, int]:
    """Paragraphs per cable, as the parser finds them."""
    cables = [item for item in read_cables([dump]) if isinstance(item, Cable)]
    return {cable.id: len(cable.paragraphs) for cable in cables}


def _start(dump: Path, index_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [*CLI, "index", str(dump), "--index", str(index_dir), "--commit-every", str(COMMIT_EVERY)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_for_a_commit(run: subprocess.Popen, index_dir: Path) -> None:
    """Until the run has committed some cables (searching while it indexes, too)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert run.poll() is None, "the run finished before it could be killed"
        if whoosh_index.exists_in(index_dir) and _committed(index_dir):
            with open_index(index_dir).searcher() as searcher:
                assert len(searcher.search(Every(), limit=1)) > 0
            return
        time.sleep(0.05)
    pytest.fail("no commit within 120 s")


def _committed(index_dir: Path) -> bool:
    try:
        return open_index(index_dir).doc_count() > 0
    except IndexMissing:  # the first commit is not there yet
        return False


def _per_cable(index_dir: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with open_index(index_dir).searcher() as searcher:
        for fields in searcher.all_stored_fields():
            counts[fields["cable"]] = counts.get(fields["cable"], 0) + 1
    return counts


def _writer_processes_follow(group: int) -> None:
    """The killed run's writer processes end by themselves (they must not hold the index)."""
    if not Path("/proc").is_dir():
        return
    deadline = time.monotonic() + 10
    while _live_processes(group) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _live_processes(group) == []


def _live_processes(group: int) -> list[int]:
    """Pids of the process group that are still running (not zombies), from /proc."""
    live = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            live.append(int(stat.parent.name))
    return live


def _reap(run: subprocess.Popen) -> None:
    """End what is left of the killed run's process group (its worker processes)."""
    try:
        os.killpg(run.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    run.wait()


def _searchable_and_partial(index_dir: Path, expected: dict[str, int]) -> None:
    partial = _per_cable(index_dir)
    assert 0 < len(partial) < len(expected)
    assert all(partial[cable_id] == expected[cable_id] for cable_id in partial)
    with open_index(index_dir).searcher() as searcher:
        some_cable = next(iter(partial))
        assert len(searcher.search(Term("cable", some_cable))) == partial[some_cable]


def _rerun_completes(dump: Path, index_dir: Path, expected: dict[str, int]) -> str:
    rerun = subprocess.run(
        [*CLI, "index", str(dump), "--index", str(index_dir)],
        capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert _per_cable(index_dir) == {k: v for k, v in expected.items() if v}
    return rerun.stderr


def test_sigkill_mid_run_keeps_the_last_commit_and_a_rerun_completes(dump, expected, tmp_path):
    index_dir = tmp_path / "ix"
    run = _start(dump, index_dir)
    try:
        _wait_for_a_commit(run, index_dir)
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        _writer_processes_follow(run.pid)
    finally:
        _reap(run)
    _searchable_and_partial(index_dir, expected)
    stderr = _rerun_completes(dump, index_dir, expected)
    assert "cleared a stale lock" in stderr and "Traceback" not in stderr


@pytest.mark.parametrize(("signum", "code", "said"), [
    (signal.SIGINT, 130, "interrupted"),
    # a service manager's stop, `kill PID`: to the main process alone, as Ctrl-C
    (signal.SIGTERM, 143, "stopped by SIGTERM"),
])
def test_sigint_or_sigterm_mid_run_stops_cleanly_and_a_rerun_completes(
        signum, code, said, dump, expected, tmp_path):
    """One line, its exit code, the writer processes gone, the last commit intact."""
    index_dir = tmp_path / "ix"
    run = _start(dump, index_dir)
    try:
        _wait_for_a_commit(run, index_dir)
        os.kill(run.pid, signum)
        _, stderr = run.communicate(timeout=120)
        _writer_processes_follow(run.pid)
    finally:
        _reap(run)
    assert run.returncode == code, stderr
    assert stderr.splitlines() == [f"error: {said}; the index keeps everything committed "
                                   "before (run again to finish)"], stderr
    _searchable_and_partial(index_dir, expected)
    assert "stale lock" not in _rerun_completes(dump, index_dir, expected)
