"""The story index on disk (issue 16, session 6): bounded caches, the same stories whatever their sizes, and a
state file of the earlier format completed on load."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from moralewatch.corpus import StoryIndex
from moralewatch.corpus import store as corpus_store
from moralewatch.corpus.index import BUCKET_FORMAT, Buckets

ROOT = Path(__file__).resolve().parents[1]


def _docs(shared: Path, n: int) -> list[tuple[str, str, str | None, str | None, str | None]]:
    out = []
    with open(shared / "data" / "corpora" / "reuters21578.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            out.append((str(d["id"]), d["text"], d.get("title"), d.get("date"), d.get("source")))
            if len(out) >= n:
                break
    return out


def _group(docs: list[tuple[str, str, str | None, str | None, str | None]], idx: StoryIndex) -> list[object]:
    for doc in docs:
        idx.add(*doc)
    return [idx.assignment(d[0]).to_json() for d in docs]


def test_tiny_caches_give_the_same_stories_and_stay_within_their_bounds(shared: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs(shared, 1500)
    whole = _group(docs, StoryIndex())
    assert len({a["story"] for a in whole}) < len(docs)  # some copies: the caches are exercised on real matches
    monkeypatch.setattr(StoryIndex, "CACHE", 16)
    monkeypatch.setattr(StoryIndex, "SIG_CACHE", 32)
    monkeypatch.setattr(StoryIndex, "PENDING", 8)
    monkeypatch.setattr(StoryIndex, "STATE_CACHE", 20)
    monkeypatch.setattr(Buckets, "RECENT", 64)
    small = StoryIndex()
    peak = {"rows": 0, "sigs": 0, "state": 0, "recent": 0}
    for doc in docs:
        small.add(*doc)
        peak["rows"] = max(peak["rows"], len(small._rows))
        peak["sigs"] = max(peak["sigs"], int((small._slot_seq >= 0).sum()))
        peak["state"] = max(peak["state"], len(small._state))
        peak["recent"] = max(peak["recent"], small.buckets.n_recent)
    assert [small.assignment(d[0]).to_json() for d in docs] == whole
    assert peak == {"rows": 16, "sigs": 32, "state": 20, "recent": peak["recent"]} and peak["recent"] < 64 + 40


def test_a_state_of_the_earlier_format_is_completed_on_load(shared: Path, tmp_path: Path) -> None:
    docs = _docs(shared, 600)
    whole = _group(docs, StoryIndex())
    conn = sqlite3.connect(tmp_path / "state.sqlite")
    first = StoryIndex.load(conn)
    _group(docs[:400], first)
    first.save()
    # what a session-5 state file holds: no buckets, no roots, no story sizes
    conn.execute("DELETE FROM story_buckets")
    conn.execute("DELETE FROM story_state WHERE kind IN ('root', 'n')")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(tmp_path / "state.sqlite")
    again = StoryIndex.load(conn)
    assert conn.execute("SELECT count(*) FROM story_buckets").fetchone()[0] > 0
    assert _group(docs, again) == whole


def test_the_store_writes_story_rows_as_it_goes_and_the_same_ones(tmp_path: Path, seed_texts: dict[str, str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_stories import _analyze, _dump, _seed_docs

    docs = _seed_docs(seed_texts)
    _analyze(tmp_path, tmp_path / "big.db", docs, "a.jsonl")
    monkeypatch.setattr(corpus_store, "DIRTY_MAX", 1)
    _analyze(tmp_path, tmp_path / "small.db", docs, "b.jsonl")
    assert _dump(tmp_path / "big.db") == _dump(tmp_path / "small.db")


def test_an_index_grouped_apart_can_be_saved_to_a_state_file_and_go_on_there(shared: Path, tmp_path: Path) -> None:
    docs = _docs(shared, 500)
    whole = _group(docs, StoryIndex())
    apart = StoryIndex()  # in its own temporary file
    _group(docs[:300], apart)
    conn = sqlite3.connect(tmp_path / "state.sqlite")
    apart.save(conn)
    conn.close()
    conn = sqlite3.connect(tmp_path / "state.sqlite")
    assert _group(docs, StoryIndex.load(conn)) == whole


def test_the_bucket_filter_leaves_out_no_candidate(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs(shared, 1200)
    filtered = StoryIndex()
    whole = _group(docs, filtered)
    filtered.write()  # the filter holds the keys written to the table (session 10: not those only in the dict)
    assert filtered.buckets.filter is not None and filtered.buckets.filter.bits.any()
    # the filter answers "no" for most keys of a new text, and "maybe" for every key the table holds
    keys = [k for (k,) in filtered.conn.execute("SELECT key FROM story_buckets")]
    assert filtered.buckets._maybe(keys) == keys
    monkeypatch.setattr(Buckets, "FILTER_BYTES", 0)  # no filter: every key is asked of the table
    plain = StoryIndex()
    assert _group(docs, plain) == whole and plain.buckets.filter is None


def test_the_bucket_filter_grows_past_its_first_size_and_keeps_every_key(shared: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Session 10: the filter of bucket keys is made twice as large (from the table) when the keys outgrow it, where
    sessions 7-9 switched it off for good past 4M keys; past ``FILTER_MAX_BYTES`` it only fills up. Either way the
    stories are those of an index without a filter, and every key the table holds answers "maybe"."""
    docs = _docs(shared, 500)
    monkeypatch.setattr(Buckets, "FILTER_BYTES", 0)
    whole = _group(docs, StoryIndex())
    monkeypatch.setattr(Buckets, "RECENT", 512)  # many flushes: the filter grows between documents
    monkeypatch.setattr(Buckets, "FILTER_BYTES", 64)  # 512 bits: 64 keys at 8 bits a key
    for top, grown in ((1 << 20, True), (256, False)):
        monkeypatch.setattr(Buckets, "FILTER_MAX_BYTES", top)
        idx = StoryIndex()
        assert _group(docs, idx) == whole
        idx.write()
        f = idx.buckets.filter
        assert f is not None
        keys = [k for (k,) in idx.conn.execute("SELECT key FROM story_buckets")]
        assert idx.buckets._maybe(keys) == keys
        assert (f.capacity >= len(keys)) == grown and len(f.bits) == (top if not grown else len(f.bits))
        if grown:  # sized for the keys it holds: most keys never given answer "no"
            held = set(keys)
            others = [k + 1 for k in keys if k + 1 not in held]
            assert len(idx.buckets._maybe(others)) < 0.1 * len(others)
        # an index loaded from its database sizes its filter for the keys the table holds
        again = Buckets(idx.conn, idx.n)
        assert again.filter is not None and again._maybe(keys) == keys


