"""Every read the dashboard, the report and the JSON API make, over a read-only connection.

The views read ``evidence_facts`` (migration 2): one row per indicator with the published day of its document, the
outlet and the speaker role of its quote, kept by triggers in the writer's transaction. SQLite alone needs seconds
for a GROUP BY with COUNT(DISTINCT) over a million rows, so :class:`FactIndex` loads those rows once as integer
columns (numpy) and follows the store as it grows; filters become boolean masks and aggregates become bincounts.
Rows, articles, full-text matches (FTS5) and coordinates are read with parameterised SQL only: values never reach
SQL text. Hedged and negated items are counted apart everywhere (codebook rule 5), and every trend carries its
denominator: the documents analysed in the period.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import MoraleWatchError
from ..model import CHANNELS, INDICATORS, ROLES, SIDES, SUBJECT_SIDES

INTERVALS = ("auto", "day", "week", "month")
SPLITS = ("none", "subject_side", "claimant_side", "channel")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORD = re.compile(r"\w+\*?", re.UNICODE)
MAX_LIMIT = 500
_FREE_TEXT = ("place", "outlet", "claimant")


def _bad(field: str, value: object, allowed: Iterable[str] | str) -> MoraleWatchError:
    opts = allowed if isinstance(allowed, str) else ", ".join(allowed)
    return MoraleWatchError("E501", f"invalid {field}: {value!r}", f"use one of: {opts}")


@dataclass(frozen=True)
class Filters:
    """What every view can be narrowed by. Empty tuples and ``None`` mean "no filter"."""

    indicator: tuple[str, ...] = ()
    subject_side: tuple[str, ...] = ()
    claimant_side: tuple[str, ...] = ()
    channel: tuple[str, ...] = ()
    speaker_role: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    outlet: tuple[str, ...] = ()
    claimant: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    hedged: bool | None = None
    negated: bool | None = None
    q: str | None = None

    def __post_init__(self) -> None:
        for name, allowed in (("indicator", INDICATORS), ("subject_side", SUBJECT_SIDES),
                              ("claimant_side", SIDES), ("channel", CHANNELS), ("speaker_role", ROLES)):
            for v in getattr(self, name):
                if v not in allowed:
                    raise _bad(name, v, allowed)
        for name in ("since", "until"):
            v = getattr(self, name)
            if v is not None and not _valid_date(v):
                raise _bad(name, v, "a date as YYYY-MM-DD")
        if self.since and self.until and self.since > self.until:
            raise MoraleWatchError("E502", f"since {self.since} is after until {self.until}", "swap the two dates")

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Filters:
        """Filters from a request's or a command line's values (lists for the multi-valued ones)."""
        kw: dict[str, Any] = {}
        for f in fields(cls):
            v = data.get(f.name)
            if v in (None, "", [], ()):
                continue
            if f.name in ("hedged", "negated"):
                kw[f.name] = _as_bool(f.name, v)
            elif f.name in ("since", "until", "q"):
                kw[f.name] = str(v)
            else:
                vals = [v] if isinstance(v, str) else list(v)
                if f.name in _FREE_TEXT:  # names may hold commas
                    kw[f.name] = tuple(str(x) for x in vals if x)
                else:
                    kw[f.name] = tuple(x for s in vals for x in str(s).split(",") if x)
        return cls(**kw)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if v not in (None, ()):
                out[f.name] = list(v) if isinstance(v, tuple) else v
        return out


def _valid_date(v: str) -> bool:
    if not _DATE.match(v):
        return False
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _as_bool(name: str, v: Any) -> bool:
    if isinstance(v, bool):
        return v
    s = str(v).lower()
    if s in ("1", "true", "yes", "only"):
        return True
    if s in ("0", "false", "no", "exclude"):
        return False
    raise _bad(name, v, "true, false")


def fts_query(q: str | None) -> str | None:
    """User text as a safe FTS5 query: every word quoted (no operator or syntax error reaches FTS5), all
    required; a trailing ``*`` keeps prefix search."""
    if not q:
        return None
    terms = []
    for w in _WORD.findall(q):
        star = w.endswith("*")
        w = w.rstrip("*")
        if w:
            terms.append(f'"{w}"' + ("*" if star else ""))
    return " ".join(terms) or None


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql, params)]


def has_read_model(conn: sqlite3.Connection) -> bool:
    """True when the store has the dashboard's read model (migration 2)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'evidence_facts'").fetchone() is not None


