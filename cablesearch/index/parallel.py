"""Our index writers: Whoosh's, keeping old files for open searchers (see `retire.py`),
and its multiprocessing writer made safe to interrupt and to kill.

`whoosh.multiproc.MpWriter` runs sub-writer processes that index batches of documents
into their own segments (`multisegment=True` adds them to the index as they are). As
shipped it has three faults that break our reliability promises, fixed here by
subclassing (the library itself is not edited):

- `cancel()` only flips a flag in the parent's copy of each task, so the sub-writers wait
  on their job queue forever and the parent hangs at exit (after Ctrl-C, for instance).
  Here `cancel()` terminates them.
- A sub-writer outlives a parent killed with SIGKILL, blocked on its queue, and keeps the
  index's write lock that it inherited at fork. Here each sub-writer exits as soon as
  its parent is gone.
- Documents added inside a group (`start_group`/`end_group`, which keep a cable's
  documents in one segment) are never handed out while the group is open, and
  `end_group` does not hand them out either: grouping every cable sent all of a commit's
  documents to one sub-writer. Here `end_group` hands out a full batch.
- Ctrl-C reaches the sub-writers too, which then print tracebacks. Here they ignore
  SIGINT and leave it to the parent, which cancels them; and a Ctrl-C arriving while the
  parent starts one is held until it has started (`_ctrl_c_held`).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name

from cablesearch.index.codec import CompactCodec
from cablesearch.index.retire import DeferredCleanup
from cablesearch.index.segment import PooledSegmentWriter

# Documents handed to a sub-writer at a time (Whoosh's default).
BATCH = 100
# How often a sub-writer checks that its parent is alive, in seconds.
_WATCH_EVERY = 0.2


def _exit_with_parent(parent: int) -> None:
    """Watchdog thread body: end this process when the process that started it is gone.

    Forked, the parent is our parent and a change of parent says it died; started by a
    fork server (the default from Python 3.14), the parent is only known by its pid.
    """
    adopted_by = os.getppid()
    while True:
        time.sleep(_WATCH_EVERY)
        if os.getppid() != adopted_by:
            os._exit(1)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            continue


# Sub-writers start from a fork server, a small process that has imported only this
# module: forked from the main process instead, each would count its pages (a batch of
# parsed cables, ~0.5 GB) in its own resident size (at 250k cables: 2.4 GB in all).
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload([__name__])


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold a Ctrl-C until the block is done, then raise it.

    Interrupted halfway through starting a sub-writer, the parent can neither end nor
    wait for the child (which then fails to unpickle its task once the parent is gone,
    printing a traceback, or keeps the run from exiting). Blocking SIGINT in this thread is
    not enough: the kernel hands it to another thread (a queue's feeder), and Python
    raises it here all the same. So the signal is only noted while the block runs.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


class _SubWriter(SubWriterTask):
    """A sub-writer that ignores Ctrl-C, dies with its parent, and writes its documents
    into a segment of its own through our `PooledSegmentWriter`.

    `SubWriterTask.run` is restated for the writer class (it names Whoosh's own); only
    the multisegment way is kept: the other hands Whoosh-format posting runs to the parent.
    """

    _Popen = staticmethod(_CONTEXT.Process._Popen)

    def run(self) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        parent = self._parent_pid
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = PooledSegmentWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            job = self.jobqueue.get()
            if job is None:
                break
            self._process_file(*job)
        if not self.running:
            writer.cancel()
            return
        fieldnames = writer.pool.fieldnames
        segment = writer._finalize_segment()
        self.resultqueue.put((None, fieldnames, segment), timeout=5)

    def _process_file(self, filename: str, _count: int) -> None:
        """A job file written by `SafeMpWriter._enqueue`: one pickle of its documents."""
        tempstorage = self.writer.temp_storage()
        with tempstorage.open_file(filename).raw_file() as job:
            documents = pickle.load(job)
        for fields in documents:
            self.writer.add_document(**fields)
        tempstorage.delete_file(filename)


class CableWriter(DeferredCleanup, PooledSegmentWriter):
    """Our single-process writer, retiring old files instead of deleting them."""


class SafeMpWriter(DeferredCleanup, MpWriter):
    """`MpWriter` whose sub-writers are cancellable, never outlive it, and each add
    their own segment to the index (`multisegment`)."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **{"codec": CompactCodec(), "batchsize": BATCH, **kwargs,
                                "multisegment": True, "start_method": "forkserver"})

    def _new_task(self) -> _SubWriter:
        task = _SubWriter(self.storage, self.indexname, self.jobqueue, self.resultqueue,
                          self.subargs, self.multisegment)
        self.tasks.append(task)
        with _ctrl_c_held():
            task.start()
        return task

    def _enqueue(self) -> None:
        """Hand the buffered documents to a sub-writer as one pickle, not one per document
        as Whoosh does: a cable's paragraphs share its field values, which one pickle
        writes once (20k synthetic cables: CPU of the main process 38 -> 34 s, of the two
        writer processes 248 -> 233 s)."""
        documents = [fields for _code, fields in self.docbuffer]
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as job:
            pickle.dump(documents, job, pickle.HIGHEST_PROTOCOL)
        if len(self.tasks) < self.procs:
            self._new_task()
        self.jobqueue.put((filename, len(documents)))
        self.docbuffer = []

    def start_tasks(self) -> None:
        """Start every sub-writer now rather than at the first batch of documents."""
        while len(self.tasks) < self.procs:
            self._new_task()

    def end_group(self) -> None:
        super().end_group()
        if not self._grouping and len(self.docbuffer) >= self.batchsize:
            self._enqueue()

    def cancel(self) -> None:
        try:
            for task in self.tasks:
                task.terminate()
            for task in self.tasks:
                task.join()
        finally:
            MpWriter.cancel(self)
