"""The story index (issue 16): documents join stories and events one at a time, never reclustering.

Each document is sketched once (:func:`moralewatch.corpus.features.sketch`); its signatures are cut into LSH bands
and every band value is a bucket key. A new document's candidates are the earlier documents sharing a bucket
(each bucket keeps at most ``BUCKET_CAP`` members, the earliest: template texts cannot make the work quadratic;
``Buckets.KEEP_NEWEST``, session 10, off: its first and its newest);
each candidate's relation is decided by :func:`moralewatch.corpus.relate.relation`. The document joins the story
of its best same-story candidate (or founds one) and links its story's event to the events of its ``same_event``
candidates (union-find; the older event's id wins). Ids are stable strings derived from the founding document's
id, so the same documents in the same order give the same grouping in one run or in many (the state is saved and
loaded, :meth:`StoryIndex.save` / :meth:`StoryIndex.load`).

The index lives on disk (session 6), in the SQLite database it was loaded from (a ``--state`` file, the store) or
in a private temporary file: ``story_members`` (a row per document: its sketch, story, relation, flags; read by
id and by seq), ``story_buckets`` (a row per bucket key: its members' seqs and days) and ``story_state`` (by kind and key:
a story's first source, event, root event and size; an event's founder and merges). A document reads what it
needs: one query for its buckets, the signatures of the candidates not cached, the whole rows of the plausible
ones. Memory is bounded by the caches (``CACHE`` whole rows, ``SIG_CACHE`` signatures, ``STATE_CACHE`` state
entries, ``Buckets.RECENT`` bucket entries, ``PENDING`` rows not yet written), whatever the number of documents,
and by the filter of the bucket keys (:class:`KeyFilter`: 1 MB to start with, a byte a key as the keys grow, at
most ``Buckets.FILTER_MAX_BYTES``): about 12 MB for the caches over Reuters-21578 (:meth:`StoryIndex.nbytes`,
bench/stories.py), 1 MB of filter and SQLite's page cache (``CACHE_PAGES_KB``), 2.5 kB a document on disk. A bucket entry holds its member's day (session 9), so the members published too far apart for
any relation are dropped at the look-up without a row read: the look-ups no longer slow down as old members fill
the buckets. :meth:`StoryIndex.add_many` (session 11) groups a batch of documents as many :meth:`StoryIndex.add`
calls would, with one query for the batch's known ids and one for its buckets, and writes most bucket entries in one
statement a flush. The texts are never kept. One index writes its database at a time (its caches and filter assume no other writer meanwhile).
"""

from __future__ import annotations

import collections
import functools
import gc
import hashlib
import itertools
import json
import operator
import os
import sqlite3
import struct
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import numpy as np

from .features import NUM_PERM, NUM_SALIENT_PERM, Sketch, distinct, sketch
from .flags import byline, flags_with_byline, names_disagree
from .relate import DEFAULT, SAME_STORY, Meta, Thresholds, _day, relation, script_of

SIG_ROWS = 4        # rows per band of the 3-shingle signature: 16 bands (copies; rewrites also via the names)
SSIG_ROWS = 2       # rows per band of the salient signature: 16 bands
BUCKET_CAP = 32
DAY_KEYS_MIN = 12  # a text with at least this many names and numbers gets day keys (StoryIndex.keys)
LOW_SALIENT = 0.5  # could_relate: a translation or a long-text event at this share of its salient Jaccard
BUCKET_FORMAT = "2"  # session 9: a bucket entry is a seq and its day number (sessions 6-8: the seq alone)
NEWEST_FORMAT = "3"  # session 10, with Buckets.KEEP_NEWEST: full buckets keep their first and newest entries
BATCH = 256         # documents prepared at once by StoryIndex.add_many (session 11)
RELATION_ORDER = ("copy", "update", "abridged", "translation", "rewrite")
_INVERSE = {"update": "abridged", "abridged": "update", "copy": "copy", "rewrite": "rewrite", "translation": "translation"}