def test_a_full_bucket_keeps_its_first_members_or_with_keep_newest_its_first_and_newest(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Session 10: with ``Buckets.KEEP_NEWEST`` a bucket past ``BUCKET_CAP`` entries keeps its first and its newest
    ones (by default, as in sessions 5-9, its first ones for ever: a late copy of a template finds none of its
    recent relatives); the same whether the entries were written to the table in between or not, and a key given
    twice is two entries."""
    from moralewatch.corpus.index import BUCKET_CAP, ensure_tables

    conn = sqlite3.connect(":memory:")
    ensure_tables(conn)
    b = Buckets(conn)
    for seq in range(BUCKET_CAP + 9):
        b.add([7], seq)
    assert b.lookup([7])[0].tolist() == list(range(BUCKET_CAP))  # the default: its first ones
    monkeypatch.setattr(Buckets, "KEEP_NEWEST", True)
    for recent in (1 << 17, 5):
        monkeypatch.setattr(Buckets, "RECENT", recent)
        conn = sqlite3.connect(":memory:")
        ensure_tables(conn)
        b = Buckets(conn)
        seen = []
        for seq in range(BUCKET_CAP + 9):
            seqs = b.lookup([7, 8], day=None)[0].tolist()
            assert seqs == sorted(seen[:1] + seen[1:][-(BUCKET_CAP - 1):] if len(seen) > BUCKET_CAP else seen)
            seen.append(seq)
            b.add([7], seq)
        b.flush()
        got = b.lookup([7])[0].tolist()
        assert got == [0, *range(10, BUCKET_CAP + 9)] and len(got) == BUCKET_CAP
        b.add([9, 9], 100)  # twice: two entries of one seq
        b.add([9] * (BUCKET_CAP + 2), 101)
        held = b.lookup([9])[1][9]
        assert len(held) == 8 * BUCKET_CAP and b.lookup([9])[0].tolist() == [100, 101]


def test_candidates_published_too_far_apart_are_left_out_before_their_rows_are_read() -> None:
    """Session 8: the candidate filter drops, by their dates alone, the candidates that :func:`relation` would call
    unrelated (published further apart than a copy or an event can be); undated candidates stay."""
    from moralewatch.corpus.features import sketch
    from moralewatch.corpus.index import _day_number
    from moralewatch.corpus.relate import Meta, relation

    text = ("The Central Bank of Ruritania raised its discount rate to 7.5 pct from 7.0 pct on Monday, "
            "Governor Anna Kowalski told reporters in Zenda, citing inflation of 4.2 pct in March.")
    idx = StoryIndex()
    near, far, undated = idx.add("a", text, "Ruritania raises rate", "1987-03-02"), \
        idx.add("b", text, "Ruritania raises rate", "1987-04-20"), idx.add("c", text, "Ruritania raises rate", None)
    sk = sketch(text, "Ruritania raises rate")
    cands = idx.buckets.lookup(idx.keys(sk))[0]
    assert sorted(cands.tolist()) == [near, far, undated]
    kept = idx._plausible(sk, "latin", cands, _day_number("1987-03-03"))
    assert sorted(kept) == [near, undated]
    assert relation(sk, Meta("1987-03-03"), idx.sketch_of(far), idx.meta_of(far), idx.t)[0] == "unrelated"
    assert relation(sk, Meta("1987-03-03"), idx.sketch_of(near), idx.meta_of(near), idx.t)[0] == "copy"
    idx.write()  # read back from the table (not the cache): the same
    idx._slot_seq[:] = -1
    assert sorted(idx._plausible(sk, "latin", cands, _day_number("1987-03-03"))) == [near, undated]


def test_buckets_keep_each_members_day_and_leave_out_the_far_ones_unread() -> None:
    """Session 9: a bucket entry holds its member's day, so a lookup for a day leaves out the members published
    further from it than any relation allows without reading their rows or signatures (the index's look-ups no
    longer slow down as old members fill its buckets)."""
    from moralewatch.corpus.features import sketch
    from moralewatch.corpus.index import _day_number

    text = ("The Central Bank of Ruritania raised its discount rate to 7.5 pct from 7.0 pct on Monday, "
            "Governor Anna Kowalski told reporters in Zenda, citing inflation of 4.2 pct in March.")
    idx = StoryIndex()
    near, _far, undated = (idx.add("a", text, "R", "1987-03-02"), idx.add("b", text, "R", "1987-04-20"),
                           idx.add("c", text, "R", None))
    idx.write()
    keys = idx.keys(sketch(text, "R"))
    reads = []
    idx.conn.set_trace_callback(reads.append)
    got = idx.buckets.lookup(keys, _day_number("1987-03-03"), idx.window)[0]
    idx.conn.set_trace_callback(None)
    assert sorted(got.tolist()) == [near, undated]
    assert reads and all("story_members" not in q for q in reads)  # the buckets alone were read
    assert sorted(idx.buckets.lookup(keys)[0].tolist()) == [0, 1, 2]  # no day: all of them


def test_buckets_of_sessions_6_to_8_are_rebuilt_on_load(shared: Path, tmp_path: Path) -> None:
    """A state whose buckets hold seqs alone (sessions 6-8) gets its buckets made again, once, when loaded: the
    same stories as a state of this format."""
    import numpy as np

    docs = _docs(shared, 600)
    whole = _group(docs, StoryIndex())
    conn = sqlite3.connect(tmp_path / "state.sqlite")
    first = StoryIndex.load(conn)
    _group(docs[:400], first)
    first.save()
    old = [(k, np.frombuffer(v, dtype="<i4")[0::2].tobytes())
           for k, v in conn.execute("SELECT key, seqs FROM story_buckets").fetchall()]
    conn.executemany("UPDATE story_buckets SET seqs=? WHERE key=?", [(v, k) for k, v in old])
    conn.execute("DELETE FROM story_state WHERE kind='format'")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(tmp_path / "state.sqlite")
    again = StoryIndex.load(conn)
    assert conn.execute("SELECT value FROM story_state WHERE kind='format' AND key='buckets'").fetchone() == (
        BUCKET_FORMAT,)
    assert _group(docs, again) == whole


def test_buckets_of_session_9_are_made_again_on_load(shared: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Session 10: with ``Buckets.KEEP_NEWEST``, a state of format 2 (session 9: full buckets keep their first
    members) gets its buckets made again under that rule when loaded, so it goes on as a state grouped in one run
    would."""
    from moralewatch.corpus.index import NEWEST_FORMAT

    monkeypatch.setattr(Buckets, "KEEP_NEWEST", True)
    docs = _docs(shared, 600)
    whole = _group(docs, StoryIndex())
    conn = sqlite3.connect(tmp_path / "state.sqlite")
    first = StoryIndex.load(conn)
    _group(docs[:400], first)
    first.save()
    conn.execute("UPDATE story_buckets SET seqs = substr(seqs, 1, 8)")  # not what this format holds
    conn.execute("UPDATE story_state SET value='2' WHERE kind='format' AND key='buckets'")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(tmp_path / "state.sqlite")
    again = StoryIndex.load(conn)
    assert conn.execute("SELECT value FROM story_state WHERE kind='format' AND key='buckets'").fetchone() == (
        NEWEST_FORMAT,)
    assert _group(docs, again) == whole


def test_distinct_is_numpy_unique() -> None:
    """features.distinct (session 8) replaces np.unique for the short arrays of one document: the same values."""
    import numpy as np

    from moralewatch.corpus.features import distinct

    rng = np.random.default_rng(8)
    for n in (0, 1, 2, 3, 50, 400):
        for dtype in (np.uint64, np.uint32, np.int64):
            a = rng.integers(0, 40 if n > 3 else 3, size=n).astype(dtype)
            got = distinct(a.copy())
            assert got.dtype == a.dtype and got.tolist() == np.unique(a).tolist()


def test_long_dated_texts_get_day_keys_and_two_sources_pass_the_filter_lower() -> None:
    """Session 9: a dated text of at least DAY_KEYS_MIN names gets a key per salient-signature value and day (none
    undated or short; another day, other keys); the filter lets a long-text pair of two sources through at fewer
    agreeing salient words than a pair of one source (the event rule of two long texts asks a lower Jaccard)."""
    import numpy as np

    from moralewatch.corpus.features import NUM_SALIENT_PERM, sketch
    from moralewatch.corpus.index import DAY_KEYS_MIN, could_relate

    names = " ".join(f"Minister{i} Petrenko{i} visited Town{i} with {i + 10} officials." for i in range(12))
    sk = sketch(names, "Visits")
    assert sk.n_salient >= DAY_KEYS_MIN
    plain, dated = StoryIndex.keys(sk), StoryIndex.keys(sk, "2022-03-02")
    assert dated[:len(plain)] == plain and len(dated) == len(plain) + NUM_SALIENT_PERM
    assert set(StoryIndex.keys(sk, "2022-03-03")) - set(plain) != set(dated) - set(plain)
    short = sketch("Petrenko visited Kyiv.", "Visit")
    assert short.n_salient < DAY_KEYS_MIN and StoryIndex.keys(short, "2022-03-02") == StoryIndex.keys(short)
    t = StoryIndex().t
    js = np.array([2, 2, 2])  # session 12: at 3 agreeing words a short pair of two sources passes too (event_other)
    got = could_relate(np.zeros(3), js, np.zeros(3, dtype=bool), t, np.array([True, False, True]),
                       np.array([20, 20, 5]))
    assert got.tolist() == [True, False, False]
    got = could_relate(np.zeros(3), js + 1, np.zeros(3, dtype=bool), t, np.array([True, False, True]),
                       np.array([20, 20, 5]))
    assert got.tolist() == [True, False, True]
