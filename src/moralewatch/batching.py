"""Batching and forking for ``extract --workers N`` and ``analyze --workers N``: inputs in bounded batches, analysed
in forked workers (:mod:`moralewatch.workers`), results back in input order.

The parent loads what every worker needs (lexicons, patterns: ``warm_up``) once before forking, so that the workers
share those pages instead of each loading its own.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

#: a batch ends at this many items or this many input bytes, whichever comes first. The byte limit keeps batches
#: of long articles small enough that no worker is left with a long last batch while the others idle (at 1 MiB
#: the 407 articles of nyt-guardian made 7 batches for 2 workers); 64 short wire stories stay one message.
BATCH_LINES = 64
BATCH_BYTES = 32 << 10
#: the input's last items (up to this many items or bytes) are held back and sent in batches of at most
#: ``TAIL_BATCH_BYTES`` once the input ends, so that the workers finish within a short batch of each other instead
#: of one waiting out the other's last full batch (~0.15 s of news articles)
TAIL_LINES = 2 * BATCH_LINES
TAIL_BYTES = 2 * BATCH_BYTES
TAIL_BATCH_BYTES = 4 << 10
#: batches in flight per worker: enough to keep every worker busy, few enough that memory stays flat
BATCHES_PER_WORKER = 3
#: seconds beyond its items' time limits after which a worker without a result is stopped (the watchdog)
WATCHDOG_SLACK = 10.0


def batches(items: Iterable[Any], size: Callable[[Any], int]) -> Iterator[list[Any]]:
    """Bounded batches in input order (``size(item)``: its bytes): full ones while more than the tail's worth of
    input follows them, then the tail in small ones. At most a tail and a batch of input are held at a time."""
    held: deque[Any] = deque()
    sizes: deque[int] = deque()
    total = 0

    def cut(max_items: int, max_bytes: int) -> list[Any]:
        nonlocal total
        batch: list[Any] = []
        taken = 0
        while held and len(batch) < max_items and taken < max_bytes:
            batch.append(held.popleft())
            taken += sizes.popleft()
        total -= taken
        return batch

    for item in items:
        n = size(item)
        held.append(item)
        sizes.append(n)
        total += n
        while len(held) >= TAIL_LINES + BATCH_LINES or total >= TAIL_BYTES + BATCH_BYTES:
            yield cut(BATCH_LINES, BATCH_BYTES)
    while held:
        yield cut(BATCH_LINES, TAIL_BATCH_BYTES)


def can_fork() -> bool:
    return hasattr(os, "fork")


def collect_garbage_as(enabled: bool) -> None:
    """In a worker: the collector as the caller had it (the fork happens with it off, for the warm-up)."""
    if enabled:
        gc.enable()


def in_workers(items: Iterable[Any], work: Callable[[list[Any]], list[Any]], *, workers: int,
               size: Callable[[Any], int], warm_up: Callable[[], None], init: Callable[[bool], None],
               lost: Callable[[list[Any], str], list[Any]], time_limit: float = 0) -> Iterator[Any]:
    """``work`` over ``items`` in batches, in ``workers`` forked processes; one result per item, in input order.
    ``warm_up`` runs once in this process before the fork, ``init(gc_enabled)`` in each worker after it (the fork
    happens with the collector off: ``init`` calls :func:`collect_garbage_as` with the caller's setting);
    ``lost([item], why)``
    stands in for the result of an item that killed a worker when it was alone (see :mod:`moralewatch.workers`).
    Memory stays flat: at most ``BATCHES_PER_WORKER`` batches per worker are read ahead. With a ``time_limit`` per
    item (which the workers enforce themselves), a worker that has had its batch's time limits and
    ``WATCHDOG_SLACK`` more without a result is stopped: a hang that its own limit could not interrupt costs one
    input."""
    from . import workers as forked  # here, not at the top: one worker never needs it

    # What warm_up loads lives as long as the process, so the collector has nothing to find in it while it loads
    # (its passes over the growing heap cost ~15 ms), and frozen afterwards the workers' collector never walks it,
    # and so never writes to (and copies) the pages they share with this process.
    gc_enabled = gc.isenabled()
    gc.disable()
    try:
        warm_up()
        gc.freeze()
        if gc_enabled:
            gc.enable()
        results = forked.ordered(batches(items, size), work, workers=workers, per_worker=BATCHES_PER_WORKER,
                                 init=lambda: init(gc_enabled), lost=lost,
                                 allowed=(lambda b: len(b) * time_limit + WATCHDOG_SLACK) if time_limit else None)
        try:
            for batch in results:
                yield from batch
        finally:
            results.close()
    finally:
        gc.unfreeze()
        if gc_enabled:
            gc.enable()