# -- the in-memory index over evidence_facts -------------------------------------------------------------------------

_EPOCH = date(1970, 1, 1).toordinal()
_CODED = ("outlet", "indicator", "subject_side", "claimant", "claimant_side", "channel", "speaker_role", "place")
_FACT_SQL = ("SELECT rowid, document_id, idx, day, outlet, indicator, subject_side, claimant, claimant_side, channel, "
             "speaker_role, place, hedged, negated FROM evidence_facts WHERE rowid > ? ORDER BY rowid")
_FTS_SQL = ("SELECT rowid, document_id, idx FROM evidence_fts WHERE kind = 'indicator' AND rowid > ? "
            "ORDER BY rowid")
_DOC_SQL = "SELECT rowid, date(published), outlet FROM documents WHERE rowid > ? ORDER BY rowid"
NO_DAY = -(2**30)


def _encode(values: Sequence[str | None], voc: Vocab) -> np.ndarray:
    """A column of strings as the vocabulary's codes, in C speed: Arrow dictionary-encodes the column and only its
    distinct values go through Python."""
    arr = pa.array(values, pa.string()).dictionary_encode()
    remap = np.array([voc.code(v) for v in arr.dictionary.to_pylist()] + [0], np.int32)
    return remap[pc.fill_null(arr.indices, -1).to_numpy(zero_copy_only=False)]


def _day_num(s: str | None, cache: dict[str | None, int]) -> int:
    v = cache.get(s)
    if v is None:
        try:
            v = date.fromisoformat(s).toordinal() - _EPOCH if s else NO_DAY
        except ValueError:
            v = NO_DAY
        cache[s] = v
    return v


def _iso(day: int) -> str:
    return date.fromordinal(int(day) + _EPOCH).isoformat()


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