_BAND_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 1], dtype=np.uint64)
_LOW56 = np.uint64(0xFFFFFFFFFFFFFF)
_BAND_TOP = np.arange(NUM_PERM // SIG_ROWS, dtype=np.uint64) << np.uint64(56)
_SBAND_TOP = (64 + np.arange(NUM_SALIENT_PERM // SSIG_ROWS, dtype=np.int64)) << 56
_DAY_TOP = 96 << 56  # the top byte of a key of a salient value and a day


def story_key(prefix: str, doc_id: str) -> str:
    """The stable id of the story (``s-``) or event (``e-``) a document founds: a hash of its id, the same in the
    local index and in the Spark grouping."""
    return prefix + hashlib.blake2b(doc_id.encode("utf-8"), digest_size=6).hexdigest()


@dataclass
class Member:
    id: str
    seq: int
    sketch: Sketch
    meta: Meta
    story: str
    relation: str            # to ``matched``: original (founder), copy, update, abridged, rewrite, translation
    matched: str | None
    flags: list[str] = field(default_factory=list)
    byline: str | None = None  # who the text says wrote it, else the metadata author (None: unknown)


@dataclass
class Assignment:
    id: str
    story: str
    event: str
    relation: str
    first_source: str
    flags: list[str]

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "story": self.story, "event": self.event, "relation": self.relation,
                "first_source": self.first_source, "flags": self.flags}


class KeyFilter:
    """A Bloom filter of the bucket keys the table holds (session 10): two probes a key into a bit array sized to
    ``BITS_PER_KEY`` bits a key (about 5% of the keys it was never given answer "maybe" when it is full). When
    more keys than that are in it, :class:`Buckets` makes it twice as large and marks the table's keys again (one
    scan of the key column; log2 of the growth times in all), up to ``Buckets.FILTER_MAX_BYTES``; past that size it
    only fills up, answering "maybe" more often (5 bits a key: ~10%; 2 bits: ~40%), never "no" for a key it was
    given.
    Sessions 7-9 had one filter of 8 MB switched off for good past 4M keys (~70,000 documents)."""

    BITS_PER_KEY = 8

    def __init__(self, nbytes: int) -> None:
        nbytes = max(8, 1 << (max(1, nbytes) - 1).bit_length())  # a power of two: positions are top bits
        self.bits = np.zeros(nbytes, dtype=np.uint8)
        self.shift = np.uint64(64 - (nbytes * 8).bit_length() + 1)
        self.n_keys = 0  # keys marked (a key that already answered "maybe" is not counted again)

    @property
    def capacity(self) -> int:
        return len(self.bits) * 8 // self.BITS_PER_KEY

    def _positions(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        k = keys.astype(np.uint64)
        return (k * _FILTER_MIX) >> self.shift, (k * _FILTER_MIX2) >> self.shift

    def test(self, keys: np.ndarray) -> np.ndarray:
        """Which of ``keys`` (int64) may have been given: a boolean array."""
        p1, p2 = self._positions(keys)
        f = self.bits
        out: np.ndarray = ((f[p1 >> _THREE] >> (p1 & _SEVEN).astype(np.uint8))
                           & (f[p2 >> _THREE] >> (p2 & _SEVEN).astype(np.uint8)) & 1).astype(bool)
        return out

    def mark(self, keys: np.ndarray) -> None:
        """Give ``keys`` (int64, distinct) to the filter, counting those it had not been given."""
        if not len(keys):
            return
        self.n_keys += int(len(keys) - np.count_nonzero(self.test(keys)))
        for p in self._positions(keys):
            np.bitwise_or.at(self.bits, p >> _THREE, np.left_shift(1, (p & _SEVEN)).astype(np.uint8))


class Buckets:
    """The LSH buckets: key -> the seqs of at most ``BUCKET_CAP`` members (its first ones; ``KEEP_NEWEST``: its
    first and its newest), on disk.

    New entries go to a small dict (at most ``RECENT`` entries); a full dict is written, sorted by key, to the table
    ``story_buckets`` (``key`` -> ``seqs``, the bucket's entries as little-endian int32 pairs, seq and day number,
    in ascending order of seq; a bucket's new entries are appended to its blob) of the index's database in one
    statement. A lookup reads the dict and the table (one query for all the keys of a document), so memory does not
    grow with the documents; the candidates are the same as with the buckets in memory. A :class:`KeyFilter` of the
    keys written to the table (``FILTER_BYTES`` to start with, grown with the table up to ``FILTER_MAX_BYTES``;
    made from the table when an index is loaded) keeps from the query the keys it does not hold: those of no bucket
    and, session 10, those whose bucket is still only in the dict (over Reuters-21578, 128,129 of 1,139,072 keys
    are asked of the table). It never leaves out a key the table holds. ``FILTER_BYTES = 0``: no filter."""

    RECENT = 1 << 17
    #: session 10: a full bucket keeps its first and its newest entries, not its first ones for ever. Off: it
    #: moves held-out b's same_event F1 via the index from 0.544 to 0.527 (floor 0.54, measured by make test, not
    #: analysed); the lead decides. On, the Spark grouping must follow (commit 5419cc1's spark/stories.py)
    KEEP_NEWEST = False

    FILTER_BYTES = 1 << 20       # 1 MB to start with: 1M keys at 8 bits a key (Reuters-21578 writes 756,123)
    FILTER_MAX_BYTES = 1 << 28   # 256 MB at most: 268M keys at 8 bits a key (~4.5M documents), then it fills up
    APPEND_CHUNK = 1 << 14       # buckets of one new entry written a statement (:meth:`_append_rows`)

    def __init__(self, conn: sqlite3.Connection, n_docs: int = 0) -> None:
        self.conn = conn
        self.filter: KeyFilter | None = KeyFilter(self.FILTER_BYTES) if self.FILTER_BYTES else None
        if n_docs and self.filter is not None:
            n_keys = int(conn.execute("SELECT count(*) FROM story_buckets").fetchone()[0])
            self._refill(n_keys)
        self.recent: dict[int, bytes] = {}     # key -> its new seqs, packed as in the table
        self.replaced: set[int] = set()        # keys of ``recent`` whose entries replace the table's (full buckets)
        self.n_recent = 0
        self._sql: dict[int, str] = {}
        self.prefetched: dict[int, bytes] | None = None  # a batch's table rows (:meth:`prefetch`), else None
        self.json = _has_json(conn)  # SQLite's json_each (built in since 3.38): batched reads and writes

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM story_buckets").fetchone()[0]) + self.n_recent

    def _refill(self, n_keys: int) -> None:
        """A filter of room for ``n_keys`` keys or more (the next power of two of bytes: 1-2 bytes a key; within
        ``FILTER_MAX_BYTES``), marked with the table's keys."""
        want = max(self.FILTER_BYTES, n_keys * KeyFilter.BITS_PER_KEY // 8 + 1)
        self.filter = KeyFilter(min(want, self.FILTER_MAX_BYTES))
        cur = self.conn.execute("SELECT key FROM story_buckets")
        while rows := cur.fetchmany(1 << 16):
            self.filter.mark(np.array(rows, dtype=np.int64).ravel())

    def _maybe(self, keys: list[int]) -> list[int]:
        """The keys the table may hold (all of them without a filter; a key it holds is never left out)."""
        if self.filter is None:
            return keys
        arr = np.array(keys, dtype=np.int64)
        out: list[int] = arr[self.filter.test(arr)].tolist()
        return out

    def lookup(self, keys: list[int], day: int | None = None, window: int = 0
               ) -> tuple[np.ndarray, dict[int, bytes]]:
        """The seqs in the buckets of ``keys`` (distinct, ascending), and the entries of each bucket that holds any
        (for :meth:`add`). ``day`` (a day number, :func:`_day_number`): only the members published within ``window``
        days of it, or undated, are returned (their day is in the bucket: no member row is read to leave one out)."""
        held: dict[int, bytes] = {}
        pre = self.prefetched
        if pre is not None:  # a batch's table rows, asked at once (:meth:`prefetch`): the table has not changed since
            held = {key: pre[key] for key in pre.keys() & keys}
        elif asked := self._maybe(keys):
            sql = self._sql.get(len(asked))
            if sql is None:
                marks = ",".join("?" * len(asked))
                sql = self._sql[len(asked)] = f"SELECT key, seqs FROM story_buckets WHERE key IN ({marks})"
            held = dict(self.conn.execute(sql, asked).fetchall())
        rec, replaced = self.recent, self.replaced
        for key in rec.keys() & keys:
            held[key] = rec[key] if key in replaced else held.get(key, b"") + rec[key]
        if not held:
            return _NO_SEQS, held
        entries = np.frombuffer(b"".join(held.values()), dtype="<i4").reshape(-1, 2)
        seqs = entries[:, 0]
        if day is not None and day != _NO_DAY:
            days = entries[:, 1]
            seqs = seqs[(days == _NO_DAY32) | (np.abs(days.astype(np.int64) - day) <= window)]
        return distinct(seqs.astype(np.int64)), held

    def add(self, keys: list[int], seq: int, held: dict[int, bytes] | None = None, day: int = -1 << 40) -> None:
        """Add ``seq`` (published on ``day``, a day number) to the buckets of ``keys`` (``held``: their entries, from
        :meth:`lookup` of the same keys when it was just called). A bucket holds at most ``BUCKET_CAP`` entries: its
        first ones (sessions 5-9, the default), or with ``KEEP_NEWEST`` its first and its ``BUCKET_CAP - 1`` newest
        (session 10, not on by default: see ``KEEP_NEWEST``)."""
        if held is None:
            held = self.lookup(keys)[1]
        rec = self.recent
        # a bucket's new entries, as they will be written: seq and day as little-endian int32
        packed = _ENTRY.pack(seq, _NO_DAY32 if day == _NO_DAY else day)
        full = _ENTRY.size * BUCKET_CAP
        if not self.KEEP_NEWEST and held and max(map(len, held.values())) >= full:
            keys = [k for k in keys if len(held.get(k, b"")) < full]  # full buckets take no more
        get = rec.get
        for key in keys:
            r = get(key)
            rec[key] = packed if r is None else r + packed
        self.n_recent += len(keys)
        if self.KEEP_NEWEST:
            self._keep_newest(keys, held, packed)
        if self.n_recent >= self.RECENT and self.prefetched is None:  # a batch flushes at its end (:meth:`done`)
            self.flush()

    def prefetch(self, keys: Iterable[int]) -> None:
        """Ask the table at once for the buckets of a batch of documents' ``keys`` (session 11, :meth:`StoryIndex.
        add_many`): one query of all the keys the filter lets through (a JSON array read by ``json_each``: one
        statement whatever their number), not one a document. Until
        :meth:`done` the look-ups read these rows and the recent dict, and nothing is flushed, so the table stays as
        the rows were read and the documents of the batch see each other's entries in the dict, in order: the same
        candidates as one document at a time."""
        arr = np.fromiter(keys, dtype=np.int64)
        if self.filter is not None and len(arr):
            arr = arr[self.filter.test(arr)]
        asked = distinct(arr).tolist()
        if self.json:
            self.prefetched = dict(self.conn.execute(_PREFETCH, (json.dumps(asked),)).fetchall())
            return
        pre: dict[int, bytes] = {}  # an SQLite without JSON: statements of 500 keys (the last one padded)
        for i in range(0, len(asked), 500):
            part = asked[i:i + 500]
            part += part[-1:] * (500 - len(part))
            pre.update(self.conn.execute(_PREFETCH_500, part).fetchall())
        self.prefetched = pre

    def done(self) -> None:
        """The end of a batch (:meth:`prefetch`): look-ups ask the table again; the recent dict is flushed if full."""
        self.prefetched = None
        if self.n_recent >= self.RECENT:
            self.flush()

    def _keep_newest(self, keys: list[int], held: dict[int, bytes], packed: bytes) -> None:
        """The buckets of ``keys`` that :meth:`add` took past ``BUCKET_CAP`` entries keep their first and newest."""
        times = collections.Counter(keys) if len(set(keys)) < len(keys) else None  # a key given twice: two entries
        for key in (held.keys() | times.keys()) if times else held:
            n = times[key] if times else 1
            blob = held.get(key, b"")
            if len(blob) + _ENTRY.size * n > _ENTRY.size * BUCKET_CAP:  # full: its first and its newest
                blob += packed * n
                self.recent[key] = blob[:_ENTRY.size] + blob[-_ENTRY.size * (BUCKET_CAP - 1):]
                self.replaced.add(key)
                self.n_recent += BUCKET_CAP

    def _append_rows(self, keys: np.ndarray, values: list[bytes]) -> None:
        """Append the entries ``values`` to the buckets of ``keys`` (ascending), making the buckets not in the table.

        Session 11: a bucket given one entry since the last flush (nine in ten) goes in with one statement for all
        of them, its key read from a JSON array by SQLite's ``json_each`` and its entry cut from one blob, not a
        statement step a row from Python: a quarter less time a row (the b-tree's own cost stays)."""
        one = np.fromiter(map(len, values), dtype=np.int64, count=len(values)) == _ENTRY.size
        if not self.json:  # an SQLite without JSON: a statement step a row
            one[:] = False
        self.conn.executemany(_APPEND, zip(keys[~one].tolist(), itertools.compress(values, (~one).tolist())))
        ones = np.flatnonzero(one)
        for i in range(0, len(ones), self.APPEND_CHUNK):  # in parts: the JSON and its parse stay a few MB
            part = ones[i:i + self.APPEND_CHUNK]
            self.conn.execute(_APPEND_ONES, {"keys": json.dumps(keys[part].tolist()),
                                             "entries": b"".join(map(values.__getitem__, part.tolist()))})

    def flush(self) -> None:
        if not self.n_recent:
            return
        keys, values = _sorted_items(self.recent)
        if self.replaced:
            replaced = self.replaced
            mine = np.fromiter((k in replaced for k in keys.tolist()), dtype=bool, count=len(keys))
            self.conn.executemany("INSERT OR REPLACE INTO story_buckets VALUES (?, ?)",
                                  zip(keys[mine].tolist(), itertools.compress(values, mine.tolist())))
            keys, values = keys[~mine], list(itertools.compress(values, (~mine).tolist()))
        self._append_rows(keys, values)
        f = self.filter
        if f is not None:
            f.mark(np.fromiter(self.recent, dtype=np.int64, count=len(self.recent)))
            if f.n_keys > f.capacity and len(f.bits) < self.FILTER_MAX_BYTES:
                self._refill(f.n_keys)  # outgrown: twice as large, from the table
        self.recent, self.n_recent, self.replaced = {}, 0, set()


def _sorted_items(d: dict[int, bytes]) -> tuple[np.ndarray, list[bytes]]:
    """The keys of ``d`` (distinct int64) in ascending order and their values in that order: numpy's argsort of
    the keys, a third faster than ``sorted`` of the items by key (session 8), ~20 µs a document at the flushes."""
    keys = np.fromiter(d, dtype=np.int64, count=len(d))
    order = np.argsort(keys)
    values = list(d.values())
    return keys[order], list(map(values.__getitem__, order.tolist()))


def bucket_format() -> str:
    """The mark of the bucket rule in force (:data:`BUCKET_FORMAT`, or :data:`NEWEST_FORMAT` with
    ``Buckets.KEEP_NEWEST``): a state made under the other is given its buckets again on load."""
    return NEWEST_FORMAT if Buckets.KEEP_NEWEST else BUCKET_FORMAT


_APPEND = "INSERT INTO story_buckets VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET seqs = CAST(seqs || excluded.seqs AS BLOB)"
#: :data:`_APPEND` for buckets of one new entry each: ``:keys`` the keys (a JSON array), ``:entries`` their entries (8
#: bytes each; named parameters given as a dict: Python 3.12 warns of numbered ones given a tuple, 3.14 refuses them)
_APPEND_ONES = ("INSERT INTO story_buckets SELECT j.value, substr(:entries, j.key * 8 + 1, 8) FROM json_each(:keys) j WHERE 1 "
                "ON CONFLICT (key) DO UPDATE SET seqs = CAST(seqs || excluded.seqs AS BLOB)")
_PREFETCH = "SELECT key, seqs FROM story_buckets WHERE key IN (SELECT value FROM json_each(?))"
_PREFETCH_500 = f"SELECT key, seqs FROM story_buckets WHERE key IN ({','.join('?' * 500)})"


def _has_json(conn: sqlite3.Connection) -> bool:
    """Whether the SQLite under ``conn`` has ``json_each`` (an SQLite built without JSON: the row-by-row path)."""
    try:
        conn.execute("SELECT count(*) FROM json_each('[1]')").fetchone()
    except sqlite3.OperationalError:
        return False
    return True
_ENTRY = struct.Struct("<ii")  # a bucket entry: seq, day number (int32; _NO_DAY32 for none)
_NO_DAY32 = -(1 << 31)
_first_item = operator.itemgetter(0)
_NO_SEQS = np.zeros(0, dtype=np.int64)
_FILTER_MIX = np.uint64(0x9E3779B97F4A7C15)
_FILTER_MIX2 = np.uint64(0xC2B2AE3D27D4EB4F)
_THREE = np.uint64(3)
_SEVEN = np.uint64(7)


_SIG_WORDS = NUM_PERM + NUM_SALIENT_PERM   # the two signatures: the first words of a sketch's bytes
_NO_DAY = -1 << 40                           # the day number of an undated member


@functools.lru_cache(maxsize=1024)
def _source_hash(source: str) -> int:
    return (int.from_bytes(hashlib.blake2b(source.encode("utf-8"), digest_size=6).digest(), "little") >> 1) or 1


def _info(source: str | None, n_salient: int | None) -> int:
    """What the candidate filter asks of a member besides its signatures, in one int: a 47-bit hash of its source
    (0: none) above its number of names and numbers (at most 65,535)."""
    return ((_source_hash(source) if source is not None else 0) << 16) | min(int(n_salient or 0), 0xFFFF)


def _day_number(published: str | None) -> int:
    """The day number of a date as :func:`relation` reads it (its first ten characters), ``_NO_DAY`` for none."""
    n = _day(published[:10]) if published else None
    return _NO_DAY if n is None else n
_second = operator.itemgetter(1)
_RELATIONS = ("original", "copy", "update", "abridged", "rewrite", "translation")


@dataclass(slots=True)
class _Doc:
    """A document prepared for placing (:meth:`StoryIndex._prepare`): what no other document changes."""

    id: str
    text: str
    title: str | None
    author: str | None
    sketch: Sketch
    meta: Meta
    keys: list[int]
    day: int


def _fields(d: Sequence[str | None]) -> tuple[str, str | None, str | None, str | None, str | None]:
    """The text, title, published, source and author of an :meth:`StoryIndex.add_many` item (missing: None)."""
    text, title, published, source, author = (*d[1:6], None, None, None, None)[:5]
    return str(text or ""), title, published, source, author


@dataclass(slots=True)
class _Row:
    """A member as the index reads it back: its sketch and metadata, story, relation code, flags, match, byline."""

    id: str
    sketch: Sketch
    meta: Meta
    story: str
    rel: int
    flags: tuple[str, ...]
    matched: str | None
    byline: str | None


class _Members(Sequence[Member]):
    """The members as a read-only sequence of :class:`Member`, each made on access from the index's table."""

    def __init__(self, idx: StoryIndex) -> None:
        self.idx = idx

    def __len__(self) -> int:
        return self.idx.n

    @overload
    def __getitem__(self, i: int) -> Member: ...

    @overload
    def __getitem__(self, i: slice) -> list[Member]: ...

    def __getitem__(self, i: int | slice) -> Member | list[Member]:
        if isinstance(i, slice):
            return [self.idx.member(j) for j in range(*i.indices(len(self)))]
        return self.idx.member(i if i >= 0 else len(self) + i)


class _ById:
    """``doc_id in idx.by_id`` and ``idx.by_id[doc_id]`` (its seq), read from the index's table."""

    def __init__(self, idx: StoryIndex) -> None:
        self.idx = idx

    def get(self, doc_id: str) -> int | None:
        pending = self.idx._new_rows.get(doc_id)
        if pending is not None:
            return int(pending[1])
        row = self.idx.conn.execute("SELECT seq FROM story_members WHERE id=?", (doc_id,)).fetchone()
        return int(row[0]) if row else None

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self.get(doc_id) is not None

    def __getitem__(self, doc_id: str) -> int:
        seq = self.get(doc_id)
        if seq is None:
            raise KeyError(doc_id)
        return seq


def could_relate(j: Any, js: Any, cross: Any, t: Thresholds, other: Any = True, small: Any = 1 << 30) -> Any:
    """Whether a candidate's estimated similarities can reach a relation other than unrelated: ``j`` and ``js`` the
    agreeing words of the two signatures, ``cross`` whether the scripts differ, ``other`` whether the two sources
    are known and differ, ``small`` the fewer names and numbers of the two texts (numbers, or numpy arrays for many
    candidates at once; the local index and the Spark grouping both ask this).

    Session 9: a translation (salient Jaccard ``t.translation``) and an event of two long texts of two sources
    (``t.event_long_js``) are let through at half their Jaccard in agreeing words, not 0.8 of it: the signature's
    32 words estimate a Jaccard of 0.1 too roughly for 0.8 (four in ten such pairs were left out). Session 12: so is a
    pair of two sources at ``t.event_other`` (the same-day event rule of two sources, whatever their lengths)."""
    low = LOW_SALIENT * NUM_SALIENT_PERM
    return (j >= t.rewrite_low * NUM_PERM) | (js >= t.event * NUM_SALIENT_PERM * 0.8) | (
        cross & (js >= t.translation * low)) | (
        other & (((small >= t.event_long_min) & (js >= t.event_long_js * low))
                 | ((small >= t.event_other_min) & (js >= t.event_other * low))))


def copy_flags(flags: list[str], rel: str, other_source: bool, doc_byline: str | None,
               original_named: str | None) -> list[str]:
    """A copy's flags once its original is known: a machine-garbled rewrite from another source is ``spun_copy``;
    a spun copy, or a copy under another name than the original's, is ``byline_mismatch``."""
    if rel == "rewrite" and "machine_garbled" in flags and "spun_copy" not in flags and other_source:
        flags = sorted([*flags, "spun_copy"])
    if "byline_mismatch" not in flags and doc_byline and (
            "spun_copy" in flags or other_source and names_disagree(doc_byline, original_named)):
        flags = sorted([*flags, "byline_mismatch"])
    return flags


class StoryIndex:
    """The index lives in a SQLite database: the state file or store it was loaded from (:meth:`load`), else a
    temporary file. What it keeps in memory is bounded whatever the number of documents: the last ``CACHE`` member
    rows added or read, ``STATE_CACHE`` story and event entries, the recent bucket entries (:class:`Buckets`). Every
    change is written to the database as it is made, inside the caller's transaction (:meth:`save` commits)."""

    CACHE = 1 << 13
    SIG_CACHE = 1 << 14
    PENDING = 1 << 11
    STATE_CACHE = 1 << 14
    CACHE_PAGES_KB = 32768

    def __init__(self, thresholds: Thresholds = DEFAULT, conn: sqlite3.Connection | None = None) -> None:
        self.t = thresholds
        self.window = max(thresholds.story_days, thresholds.event_days + 1)  # the most days apart of a relation
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if conn is None:  # a private database, gone with the index
            self._tmp = tempfile.TemporaryDirectory(prefix="moralewatch-stories-")
            conn = sqlite3.connect(os.path.join(self._tmp.name, "index.sqlite"))  # one transaction, never committed
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
        ensure_tables(conn)
        # session 9: a page cache of CACHE_PAGES_KB (SQLite's default is 2 MB): the bucket table's pages that the
        # look-ups and the flushes of a day's documents touch stay in it as the index grows
        conn.execute(f"PRAGMA cache_size=-{self.CACHE_PAGES_KB}")
        self.conn = conn
        self.n = int(conn.execute("SELECT coalesce(max(seq) + 1, 0) FROM story_members").fetchone()[0])
        if not self.n:  # a new index: its buckets are of this format
            conn.execute("INSERT OR REPLACE INTO story_state VALUES ('format', 'buckets', ?)", (bucket_format(),))
        self.saved = self.n
        self.buckets = Buckets(conn, self.n)
        self.by_id = _ById(self)
        self.track_dirty = False                  # set by a caller that writes story rows (the store's corpus stage)
        self.dirty: set[str] = set()              # then: stories whose row (event, first source, size) changed
        self._rows: dict[int, _Row] = {}
        # the signatures and script of members added or read, a member in slot seq % SIG_CACHE (``_slot_seq``: whose
        # they are; a later member of the same slot takes it): looked up for many candidates at once, no dict
        self._mat = np.zeros((self.SIG_CACHE, _SIG_WORDS), dtype=np.uint32)
        self._cyr = np.zeros(self.SIG_CACHE, dtype=bool)
        self._info = np.zeros(self.SIG_CACHE, dtype=np.int64)  # _info(): its source's hash and its number of names
        self._days = np.full(self.SIG_CACHE, _NO_DAY, dtype=np.int64)  # the day number of publication (or _NO_DAY)
        self._slot_seq = np.full(self.SIG_CACHE, -1, dtype=np.int64)
        self._state: dict[tuple[str, str], str | None] = {}
        self._new_rows: dict[str, tuple[Any, ...]] = {}        # id -> member row not yet written (bounded)
        self._new_state: dict[tuple[str, str], str] = {}        # story_state changes not yet written
        self._new_roots: dict[str, list[str]] = {}              # root event -> stories given it since (pending)

    @property
    def members(self) -> _Members:
        return _Members(self)

    def nbytes(self) -> dict[str, int]:
        """What the index holds, in bytes: ``memory`` (the bounded caches, by ``sys.getsizeof`` and the arrays'
        sizes), ``disk`` (pages of its database; of a store, the whole store's), ``filter`` (the key filter's bytes,
        session 10) and ``documents``."""
        size = sys.getsizeof
        rows = size(self._rows) + sum(size(r) + size(r.id) + r.sketch.sig.nbytes + r.sketch.ssig.nbytes
                                      + r.sketch.title.nbytes + r.sketch.bottom.nbytes + 4 * 112
                                      for r in self._rows.values())
        state = size(self._state) + sum(size(k[1]) + size(v or "") + 56 for k, v in self._state.items())
        recent = size(self.buckets.recent) + sum(size(r) + 32 for r in self.buckets.recent.values())
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0] * self.conn.execute(
            "PRAGMA page_size").fetchone()[0]
        f = self.buckets.filter
        return {"documents": self.n, "memory": rows + state + recent, "disk": int(pages),
                "filter": 0 if f is None else int(f.bits.nbytes)}

    # -- keys -----------------------------------------------------------------------------------------------
    @staticmethod
    def keys(s: Sketch, published: str | None = None) -> list[int]:
        """The LSH bucket keys of a sketch: one int per band (band number in the top byte, the band's values below).

        Session 9: a dated text of at least ``DAY_KEYS_MIN`` names and numbers also gets a key per value of its
        salient signature and its day. Two such texts of one day sharing a tenth of their names (a translation, two
        long independent reports of one event: what :func:`relation` asks of them) then share a key nine times in
        ten, where the two-row bands found one in seven; the day keeps these buckets to what one day publishes.
        (Keys of the next day too would find translations published a day apart, at 32 more keys a text.)"""
        # all bands at once (uint64 arithmetic wraps, as the per-band scalar form did)
        band = (s.sig.astype(np.uint64).reshape(-1, SIG_ROWS) * _BAND_MIX).sum(axis=1) & _LOW56
        out: list[int] = (band | _BAND_TOP).tolist()
        if s.n_salient >= 3:
            values = s.ssig.astype(np.int64)
            pair = values.reshape(-1, SSIG_ROWS)
            out += (((pair[:, 0] << 24) ^ pair[:, 1]) | _SBAND_TOP).tolist()
            day = _day_number(published[:10]) if published and s.n_salient >= DAY_KEYS_MIN else _NO_DAY
            if day != _NO_DAY:
                out += (values | ((day & 0xFFFFFF) << 32) | _DAY_TOP).tolist()
        return out

    @staticmethod
    def keys_many(sketches: Sequence[Sketch], published: Sequence[str | None]) -> list[list[int]]:
        """:meth:`keys` of many sketches at once (the same lists, tested): the bands of all the signatures in a few
        numpy calls, not a dozen a document (session 11, :meth:`add_many`)."""
        if not sketches:
            return []
        sigs = np.stack([s.sig for s in sketches]).astype(np.uint64)
        bands = ((sigs.reshape(len(sketches), -1, SIG_ROWS) * _BAND_MIX).sum(axis=2) & _LOW56) | _BAND_TOP
        values = np.stack([s.ssig for s in sketches]).astype(np.int64)
        pair = values.reshape(len(sketches), -1, SSIG_ROWS)
        sbands = ((pair[:, :, 0] << 24) ^ pair[:, :, 1]) | _SBAND_TOP
        days = np.array([_day_number(p[:10]) if p and s.n_salient >= DAY_KEYS_MIN else _NO_DAY
                         for s, p in zip(sketches, published, strict=True)], dtype=np.int64)
        dated = days != _NO_DAY
        day_keys = (values | ((days[:, None] & 0xFFFFFF) << 32) | _DAY_TOP).tolist() if dated.any() else None
        out = []
        for s, b, sb, i in zip(sketches, bands.tolist(), sbands.tolist(), range(len(sketches))):
            if s.n_salient >= 3:
                b += sb
                if day_keys is not None and dated[i]:
                    b += day_keys[i]
            out.append(b)
        return out

    # -- story and event state (table story_state, cached) ----------------------------------------------------
    def _get(self, kind: str, key: str) -> str | None:
        k = (kind, key)
        try:
            return self._state[k]
        except KeyError:
            pass
        if k in self._new_state:
            return self._new_state[k]
        row = self.conn.execute("SELECT value FROM story_state WHERE kind=? AND key=?", k).fetchone()
        v = row[0] if row else None
        self._remember(k, v)
        return v

    def _set(self, kind: str, key: str, value: str) -> None:
        self._new_state[(kind, key)] = value
        self._remember((kind, key), value)
        if kind == "root":
            self._new_roots.setdefault(value, []).append(key)

    def _flush(self) -> None:
        """Write the pending member rows and state changes (one statement each)."""
        if self._new_rows:
            self.conn.executemany(f"INSERT OR REPLACE INTO story_members ({MEMBER_COLUMNS}) VALUES "
                                  "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", list(self._new_rows.values()))
            self._new_rows.clear()
        if self._new_state:
            self.conn.executemany("INSERT OR REPLACE INTO story_state VALUES (?, ?, ?)",
                                  [(k, key, v) for (k, key), v in self._new_state.items()])
            self._new_state.clear()
            self._new_roots.clear()

    def _remember(self, k: tuple[str, str], v: str | None) -> None:
        if len(self._state) >= self.STATE_CACHE:
            self._state.clear()
        self._state[k] = v

    def _first(self, story: str) -> int:
        return int(self._get("first", story) or 0)

    def event_of(self, story: str) -> str:
        return self._get("root", story) or ""

    def _union(self, ra: str, rb: str) -> None:
        """Merge two root events: the one founded earlier stays the root of every story of both."""
        if ra == rb:
            return
        old, new = sorted((ra, rb), key=lambda e: int(self._get("eseq", e) or 0))
        self._set("parent", new, old)
        pending = self._new_state
        moved = [k for (k,) in self.conn.execute("SELECT key FROM story_state WHERE kind='root' AND value=?", (new,))
                 if pending.get(("root", k), new) == new]  # a pending root is newer than the table's
        self.conn.execute("UPDATE story_state SET value=? WHERE kind='root' AND value=?", (old, new))
        for story in moved:
            self._remember(("root", story), old)
        for story in self._new_roots.pop(new, []):
            if pending.get(("root", story)) == new:
                self._set("root", story, old)
                moved.append(story)
        if self.track_dirty:
            self.dirty.update(moved)

    # -- members --------------------------------------------------------------------------------------------
    def _fetch(self, seqs: Iterable[int]) -> dict[int, _Row]:
        """The rows of ``seqs``: from the cache, the others read in one query (and cached)."""
        out: dict[int, _Row] = {}
        miss = []
        rows = self._rows
        for s in seqs:
            r = rows.pop(s, None)
            if r is None:
                miss.append(s)
            else:
                out[s] = rows[s] = r  # to the end: the most recently used
        for i in range(0, len(miss), 500):
            part = miss[i:i + 500]
            for row in self.conn.execute(f"SELECT {MEMBER_COLUMNS} FROM story_members WHERE seq IN "
                                         f"({','.join('?' * len(part))})", part):
                seq, r = _row(row)
                out[seq] = r
                self._cache(seq, r)
        return out

    def _row(self, seq: int) -> _Row:
        return self._fetch((seq,))[seq]

    def _cache(self, seq: int, r: _Row) -> None:
        rows = self._rows
        if len(rows) >= self.CACHE:  # the least recently used quarter goes (written first: a pending row may be in it)
            self._flush()
            for k in list(itertools.islice(rows, self.CACHE // 4)):
                del rows[k]
        rows[seq] = r

    def _cache_sigs(self, seqs: list[int], sigs: np.ndarray, cyr: np.ndarray, days: np.ndarray,
                    info: np.ndarray) -> None:
        """Put the signatures of ``seqs`` read from the table in their slots (rows of ``sigs``, scripts ``cyr``, days),
        where the slot holds no later member: a member added since (perhaps not written yet) keeps its slot."""
        seq = np.asarray(seqs, dtype=np.int64)
        slots = seq % self.SIG_CACHE
        # one seq a slot (the latest), and only over an earlier one
        order = np.lexsort((-seq, slots))
        first = np.ones(len(order), dtype=bool)
        first[1:] = slots[order][1:] != slots[order][:-1]
        pick = order[first]
        pick = pick[self._slot_seq[slots[pick]] < seq[pick]]
        self._slot_seq[slots[pick]] = seq[pick]
        self._mat[slots[pick]] = sigs[pick]
        self._cyr[slots[pick]] = cyr[pick]
        self._info[slots[pick]] = info[pick]
        self._days[slots[pick]] = days[pick]

    def sketch_of(self, seq: int) -> Sketch:
        return self._row(seq).sketch

    def meta_of(self, seq: int) -> Meta:
        return self._row(seq).meta

    def member(self, seq: int) -> Member:
        r = self._row(seq)
        return Member(r.id, seq, r.sketch, r.meta, r.story, _RELATIONS[r.rel], r.matched, list(r.flags), r.byline)

    def _append(self, r: _Row, day: int | None = None) -> int:
        seq = self.n
        sk, m = r.sketch, r.meta
        self._new_rows[r.id] = (r.id, seq, sk.to_bytes(), sk.n_shingles, sk.n_salient, sk.exact, sk.n_chars, m.date,
                                m.script, m.source, r.story, _RELATIONS[r.rel], r.matched, ",".join(r.flags),
                                r.byline)
        self._cache(seq, r)
        slot = seq % self.SIG_CACHE
        self._slot_seq[slot] = seq
        self._mat[slot, :NUM_PERM] = sk.sig
        self._mat[slot, NUM_PERM:] = sk.ssig
        self._cyr[slot] = m.script == "cyrillic"
        self._info[slot] = _info(m.source, sk.n_salient)
        self._days[slot] = _day_number(m.date) if day is None else day
        self.n += 1
        if len(self._new_rows) >= self.PENDING:
            self._flush()
        return seq

    # -- adding ---------------------------------------------------------------------------------------------
    def add(self, doc_id: str, text: str, title: str | None = None, published: str | None = None,
            source: str | None = None, author: str | None = None) -> int:
        """Group one document; returns its seq (``members[seq]`` is its :class:`Member`). A document already in
        the index is not added again."""
        known = self.by_id.get(doc_id)
        if known is not None:
            return known
        return self._place(self._prepare(doc_id, text, title, published, source, author))

    def add_many(self, docs: Iterable[Sequence[str | None]], batch: int = BATCH) -> list[int]:
        """Group documents in order, as many :meth:`add` calls would (the same seqs, stories, events, flags; tested):
        each a sequence ``(id, text[, title, published, source, author])``; returns their seqs.

        Session 11: the work that does not depend on the documents before is done for ``batch`` documents at once
        (which are already in the index: one query; their sketches and bucket keys; the table's rows of all their
        keys: one query, :meth:`Buckets.prefetch`), then they are placed one after the other, each
        seeing the ones before it (the recent bucket entries are not flushed inside a batch)."""
        out: list[int] = []
        it = iter(docs)
        while chunk := list(itertools.islice(it, batch)):
            out += self._add_batch(chunk)
        return out

    def _add_batch(self, chunk: list[Sequence[str | None]]) -> list[int]:
        collecting = gc.isenabled()
        gc.disable()  # a batch makes many small acyclic objects: the cyclic collector found nothing but cost ~4%
        try:
            return self._add_batch_now(chunk)
        finally:
            if collecting:
                gc.enable()

    def _add_batch_now(self, chunk: list[Sequence[str | None]]) -> list[int]:
        ids = [str(d[0]) for d in chunk]
        known = self._known(ids)
        todo: dict[str, _Doc] = {}
        for d in chunk:
            doc_id = str(d[0])
            if doc_id not in known and doc_id not in todo:  # a repeated id is added once, as add() does
                todo[doc_id] = self._prepare(doc_id, *_fields(d), keyed=False)
        for p, keys in zip(todo.values(), self.keys_many([p.sketch for p in todo.values()],
                                                         [p.meta.date for p in todo.values()]), strict=True):
            p.keys = keys
        self.buckets.prefetch(itertools.chain.from_iterable(p.keys for p in todo.values()))
        try:
            for doc_id, p in todo.items():
                known[doc_id] = self._place(p)
        finally:
            self.buckets.done()
        return [known[i] for i in ids]

    def _known(self, ids: list[str]) -> dict[str, int]:
        """The seqs of those of ``ids`` already in the index (pending or in the table), in one query a 500."""
        pending = self._new_rows
        out = {i: int(pending[i][1]) for i in ids if i in pending}
        rest = list(dict.fromkeys(i for i in ids if i not in out))
        for k in range(0, len(rest), 500):
            part = rest[k:k + 500]
            out.update((i, int(seq)) for i, seq in self.conn.execute(
                f"SELECT id, seq FROM story_members WHERE id IN ({','.join('?' * len(part))})", part))
        return out

    def _prepare(self, doc_id: str, text: str, title: str | None = None, published: str | None = None,
                 source: str | None = None, author: str | None = None, keyed: bool = True) -> _Doc:
        """What a document's placing needs that no other document changes: its sketch, metadata and bucket keys
        (``keyed=False``: no keys yet, :meth:`keys_many` gives those of a batch)."""
        sk = sketch(text, title)
        meta = Meta(date=published[:10] if published else None, script=script_of(text), source=source)
        return _Doc(doc_id, text, title, author, sk, meta, self.keys(sk, meta.date) if keyed else [],
                    _day_number(meta.date))

    def _place(self, p: _Doc) -> int:
        """Join a prepared document to the story of its best same-story candidate (or found one), link the events
        of its same_event candidates, and give it its bucket entries; returns its seq."""
        sk, meta, day = p.sketch, p.meta, p.day
        cands, held = self.buckets.lookup(p.keys, day, self.window)
        rows = self._fetch(self._plausible(sk, meta.script, cands, day, meta.source))  # whole rows: these
        best, events = self._decide(sk, meta, rows)
        in_text = byline(p.text)  # once: the flags, the member's byline and a copy's flags all ask it
        flags = flags_with_byline(p.text, p.title, p.author, in_text)
        named = in_text or p.author or None
        if best is not None:
            seq, story = self._join(p.id, sk, meta, rows[best[2]], RELATION_ORDER[best[0]], flags, named, in_text)
            self._set("n", story, str(int(self._get("n", story) or 0) + 1))
        else:
            story = story_key("s-", p.id)
            seq = self._append(_Row(p.id, sk, meta, story, 0, tuple(flags), None, named), day)
            event = story_key("e-", p.id)
            self._set("first", story, str(seq))
            self._set("event", story, event)
            self._set("eseq", event, str(seq))
            self._set("root", story, event)
            self._set("n", story, "1")
        if self.track_dirty:
            self.dirty.add(story)
        for c in events:
            other = rows[c].story
            if other != story:
                self._union(self.event_of(story), self.event_of(other))
        self.buckets.add(p.keys, seq, held, day)
        return seq

    def _decide(self, sk: Sketch, meta: Meta, rows: dict[int, _Row]
                ) -> tuple[tuple[int, float, int] | None, list[int]]:
        """The best same-story candidate of ``rows`` as (relation rank, -score, seq), the smallest winning (None:
        none), and the same_event candidates, in order of seq."""
        best: tuple[int, float, int] | None = None
        events: list[int] = []
        for c in sorted(rows):
            rel, score = relation(sk, meta, rows[c].sketch, rows[c].meta, self.t)
            if rel in SAME_STORY:
                rank = (RELATION_ORDER.index(rel), -score, c)
                if best is None or rank < best:
                    best = rank
            elif rel == "same_event":
                events.append(c)
        return best, events

    def _join(self, doc_id: str, sk: Sketch, meta: Meta, matched: _Row, rel: str, flags: list[str],
              named: str | None, in_text: str | None) -> tuple[int, str]:
        """Add a document to the story of ``matched``, its best same-story candidate; returns its seq and story
        (``in_text``: the byline the text names, ``named``: that or the metadata author)."""
        story = matched.story
        flags = copy_flags(flags, rel, matched.meta.source != meta.source, in_text, matched.byline)
        seq = self._append(_Row(doc_id, sk, meta, story, _RELATIONS.index(rel), tuple(flags), matched.id, named))
        first_date = self._row(self._first(story)).meta.date
        if meta.date and (first_date is None or meta.date < first_date):
            self._set("first", story, str(seq))
        return seq, story

    def _plausible(self, sk: Sketch, script: str, cands: np.ndarray, day: int = -1, source: str | None = None
                   ) -> list[int]:
        """The candidates whose dates and estimated similarities can reach a relation other than unrelated
        (vectorised; the signatures of candidates not in the cache are read alone, not their whole rows). ``day``:
        the document's day number (:func:`_day_number`); a candidate published further from it than a copy or an
        event can be is unrelated whatever its text (:func:`relation` says so too), so it is left out here."""
        if not len(cands):
            return []
        slots = cands % self.SIG_CACHE
        hit = self._slot_seq[slots] == cands
        if hit.all():  # all cached (most documents): the dates first, then the signatures of the near ones only
            near = self._near(self._days[slots], day)
            if near is not None:
                cands, slots = cands[near], slots[near]
            sigs, cyr, info = self._mat[slots], self._cyr[slots], self._info[slots]
        else:
            sigs, cyr, days, info = self._mat[slots], self._cyr[slots], self._days[slots], self._info[slots]
            miss = np.flatnonzero(~hit)
            self._read_sigs(dict(zip(cands[miss].tolist(), miss.tolist())), sigs, cyr, days, info)
            near = self._near(days, day)
            if near is not None:
                cands, sigs, cyr, info = cands[near], sigs[near], cyr[near], info[near]
        eq = sigs == np.concatenate((sk.sig, sk.ssig))
        j = eq[:, :NUM_PERM].sum(axis=1)  # counts of agreeing words (a sum of booleans: count_nonzero with an axis
        js = eq[:, NUM_PERM:].sum(axis=1)  # is that, through a slower Python wrapper)
        src = _info(source, 0) >> 16
        their = info >> 16
        other = (src != 0) & (their != 0) & (their != src)
        keep = could_relate(j, js, cyr != (script == "cyrillic"), self.t, other,
                            np.minimum(info & 0xFFFF, sk.n_salient))
        out: list[int] = cands[keep].tolist()
        return out

    def _near(self, days: np.ndarray, day: int) -> np.ndarray | None:
        """Which of the candidates published on ``days`` are near enough to ``day`` for a relation (undated ones
        are); None when all are (or the document is undated)."""
        if day == _NO_DAY:
            return None
        near = (days == _NO_DAY) | (np.abs(days - day) <= self.window)
        return None if near.all() else near

    def _read_sigs(self, where: dict[int, int], sigs: np.ndarray, cyr: np.ndarray, days: np.ndarray,
                   info: np.ndarray) -> None:
        """Fill ``sigs[where[seq]]`` (the two signatures), ``cyr`` and ``days`` of the members ``where`` from the
        table."""
        seqs = list(where)
        for i in range(0, len(seqs), 500):
            part = seqs[i:i + 500]
            got = self.conn.execute(f"SELECT seq, substr(sketch, 1, {_SIG_WORDS * 4}), script = 'cyrillic', "
                                    f"published, source, n_salient FROM story_members WHERE seq IN ({','.join('?' * len(part))})",
                                    part).fetchall()
            pos = [where[g[0]] for g in got]
            read = np.frombuffer(b"".join(g[1] for g in got), dtype="<u4").reshape(len(got), _SIG_WORDS)
            scripts = np.array([bool(g[2]) for g in got], dtype=bool)
            numbers = np.array([_day_number(g[3]) for g in got], dtype=np.int64)
            infos = np.array([_info(g[4], g[5]) for g in got], dtype=np.int64)
            sigs[pos] = read
            cyr[pos] = scripts
            days[pos] = numbers
            info[pos] = infos
            self._cache_sigs([g[0] for g in got], read, scripts, numbers, infos)

    def assignment(self, doc_id: str) -> Assignment:
        seq = self.by_id[doc_id]
        r = self._row(seq)
        first = self._first(r.story)
        rel = "original" if first == seq else _RELATIONS[r.rel]
        f = self._row(first)
        if rel == "original" and first != seq:  # the founder, when an earlier-published member joined later
            rel = _INVERSE.get(_RELATIONS[f.rel], "copy") if f.matched == doc_id else "copy"
        return Assignment(doc_id, r.story, self.event_of(r.story), rel, f.id, list(r.flags))

    def assignments(self) -> Iterable[Assignment]:
        self._flush()
        for (doc_id,) in self.conn.execute("SELECT id FROM story_members ORDER BY seq").fetchall():
            yield self.assignment(doc_id)

    # -- persistence ----------------------------------------------------------------------------------------
    def save(self, conn: sqlite3.Connection | None = None) -> None:
        """Write what is pending and commit (``conn``: the index's own connection, the default, or another
        database to copy the index to, see :meth:`write`)."""
        self.write(conn)
        self.conn.commit()
        if conn is not None and conn is not self.conn:
            conn.commit()

    def write(self, conn: sqlite3.Connection | None = None) -> None:
        """Write what is pending (member rows, state changes, recent bucket entries) inside the caller's
        transaction. ``conn`` another database than the index's (an index grouped in a temporary file, saved to
        a state file): the index's tables are copied there, replacing its story state, as :meth:`save` did
        before the index was on disk."""
        self._flush()
        self.buckets.flush()
        self.saved = self.n
        if conn is not None and conn is not self.conn:
            self._copy_to(conn)

    def _copy_to(self, conn: sqlite3.Connection) -> None:
        ensure_tables(conn)
        for table, cols, marks, replace in (
                ("story_members", MEMBER_COLUMNS, "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?", False),
                ("story_state", "kind, key, value", "?,?,?", True),
                ("story_buckets", "key, seqs", "?,?", True)):
            if replace:
                conn.execute(f"DELETE FROM {table}")
            cur = self.conn.execute(f"SELECT {cols} FROM {table}")
            while rows := cur.fetchmany(4096):
                conn.executemany(f"INSERT OR REPLACE INTO {table} ({cols}) VALUES ({marks})", rows)

    def story_rows(self, stories: Iterable[str]) -> list[tuple[str, str, str, str | None, int]]:
        """``(story, event, first_source, first_published, n_documents)`` of each story."""
        out = []
        for s in stories:
            f = self._row(self._first(s))
            out.append((s, self.event_of(s), f.id, f.meta.date, int(self._get("n", s) or 0)))
        return out

    @classmethod
    def load(cls, conn: sqlite3.Connection, thresholds: Thresholds = DEFAULT) -> StoryIndex:
        """The index kept in ``conn`` (a state file or a store), read as needed, never whole. A state of an
        earlier version (no buckets, roots or counts on disk) is completed once, here."""
        idx = cls(thresholds, conn)
        if idx.n and conn.execute("SELECT 1 FROM story_state WHERE kind='n' LIMIT 1").fetchone() is None:
            idx._upgrade(idx._upgrade_rows)
        elif idx.n and conn.execute("SELECT value FROM story_state WHERE kind='format' AND key='buckets'"
                                    ).fetchone() != (bucket_format(),):
            idx._upgrade(idx._rebuild_buckets)  # buckets of sessions 6-8 (no days), or of the other bucket rule
        return idx

    def _upgrade(self, how: Callable[[], None]) -> None:
        """Complete a state of an earlier session in one transaction (``how``: :meth:`_upgrade_rows` for one of
        session 5, :meth:`_rebuild_buckets` for one of sessions 6-8 or of the other bucket rule): what is written last marks it done, and an
        interrupted upgrade leaves nothing half-done."""
        conn = self.conn
        began = not conn.in_transaction
        if began:
            conn.execute("BEGIN IMMEDIATE")
        try:
            how()
            if began:
                conn.execute("COMMIT")
        except BaseException:
            if began and conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self._state.clear()

    def _rebuild_buckets(self) -> None:
        """The buckets made again from the members (in their order, as they were added), in this format; the
        format's mark written last."""
        conn = self.conn
        conn.execute("DELETE FROM story_buckets")
        self.buckets = Buckets(conn)
        cur = conn.execute("SELECT sketch, n_shingles, n_salient, exact, n_chars, seq, published FROM story_members "
                           "ORDER BY seq")
        while rows := cur.fetchmany(4096):
            for blob, n_sh, n_sal, exact, n_chars, seq, published in rows:
                self.buckets.add(self.keys(Sketch.from_bytes(blob, n_sh, n_sal, exact, n_chars), published), int(seq),
                                 day=_day_number(published))
        self.buckets.flush()
        conn.execute("INSERT OR REPLACE INTO story_state VALUES ('format', 'buckets', ?)", (bucket_format(),))

    def _upgrade_rows(self) -> None:
        conn = self.conn
        self._rebuild_buckets()
        parent = dict(conn.execute("SELECT key, value FROM story_state WHERE kind='parent'").fetchall())

        def root(e: str) -> str:
            while parent.get(e, e) != e:
                e = parent[e]
            return e

        conn.executemany("INSERT OR REPLACE INTO story_state VALUES ('root', ?, ?)",
                         [(s, root(e)) for s, e in conn.execute("SELECT key, value FROM story_state "
                                                                "WHERE kind='event'").fetchall()])
        conn.executemany("INSERT OR REPLACE INTO story_state VALUES ('n', ?, ?)",
                         [(s, str(n)) for s, n in conn.execute("SELECT story, count(*) FROM story_members "
                                                               "GROUP BY story").fetchall()])


def _row(row: tuple[Any, ...]) -> tuple[int, _Row]:
    (doc_id, seq, blob, n_sh, n_sal, exact, n_chars, day, script, source, story, rel, matched, flags, named) = row
    sk = Sketch.from_bytes(blob, n_sh, n_sal, exact, n_chars)
    return int(seq), _Row(doc_id, sk, Meta(day, script, source), story, _RELATIONS.index(rel),
                          tuple(f for f in (flags or "").split(",") if f), matched, named)


MEMBER_COLUMNS = ("id, seq, sketch, n_shingles, n_salient, exact, n_chars, published, script, source, story, "
                  "relation, matched, flags, byline")

#: the tables of the story state (a --state file of `moralewatch stories`; in a store, migration 8 makes them)
STATE_TABLES: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS story_members (\n"
    "  id TEXT PRIMARY KEY,\n  seq INTEGER NOT NULL,\n  sketch BLOB NOT NULL,\n  n_shingles INTEGER,\n"
    "  n_salient INTEGER,\n  exact INTEGER,\n  n_chars INTEGER,\n  published TEXT,\n  script TEXT,\n  source TEXT,\n"
    "  story TEXT,\n  relation TEXT,\n  matched TEXT,\n  flags TEXT,\n  byline TEXT\n)",
    "CREATE INDEX IF NOT EXISTS story_members_story ON story_members (story)",
    "CREATE TABLE IF NOT EXISTS story_state (kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT)",
    # session 6: the index read from disk as needed (buckets, member by seq, state by key and by root event)
    "CREATE TABLE IF NOT EXISTS story_buckets (key INTEGER PRIMARY KEY, seqs BLOB NOT NULL)",
    "CREATE UNIQUE INDEX IF NOT EXISTS story_members_seq ON story_members (seq)",
    "CREATE UNIQUE INDEX IF NOT EXISTS story_state_key ON story_state (kind, key)",
    "CREATE INDEX IF NOT EXISTS story_state_value ON story_state (kind, value)",
)


def ensure_tables(conn: sqlite3.Connection) -> None:
    for sql in STATE_TABLES:
        conn.execute(sql)
    if "byline" not in {r[1] for r in conn.execute("PRAGMA table_info(story_members)")}:
        conn.execute("ALTER TABLE story_members ADD COLUMN byline TEXT")  # a state file of session 4
