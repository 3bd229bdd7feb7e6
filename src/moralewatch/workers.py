"""Forked worker processes for ``extract --workers N``: batches go out through pipes, results come back in input order.

Why not ``multiprocessing.Pool``: its start (importing multiprocessing, its queues and three threads, ~25 ms) is
serial time before any worker can begin, a visible share of a two-worker run over a few seconds of text; and a
worker that dies (killed, out of memory) leaves ``Pool`` waiting for its task for ever. Here each worker is one
``fork`` with two pipes; the parent (one ``select`` loop, no threads) keeps at most ``per_worker`` batches on each
worker and writes nothing to a pipe that is not ready, so neither side can block the other. A worker's death shows
as the end of its result pipe: the batch it was working on comes back as ``lost`` lines (every input still gets an
output line), the batches queued behind it go to a new worker, and the run goes on. Messages are ``marshal`` data
(the batches are lists of (line number, bytes) and the results lists of str).
"""

from __future__ import annotations

import marshal
import os
import select
import signal
import struct
import sys
from collections.abc import Callable, Generator, Iterable
from typing import Any

from .errors import MoraleWatchError

_HEAD = struct.Struct("<Q")
#: a run gives up when workers keep dying without returning anything (a broken install, not a bad document)
MAX_FRUITLESS_DEATHS = 3

Batch = list[Any]
Results = list[str]


def _frame(obj: Any) -> bytes:
    data = marshal.dumps(obj)
    return _HEAD.pack(len(data)) + data


def _read_exact(fd: int, n: int) -> bytes | None:
    """``n`` bytes from a blocking pipe, or None at its end."""
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _serve(task_fd: int, result_fd: int, work: Callable[[Batch], Results]) -> None:
    """A worker's loop: read a batch, write its results, until the parent closes the task pipe."""
    while True:
        head = _read_exact(task_fd, _HEAD.size)
        payload = _read_exact(task_fd, _HEAD.unpack(head)[0]) if head is not None else None
        if payload is None:
            return
        seq, batch = marshal.loads(payload)
        view = memoryview(_frame((seq, work(batch))))
        while view:
            view = view[os.write(result_fd, view):]


class _Worker:
    def __init__(self, pid: int, task_fd: int, result_fd: int) -> None:
        self.pid, self.task_fd, self.result_fd = pid, task_fd, result_fd
        self.outbox = bytearray()  # framed batches not yet taken by the task pipe
        self.inbox = bytearray()  # result bytes not yet a whole frame
        self.sent: dict[int, Batch] = {}  # batches given to this worker and not answered, by sequence number
        self.answered = 0

    def give(self, seq: int, batch: Batch) -> None:
        self.sent[seq] = batch
        self.outbox += _frame((seq, batch))

    def close(self) -> None:
        for fd in (self.task_fd, self.result_fd):
            try:
                os.close(fd)
            except OSError:
                pass


def _spawn(work: Callable[[Batch], Results], init: Callable[[], None], others: list[_Worker]) -> _Worker:
    task_r, task_w = os.pipe()
    result_r, result_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: it never returns into the caller's code
        code = 1
        try:
            os.close(task_w)
            os.close(result_r)
            for w in others:
                w.close()
            init()
            _serve(task_r, result_w, work)
            code = 0
        except (KeyboardInterrupt, BrokenPipeError):  # interrupted, or the parent is gone: nothing to report
            pass
        except BaseException:
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
        finally:
            os._exit(code)
    os.close(task_r)
    os.close(result_w)
    os.set_blocking(task_w, False)
    return _Worker(pid, task_w, result_r)


def ordered(batches: Iterable[Batch], work: Callable[[Batch], Results], *, workers: int, per_worker: int,
            init: Callable[[], None] = lambda: None,
            lost: Callable[[Batch, str], Results]) -> Generator[Results, None, None]:
    """``work(batch)`` for every batch, in ``workers`` forked processes, yielded in input order. At most
    ``workers * per_worker`` batches are read ahead of what has been yielded. ``lost(batch, why)`` stands in for the
    results of a batch whose worker died while working on it."""
    pool: list[_Worker] = []
    pending = iter(batches)
    exhausted = False
    seq = next_out = 0
    done: dict[int, Results] = {}
    fruitless = 0
    finished = False
    try:
        for _ in range(workers):
            pool.append(_spawn(work, init, pool))
        while True:
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            while not exhausted and seq - next_out < workers * per_worker:  # read, and not yet yielded
                try:
                    batch = next(pending)
                except StopIteration:
                    exhausted = True
                    break
                min(pool, key=lambda w: len(w.sent)).give(seq, batch)
                seq += 1
            if exhausted and next_out == seq:
                finished = True
                return
            readable, writable, _ = select.select([w.result_fd for w in pool],
                                                  [w.task_fd for w in pool if w.outbox], [])
            for w in list(pool):
                if w.task_fd in writable:
                    try:
                        del w.outbox[:os.write(w.task_fd, w.outbox)]
                    except BlockingIOError:
                        pass
                    except BrokenPipeError:  # it died: its result pipe says so too
                        w.outbox.clear()
                if w.result_fd not in readable:
                    continue
                chunk = os.read(w.result_fd, 1 << 20)
                if chunk:
                    w.inbox += chunk
                    _unpack(w, done)
                    fruitless = 0
                    continue
                fruitless = 0 if w.answered else fruitless + 1
                if fruitless > MAX_FRUITLESS_DEATHS:
                    raise MoraleWatchError(
                        "E302", f"{fruitless} worker processes in a row ended before finishing any batch",
                        "run with --workers 1 to see the error; reinstall with `make install` if it is an import error")
                pool.remove(w)
                _bury(w, done, lost)
                heir = _spawn(work, init, pool)
                for s, b in sorted(w.sent.items()):
                    heir.give(s, b)
                pool.append(heir)
    finally:  # the end of its task pipe tells an idle worker to exit; a run cut short stops them at once
        for w in pool:
            w.close()
            if not finished:
                try:
                    os.kill(w.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        for w in pool:
            _reap(w.pid)


def _unpack(w: _Worker, done: dict[int, Results]) -> None:
    while len(w.inbox) >= _HEAD.size:
        (n,) = _HEAD.unpack_from(w.inbox)
        if len(w.inbox) < _HEAD.size + n:
            return
        seq, results = marshal.loads(bytes(w.inbox[_HEAD.size:_HEAD.size + n]))
        del w.inbox[:_HEAD.size + n]
        del w.sent[seq]
        done[seq] = results
        w.answered += 1


def _bury(w: _Worker, done: dict[int, Results], lost: Callable[[Batch, str], Results]) -> None:
    """A worker whose result pipe ended: reap it; the batch it was on is lost (the ones behind it stay in
    ``w.sent`` for its heir)."""
    status = _reap(w.pid)
    w.close()
    if not w.sent:
        return
    first = min(w.sent)
    why = f"worker process {w.pid} ended ({_describe(status)}) while analysing this line's batch"
    done[first] = lost(w.sent.pop(first), why)


def _reap(pid: int) -> int | None:
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return None


def _describe(status: int | None) -> str:
    if status is None:
        return "status unknown"
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"
