"""Signals taken at safe points: a Ctrl-C, and a SIGTERM where the command line asks."""

from __future__ import annotations

import os
import signal

import pytest

from cablesearch.processes import (
    Terminated,
    ctrl_c_at_safe_points,
    ctrl_c_point,
    sigterm_interrupts,
)


def test_a_sigterm_is_held_to_the_next_safe_point_as_terminated() -> None:
    reached = []
    with sigterm_interrupts(), pytest.raises(Terminated), ctrl_c_at_safe_points():
        os.kill(os.getpid(), signal.SIGTERM)
        reached.append("after the signal")  # not raised where it landed
        ctrl_c_point()
        reached.append("after the safe point")
    assert reached == ["after the signal"]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # as it was


def test_a_sigterm_noted_at_the_blocks_end_is_raised_then() -> None:
    with sigterm_interrupts(), pytest.raises(Terminated):
        with ctrl_c_at_safe_points():
            os.kill(os.getpid(), signal.SIGTERM)


def test_a_ctrl_c_is_still_a_plain_keyboard_interrupt() -> None:
    with sigterm_interrupts(), pytest.raises(KeyboardInterrupt) as raised:
        with ctrl_c_at_safe_points():
            os.kill(os.getpid(), signal.SIGINT)
            ctrl_c_point()
    assert type(raised.value) is KeyboardInterrupt


def test_without_the_command_lines_request_sigterm_is_left_alone() -> None:
    """A program calling the API keeps its own SIGTERM handling."""
    caught = []
    previous = signal.signal(signal.SIGTERM, lambda signum, _frame: caught.append(signum))
    try:
        with ctrl_c_at_safe_points():
            os.kill(os.getpid(), signal.SIGTERM)
            ctrl_c_point()
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert caught == [signal.SIGTERM]
