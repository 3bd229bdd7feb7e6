"""The dashboard's read model: ``evidence_facts`` as integer columns in memory (:class:`FactIndex`).

SQLite alone needs seconds for a GROUP BY with COUNT(DISTINCT) over a million rows, so the index loads the rows of
``evidence_facts`` (migration 2: one row per indicator with its document's published day and outlet and its quote's
speaker role, kept by triggers in the writer's transaction) once as integer columns (numpy) and follows the store
as it changes; filters become boolean masks and aggregates become bincounts (``views``).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import snapshot
from .filters import Filters, fts_query

# -- the in-memory index over evidence_facts -------------------------------------------------------------------------

EPOCH = date(1970, 1, 1).toordinal()
_CODED = ("outlet", "indicator", "subject_side", "claimant", "claimant_side", "channel", "speaker_role", "place")
_FACT_SQL = ("SELECT rowid, document_id, idx, day, outlet, indicator, subject_side, claimant, claimant_side, channel, "
             "speaker_role, place, hedged, negated FROM evidence_facts WHERE rowid > ? ORDER BY rowid")
_FTS_SQL = ("SELECT rowid, document_id, idx FROM evidence_fts WHERE kind = 'indicator' AND rowid > ? "
            "ORDER BY rowid")
_DOC_SQL = "SELECT rowid, date(published), outlet FROM documents WHERE rowid > ? ORDER BY rowid"
NO_DAY = -(2**30)
TAIL = 64  # rows compared with the store at each refresh (see FactIndex._follow)


def _encode(values: Sequence[str | None], voc: Vocab) -> np.ndarray:
    """A column of strings as the vocabulary's codes, in C speed: Arrow dictionary-encodes the column and only its
    distinct values go through Python."""
    arr = pa.array(values, pa.string()).dictionary_encode()
    remap = np.array([voc.code(v) for v in arr.dictionary.to_pylist()] + [0], np.int32)
    out: np.ndarray = remap[pc.fill_null(arr.indices, -1).to_numpy(zero_copy_only=False)]
    return out


def day_num(s: str | None, cache: dict[str | None, int]) -> int:
    v = cache.get(s)
    if v is None:
        try:
            v = date.fromisoformat(s).toordinal() - EPOCH if s else NO_DAY
        except ValueError:
            v = NO_DAY
        cache[s] = v
    return v


def iso_day(day: int) -> str:
    return date.fromordinal(int(day) + EPOCH).isoformat()


class Vocab:
    """String values of one column as small integer codes (code 0 is NULL)."""

    def __init__(self) -> None:
        self.values: list[str | None] = [None]
        self.codes: dict[str | None, int] = {None: 0}

    def code(self, v: str | None) -> int:
        c = self.codes.get(v)
        if c is None:
            c = self.codes[v] = len(self.values)
            self.values.append(v)
        return c

    def lookup(self, vals: Iterable[str]) -> list[int]:
        return [self.codes[v] for v in vals if v in self.codes]


class ReadWriteLock:
    """Many readers (the views) or one writer (a refresh, the full-text map): views run side by side, and a refresh
    waits for the running ones and holds new ones back until it is done. Reentrant for readers and for the writer;
    a waiting writer goes before new readers, except a thread that already reads (it would wait for itself)."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._writer: int | None = None
        self._writes = 0
        self._waiting = 0
        self._mine = threading.local()

    @contextlib.contextmanager
    def read(self) -> Iterator[None]:
        me = threading.get_ident()
        depth = getattr(self._mine, "reads", 0)
        with self._cond:
            while self._writer not in (None, me) or (self._waiting and not depth and self._writer != me):
                self._cond.wait()
            self._readers += 1
        self._mine.reads = depth + 1
        try:
            yield
        finally:
            self._mine.reads = depth
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._cond:
            if getattr(self._mine, "reads", 0) and self._writer != me:
                raise RuntimeError("a reader of the fact index cannot become its writer")
            self._waiting += 1
            while self._writer not in (None, me) or (self._readers and self._writer != me):
                self._cond.wait()
            self._waiting -= 1
            self._writer = me
            self._writes += 1
        try:
            yield
        finally:
            with self._cond:
                self._writes -= 1
                if not self._writes:
                    self._writer = None
                self._cond.notify_all()