class FactIndex:
    """``evidence_facts`` as integer columns in memory, so every aggregate over a million items is a few vector
    operations (bincount, unique) instead of a SQLite GROUP BY with COUNT(DISTINCT) (seconds at that size).

    It is loaded once through SQL and then follows the store: each call to :meth:`refresh` checks
    ``PRAGMA data_version`` (changed when another connection, an ingest, has committed) and appends the new rows;
    if rows were replaced or removed, it reloads. Rows of one document are contiguous (the writer inserts a
    document's indicators in one transaction), which the distinct-document counts rely on only for speed.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.lock = threading.RLock()
        self.version: int | None = None
        self._fts: dict[str, np.ndarray] = {}
        self.generation = 0
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
        self.generation += 1

    def refresh(self) -> FactIndex:
        """Bring the index up to date with the store (cheap when nothing changed)."""
        with self.lock:
            v = self.conn.execute("PRAGMA data_version").fetchone()[0]
            if v == self.version:
                return self
            self.version = v
            self.coords = {}
            self._fts = {}
            self._append()
            self.n_quotes = self.conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
            count = self.conn.execute("SELECT count(*) FROM evidence_facts").fetchone()[0]
            if count != self.n:  # rows replaced or deleted: start again
                self._reset()
                self._append()
            if self.fts_ready:
                cur = self.conn.cursor()
                cur.row_factory = None
                self._map_fts(cur.execute(_FTS_SQL, (self.fts_max,)).fetchall())
        return self

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
        path = self.conn.execute("PRAGMA database_list").fetchone()[2]

        def run() -> None:
            from . import connect

            conn = connect(path, readonly=True)
            try:
                cur = conn.cursor()
                cur.row_factory = None
                rows = cur.execute(_FTS_SQL, (0,)).fetchall()
            finally:
                conn.close()
            with self.lock:
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
        drows = cur.execute(_DOC_SQL, (self.doc_max_rowid,)).fetchall()
        if drows:
            dcols = list(zip(*drows))
            self.doc_day = np.concatenate([self.doc_day, self._day_codes(dcols[1])])
            self.doc_outlet = np.concatenate([self.doc_outlet, _encode(dcols[2], self.vocab["outlet"])])
            self.doc_max_rowid = int(dcols[0][-1])

    def _day_codes(self, values: Sequence[str | None]) -> np.ndarray:
        """ISO days as day numbers (``NO_DAY`` for none), parsing each distinct day once."""
        arr = pa.array(values, pa.string()).dictionary_encode()
        days = np.array([_day_num(d, self._days) for d in arr.dictionary.to_pylist()] + [NO_DAY], np.int32)
        idx = pc.fill_null(arr.indices, -1).to_numpy(zero_copy_only=False)
        return days[idx]

    # -- selection --------------------------------------------------------------------------------------------------
    def mask(self, f: Filters) -> np.ndarray:
        """The rows that pass the filters."""
        m = np.ones(self.n, bool)
        for name in _CODED:
            vals = getattr(f, name)
            if vals:
                m &= np.isin(self.cols[name], self.vocab[name].lookup(vals))
        if f.since:
            m &= self.day >= _day_num(f.since, self._days)
        if f.until:
            m &= (self.day <= _day_num(f.until, self._days)) & (self.day != NO_DAY)
        if f.hedged is not None:
            m &= self.hedged == f.hedged
        if f.negated is not None:
            m &= self.negated == f.negated
        match = fts_query(f.q)
        if match:
            m &= self._matching(match)
        return m

    def _matching(self, match: str) -> np.ndarray:
        """Rows whose evidence text matches a full-text query; the last few queries are kept (a search is usually
        looked at in several views in a row)."""
        hit = self._fts.get(match)
        if hit is not None and hit.size == self.n:
            return hit
        cur = self.conn.cursor()
        cur.row_factory = None
        if self.fts_ready and self.key_sorted:
            ids = np.array([r[0] for r in cur.execute("SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ?",
                                                      (match,))], np.int64)
            j = np.minimum(np.searchsorted(self.fts_rowid, ids), max(self.fts_rowid.size - 1, 0))
            keep = (self.fts_rowid[j] == ids) if self.fts_rowid.size else np.zeros(ids.size, bool)
            hit = np.zeros(self.n, bool)
            hit[self.fts_pos[j[keep]]] = True
        else:
            if self.key_sorted:
                self.build_fts()
            ids = np.array([r[0] for r in cur.execute(
                "SELECT f.rowid FROM evidence_fts JOIN evidence_facts f ON f.document_id = evidence_fts.document_id "
                "AND f.idx = evidence_fts.idx WHERE evidence_fts MATCH ? AND evidence_fts.kind = 'indicator'",
                (match,))], np.int64)
            hit = np.isin(self.rowid, ids)
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


def _group(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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


def _distinct_docs(keys: np.ndarray, docs: np.ndarray, size: int) -> np.ndarray:
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


# -- meta ---------------------------------------------------------------------------------------------------------


def meta(ix: FactIndex) -> dict[str, Any]:
    """What the filter controls offer, the store's size and its date range."""
    dated = ix.day[ix.day != NO_DAY]
    ddated = ix.doc_day[ix.doc_day != NO_DAY]
    outlet_n = np.bincount(ix.doc_outlet, minlength=len(ix.vocab["outlet"].values))
    place_n = np.bincount(ix.cols["place"], minlength=len(ix.vocab["place"].values))
    top = lambda counts, voc: [voc.values[i] for i in np.argsort(-counts, kind="stable")  # noqa: E731
                               if i and counts[i]][:300]
    return {
        "counts": {"documents": int(ix.doc_day.size), "indicators": int(ix.n),
                   "quotes": ix.n_quotes},
        "evidence_range": [_iso(dated.min()), _iso(dated.max())] if dated.size else [None, None],
        "document_range": [_iso(ddated.min()), _iso(ddated.max())] if ddated.size else [None, None],
        "options": {
            "indicator": list(INDICATORS), "subject_side": list(SUBJECT_SIDES), "claimant_side": list(SIDES),
            "channel": list(CHANNELS), "speaker_role": list(ROLES),
            "outlet": top(outlet_n, ix.vocab["outlet"]), "place": top(place_n, ix.vocab["place"]),
        },
        "intervals": list(INTERVALS), "splits": list(SPLITS),
    }


# -- trends -------------------------------------------------------------------------------------------------------


