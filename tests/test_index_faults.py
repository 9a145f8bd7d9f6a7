"""Faults around the main `cablesearch index` process: a writer process killed by pid, a
commit failing on the file-size limit, an index directory the run may not write to, a
rebuild killed halfway.

Each must end the run with exit 1 and one line, keep the last commit intact (every cable
in it whole), record nothing it did not commit, and a re-run must end equal to a clean
build: the same cables, each with the same paragraph count and content hash.
"""

import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from index_helpers import repeated_dump

from cablesearch.cable import Cable
from cablesearch.index import open_index
from cablesearch.index.rebuild import rebuilding_dir
from cablesearch.sources import read_cables

pytestmark = pytest.mark.slow

CABLES = 400
CLI = [sys.executable, "-c", "from cablesearch.cli import main; main(prog_name='cablesearch')"]


@pytest.fixture(scope="module")
def dumps(tmp_path_factory) -> tuple[Path, Path]:
    """The whole dump, and its first tenth (a first commit to keep)."""
    folder = tmp_path_factory.mktemp("faults")
    return (repeated_dump(folder / "head.csv", CABLES // 10, "FAULT"),
            repeated_dump(folder / "cables.csv", CABLES, "FAULT"))


@pytest.fixture(scope="module")
def clean(dumps) -> dict[str, tuple[int, str]]:
    """What a clean build holds: cable id -> (paragraphs, content hash)."""
    cables = [item for item in read_cables([dumps[1]]) if isinstance(item, Cable)]
    return {c.id: (len(c.paragraphs), c.content_hash()) for c in cables if c.paragraphs}


def snapshot(index_dir: Path) -> dict[str, tuple[int, str]]:
    """Cable id -> (paragraphs, content hash) as the index holds them."""
    counts: dict[str, int] = {}
    hashes: dict[str, str] = {}
    with open_index(index_dir).searcher() as searcher:
        for fields in searcher.all_stored_fields():
            counts[fields["cable"]] = counts.get(fields["cable"], 0) + 1
            if fields.get("hash"):
                hashes[fields["cable"]] = fields["hash"]
    return {cable: (count, hashes.get(cable, "")) for cable, count in counts.items()}


def index(dump: Path, index_dir: Path, *extra: str, **popen) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "index", str(dump), "--index", str(index_dir), *extra],
                          capture_output=True, text=True, timeout=600, **popen)


def one_line_failure(run: subprocess.CompletedProcess | subprocess.Popen, stderr: str,
                     words: str) -> None:
    assert run.returncode == 1, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and words in lines[0], stderr


