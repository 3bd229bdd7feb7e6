"""``extract_stream`` with workers: bounded read-ahead (memory flat in input size), order and content kept.

These tests pin behaviour, not speed: the output with two workers is the output with one, line for line, and the
input is consumed at most a bounded number of batches ahead of what has been written.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moralewatch import api, batching

from .corpus import article


def _lines(n: int) -> list[bytes]:
    out = []
    for i in range(n):
        if i % 17 == 5:
            out.append(b"{not json\n")  # a bad line gets an error object and the run goes on
        elif i % 23 == 7:
            out.append(b"\n")  # blank lines yield nothing
        else:
            out.append((json.dumps({"id": f"d{i}", "text": article(i)}) + "\n").encode())
    return out


def _run(lines: list[bytes], workers: int) -> str:
    buf = io.StringIO()
    api.extract_stream(lines, buf, workers=workers)
    return buf.getvalue()


def test_two_workers_over_many_batches_match_one_worker_line_for_line() -> None:
    n = batching.BATCH_LINES * 2 * batching.BATCHES_PER_WORKER + 37  # more than one window of batches, a ragged last one
    lines = _lines(n)
    one, two = _run(lines, 1), _run(lines, 2)
    assert one == two
    out = [json.loads(x) for x in two.splitlines()]
    assert len(out) == sum(1 for x in lines if x.strip())
    ids = [o["id"] for o in out if o["error"] is None]
    assert ids == [f"d{i}" for i in range(n) if i % 17 != 5 and i % 23 != 7]  # input order
    assert sum(o["error"] is not None for o in out) == sum(1 for i in range(n) if i % 17 == 5)


class _Recorder(io.StringIO):
    """An output that notes how much of the input had been read when each write happened."""

    def __init__(self, pulled: list[int]) -> None:
        super().__init__()
        self.pulled = pulled
        self.at_write: list[tuple[int, int]] = []  # (lines read, lines written before this write)
        self.lines_out = 0

    def write(self, s: str) -> int:
        self.at_write.append((self.pulled[0], self.lines_out))
        self.lines_out += s.count("\n")
        return super().write(s)


def test_input_is_read_a_bounded_number_of_batches_ahead() -> None:
    workers = 2
    total = batching.BATCH_LINES * workers * batching.BATCHES_PER_WORKER * 4
    line = (json.dumps({"id": "x", "text": article(1)}) + "\n").encode()
    pulled = [0]

    def source() -> Iterator[bytes]:
        for _ in range(total):
            pulled[0] += 1
            yield line

    out = _Recorder(pulled)
    assert api.extract_stream(source(), out, workers=workers) == total
    window = batching.BATCH_LINES * (workers * batching.BATCHES_PER_WORKER + 1) + batching.TAIL_LINES  # + the held tail
    assert out.at_write
    for read, written in out.at_write:
        assert read - written <= window, f"read {read} lines when {written} were written"
    assert out.getvalue().count("\n") == total


def test_big_lines_close_a_batch_early_and_the_tail_goes_in_small_batches() -> None:
    big = b"x" * (batching.BATCH_BYTES // 2 + 1)
    numbered = [(i, big) for i in range(12)]
    batches = list(batching.batches(numbered, size=lambda item: len(item[1])))
    assert [n for b in batches for n, _ in b] == list(range(12))  # every line once, in order
    # full batches close at the byte limit (two big lines) while more than the tail's worth follows them;
    # the tail (what was held back when the input ended) goes one big line at a time
    assert [len(b) for b in batches] == [2, 2, 2, 2, 1, 1, 1, 1]


def test_the_tail_of_short_lines_is_cut_into_small_batches() -> None:
    line = b"y" * 400  # 64 of them stay under BATCH_BYTES: full batches close at BATCH_LINES
    n = batching.BATCH_LINES * 5
    batches = list(batching.batches([(i, line) for i in range(n)], size=lambda item: len(item[1])))
    assert [k for b in batches for k, _ in b] == list(range(n))
    full = [b for b in batches if len(b) == batching.BATCH_LINES]
    small = batches[len(full):]
    assert full and batches[:len(full)] == full  # full batches first
    assert sum(map(len, small)) <= batching.TAIL_LINES + batching.BATCH_LINES
    assert all(sum(len(x) for _, x in b) <= batching.TAIL_BATCH_BYTES + len(line) for b in small)
    assert len(small) > 1


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(
    st.text(max_size=300).map(lambda t: json.dumps({"id": "h", "text": t})),
    st.sampled_from(["", "   ", "[1, 2]", '{"id": 1}', '{"text": "no id"}', "{broken"]),
), max_size=150))
def test_any_stream_gives_the_same_lines_with_two_workers(items: list[str]) -> None:
    lines = [(s + "\n").encode() for s in items]
    assert _run(lines, 2) == _run(lines, 1)
