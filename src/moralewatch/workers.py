"""Forked worker processes: batches go out through pipes, results come back in input order.

Why not ``multiprocessing.Pool``: its start (importing multiprocessing, its queues and three threads, ~25 ms) is
serial time before any worker can begin, a visible share of a two-worker run over a few seconds of text; and a
worker that dies (killed, out of memory) leaves ``Pool`` waiting for its task for ever. Here each worker is one
``fork`` with two pipes; the parent (one ``select`` loop, no threads) keeps at most ``per_worker`` batches on each
worker and writes nothing to a pipe that is not ready, so neither side can block the other.

A worker's death shows as the end of its result pipe, and costs one input, never a batch: the batch it was working
on is given to a fresh worker again one item at a time, and only an item that kills a worker when alone gets the
``lost`` result; the batches queued behind it go to the new worker too, and the run goes on. A worker says when it
is ready (its ``init`` done): workers that keep dying before that are a broken install, not a bad input, and stop
the run (E302). Messages are ``marshal`` data (tasks are ``(key, batch)`` with lists of plain values, results lists
of str or bytes).
"""

from __future__ import annotations

import marshal
import os
import select
import signal
import struct
import sys
import time
from collections.abc import Callable, Generator, Iterable
from typing import Any

from .errors import MoraleWatchError

_HEAD = struct.Struct("<Q")
#: a run gives up when workers keep dying without returning anything (a broken install, not a bad document)
MAX_FRUITLESS_DEATHS = 3

Batch = list[Any]
Results = list[Any]
#: a task's key: (sequence number of the batch, -1 for the whole batch or the index of the one item it holds)
Key = tuple[int, int]


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
    """A worker's loop: say it is ready, then read a batch, write its results, until the parent closes the task
    pipe."""
    _write_all(result_fd, _frame(None))
    while True:
        head = _read_exact(task_fd, _HEAD.size)
        payload = _read_exact(task_fd, _HEAD.unpack(head)[0]) if head is not None else None
        if payload is None:
            return
        key, batch = marshal.loads(payload)
        _write_all(result_fd, _frame((key, work(batch))))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class _Worker:
    def __init__(self, pid: int, task_fd: int, result_fd: int) -> None:
        self.pid, self.task_fd, self.result_fd = pid, task_fd, result_fd
        self.outbox = bytearray()  # framed batches not yet taken by the task pipe
        self.inbox = bytearray()  # result bytes not yet a whole frame
        self.sent: dict[Key, Batch] = {}  # tasks given to this worker and not answered, in the order given
        self.ready = False  # its init is done: a death from now on is the input's doing
        self.since = time.monotonic()  # when it began the task it is on (as near as the parent can tell)
        self.stopped: float | None = None  # the seconds after which the watchdog killed it

    def give(self, key: Key, batch: Batch) -> None:
        if not self.sent:
            self.since = time.monotonic()
        self.sent[key] = batch
        self.outbox += _frame((key, batch))

    def overdue(self, allowed: Callable[[Batch], float], now: float) -> float | None:
        """The seconds its current task was allowed, when it has had them without a result; else None."""
        if not self.ready or not self.sent:
            return None
        limit = allowed(next(iter(self.sent.values())))
        return limit if now - self.since > limit else None

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
            init: Callable[[], None] = lambda: None, lost: Callable[[Batch, str], Results],
            allowed: Callable[[Batch], float] | None = None) -> Generator[Results, None, None]:
    """``work(batch)`` for every batch, in ``workers`` forked processes, yielded in input order. At most
    ``workers * per_worker`` batches are read ahead of what has been yielded. ``work`` must give one result per item
    (a batch that killed its worker is re-run item by item and its results joined). ``lost([item], why)`` stands in
    for the results of an item that killed a worker when it was alone.

    ``allowed(batch)``: the seconds a worker may spend on a batch; a worker that has spent them without a result is
    killed (a watchdog for hangs that a worker's own time limit cannot interrupt, such as a loop in native code),
    which costs the one input it hangs on, as any death does."""
    pool: list[_Worker] = []
    pending = iter(batches)
    exhausted = False
    seq = next_out = 0
    results = _Results()
    fruitless = 0
    finished = False
    try:
        for _ in range(workers):
            pool.append(_spawn(work, init, pool))
        while True:
            while next_out in results.done:
                yield results.done.pop(next_out)
                next_out += 1
            while not exhausted and seq - next_out < workers * per_worker:  # read, and not yet yielded
                try:
                    batch = next(pending)
                except StopIteration:
                    exhausted = True
                    break
                min(pool, key=lambda w: len(w.sent)).give((seq, -1), batch)
                seq += 1
            if exhausted and next_out == seq:
                finished = True
                return
            readable, writable, _ = select.select([w.result_fd for w in pool],
                                                  [w.task_fd for w in pool if w.outbox], [],
                                                  _watch(pool, allowed))
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
                    if _unpack(w, results):
                        fruitless = 0
                    continue
                pool.remove(w)
                status = _reap(w.pid)
                w.close()
                if not w.ready:
                    fruitless += 1
                    if fruitless > MAX_FRUITLESS_DEATHS:
                        raise MoraleWatchError(
                            "E302", f"{fruitless} worker processes in a row ended before they were ready",
                            "run with --workers 1 to see the error; reinstall with `make install` if it is an "
                            "import error")
                heir = _spawn(work, init, pool)
                for key, b in _retry(w, status, results, lost):
                    heir.give(key, b)
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


