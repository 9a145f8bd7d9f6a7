"""One writer at a time; a lock left by a killed run is cleared with a message."""

import os
import subprocess
import sys
import time

import pytest
from index_helpers import cable

from cablesearch.index import IndexBusy, add_cables, remove_cables, update_index
from cablesearch.index.lock import LOCK_NAME, IndexLock


def test_stale_lock_of_a_dead_run_is_cleared_with_a_message(tmp_path):
    index_dir = tmp_path / "ix"
    add_cables(index_dir, [cable("01TEST1", "words")])
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (index_dir / LOCK_NAME).write_text(f"{dead}\n")
    messages = []
    update_index(index_dir, [], on_message=messages.append)
    assert len(messages) == 1
    assert "stale lock" in messages[0] and dead in messages[0]


def test_a_clean_finish_leaves_no_stale_lock(tmp_path):
    index_dir = tmp_path / "ix"
    add_cables(index_dir, [cable("01TEST1", "words")])
    messages = []
    update_index(index_dir, [], on_message=messages.append)
    assert messages == []


def test_a_live_run_holding_the_lock_is_refused_with_its_pid(tmp_path):
    index_dir = tmp_path / "ix"
    add_cables(index_dir, [cable("01TEST1", "words")])
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path\n"
         "from cablesearch.index.lock import IndexLock\n"
         "with IndexLock(Path(sys.argv[1])):\n"
         "    print('locked', flush=True); time.sleep(60)\n", str(index_dir)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(IndexBusy, match=str(holder.pid)):
            update_index(index_dir, [])
        with pytest.raises(IndexBusy):
            remove_cables(index_dir, ["01TEST1"])
    finally:
        holder.kill()
        holder.wait()
    started = time.monotonic()
    update_index(index_dir, [])  # the kernel dropped the dead holder's lock
    assert time.monotonic() - started < 30


def test_lock_is_released_when_the_body_raises(tmp_path):
    with pytest.raises(RuntimeError), IndexLock(tmp_path):
        raise RuntimeError("boom")
    with IndexLock(tmp_path):
        assert (tmp_path / LOCK_NAME).read_text().strip() == str(os.getpid())
