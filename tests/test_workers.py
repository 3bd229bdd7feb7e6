"""The forked workers of ``extract --workers N`` and ``analyze --workers N`` (moralewatch.workers): order, bounded
read-ahead, big messages, and what happens when a worker dies: it costs one input, never a batch."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import time
from collections.abc import Iterator

import pytest

from moralewatch import api, workers
from moralewatch.errors import MoraleWatchError


def _double(batch: list) -> list[str]:
    return [str(2 * x) for x in batch]


def _lost(batch: list, why: str) -> list[str]:
    return [f"lost {x}: {why}" for x in batch]


def _children() -> set[int]:
    try:
        with open(f"/proc/{os.getpid()}/task/{os.getpid()}/children", encoding="ascii") as fh:
            return {int(p) for p in fh.read().split()}
    except OSError:  # not Linux: nothing to check
        return set()


def test_results_come_back_in_input_order_whatever_finishes_first() -> None:
    def slow_evens(batch: list) -> list[str]:
        if batch[0] % 2 == 0:
            time.sleep(0.01)
        return _double(batch)

    batches = [[i, i + 100] for i in range(40)]
    got = list(workers.ordered(batches, slow_evens, workers=3, per_worker=2, lost=_lost))
    assert got == [_double(b) for b in batches]


def test_at_most_workers_times_per_worker_batches_are_read_ahead() -> None:
    pulled = [0]

    def source() -> Iterator[list]:
        for i in range(60):
            pulled[0] += 1
            yield [i]

    for k, _ in enumerate(workers.ordered(source(), _double, workers=2, per_worker=3, lost=_lost)):
        assert pulled[0] - (k + 1) <= 2 * 3, (k, pulled[0])


def test_messages_larger_than_a_pipe_in_both_directions_do_not_block() -> None:
    big = "x" * (3 << 20)  # results of 3 MB each way, batches of 1 MB: far above a pipe's 64 KiB

    def echo(batch: list) -> list[str]:
        return [big + str(len(b)) for b in batch]

    batches = [[b"y" * (1 << 20)] for _ in range(6)]
    got = list(workers.ordered(batches, echo, workers=2, per_worker=3, lost=_lost))
    assert got == [[big + str(1 << 20)]] * 6


def test_a_killed_worker_alone_on_an_item_loses_only_that_item_and_the_run_goes_on() -> None:
    def dies_on_13(batch: list) -> list[str]:
        if 13 in batch:
            os.kill(os.getpid(), signal.SIGKILL)
        return _double(batch)

    batches = [[i] for i in range(30)]
    before = _children()
    got = list(workers.ordered(batches, dies_on_13, workers=2, per_worker=3, lost=_lost))
    assert len(got) == 30
    assert len(got[13]) == 1 and re.fullmatch(
        r"lost 13: worker process \d+ ended \(killed by signal 9\) while analysing this input alone", got[13][0])
    assert [g for i, g in enumerate(got) if i != 13] == [_double(b) for i, b in enumerate(batches) if i != 13]
    assert _children() == before  # every worker reaped, the heir too


def test_workers_that_die_before_any_result_stop_the_run_with_a_code() -> None:
    def broken_install() -> None:
        raise ImportError("no module named x")  # printed on stderr by the worker

    with pytest.raises(MoraleWatchError) as e:
        list(workers.ordered([[i] for i in range(10)], _double, workers=2, per_worker=2, init=broken_install,
                             lost=_lost))
    assert e.value.code == "E302" and "--workers 1" in e.value.fix


def test_closing_the_results_early_stops_and_reaps_the_workers() -> None:
    def slow(batch: list) -> list[str]:
        time.sleep(0.05)
        return _double(batch)

    before = _children()
    results = workers.ordered([[i] for i in range(100)], slow, workers=2, per_worker=3, lost=_lost)
    assert next(results) == ["0"]
    results.close()
    assert _children() == before


def test_a_batch_whose_worker_dies_is_rerun_item_by_item_and_only_the_killer_is_lost() -> None:
    def dies_on_killers(batch: list) -> list[str]:
        if any(x in (13, 14, 40) for x in batch):
            os.kill(os.getpid(), signal.SIGKILL)
        return _double(batch)

    batches = [list(range(i, i + 10)) for i in range(0, 60, 10)]
    before = _children()
    got = list(workers.ordered(batches, dies_on_killers, workers=2, per_worker=2, lost=_lost))
    flat = [x for batch in got for x in batch]
    assert [len(b) for b in got] == [10] * 6  # one result per item, batches joined again
    lost = [i for i, r in enumerate(flat) if r.startswith("lost")]
    assert lost == [13, 14, 40]
    assert all(flat[i] == str(2 * i) for i in range(60) if i not in lost)
    assert _children() == before


def test_a_poisoned_item_first_in_its_batch_does_not_look_like_a_broken_install() -> None:
    def dies_on_0_to_5(batch: list) -> list[str]:
        if any(x < 6 for x in batch):  # six killers in a row, each alone in its worker once split
            os._exit(3)
        return _double(batch)

    got = [x for b in workers.ordered([list(range(8))], dies_on_0_to_5, workers=1, per_worker=1, lost=_lost)
           for x in b]
    assert [g.startswith("lost") for g in got] == [True] * 6 + [False] * 2
    assert "exit code 3" in got[0] and got[6:] == ["12", "14"]


def test_extract_gives_only_the_line_that_kills_its_worker_an_error_line(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"id": f"d{i}", "text": f"Soldiers said on day {i} that morale was low."}).encode()
             for i in range(300)]
    real = api._extract_batch

    def dies_on_d150(batch: list) -> list[str]:
        if any(b'"d150"' in item[1] for item in batch):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(batch)

    monkeypatch.setattr(api, "_extract_batch", dies_on_d150)
    out = io.StringIO()
    assert api.extract_stream(lines, out, workers=2) == 300
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == [f"d{i}" for i in range(300)]  # every input, in order
    lost = [r for r in rows if r["error"]]
    assert [r["id"] for r in lost] == ["d150"]
    assert lost[0]["error"]["code"] == "worker_lost" and "Fix:" in lost[0]["error"]["message"]
    ok = [r for r in rows if not r["error"]]
    monkeypatch.setattr(api, "_extract_batch", real)
    one = io.StringIO()
    api.extract_stream([x for x in lines if json.loads(x)["id"] != "d150"], one, workers=1)
    assert [json.loads(x) for x in one.getvalue().splitlines()] == ok  # the others are analysed as usual


def test_a_worker_that_hangs_beyond_its_allowance_is_stopped_and_costs_one_input() -> None:
    def hangs_on_4(batch: list) -> list[str]:
        if 4 in batch:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as native code would, no alarm gets in
            time.sleep(600)
        return _double(batch)

    before = _children()
    t = time.monotonic()
    got = list(workers.ordered([[i, i + 1, i + 2] for i in range(0, 12, 3)], hangs_on_4, workers=2, per_worker=2,
                               lost=_lost, allowed=lambda b: 1.5 * len(b) + 1.5))
    assert time.monotonic() - t < 60
    flat = [x for b in got for x in b]
    assert [i for i, r in enumerate(flat) if r.startswith("lost")] == [4]
    assert re.fullmatch(r"lost 4: no result within 3 s, not even the time limit's \(a hang in native code\?\): "
                        r"worker process \d+ was stopped while analysing this input alone", flat[4])
    assert all(flat[i] == str(2 * i) for i in range(12) if i != 4)
    assert _children() == before
