"""`python -m cablesearch` runs the same command as the installed script."""

from __future__ import annotations

import subprocess
import sys


def test_python_dash_m_runs_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cablesearch", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Usage: cablesearch" in done.stdout
    assert "search" in done.stdout
