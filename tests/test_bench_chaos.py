"""bench/chaos.py's own checks: a fault it reports must have been the one it meant."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))
import chaos  # noqa: E402

SHOW_SIGINT = "import signal; print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"


def test_a_run_gets_sigint_even_from_a_harness_that_ignores_it() -> None:
    """Started in the background by a shell without job control, the harness ignores
    SIGINT; its runs must not inherit that, or its SIGINT faults hit nothing."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        inherited = subprocess.run([sys.executable, "-c", SHOW_SIGINT], capture_output=True,
                                   text=True).stdout.strip()
        reset = subprocess.run([sys.executable, "-c", SHOW_SIGINT], capture_output=True,
                               text=True, preexec_fn=chaos.run_with_default_signals
                               ).stdout.strip()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert inherited == "False"  # what the runs of the harness got before
    assert reset == "True"


def test_a_commit_is_a_table_of_contents_written_during_the_run(tmp_path: Path) -> None:
    """A rebuild's directory holds, before the run clears it, what a killed rebuild left,
    and after the swap the old index: their tables of contents are no commit of the run."""
    old = tmp_path / "_MAIN_3.toc"
    old.write_bytes(b"")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    since = time.time() - 1
    assert chaos.generation(tmp_path) == 3
    assert chaos.generation(tmp_path, since) == -1
    (tmp_path / "_MAIN_1.toc").write_bytes(b"")
    assert chaos.generation(tmp_path, since) == 1
    assert chaos.generation(tmp_path / "missing", since) == -1