def _period_codes(days: np.ndarray, interval: str) -> np.ndarray:
    """Each day number as the number of its period: the day, its week's Monday, or its month (year * 12 + m)."""
    if interval == "day":
        return days.astype(np.int64)
    if interval == "week":
        return (days - (days + 3) % 7).astype(np.int64)  # 1970-01-01 was a Thursday
    if days.size == 0:
        return np.zeros(0, np.int64)
    lo, hi = int(days.min()), int(days.max())  # a lookup table over the days spanned (thousands, not millions)
    lut = np.array([d.year * 12 + d.month - 1 for d in (date.fromordinal(x + _EPOCH) for x in range(lo, hi + 1))],
                   np.int64)
    return lut[days - lo]


def _period_label(code: int, interval: str) -> str:
    if interval == "month":
        return date(code // 12, code % 12 + 1, 1).isoformat()
    return _iso(code)


def _periods(lo: str, hi: str, interval: str) -> tuple[list[str], int, int]:
    """Every period from ``lo`` to ``hi`` (empty ones too, so a gap shows as a gap), its first code and step."""
    a = _period_codes(np.array([_day_num(lo, {}), _day_num(hi, {})], np.int32), interval)
    step = 7 if interval == "week" else 1
    codes = range(int(a[0]), int(a[1]) + 1, step)
    return [_period_label(c, interval) for c in codes], int(a[0]), step


def trends(ix: FactIndex, f: Filters, interval: str = "auto", split: str = "subject_side") -> dict[str, Any]:
    """Per indicator and period: evidence items (asserted, hedged and negated apart) and distinct documents, split
    by a side or the channel, with the documents analysed in each period as the denominator."""
    if split not in SPLITS:
        raise _bad("split", split, SPLITS)
    if interval not in INTERVALS:
        raise _bad("interval", interval, INTERVALS)
    m = ix.mask(f)
    undated = int(np.count_nonzero(m & (ix.day == NO_DAY)))
    m &= ix.day != NO_DAY
    days = ix.day[m]
    lo = f.since or (_iso(days.min()) if days.size else None)
    hi = f.until or (_iso(days.max()) if days.size else None)
    if interval == "auto":
        span = (date.fromisoformat(hi) - date.fromisoformat(lo)).days if lo and hi else 0
        interval = "day" if span <= 92 else "week" if span <= 800 else "month"
    if not (lo and hi):
        return {"interval": interval, "split": split, "periods": [], "denominator": [], "indicators": [],
                "undated": undated, "filters": f.as_dict()}
    periods, first, step = _periods(lo, hi, interval)
    np_ = len(periods)
    pidx = (_period_codes(days, interval) - first) // step
    ind = ix.cols["indicator"][m].astype(np.int64)
    skeys = ix.cols[split][m].astype(np.int64) if split != "none" else np.zeros(days.size, np.int64)
    kvoc = ix.vocab[split].values if split != "none" else ["all"]
    ni, nk = len(ix.vocab["indicator"].values), max(len(kvoc), 1)
    size = ni * nk * np_
    g = (ind * nk + skeys) * np_ + pidx
    hed, neg = ix.hedged[m], ix.negated[m]
    items = np.bincount(g, minlength=size).reshape(ni, nk, np_)
    hedged = np.bincount(g[hed], minlength=size).reshape(ni, nk, np_)
    negated = np.bincount(g[neg], minlength=size).reshape(ni, nk, np_)
    asserted = np.bincount(g[~hed & ~neg], minlength=size).reshape(ni, nk, np_)
    docs = _distinct_docs(g, ix.doc[m], size).reshape(ni, nk, np_)
    ind_docs = _distinct_docs(ind, ix.doc[m], ni)
    out: list[dict[str, Any]] = []
    for i in np.flatnonzero(items.sum(axis=(1, 2))):
        series = [{"key": str(kvoc[k]) if kvoc[k] is not None else "unknown", "asserted": asserted[i, k].tolist(),
                   "hedged": hedged[i, k].tolist(), "negated": negated[i, k].tolist(), "docs": docs[i, k].tolist()}
                  for k in np.flatnonzero(items[i].sum(axis=1))]
        series.sort(key=lambda s: s["key"])
        out.append({"indicator": ix.vocab["indicator"].values[i], "items": int(items[i].sum()),
                    "asserted": int(asserted[i].sum()), "hedged": int(hedged[i].sum()),
                    "negated": int(negated[i].sum()), "docs": int(ind_docs[i]), "series": series})
    out.sort(key=lambda x: (-int(x["items"]), str(x["indicator"])))
    return {"interval": interval, "split": split, "periods": periods,
            "denominator": denominator(ix, f, interval, first, step, np_), "indicators": out, "undated": undated,
            "filters": f.as_dict()}


def denominator(ix: FactIndex, f: Filters, interval: str, first: int, step: int, n: int) -> list[int]:
    """Documents analysed per period: all stored documents published in it (of the chosen outlets, if any)."""
    m = ix.doc_day != NO_DAY
    if f.outlet:
        m &= np.isin(ix.doc_outlet, ix.vocab["outlet"].lookup(f.outlet))
    p = (_period_codes(ix.doc_day[m], interval) - first) // step
    p = p[(p >= 0) & (p < n)]
    return np.bincount(p, minlength=n).tolist()


# -- evidence -----------------------------------------------------------------------------------------------------

_EVIDENCE_COLS = ("f.document_id, f.idx, f.day, f.outlet, f.indicator, f.subject_side, f.claimant, f.claimant_side, "
                  "f.channel, f.speaker_role, f.place, f.hedged, f.negated, i.text, i.confidence, i.rule, i.cue, "
                  "i.quote_index, d.title")
_SORTS = ("newest", "oldest")


def _by_rowid(conn: sqlite3.Connection, rowids: list[int], extra: str = "") -> list[dict[str, Any]]:
    if not rowids:
        return []
    rows = _rows(conn, f"SELECT f.rowid AS _r, {_EVIDENCE_COLS}{extra} FROM evidence_facts f JOIN indicators i ON "
                       f"i.document_id = f.document_id AND i.idx = f.idx JOIN documents d ON d.id = f.document_id "
                       f"WHERE f.rowid IN ({', '.join('?' * len(rowids))})", rowids)
    order = {r: i for i, r in enumerate(rowids)}
    rows.sort(key=lambda r: order[r["_r"]])
    for r in rows:
        del r["_r"]
        r["hedged"], r["negated"] = bool(r["hedged"]), bool(r["negated"])
    return rows


def evidence(ix: FactIndex, f: Filters, limit: int = 50, offset: int = 0, sort: str = "newest") -> dict[str, Any]:
    """A page of evidence items (newest first) and the total that match."""
    if sort not in _SORTS:
        raise _bad("sort", sort, _SORTS)
    if not 1 <= limit <= MAX_LIMIT:
        raise _bad("limit", limit, f"a number from 1 to {MAX_LIMIT}")
    if offset < 0:
        raise _bad("offset", offset, "a number >= 0")
    m = ix.mask(f)
    items = _by_rowid(ix.conn, ix.newest(m, offset, limit, sort == "oldest"))
    return {"total": int(np.count_nonzero(m)), "limit": limit, "offset": offset, "items": items,
            "filters": f.as_dict()}


def evidence_item(conn: sqlite3.Connection, document_id: str, idx: int) -> dict[str, Any]:
    """One evidence item with its article: the span, the quote (speaker, via-chain, cue), the place with its
    coordinates, the date, why it fired (rule, cue, confidence), and the document's other indicators."""
    ind = conn.execute("SELECT * FROM indicators WHERE document_id = ? AND idx = ?", (document_id, idx)).fetchone()
    if ind is None:
        raise MoraleWatchError("E404", f"no evidence item {document_id}/{idx}",
                               "pick an item from /api/evidence; the store may have been rebuilt")
    item = dict(ind)
    item["hedged"], item["negated"] = bool(item["hedged"]), bool(item["negated"])
    doc = dict(conn.execute("SELECT id, title, outlet, published, url, author, lang, source, text FROM documents "
                            "WHERE id = ?", (document_id,)).fetchone())
    quote = None
    if item.get("quote_index") is not None:
        row = conn.execute("SELECT * FROM quotes WHERE document_id = ? AND idx = ?",
                           (document_id, item["quote_index"])).fetchone()
        if row is not None:
            from . import decode_row
            from .schema import ANNOTATION_TABLES

            quote = decode_row(ANNOTATION_TABLES["quotes"], row)
    place = None
    if item.get("place"):
        place = _one(conn, "SELECT name, lat, lon, country, start, end FROM entities WHERE document_id = ? AND "
                           "type = 'place' AND (name = ? OR text = ?) ORDER BY start LIMIT 1",
                     (document_id, item["place"], item["place"]))
        place = place or _one(conn, "SELECT name, avg(lat) AS lat, avg(lon) AS lon, max(country) AS country FROM "
                                    "entities WHERE type = 'place' AND name = ? AND lat IS NOT NULL GROUP BY name",
                              (item["place"],))
    others = _rows(conn, "SELECT idx, indicator, start, end, subject_side, hedged, negated FROM indicators "
                         "WHERE document_id = ? AND idx != ? ORDER BY start", (document_id, idx))
    return {"indicator": item, "document": doc, "quote": quote, "place": place, "others": others}


def _one(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
    row = conn.execute(sql, params).fetchone()
    return dict(row) if row is not None else None




# -- places and sources -------------------------------------------------------------------------------------------


def places(ix: FactIndex, f: Filters, limit: int = 300) -> dict[str, Any]:
    """Evidence by the place it is about, with coordinates from the place entities (unlocated ones listed apart)."""
    m = ix.mask(f)
    pl = ix.cols["place"][m].astype(np.int64)
    voc = ix.vocab["place"]
    size = len(voc.values)
    items = np.bincount(pl, minlength=size)
    side = ix.cols["subject_side"][m]
    ru_c, ua_c = ix.vocab["subject_side"].codes.get("ru", -1), ix.vocab["subject_side"].codes.get("ua", -1)
    ru = np.bincount(pl[side == ru_c], minlength=size)
    ua = np.bincount(pl[side == ua_c], minlength=size)
    hed = np.bincount(pl[ix.hedged[m]], minlength=size)
    neg = np.bincount(pl[ix.negated[m]], minlength=size)
    docs = _distinct_docs(pl, ix.doc[m], size)
    order = [int(i) for i in np.lexsort((np.arange(size), -items)) if i and items[i]][:limit]
    rows: list[dict[str, Any]] = [{"place": voc.values[i], "items": int(items[i]), "docs": int(docs[i]), "ru": int(ru[i]), "ua": int(ua[i]),
             "hedged": int(hed[i]), "negated": int(neg[i])} for i in order]
    coords = place_coords(ix.conn, [r["place"] for r in rows], ix.coords)
    located: list[dict[str, Any]] = []
    unlocated: list[dict[str, Any]] = []
    for r in rows:
        c = coords.get(r["place"])
        (located if c else unlocated).append(r | ({"lat": c[0], "lon": c[1], "country": c[2]} if c else {}))
    return {"places": located, "unlocated": unlocated, "without_place": int(items[0]), "filters": f.as_dict()}


def place_coords(conn: sqlite3.Connection, names: Sequence[str],
                 cache: dict[str, Any] | None = None) -> dict[str, tuple[float, float, str | None]]:
    """Coordinates of place names, from the place entities the entity stage resolved (the first located mention
    of each name, found through the entities index)."""
    cache = {} if cache is None else cache
    for name in names:
        if name not in cache:
            row = conn.execute("SELECT lat, lon, country FROM entities WHERE type = 'place' AND name = ? AND lat IS "
                               "NOT NULL LIMIT 1", (name,)).fetchone()
            cache[name] = tuple(row) if row is not None else None
    return {n: cache[n] for n in names if cache[n] is not None}


def sources(ix: FactIndex, f: Filters, limit: int = 100) -> dict[str, Any]:
    """Outlets and speakers with their evidence counts by the source's side (and by the side it is about)."""
    m = ix.mask(f)
    sides = ix.vocab["claimant_side"]
    ns = len(sides.values)
    out_c = ix.cols["outlet"][m].astype(np.int64)
    side_c = ix.cols["claimant_side"][m].astype(np.int64)
    no = len(ix.vocab["outlet"].values)
    grid = np.bincount(out_c * ns + side_c, minlength=no * ns).reshape(no, ns)
    subj = ix.cols["subject_side"][m]
    about = {k: np.bincount(out_c[subj == ix.vocab["subject_side"].codes.get(k, -1)], minlength=no)
             for k in ("ru", "ua")}
    totals = grid.sum(axis=1)
    outlets = []
    for o in [int(i) for i in np.lexsort((np.arange(no), -totals)) if totals[i]][:limit]:
        outlets.append({"outlet": ix.vocab["outlet"].values[o] or "(unknown outlet)", "items": int(totals[o]),
                        "by_side": {(sides.values[s] or "unknown"): int(grid[o, s]) for s in np.flatnonzero(grid[o])},
                        "about_ru": int(about["ru"][o]), "about_ua": int(about["ua"][o])})
    cl = ix.cols["claimant"][m].astype(np.int64)
    role = ix.cols["speaker_role"][m].astype(np.int64)
    nr = len(ix.vocab["speaker_role"].values)
    key = (cl * ns + side_c) * nr + role
    has = cl != 0
    uniq, inv, counts = _group(key[has])
    hed = np.bincount(inv, weights=ix.hedged[m][has], minlength=uniq.size)
    neg = np.bincount(inv, weights=ix.negated[m][has], minlength=uniq.size)
    docs = _distinct_docs(inv, ix.doc[m][has], uniq.size)
    speakers = []
    for j in np.lexsort((uniq, -counts))[:limit]:
        k = int(uniq[j])
        speakers.append({"speaker": ix.vocab["claimant"].values[k // (ns * nr)],
                         "side": sides.values[(k // nr) % ns] or "unknown",
                         "role": ix.vocab["speaker_role"].values[k % nr] or "unknown", "items": int(counts[j]),
                         "docs": int(docs[j]), "hedged": int(hed[j]), "negated": int(neg[j])})
    by_side = np.bincount(side_c, minlength=ns)
    return {"outlets": outlets, "speakers": speakers,
            "by_side": {(sides.values[s] or "unknown"): int(by_side[s]) for s in np.flatnonzero(by_side)},
            "sides": list(SIDES), "filters": f.as_dict()}


# -- the static report ---------------------------------------------------------------------------------------------


def snapshot(ix: FactIndex, f: Filters, limit: int = 5000) -> dict[str, Any]:
    """Everything the self-contained report needs to redo the views in the browser without a server: the newest
    ``limit`` matching evidence items (facts, span, quote), their articles, the documents-per-day denominator and
    the place coordinates."""
    conn = ix.conn
    m = ix.mask(f)
    facts = _by_rowid(conn, ix.newest(m, 0, limit), ", i.start, i.end, i.date, i.hedged AS h, i.negated AS g")
    doc_ids = sorted({r["document_id"] for r in facts})
    docs: dict[str, Any] = {}
    quotes: dict[str, Any] = {}
    for i in range(0, len(doc_ids), 400):
        chunk = doc_ids[i:i + 400]
        marks = ", ".join("?" * len(chunk))
        for r in conn.execute(f"SELECT id, title, outlet, published, url, text FROM documents WHERE id IN ({marks})",
                              chunk):
            docs[r["id"]] = dict(r)
        for r in conn.execute(f"SELECT document_id, idx, speaker, speaker_role, side, channel, via, cue, kind, "
                              f"start, end, speaker_start, speaker_end FROM quotes WHERE document_id IN ({marks})",
                              chunk):
            quotes[f"{r['document_id']}/{r['idx']}"] = dict(r)
    dated = ix.doc_day != NO_DAY
    pairs, counts = np.unique(ix.doc_day[dated].astype(np.int64) * len(ix.vocab["outlet"].values)
                              + ix.doc_outlet[dated], return_counts=True)
    no = len(ix.vocab["outlet"].values)
    per_day_outlet: list[dict[str, Any]] = [{"day": _iso(int(p) // no), "outlet": ix.vocab["outlet"].values[int(p) % no], "n": int(c)}
                      for p, c in zip(pairs, counts)]
    per_day: dict[str, int] = {}
    for r in per_day_outlet:
        per_day[r["day"]] = per_day.get(r["day"], 0) + r["n"]
    coords = {k: [v[0], v[1]] for k, v in place_coords(conn, sorted({r["place"] for r in facts if r["place"]}))
              .items()}
    return {"facts": facts, "total": int(np.count_nonzero(m)), "documents": docs, "quotes": quotes,
            "per_day": per_day, "per_day_outlet": per_day_outlet, "coords": coords, "filters": f.as_dict(),
            "meta": meta(ix)}