class FactIndex:
    """``evidence_facts`` as integer columns in memory, so every aggregate over a million items is a few vector
    operations (bincount, unique) instead of a SQLite GROUP BY with COUNT(DISTINCT) (seconds at that size).

    It is loaded once through SQL and then follows the store: each call to :meth:`refresh` checks
    ``PRAGMA data_version`` (changed when another connection, an ingest, has committed), drops the rows the store
    deleted and appends the new ones (:meth:`_follow`). Rows of one document are contiguous (the writer inserts a
    document's indicators in one transaction), which the distinct-document counts rely on only for speed.

    The views read its arrays holding :attr:`lock` for reading, so a refresh (which holds it for writing) never
    changes them under a running aggregate.
    """

    leaf_rows = 512  # ranges this small are read whole when looking for deleted rows (:meth:`_alive`) ...
    max_ranges = 64  # ... and with more ranges than this to split, every rowid is read instead

    def __init__(self, conn: sqlite3.Connection, *, keep_copy: bool = True) -> None:
        self.conn = conn
        #: a saved copy of this index beside the store (:mod:`.snapshot`) is read at the first refresh and written
        #: after a refresh that had to read many rows
        self.keep_copy = keep_copy
        self.copy: str | None = None  # how the first refresh started: "loaded", "ignored" or None (no copy used)
        self.lock = ReadWriteLock()
        self._cache = threading.Lock()  # the search cache, shared by concurrent views
        # one statement at a time on ``conn``: views read it side by side (searches, confidences) and the refresh's
        # first check takes no other lock; Python 3.12's sqlite3 returns wrong results (a PRAGMA with no row) when
        # threads interleave statements on one connection
        self._sql = threading.RLock()
        self.version: int | None = None
        self._fts: dict[str, np.ndarray] = {}
        self.generation = 0
        self.deletions = 0  # refreshes that found rows deleted (tests and diagnostics)
        self._builder: threading.Thread | None = None
        self._reset()

    def _reset(self) -> None:
        self.vocab = {c: Vocab() for c in _CODED}
        self.docs = Vocab()
        self.n = 0
        self.max_rowid = 0
        self.rowid = np.zeros(0, np.int64)
        self.doc = np.zeros(0, np.int32)
        self.day = np.zeros(0, np.int32)
        self.hedged = np.zeros(0, bool)
        self.negated = np.zeros(0, bool)
        self.cols = {c: np.zeros(0, np.int32) for c in _CODED}
        self.doc_max_rowid = 0
        self.doc_day = np.zeros(0, np.int32)
        self.doc_outlet = np.zeros(0, np.int32)
        self._days: dict[str | None, int] = {}
        self.coords: dict[str, Any] = {}
        self.n_quotes = 0
        self.idx = np.zeros(0, np.int64)
        self.key = np.zeros(0, np.int64)
        self.key_sorted = True
        self.fts_rowid = np.zeros(0, np.int64)  # full-text rowids of indicator evidence, ascending ...
        self.fts_pos = np.zeros(0, np.int64)  # ... and the position of each one's row in this index
        self.fts_max = 0
        self.fts_ready = False
        self._conf_key: tuple[int, int, int] | None = None
        self._conf = np.zeros(0)
        self.generation += 1

    def refresh(self) -> FactIndex:
        """Bring the index up to date with the store (cheap when nothing changed).

        Everything is read in one read transaction, so the rows, the documents and the counts come from one
        snapshot of the store even while an ingest commits."""
        with self._sql:
            if self.conn.execute("PRAGMA data_version").fetchone()[0] == self.version:
                return self  # nothing committed since: running views go on
        with self.lock.write(), self._sql:
            v = self.conn.execute("PRAGMA data_version").fetchone()[0]
            if v == self.version:
                return self
            self.conn.execute("BEGIN")
            try:
                self.coords = {}
                self._fts = {}
                path = self._path() if self.keep_copy and self.version is None and self.n == 0 else None
                if path:
                    self.copy = snapshot.load(self, path)
                before, deletions = self.n, self.deletions
                self._follow()
                if path and (self.n - before >= max(snapshot.MIN_ROWS, self.n // 10) or self.deletions > deletions):
                    snapshot.save(self, path)
                self.n_quotes = self.conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
                if self.fts_ready:
                    cur = self.conn.cursor()
                    cur.row_factory = None
                    self._map_fts(cur.execute(_FTS_SQL, (self.fts_max,)).fetchall())
            finally:
                self.conn.execute("COMMIT")
            self.version = v
        return self

    @contextlib.contextmanager
    def sql(self) -> Iterator[sqlite3.Connection]:
        """The index's connection for a view's own statements, one thread at a time (see ``_sql``)."""
        with self._sql:
            yield self.conn

    def _path(self) -> str | None:
        """The store's file (None for a store in memory or a temporary one)."""
        with self._sql:
            row = self.conn.execute("PRAGMA database_list").fetchone()
        return str(row[2]) if row and row[2] else None

    def _follow(self) -> None:
        """Follow the store's changes since the last refresh: rows deleted (``analyze --reanalyze`` deletes a
        document's indicators and writes new ones in one transaction) leave the index, new rows join it.

        SQLite gives a new row the largest rowid + 1, so a deleted rowid comes back only when every row above it was
        deleted too: the last document's rows (at least ``TAIL`` rows) are compared with the store field by field,
        and on a mismatch they are read again. A row deleted below them shows in the count; only then are the
        deleted rows looked for (:meth:`_alive`)."""
        dropped = False
        p0 = self._tail_start()
        if p0 < self.n and not self._tail_matches(p0):
            self._drop(np.arange(self.n) < p0)
            dropped = True
        self._append()
        cur = self.conn.cursor()
        cur.row_factory = None
        stored = cur.execute("SELECT count(*) FROM evidence_facts").fetchone()[0]
        if stored != self.n:
            self._drop(self._alive(cur, stored))
            dropped = True
        self.deletions += dropped
        if cur.execute("SELECT count(*) FROM documents").fetchone()[0] != self.doc_day.size:
            self.doc_max_rowid = 0  # a document deleted: the denominator is read again (documents are few)
            self.doc_day = np.zeros(0, np.int32)
            self.doc_outlet = np.zeros(0, np.int32)
            self._append_documents(cur)

    def _alive(self, cur: sqlite3.Cursor, stored: int) -> np.ndarray:
        """Which rows of the index the store (holding ``stored`` rows) still has. Deleted rows are found by halving:
        no rowid below the tail is handed out again, so a range of rowids holds in the store its rows in the index
        minus the deleted ones; counting the store's rows in the left half of a range that lost rows tells how many
        each half lost. Only ranges that lost rows are split, down to a few hundred rows read whole; when deletions
        are spread over too many ranges, every rowid is read instead (one index scan)."""
        keep = np.ones(self.n, bool)
        ranges = [(0, self.n, self.n - stored)]  # (first position, end position, rows deleted among them)
        while ranges:
            if len(ranges) > self.max_ranges:
                alive = np.array([r[0] for r in cur.execute("SELECT rowid FROM evidence_facts")], np.int64)
                return np.isin(self.rowid, alive)
            split = []
            for i, j, lost in ranges:
                if j - i <= self.leaf_rows:
                    alive = np.array([r[0] for r in cur.execute(
                        "SELECT rowid FROM evidence_facts WHERE rowid BETWEEN ? AND ?",
                        (int(self.rowid[i]), int(self.rowid[j - 1])))], np.int64)
                    keep[i:j] = np.isin(self.rowid[i:j], alive)
                    continue
                mid = (i + j) // 2
                left = (mid - i) - cur.execute("SELECT count(*) FROM evidence_facts WHERE rowid BETWEEN ? AND ?",
                                               (int(self.rowid[i]), int(self.rowid[mid - 1]))).fetchone()[0]
                split += [r for r in ((i, mid, left), (mid, j, lost - left)) if r[2] > 0]
            ranges = split
        return keep

    def _tail_start(self) -> int:
        """The position of the first row the tail check compares: the last document's first row, or ``TAIL`` rows
        from the end if that is earlier."""
        if self.n == 0:
            return 0
        window = self.doc[-4096:]  # a document's rows are contiguous and few: no pass over the whole index
        other = np.flatnonzero(window != window[-1])
        first_of_last = self.n - window.size + (int(other[-1]) + 1 if other.size else 0)
        return max(0, min(first_of_last, self.n - TAIL))

    def _tail_matches(self, p0: int) -> bool:
        """True when the store's rows from the rowid at position ``p0`` to the last loaded one are the rows the
        index holds there (same rowids, same values)."""
        cur = self.conn.cursor()
        cur.row_factory = None
        rows = cur.execute(_FACT_SQL.replace("rowid > ?", "rowid >= ? AND rowid <= ?"),
                           (int(self.rowid[p0]), self.max_rowid)).fetchall()
        if len(rows) != self.n - p0:
            return False
        return all(self.row_at(p) == self.as_row(r) for p, r in zip(range(p0, self.n), rows))

    def row_at(self, p: int) -> tuple[Any, ...]:
        """The index's row at position ``p``, decoded as :meth:`as_row` gives a stored one."""
        return (int(self.rowid[p]), self.docs.values[self.doc[p]], int(self.idx[p]), int(self.day[p]),
                *(self.vocab[c].values[self.cols[c][p]] for c in _CODED), bool(self.hedged[p]), bool(self.negated[p]))

    def as_row(self, r: Sequence[Any]) -> tuple[Any, ...]:
        """A row of ``_FACT_SQL`` as the index holds it (the day as a day number, flags as booleans)."""
        return (r[0], r[1], r[2], day_num(r[3], self._days), *r[4:12], bool(r[12]), bool(r[13]))

    def _drop(self, keep: np.ndarray) -> None:
        """Remove the rows not in ``keep``; codes stay valid (vocabularies only grow) and the full-text map is
        dropped (its rowids may have been reused): it is rebuilt in the background, and a search joins in SQL
        meanwhile."""
        self.rowid, self.doc, self.idx, self.day = (a[keep] for a in (self.rowid, self.doc, self.idx, self.day))
        self.hedged, self.negated = self.hedged[keep], self.negated[keep]
        self.cols = {c: a[keep] for c, a in self.cols.items()}
        self.n = int(self.rowid.size)
        self.max_rowid = int(self.rowid[-1]) if self.n else 0
        self.key = (self.doc.astype(np.int64) << 20) | self.idx
        self.key_sorted = bool(np.all(self.key[1:] > self.key[:-1]))
        self.fts_rowid = np.zeros(0, np.int64)
        self.fts_pos = np.zeros(0, np.int64)
        self.fts_max = 0
        self.fts_ready = False
        self.generation += 1  # a full-text map being built for the old rows is discarded

    # -- full-text search -------------------------------------------------------------------------------------------
    def _map_fts(self, rows: list[tuple[int, str, int]]) -> None:
        """Add full-text rows (ascending rowid) to the rowid -> position map. Stops at the first row whose document
        the index has not loaded yet (an ingest ahead of the index): the next refresh continues from there."""
        if not rows:
            return
        ids, docs, idxs = zip(*rows)
        codes = np.array([self.docs.codes.get(d, -1) for d in docs], np.int64)
        unknown = np.flatnonzero(codes < 0)
        upto = int(unknown[0]) if unknown.size else len(rows)
        if upto == 0:
            return
        keys = (codes[:upto] << 20) | np.array(idxs[:upto], np.int64)
        pos = np.minimum(np.searchsorted(self.key, keys), max(self.n - 1, 0))
        found = (self.key[pos] == keys) if self.n else np.zeros(upto, bool)
        self.fts_rowid = np.concatenate([self.fts_rowid, np.array(ids[:upto], np.int64)[found]])
        self.fts_pos = np.concatenate([self.fts_pos, pos[found]])
        self.fts_max = int(ids[upto - 1])

    def build_fts(self, wait: bool = False) -> None:
        """Map every full-text row to its position, on a connection of its own and in the background (seconds at
        a million items); until then a search joins in SQL, which is slower but always right."""
        if self._builder is not None and self._builder.is_alive():
            if wait:
                self._builder.join()
            return
        generation = self.generation
        path = self._path() or ""  # "" for a store in memory, as PRAGMA database_list gives it

        def run() -> None:
            from ..store import connect

            conn = connect(path, readonly=True)
            try:
                cur = conn.cursor()
                cur.row_factory = None
                rows = cur.execute(_FTS_SQL, (0,)).fetchall()
            finally:
                conn.close()
            with self.lock.write():
                if generation == self.generation and not self.fts_ready and self.key_sorted:
                    self._map_fts(rows)
                    self.fts_ready = True

        self._builder = threading.Thread(target=run, name="moralewatch-fts-map", daemon=True)
        self._builder.start()
        if wait:
            self._builder.join()

    def _append(self) -> None:
        cur = self.conn.cursor()
        cur.row_factory = None  # plain tuples: sqlite3.Row objects cost seconds at a million rows
        rows = cur.execute(_FACT_SQL, (self.max_rowid,)).fetchall()
        if rows:
            cols = list(zip(*rows))
            del rows
            self.rowid = np.concatenate([self.rowid, np.array(cols[0], np.int64)])
            self.doc = np.concatenate([self.doc, _encode(cols[1], self.docs)])
            self.idx = np.concatenate([self.idx, np.array(cols[2], np.int64)])
            self.day = np.concatenate([self.day, self._day_codes(cols[3])])
            for j, name in enumerate(_CODED, start=4):
                self.cols[name] = np.concatenate([self.cols[name], _encode(cols[j], self.vocab[name])])
            self.hedged = np.concatenate([self.hedged, np.array(cols[12], np.int8).astype(bool)])
            self.negated = np.concatenate([self.negated, np.array(cols[13], np.int8).astype(bool)])
            self.n = int(self.rowid.size)
            self.max_rowid = int(self.rowid[-1])
            self.key = (self.doc.astype(np.int64) << 20) | self.idx
            self.key_sorted = bool(np.all(self.key[1:] > self.key[:-1]))
        self._append_documents(cur)

    def _append_documents(self, cur: sqlite3.Cursor) -> None:
        drows = cur.execute(_DOC_SQL, (self.doc_max_rowid,)).fetchall()
        if drows:
            dcols = list(zip(*drows))
            self.doc_day = np.concatenate([self.doc_day, self._day_codes(dcols[1])])
            self.doc_outlet = np.concatenate([self.doc_outlet, _encode(dcols[2], self.vocab["outlet"])])
            self.doc_max_rowid = int(dcols[0][-1])

    def _day_codes(self, values: Sequence[str | None]) -> np.ndarray:
        """ISO days as day numbers (``NO_DAY`` for none), parsing each distinct day once."""
        arr = pa.array(values, pa.string()).dictionary_encode()
        days = np.array([day_num(d, self._days) for d in arr.dictionary.to_pylist()] + [NO_DAY], np.int32)
        idx = pc.fill_null(arr.indices, -1).to_numpy(zero_copy_only=False)
        out: np.ndarray = days[idx]
        return out

    # -- selection --------------------------------------------------------------------------------------------------
    def mask(self, f: Filters) -> np.ndarray:
        """The rows that pass the filters."""
        m = np.ones(self.n, bool)
        for name in _CODED:
            vals = getattr(f, name)
            if vals:
                m &= np.isin(self.cols[name], self.vocab[name].lookup(vals))
        if f.since:  # (no cache: a request's dates must not grow the index)
            m &= self.day >= day_num(f.since, {})
        if f.until:
            m &= (self.day <= day_num(f.until, {})) & (self.day != NO_DAY)
        if f.hedged is not None:
            m &= self.hedged == f.hedged
        if f.negated is not None:
            m &= self.negated == f.negated
        if f.min_confidence is not None:
            m &= self.confidence() >= f.min_confidence  # NaN (no confidence stored) never passes
        match = fts_query(f.q)
        if match:
            m &= self._matching(match)
        return m

    def confidence(self) -> np.ndarray:
        """Each row's confidence (NaN when the store has none), read from ``indicators`` the first time the
        confidence filter is used and again only after the index changed: startup and requests without that
        filter pay nothing."""
        key = (self.generation, self.n, self.max_rowid)
        with self._cache:
            old_key, old = self._conf_key, self._conf
        if old_key == key:
            return old
        # rows only appended since (same generation: nothing dropped): read the new ones only
        start = old.size if old_key is not None and old_key[0] == self.generation and old.size <= self.n else 0
        after = int(self.rowid[start - 1]) if start else 0
        with self._sql:
            cur = self.conn.cursor()
            cur.row_factory = None
            rows = cur.execute("SELECT f.rowid, i.confidence FROM evidence_facts f JOIN indicators i ON "
                               "i.document_id = f.document_id AND i.idx = f.idx WHERE f.rowid > ? AND f.rowid <= ?",
                               (after, self.max_rowid)).fetchall()
        conf = np.full(self.n, np.nan)
        conf[:start] = old[:start]
        if rows and self.n:
            ids, vals = zip(*rows)
            ids_a = np.array(ids, np.int64)
            pos = np.minimum(np.searchsorted(self.rowid, ids_a), self.n - 1)
            ok = self.rowid[pos] == ids_a
            conf[pos[ok]] = np.array([np.nan if v is None else float(v) for v in vals], float)[ok]
        with self._cache:
            self._conf_key, self._conf = key, conf
        return conf

    def _ids(self, sql: str, match: str) -> np.ndarray:
        with self._sql:
            cur = self.conn.cursor()
            cur.row_factory = None
            return np.array([r[0] for r in cur.execute(sql, (match,))], np.int64)

    def _matching(self, match: str) -> np.ndarray:
        """Rows whose evidence text matches a full-text query; the last few queries are kept (a search is usually
        looked at in several views in a row)."""
        with self._cache:
            hit = self._fts.get(match)
        if hit is not None and hit.size == self.n:
            return hit
        if self.fts_ready and self.key_sorted:
            ids = self._ids("SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ?", match)
            j = np.minimum(np.searchsorted(self.fts_rowid, ids), max(self.fts_rowid.size - 1, 0))
            keep = (self.fts_rowid[j] == ids) if self.fts_rowid.size else np.zeros(ids.size, bool)
            hit = np.zeros(self.n, bool)
            hit[self.fts_pos[j[keep]]] = True
        else:
            if self.key_sorted:
                self.build_fts()
            ids = self._ids("SELECT f.rowid FROM evidence_fts JOIN evidence_facts f ON f.document_id = "
                            "evidence_fts.document_id AND f.idx = evidence_fts.idx WHERE evidence_fts MATCH ? AND "
                            "evidence_fts.kind = 'indicator'", match)
            hit = np.isin(self.rowid, ids)
        with self._cache:
            if len(self._fts) >= 16:
                self._fts.pop(next(iter(self._fts)))
            self._fts[match] = hit
        return hit

    def newest(self, m: np.ndarray, offset: int, limit: int, oldest: bool = False) -> list[int]:
        """Rowids of a page of matching rows ordered by day (newest first), then by rowid."""
        sel = np.flatnonzero(m)
        if sel.size == 0 or offset >= sel.size:
            return []
        day = self.day[sel].astype(np.int64)
        key = (day << 32) - self.rowid[sel] if not oldest else -(day << 32) - self.rowid[sel]
        k = min(offset + limit, sel.size)
        top = np.argpartition(-key, k - 1)[:k] if k < sel.size else np.arange(sel.size)
        top = top[np.argsort(-key[top], kind="stable")]
        return [int(x) for x in self.rowid[sel[top[offset:offset + limit]]]]


def group(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(unique keys, index of each key in them, counts)``: by bincount when the key space is small, else by
    sorting (numpy's hash-based ``unique`` is several times slower on a million keys)."""
    if keys.size == 0:
        return keys, keys, keys
    top = int(keys.max())
    if top < 1 << 22:
        counts = np.bincount(keys, minlength=top + 1)
        uniq = np.flatnonzero(counts)
        lookup = np.zeros(top + 1, np.int64)
        lookup[uniq] = np.arange(uniq.size)
        return uniq, lookup[keys], counts[uniq]
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    first = np.ones(sk.size, bool)
    first[1:] = sk[1:] != sk[:-1]
    uniq = sk[first]
    inv = np.empty(keys.size, np.int64)
    inv[order] = np.cumsum(first) - 1
    return uniq, inv, np.bincount(inv)


def distinct_docs(keys: np.ndarray, docs: np.ndarray, size: int) -> np.ndarray:
    """Distinct documents per key (keys in ``[0, size)``). A document's rows are contiguous (see
    :class:`FactIndex`), so a (key, document) pair repeats only within a short run of equal documents: rows whose
    key already occurred earlier in their run are dropped by comparing each row with the few before it."""
    if keys.size == 0:
        return np.zeros(size, np.int64)
    change = np.flatnonzero(docs[1:] != docs[:-1])
    runs = np.diff(np.concatenate(([-1], change, [docs.size - 1])))
    if int(runs.max()) <= 64 and np.all(docs[1:] >= docs[:-1]):
        seen = np.zeros(keys.size, bool)
        for k in range(1, int(runs.max())):
            seen[k:] |= (docs[k:] == docs[:-k]) & (keys[k:] == keys[:-k])
        return np.bincount(keys[~seen], minlength=size)
    pairs = np.sort(keys.astype(np.int64) * (int(docs.max()) + 1) + docs)
    first = np.ones(pairs.size, bool)
    first[1:] = pairs[1:] != pairs[:-1]
    return np.bincount(pairs[first] // (int(docs.max()) + 1), minlength=size)
