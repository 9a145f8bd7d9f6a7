"""Both writer processes share the work: each writes a segment of whole cables."""

from __future__ import annotations

import multiprocessing
import signal
import threading
from pathlib import Path

import pytest
from index_helpers import cable
from whoosh.query import Term

from cablesearch.index import add_cables, open_index, update_index
from cablesearch.index.parallel import SafeMpWriter, _ctrl_c_held


def test_two_writer_processes_each_write_whole_cables(own_corpus: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cablesearch.index.parallel.BATCH", 10)
    update_index(tmp_path, [own_corpus], procs=2)
    ix = open_index(tmp_path)
    segments = ix._segments()
    assert len(segments) == 2 and all(s.doc_count_all() > 0 for s in segments)
    with ix.searcher() as searcher:
        for leaf, _ in searcher.leaf_searchers():
            for cable in {fields["cable"] for fields in leaf.all_stored_fields()}:
                in_leaf = len(list(leaf.docs_for_query(Term("cable", cable))))
                assert in_leaf == len(list(searcher.docs_for_query(Term("cable", cable))))
    ix.close()


def test_writer_processes_fork_before_the_batch_is_read(tmp_path: Path) -> None:
    """They fork while the main process holds one cable, not a whole batch in memory."""
    alive_after_first: list[int] = []

    def cables():
        yield cable("01TEST1", "first words")
        alive_after_first.append(len(multiprocessing.active_children()))
        yield cable("01TEST2", "second words")

    report = add_cables(tmp_path, cables(), procs=2)
    assert alive_after_first == [2]
    assert report.added == 2 and not multiprocessing.active_children()


def test_ctrl_c_while_a_sub_writer_starts_waits_for_the_start() -> None:
    """A SIGINT raised by another thread halfway through a start (as a queue's feeder
    thread receives it) interrupts only once the start is done."""
    steps: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        with _ctrl_c_held():
            steps.append("started")
            sender = threading.Thread(
                target=lambda: signal.pthread_kill(threading.get_ident(), signal.SIGINT))
            sender.start()
            sender.join()
            for _ in range(1000):  # bytecodes where Python would raise a pending Ctrl-C
                pass
            steps.append("done")
    assert steps == ["started", "done"]


def test_ctrl_c_while_the_writers_start_ends_those_started(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """Interrupted between starting its first and second writer process, the run ends the
    one it started (left running, it kept the interrupted run from exiting)."""
    def start_one_then_interrupt(writer: SafeMpWriter) -> None:
        writer._new_task()
        raise KeyboardInterrupt

    monkeypatch.setattr(SafeMpWriter, "start_tasks", start_one_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        add_cables(tmp_path, [cable("01TEST1", "words")], procs=2)
    assert multiprocessing.active_children() == []
