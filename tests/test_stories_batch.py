"""The batch path of the story index (session 11, issue 16 scale): ``StoryIndex.add_many`` groups documents as one
``add`` a document does, and the batched pieces (keys, bucket look-ups, the flush) give what the single ones give."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

import numpy as np
import pytest

from moralewatch.corpus import StoryIndex
from moralewatch.corpus.features import sketch
from moralewatch.corpus.index import STATE_TABLES, Buckets

from .test_stories_disk import _docs

Doc = tuple[str, str, str | None, str | None, str | None]


def _tables(idx: StoryIndex) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the index's three tables, in a fixed order."""
    idx.write()
    return {t: idx.conn.execute(f"SELECT * FROM {t} ORDER BY {order}").fetchall()
            for t, order in (("story_members", "seq"), ("story_buckets", "key"), ("story_state", "kind, key"))}


def _one_by_one(docs: list[Doc]) -> tuple[list[int], StoryIndex]:
    idx = StoryIndex()
    return [idx.add(*d) for d in docs], idx


@pytest.mark.parametrize("batch", [1, 7, 256])
def test_add_many_gives_the_seqs_stories_and_tables_of_add(shared: Path, monkeypatch: pytest.MonkeyPatch,
                                                             batch: int) -> None:
    monkeypatch.setattr(Buckets, "RECENT", 500)  # many flushes: inside a batch they wait for its end
    docs = _docs(shared, 900)
    seqs, single = _one_by_one(docs)
    assert len({single.assignment(d[0]).story for d in docs}) < len(docs)  # real copies among them
    many = StoryIndex()
    assert many.add_many(docs, batch) == seqs
    assert [many.assignment(d[0]).to_json() for d in docs] == [single.assignment(d[0]).to_json() for d in docs]
    assert _tables(many) == _tables(single)


@pytest.mark.parametrize("setting", [("FILTER_BYTES", 0), ("KEEP_NEWEST", True), ("json", False)])
def test_add_many_is_add_without_a_key_filter_with_the_keep_newest_rule_and_without_json(
        shared: Path, monkeypatch: pytest.MonkeyPatch, setting: tuple[str, object]) -> None:
    monkeypatch.setattr(Buckets, "RECENT", 300)
    if setting[0] != "json":
        monkeypatch.setattr(Buckets, *setting)
    docs = _docs(shared, 700)
    seqs, single = _one_by_one(docs)
    many = StoryIndex()
    if setting[0] == "json":  # an SQLite without json_each: the row-by-row statements, the same rows
        many.buckets.json = False
    assert many.add_many(docs, 50) == seqs
    assert _tables(many) == _tables(single)
    if setting[0] == "KEEP_NEWEST":  # the rule was exercised: its buckets are not those of the default rule
        monkeypatch.setattr(Buckets, "KEEP_NEWEST", False)
        assert _tables(_one_by_one(docs)[1])["story_buckets"] != _tables(many)["story_buckets"]


def test_add_many_in_several_runs_and_mixed_with_add_gives_one_runs_stories(shared: Path) -> None:
    docs = _docs(shared, 600)
    _, whole = _one_by_one(docs)
    idx = StoryIndex()
    idx.add_many(docs[:250])
    for d in docs[250:300]:
        idx.add(*d)
    idx.add_many(docs[300:], 64)
    assert [idx.assignment(d[0]).to_json() for d in docs] == [whole.assignment(d[0]).to_json() for d in docs]


def test_add_many_adds_a_known_or_repeated_id_once_and_reads_short_items() -> None:
    idx = StoryIndex()
    first = idx.add("a", "The Harbour Board said on Monday that 40 ships were waiting off Port Alder.")
    seqs = idx.add_many([("b", "Rain is expected over the Western Hills on Tuesday, the Weather Office said."),
                         ("a", "a different text under a known id is not grouped again"),
                         ("b", "nor is a repeated id within the batch"),
                         ("c", "The Harbour Board said on Monday that 40 ships were waiting off Port Alder.",
                          "Ships wait off Port Alder", "2026-03-02", "Coast Daily", "J. Smith")])
    assert seqs == [1, first, 1, 2] and idx.n == 3
    assert idx.assignment("c").story == idx.assignment("a").story  # the copy found its original
    assert idx.member(1).meta.date is None and idx.member(2).meta.source == "Coast Daily"


def test_keys_many_are_the_keys_of_each_sketch(shared: Path) -> None:
    docs = _docs(shared, 400)
    sketches = [sketch(d[1], d[2]) for d in docs]
    dates = [d[3][:10] if d[3] else None for d in docs]
    dates[3], dates[5] = None, "not a date"
    sketches.append(sketch("rain fell all day and the river rose over the low fields", None))  # no names: bands
    dates.append("2026-03-02")
    many = StoryIndex.keys_many(sketches, dates)
    assert many == [StoryIndex.keys(s, p) for s, p in zip(sketches, dates, strict=True)]
    assert {len(k) for k in many} >= {16, 32, 64}  # bands alone, with salient bands, with day keys
    assert StoryIndex.keys_many([], []) == []


def _entry(seq: int, day: int = 7) -> bytes:
    return struct.pack("<ii", seq, day)


def _buckets() -> Buckets:
    conn = sqlite3.connect(":memory:")
    for sql in STATE_TABLES:
        conn.execute(sql)
    return Buckets(conn)


def test_a_flush_appends_one_and_many_entry_buckets_as_one_upsert_a_row_did(monkeypatch: pytest.MonkeyPatch
                                                                            ) -> None:
    monkeypatch.setattr(Buckets, "APPEND_CHUNK", 3)  # the one-entry buckets in several statements
    b = _buckets()
    b.add([5, 9, -4, 1 << 62], 0, day=0)
    b.flush()
    b.add([9, 11, 12, 13, -4, 14], 1, day=2)
    b.add([9, 15], 2, day=3)
    b.flush()
    rows = dict(b.conn.execute("SELECT key, seqs FROM story_buckets").fetchall())
    assert rows == {5: _entry(0, 0), 9: _entry(0, 0) + _entry(1, 2) + _entry(2, 3), -4: _entry(0, 0) + _entry(1, 2),
                    1 << 62: _entry(0, 0), 11: _entry(1, 2), 12: _entry(1, 2), 13: _entry(1, 2), 14: _entry(1, 2),
                    15: _entry(2, 3)}
    assert b.lookup([9, 15, 99])[0].tolist() == [0, 1, 2]


def test_a_batch_reads_the_table_once_and_sees_its_own_entries_in_order() -> None:
    b = _buckets()
    b.add([1, 2], 0, day=0)
    b.flush()
    b.prefetch([1, 3, 2, 1])
    b.conn.execute("DELETE FROM story_buckets")  # the batch does not ask the table again
    assert b.lookup([1, 3])[0].tolist() == [0]
    b.RECENT = 1  # a full dict waits for the end of the batch
    b.add([3], 1, day=0)
    assert b.lookup([3])[0].tolist() == [1] and b.n_recent == 1
    b.done()
    assert b.prefetched is None and b.n_recent == 0
    assert b.conn.execute("SELECT seqs FROM story_buckets WHERE key = 3").fetchone() == (_entry(1, 0),)


def test_sketch_bytes_are_the_four_arrays_little_endian() -> None:
    sk = sketch("The Harbour Board said on Monday that 40 ships were waiting off Port Alder.", "Ships at Port Alder")
    arrays = (sk.sig, sk.ssig, sk.title, sk.bottom)
    assert sk.to_bytes() == b"".join(np.asarray(a).astype("<u4").tobytes() for a in arrays)