class _Results:
    """Results by batch sequence number; a batch re-run item by item is joined once all its items are back."""

    def __init__(self) -> None:
        self.done: dict[int, Results] = {}
        self.parts: dict[int, list[Results | None]] = {}

    def put(self, key: Key, results: Results) -> None:
        seq, item = key
        if item < 0:
            self.done[seq] = results
            return
        parts = self.parts[seq]
        parts[item] = results
        if all(p is not None for p in parts):
            del self.parts[seq]
            self.done[seq] = [r for p in parts for r in p or ()]

    def split(self, seq: int, n: int) -> None:
        self.parts[seq] = [None] * n


def _watch(pool: list[_Worker], allowed: Callable[[Batch], float] | None) -> float | None:
    """Kill the workers that are overdue (their death shows on their result pipe); the seconds until the next one
    may be, for ``select``'s timeout (None: no watchdog, wait for the pipes)."""
    if allowed is None:
        return None
    now = time.monotonic()
    wait = 1.0
    for w in pool:
        limit = w.overdue(allowed, now)
        if limit is not None and w.stopped is None:
            w.stopped = limit
            try:
                os.kill(w.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    return wait


def _unpack(w: _Worker, results: _Results) -> bool:
    """Take the whole frames of ``w``'s inbox; True when one of them was its ready signal."""
    became_ready = False
    while len(w.inbox) >= _HEAD.size:
        (n,) = _HEAD.unpack_from(w.inbox)
        if len(w.inbox) < _HEAD.size + n:
            break
        message = marshal.loads(bytes(w.inbox[_HEAD.size:_HEAD.size + n]))
        del w.inbox[:_HEAD.size + n]
        if message is None:
            w.ready = became_ready = True
            w.since = time.monotonic()
            continue
        key, got = message
        key = tuple(key)
        del w.sent[key]
        results.put(key, got)
        w.since = time.monotonic()
    return became_ready


def _retry(w: _Worker, status: int | None, results: _Results,
           lost: Callable[[Batch, str], Results]) -> list[tuple[Key, Batch]]:
    """The tasks of a dead worker for its heir. The one it was on (its first unanswered one) is split into one task
    per item when it held several; an item that was alone gets ``lost`` results. A worker that died before it was
    ready was on no task: all of them go to the heir as they were."""
    tasks = list(w.sent.items())
    if not tasks or not w.ready:
        return tasks
    (seq, item), batch = tasks[0]
    if item < 0 and len(batch) > 1:
        results.split(seq, len(batch))
        return [((seq, i), [x]) for i, x in enumerate(batch)] + tasks[1:]
    why = f"worker process {w.pid} ended ({_describe(status)}) while analysing this input alone"
    if w.stopped is not None:
        why = (f"no result within {w.stopped:g} s, not even the time limit's (a hang in native code?): worker process "
               f"{w.pid} was stopped while analysing this input alone")
    results.put((seq, item), lost(batch, why))
    return tasks[1:]


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