def rerun_equals_clean(dump: Path, index_dir: Path, clean: dict) -> None:
    rerun = index(dump, index_dir)
    assert rerun.returncode == 0, rerun.stderr
    assert "Traceback" not in rerun.stderr
    assert snapshot(index_dir) == clean


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds writer processes in /proc")
def test_a_writer_process_killed_by_pid_fails_the_run_and_loses_no_commit(dumps, clean,
                                                                          tmp_path):
    head, whole = dumps
    index_dir = tmp_path / "ix"
    assert index(head, index_dir).returncode == 0
    committed = snapshot(index_dir)
    run = subprocess.Popen([*CLI, "index", str(whole), "--index", str(index_dir),
                            "--commit-every", "100000"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        writers: list[int] = []
        while len(writers) < 2 and time.monotonic() < deadline:
            assert run.poll() is None, run.communicate()
            # main -> fork server -> writer processes
            writers = [pid for server in children(run.pid) for pid in children(server)]
            time.sleep(0.05)
        assert writers, "no writer process started"
        os.kill(writers[0], signal.SIGKILL)
        stdout, stderr = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    one_line_failure(run, stderr, "writer process was killed (SIGKILL)")
    assert stdout == ""
    assert snapshot(index_dir) == committed
    rerun_equals_clean(whole, index_dir, clean)


def test_a_commit_failing_on_the_file_size_limit_fails_the_run(dumps, clean, tmp_path):
    head, whole = dumps
    index_dir = tmp_path / "ix"
    assert index(head, index_dir).returncode == 0
    committed = snapshot(index_dir)
    manifest = (index_dir / "cablesearch-manifest.tsv").read_bytes()
    limit = 256 * 1024  # above a job file of 100 paragraphs, below the new segments

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    run = index(whole, index_dir, "--commit-every", "100000", preexec_fn=small_files)
    one_line_failure(run, run.stderr, "File too large")
    assert snapshot(index_dir) == committed
    assert (index_dir / "cablesearch-manifest.tsv").read_bytes() == manifest
    rerun_equals_clean(whole, index_dir, clean)


def _read_only(folder: Path) -> list[str]:
    """A command prefix that runs with `folder` mounted read-only (root ignores
    permissions, not a read-only mount), or a reason why this machine cannot."""
    if shutil.which("unshare") is None:
        return ["no unshare command"]
    script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
    prefix = ["unshare", "-m", "sh", "-c", script, str(folder)]
    probe = subprocess.run([*prefix, "true"], capture_output=True, text=True)
    return prefix if probe.returncode == 0 else [f"no read-only mount: {probe.stderr.strip()}"]


def test_an_index_directory_mounted_read_only_is_one_line(dumps, clean, tmp_path):
    head, whole = dumps
    index_dir = tmp_path / "ix"
    assert index(head, index_dir).returncode == 0
    committed = snapshot(index_dir)
    prefix = _read_only(index_dir)
    if len(prefix) == 1:
        pytest.skip(prefix[0])
    run = subprocess.run([*prefix, *CLI, "index", str(whole), "--index", str(index_dir)],
                         capture_output=True, text=True, timeout=600)
    one_line_failure(run, run.stderr, "Read-only file system")
    assert snapshot(index_dir) == committed
    rerun_equals_clean(whole, index_dir, clean)


def test_a_killed_rebuild_leaves_the_old_index_whole(dumps, clean, tmp_path):
    head, whole = dumps
    index_dir = tmp_path / "ix"
    assert index(head, index_dir).returncode == 0
    committed = snapshot(index_dir)
    fresh = rebuilding_dir(index_dir)
    run = subprocess.Popen([*CLI, "index", str(whole), "--index", str(index_dir), "--rebuild",
                            "--commit-every", "10"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not list(fresh.glob("_MAIN_[2-9].toc")) and time.monotonic() < deadline:
            assert run.poll() is None, run.communicate()
            assert snapshot(index_dir) == committed  # searches meanwhile see the old index
            time.sleep(0.05)
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert snapshot(index_dir) == committed
    rerun_equals_clean(whole, index_dir, clean)
    assert not fresh.exists()


def test_writer_processes_end_with_a_killed_run_before_it_is_reaped(dumps, tmp_path):
    """A caller reading the output to its end before waiting must not wait for ever."""
    _head, whole = dumps
    run = subprocess.Popen([*CLI, "index", str(whole), "--index", str(tmp_path / "ix"),
                            "--commit-every", "100000"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while len([w for s in children(run.pid) for w in children(s)]) < 2:
            assert time.monotonic() < deadline, "no writer process started"
            time.sleep(0.05)
        os.kill(run.pid, signal.SIGKILL)
        started = time.monotonic()
        run.stdout.read()  # to the end: every process holding the pipe has exited
        run.stderr.read()
        assert time.monotonic() - started < 30
    finally:
        run.kill()
        run.wait()


def test_ctrl_c_at_random_moments_always_ends_the_run_with_its_line(dumps, clean, tmp_path):
    """Commits every 10 cables: some of the Ctrl-Cs land in a commit."""
    _head, whole = dumps
    index_dir = tmp_path / "ix"
    rng = random.Random(13)
    for _ in range(5):
        run = subprocess.Popen([*CLI, "index", str(whole), "--index", str(index_dir),
                                "--commit-every", "10"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lock = index_dir / "cablesearch.lock"
        deadline = time.monotonic() + 120
        while not (lock.exists() and lock.read_text().strip()) and run.poll() is None:
            assert time.monotonic() < deadline, "the run never took the index's lock"
            time.sleep(0.01)  # the run has started (a Ctrl-C while Python starts is Python's)
        time.sleep(rng.uniform(0.0, 3.0))
        run.send_signal(signal.SIGINT)
        stdout, stderr = run.communicate(timeout=300)
        if run.returncode == 0:  # it had finished: nothing to interrupt
            break
        assert run.returncode == 130, stderr
        assert stderr.splitlines() == ["error: interrupted; the index keeps everything "
                                       "committed before (run again to finish)"], stderr
        assert stdout == ""
        partial = snapshot(index_dir) if index_dir.joinpath("_MAIN_1.toc").exists() else {}
        assert all(clean[cable] == value for cable, value in partial.items())
    rerun_equals_clean(whole, index_dir, clean)
