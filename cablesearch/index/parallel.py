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
- A sub-writer that dies (killed, out of memory, a failed write such as a full disk or a
  file-size limit) is ignored: its segment is missing from the commit, which succeeds all
  the same and loses its documents silently; with every sub-writer dead, the parent
  blocks forever on the full job queue. Here the parent checks that each sub-writer is
  alive while it hands out work and that each reported a segment and exited cleanly
  before it commits; otherwise it raises `WriterFailed` and commits nothing. A failing
  sub-writer sends its one-line reason back instead of printing a traceback.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing import resource_tracker
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name

from cablesearch.index.codec import CompactCodec
from cablesearch.index.retire import DeferredCleanup
from cablesearch.index.segment import PooledSegmentWriter
from cablesearch.processes import WriterFailed, ctrl_c_point, exit_with_parent

# Documents handed to a sub-writer at a time (Whoosh's default).
BATCH = 100
# How often the parent, waiting on a sub-writer, checks that they are all alive, in seconds.
_CHECK_EVERY = 0.5


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

    # The forkserver context's process maker; typeshed gives it another type than the
    # default context's that `Process` declares.
    _Popen = staticmethod(_CONTEXT.Process._Popen)  # type: ignore[assignment]
    _parent_pid: int  # set by `BaseProcess.__init__` in the parent; typeshed omits it

    def run(self) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        exit_with_parent(self._parent_pid)
        try:
            self._run()
        except BaseException as error:  # the parent reports it; no traceback here
            reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
            try:
                self.resultqueue.put((f"{type(error).__name__}: {reason}", None, None))
                self.resultqueue.close()
                self.resultqueue.join_thread()
            finally:
                os._exit(1)

    def _run(self) -> None:
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
        # `resultqueue` sends from a thread: a kill before it is done loses the segment,
        # which the parent must tell from a clean exit (exit code 0).
        self.resultqueue.close()
        self.resultqueue.join_thread()

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
        _quiet_resource_tracker()
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
        self._put((filename, len(documents)))
        self.docbuffer = []

    def _put(self, job: tuple[str, int] | None) -> None:
        """Queue a job (None: finish), checking meanwhile that the sub-writers are alive."""
        while True:
            ctrl_c_point()
            self._check_tasks()
            try:
                self.jobqueue.put(job, timeout=_CHECK_EVERY)
                return
            except queue.Full:
                continue

    def _check_tasks(self) -> None:
        """Raise `WriterFailed` if a sub-writer has failed (a clean exit only follows the
        request to finish)."""
        for task in self.tasks:
            if task.exitcode not in (None, 0):
                raise WriterFailed(_death(task.exitcode, self._reason()))

    def _reason(self) -> str | None:
        """A failed sub-writer's own reason, if it sent one."""
        try:
            while True:
                reason, _fieldnames, segment = self.resultqueue.get(timeout=0.5)
                if segment is None:
                    return reason
        except (queue.Empty, OSError, EOFError, ValueError):
            return None

    def _commit(self, mergetype: Any, optimize: Any, merge: Any) -> None:
        """Whoosh's multisegment commit, which only adds the segments every sub-writer
        reported, after a clean exit, to the new table of contents."""
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self._put(None)
        finalsegments = self._merge_segments(mergetype, optimize, merge)
        segments = []
        for _task in self.tasks:
            reason, _fieldnames, segment = self._result()
            if segment is None:
                raise WriterFailed(_death(1, reason))
            segments.append(segment)
        for task in self.tasks:
            task.join()
            if task.exitcode != 0:
                raise WriterFailed(_death(task.exitcode, None))
        finalsegments += segments
        if self._added:
            finalsegments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(finalsegments)
        self._finish()

    def _result(self) -> tuple:
        """The next sub-writer's result; `WriterFailed` once one has ended without one."""
        while True:
            ctrl_c_point()
            try:
                return self.resultqueue.get(timeout=_CHECK_EVERY)
            except queue.Empty:
                pass
            ended = [task.exitcode for task in self.tasks if task.exitcode is not None]
            failed = [code for code in ended if code != 0]
            if failed or len(ended) == len(self.tasks):
                try:  # what an ended sub-writer sent is in the pipe by now
                    return self.resultqueue.get(timeout=_CHECK_EVERY)
                except queue.Empty:
                    raise WriterFailed(_death(failed[0] if failed else 0, None)) from None

    def start_tasks(self) -> None:
        """Start every sub-writer now rather than at the first batch of documents."""
        while len(self.tasks) < self.procs:
            self._new_task()

    def end_group(self) -> None:
        super().end_group()
        if not self._grouping and len(self.docbuffer) >= self.batchsize:
            self._enqueue()

    def cancel(self, **kwargs: Any) -> None:
        try:
            for task in self.tasks:
                task.terminate()
            for task in self.tasks:
                task.join()
        finally:
            MpWriter.cancel(self, **kwargs)


def _quiet_resource_tracker() -> None:
    """Start multiprocessing's resource tracker, if it is not running, with its stderr on
    /dev/null: after a killed run it frees the writers' semaphores, and says so on the
    user's terminal ("There appear to be 6 leaked semaphore objects") after the run."""
    saved = os.dup(2)
    quiet = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(quiet, 2)
        resource_tracker.ensure_running()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(quiet)


def _death(exitcode: int | None, reason: str | None) -> str:
    """The line that says how a writer process ended and that its batch is not committed."""
    if reason:
        how = f"failed ({reason})"
    elif exitcode is not None and exitcode < 0:
        how = f"was killed ({signal.Signals(-exitcode).name})"
    else:
        how = f"died (exit status {exitcode})"
    return (f"a writer process {how}; nothing since the last commit was committed "
            "(run again to finish)")
