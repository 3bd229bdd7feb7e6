"""The story index (issue 16): documents join stories and events one at a time, never reclustering.

Each document is sketched once (:func:`moralewatch.corpus.features.sketch`); its signatures are cut into LSH bands
and every band value is a bucket key. A new document's candidates are the earlier documents sharing a bucket
(each bucket keeps at most ``BUCKET_CAP`` members, the earliest: template texts cannot make the work quadratic);
each candidate's relation is decided by :func:`moralewatch.corpus.relate.relation`. The document joins the story
of its best same-story candidate (or founds one) and links its story's event to the events of its ``same_event``
candidates (union-find; the older event's id wins). Ids are stable strings derived from the founding document's
id, so the same documents in the same order give the same grouping in one run or in many (the state is saved and
loaded, :meth:`StoryIndex.save` / :meth:`StoryIndex.load`).

What is kept per document is fixed in size and held as numpy rows and interned strings: 156 words of signatures,
title keys and bottom-k, a few counts and codes, its story, and about 28 bucket entries of 12 bytes (1.3 kB a
document over Reuters-21578, :meth:`StoryIndex.nbytes`, bench/stories.py); the texts are never kept.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import overload

import numpy as np

from .features import BOTTOM_K, NUM_PERM, NUM_SALIENT_PERM, TITLE_KEYS, Sketch, sketch
from .flags import byline, names_disagree, text_flags
from .relate import DEFAULT, SAME_STORY, Meta, Thresholds, relation, script_of

SIG_ROWS = 4        # rows per band of the 3-shingle signature: 16 bands (copies; rewrites also via the names)
SSIG_ROWS = 2       # rows per band of the salient signature: 16 bands
BUCKET_CAP = 32
RELATION_ORDER = ("copy", "update", "abridged", "translation", "rewrite")
_INVERSE = {"update": "abridged", "abridged": "update", "copy": "copy", "rewrite": "rewrite", "translation": "translation"}


_BAND_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 1], dtype=np.uint64)
_LOW56 = np.uint64(0xFFFFFFFFFFFFFF)
_BAND_TOP = np.arange(NUM_PERM // SIG_ROWS, dtype=np.uint64) << np.uint64(56)
_SBAND_TOP = (64 + np.arange(NUM_SALIENT_PERM // SSIG_ROWS, dtype=np.int64)) << 56


def _sid(prefix: str, doc_id: str) -> str:
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


class Buckets:
    """The LSH buckets: key -> the seqs of its first ``BUCKET_CAP`` members, in about 12 bytes an entry.

    New entries go to a small dict (at most ``RECENT`` entries); a full dict becomes a run: two numpy arrays sorted
    by key (seqs ascending within a key), searched by bisection. Runs are merged while the newer is at least half
    the size of the one before it, so there are at most log2(entries / ``RECENT``) runs and each entry is copied
    O(log n) times (a log-structured merge). A Python dict of lists cost about 100 bytes an entry (3 kB a
    document); the candidates are the same."""

    RECENT = 1 << 18

    def __init__(self) -> None:
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []
        self.recent: dict[int, list[int]] = {}
        self.n_recent = 0

    def __len__(self) -> int:
        return sum(int(k.size) for k, _ in self.runs) + self.n_recent

    def lookup(self, keys: list[int]) -> tuple[set[int], list[int]]:
        """The seqs in the buckets of ``keys``, and how many each bucket holds (for :meth:`add`)."""
        out: set[int] = set()
        counts = [0] * len(keys)
        if self.runs:
            k = np.array(keys, np.uint64)
            both = np.concatenate([k, k + np.uint64(1)])  # a key's span: [first >= key, first >= key + 1)
            nk = len(keys)
            for rk, rs in self.runs:
                pos = np.searchsorted(rk, both)
                lo, hi = pos[:nk], pos[nk:]
                for i in np.flatnonzero(hi > lo).tolist():
                    a, b = int(lo[i]), int(hi[i])
                    out.update(rs[a:b].tolist())
                    counts[i] += b - a
        rec = self.recent
        for i, key in enumerate(keys):
            r = rec.get(key)
            if r is not None:
                out.update(r)
                counts[i] += len(r)
        return out, counts

    def add(self, keys: list[int], seq: int, counts: list[int] | None = None) -> None:
        """Add ``seq`` to the buckets of ``keys`` that hold fewer than ``BUCKET_CAP`` (``counts`` from
        :meth:`lookup` of the same keys, when it was just called)."""
        if counts is None:
            counts = self.lookup(keys)[1]
        rec = self.recent
        for key, n in zip(keys, counts):
            if n < BUCKET_CAP:
                r = rec.get(key)
                if r is None:
                    rec[key] = [seq]
                else:
                    r.append(seq)
                self.n_recent += 1
        if self.n_recent >= self.RECENT:
            self.flush()

    def flush(self) -> None:
        if not self.n_recent:
            return
        k = np.fromiter((k for k, r in self.recent.items() for _ in r), np.uint64, self.n_recent)
        v = np.fromiter((x for r in self.recent.values() for x in r), np.int32, self.n_recent)
        order = np.lexsort((v, k))
        self.runs.append((k[order], v[order]))
        self.recent, self.n_recent = {}, 0
        while len(self.runs) >= 2 and self.runs[-1][0].size * 2 >= self.runs[-2][0].size:
            (ok, os_), (nk, ns) = self.runs[-2], self.runs[-1]
            keys, seqs = np.concatenate([ok, nk]), np.concatenate([os_, ns])
            order = np.argsort(keys, kind="stable")  # the older run's seqs are smaller: seqs stay ascending
            self.runs[-2:] = [(keys[order], seqs[order])]


_RELATIONS = ("original", "copy", "update", "abridged", "rewrite", "translation")


class _Members(Sequence[Member]):
    """The members as a read-only sequence of :class:`Member`, each made on access from the index's arrays."""

    def __init__(self, idx: StoryIndex) -> None:
        self.idx = idx

    def __len__(self) -> int:
        return len(self.idx.ids)

    @overload
    def __getitem__(self, i: int) -> Member: ...

    @overload
    def __getitem__(self, i: slice) -> list[Member]: ...

    def __getitem__(self, i: int | slice) -> Member | list[Member]:
        if isinstance(i, slice):
            return [self.idx.member(j) for j in range(*i.indices(len(self)))]
        return self.idx.member(i if i >= 0 else len(self) + i)


class StoryIndex:
    """What is kept per document is arrays (signatures, counts, codes) and interned strings, never objects: about
    1 kB a document with the buckets (measured in bench/stories.py); :attr:`members` makes a :class:`Member` on
    access."""

    def __init__(self, thresholds: Thresholds = DEFAULT) -> None:
        self.t = thresholds
        self.ids: list[str] = []
        self.by_id: dict[str, int] = {}
        self.buckets = Buckets()
        self.story_first: dict[str, int] = {}     # story -> seq of its earliest-published member
        self.story_event: dict[str, str] = {}
        self.event_parent: dict[str, str] = {}
        self._eseq: dict[str, int] = {}           # event -> seq of the document that founded it
        self.story_n: dict[str, int] = {}         # story -> its members
        self.event_stories: dict[str, list[str]] = {}   # root event -> its stories, once it has more than one
        self.dirty: set[str] = set()              # stories whose row (event, first source, size) changed since save
        self.saved = 0                            # members[:saved] are in the state file
        cap = 0
        self._sig = np.zeros((cap, NUM_PERM), dtype=np.uint32)          # row seq: the member's signatures ...
        self._ssig = np.zeros((cap, NUM_SALIENT_PERM), dtype=np.uint32)
        self._title = np.zeros((cap, TITLE_KEYS), dtype=np.uint32)
        self._bottom = np.zeros((cap, BOTTOM_K), dtype=np.uint32)
        self._ints = np.zeros((cap, 4), dtype=np.int64)                # n_shingles, n_salient, exact, n_chars
        self._script = np.zeros(cap, dtype=bool)                        # Cyrillic text
        self._code = np.zeros((cap, 3), dtype=np.int32)                # relation, flags, matched seq (-1: none)
        self._story: list[str] = []               # interned strings: one object per distinct value
        self._date: list[str | None] = []
        self._source: list[str | None] = []
        self._byline: dict[int, str] = {}
        self._flagsets: list[tuple[str, ...]] = [()]
        self._flagcode: dict[tuple[str, ...], int] = {(): 0}

    @property
    def members(self) -> _Members:
        return _Members(self)

    def nbytes(self) -> dict[str, int]:
        """What the index holds in memory, by part (bytes; Python objects by ``sys.getsizeof``): ``per_document``
        (rows in use, bucket runs, ids, story and event maps) grows with the documents; ``bounded`` (the recent
        bucket entries) does not; ``slack`` is the rows allocated but not yet used."""
        n = len(self.ids)
        arrays = (self._sig, self._ssig, self._title, self._bottom, self._ints, self._script, self._code)
        row = sum(a.itemsize * (a[0].size if a.ndim > 1 else 1) for a in arrays)
        size = sys.getsizeof
        maps = (self.story_first, self.story_event, self.event_parent, self._eseq, self.story_n, self.by_id)
        per_doc = (row * n + sum(int(k.nbytes + v.nbytes) for k, v in self.buckets.runs)
                   + size(self.ids) + sum(size(i) for i in self.ids) + sum(size(m) for m in maps)
                   + sum(size(s) for s in self.story_first) + sum(size(e) for e in self._eseq)
                   + 3 * size(self._story) + sum(size(b) for b in self._byline.values()))
        bounded = size(self.buckets.recent) + sum(size(r) + 32 for r in self.buckets.recent.values())
        return {"documents": n, "per_document": per_doc, "bounded": bounded, "slack": row * (len(self._sig) - n)}

    # -- keys -----------------------------------------------------------------------------------------------
    @staticmethod
    def keys(s: Sketch) -> list[int]:
        """The LSH bucket keys of a sketch: one int per band (band number in the top byte, the band's values below)."""
        # all bands at once (uint64 arithmetic wraps, as the per-band scalar form did)
        band = (s.sig.astype(np.uint64).reshape(-1, SIG_ROWS) * _BAND_MIX).sum(axis=1) & _LOW56
        out: list[int] = (band | _BAND_TOP).tolist()
        if s.n_salient >= 3:
            pair = s.ssig.astype(np.int64).reshape(-1, SSIG_ROWS)
            out += (((pair[:, 0] << 24) ^ pair[:, 1]) | _SBAND_TOP).tolist()
        return out

    # -- events (union-find) ----------------------------------------------------------------------------------
    def event_of(self, story: str) -> str:
        return self._root(self.story_event[story])

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra != rb:
            old, new = sorted((ra, rb), key=lambda e: self._eseq[e])
            self.event_parent[new] = old
            moved = self.event_stories.pop(new, None) or [self._founded(new)]
            self.event_stories.setdefault(old, [self._founded(old)]).extend(moved)
            self.dirty.update(moved)

    def _founded(self, event: str) -> str:
        """The story whose founding document founded ``event``."""
        return self._story[self._eseq[event]]

    def _root(self, e: str) -> str:
        while self.event_parent.get(e, e) != e:
            e = self.event_parent[e]
        return e

    # -- members --------------------------------------------------------------------------------------------
    def sketch_of(self, seq: int) -> Sketch:
        n_sh, n_sal, exact, n_chars = self._ints[seq].tolist()
        return Sketch(self._sig[seq], self._ssig[seq], n_sh, n_sal, exact, self._title[seq], self._bottom[seq],
                      n_chars)

    def meta_of(self, seq: int) -> Meta:
        return Meta(self._date[seq], "cyrillic" if self._script[seq] else "latin", self._source[seq])

    def member(self, seq: int) -> Member:
        rel, flags, matched = self._code[seq].tolist()
        return Member(self.ids[seq], seq, self.sketch_of(seq), self.meta_of(seq), self._story[seq], _RELATIONS[rel],
                      self.ids[matched] if matched >= 0 else None, list(self._flagsets[flags]),
                      self._byline.get(seq))

    def _append(self, doc_id: str, sk: Sketch, meta: Meta, story: str, rel: str, matched: int, flags: list[str],
                named: str | None) -> int:
        seq = len(self.ids)
        if seq >= len(self._sig):
            cap = max(1024, len(self._sig) * 3 // 2)  # grown by half: at most a third of the rows unused
            for name in ("_sig", "_ssig", "_title", "_bottom", "_ints", "_script", "_code"):
                old = getattr(self, name)
                new = np.zeros((cap, *old.shape[1:]), dtype=old.dtype)
                new[:len(old)] = old
                setattr(self, name, new)
        self._sig[seq], self._ssig[seq], self._title[seq], self._bottom[seq] = sk.sig, sk.ssig, sk.title, sk.bottom
        self._ints[seq] = (sk.n_shingles, sk.n_salient, sk.exact, sk.n_chars)
        self._script[seq] = meta.script == "cyrillic"
        fs = tuple(flags)
        code = self._flagcode.get(fs)
        if code is None:
            code = self._flagcode[fs] = len(self._flagsets)
            self._flagsets.append(fs)
        self._code[seq] = (_RELATIONS.index(rel), code, matched)
        self._story.append(sys.intern(story))
        self._date.append(sys.intern(meta.date) if meta.date else None)
        self._source.append(sys.intern(meta.source) if meta.source else None)
        if named:
            self._byline[seq] = named
        self.ids.append(doc_id)
        self.by_id[doc_id] = seq
        return seq

    # -- adding ---------------------------------------------------------------------------------------------
    def add(self, doc_id: str, text: str, title: str | None = None, published: str | None = None,
            source: str | None = None, author: str | None = None) -> int:
        """Group one document; returns its seq (``members[seq]`` is its :class:`Member`). A document already in
        the index is not added again."""
        if doc_id in self.by_id:
            return self.by_id[doc_id]
        sk = sketch(text, title)
        meta = Meta(date=published[:10] if published else None, script=script_of(text), source=source)
        keys = self.keys(sk)
        cands, counts = self.buckets.lookup(keys)
        best: tuple[int, float, int] | None = None     # (relation rank, -score, seq): the smallest wins
        best_seq = -1
        events: list[int] = []
        for c in self._plausible(sk, meta.script, cands):
            rel, score = relation(sk, meta, self.sketch_of(c), self.meta_of(c), self.t)
            if rel in SAME_STORY:
                rank = (RELATION_ORDER.index(rel), -score, c)
                if best is None or rank < best:
                    best, best_seq = rank, c
            elif rel == "same_event":
                events.append(c)
        flags = text_flags(text, title, author)
        named = byline(text) or author or None
        if best is not None:
            rel = RELATION_ORDER[best[0]]
            story = self._story[best_seq]
            other_source = self._source[best_seq] != source
            if rel == "rewrite" and "machine_garbled" in flags and "spun_copy" not in flags and other_source:
                flags = sorted([*flags, "spun_copy"])
            if "byline_mismatch" not in flags and byline(text) and (
                    "spun_copy" in flags or other_source and names_disagree(byline(text), self._byline.get(best_seq))):
                flags = sorted([*flags, "byline_mismatch"])  # a copy under another name than the original's
            seq = self._append(doc_id, sk, meta, story, rel, best_seq, flags, named)
            first_date = self._date[self.story_first[story]]
            if meta.date and (first_date is None or meta.date < first_date):
                self.story_first[story] = seq
        else:
            story = _sid("s-", doc_id)
            seq = self._append(doc_id, sk, meta, story, "original", -1, flags, named)
            self.story_first[story] = seq
            self.story_event[story] = _sid("e-", doc_id)
            self._eseq[self.story_event[story]] = seq
        self.story_n[story] = self.story_n.get(story, 0) + 1
        self.dirty.add(story)
        for c in events:
            other = self._story[c]
            if other != story:
                self._union(self.story_event[story], self.story_event[other])
        self.buckets.add(keys, seq, counts)
        return seq

    def _plausible(self, sk: Sketch, script: str, cands: set[int]) -> list[int]:
        """The candidates whose estimated similarities can reach a relation other than unrelated (vectorised)."""
        if not cands:
            return []
        c = np.fromiter(sorted(cands), dtype=np.int64, count=len(cands))
        j = (self._sig[c] == sk.sig).sum(axis=1)
        js = (self._ssig[c] == sk.ssig).sum(axis=1)
        cross = self._script[c] != (script == "cyrillic")
        keep = (j >= self.t.rewrite_low * len(sk.sig)) | (js >= self.t.event * len(sk.ssig) * 0.8) | (
            cross & (js >= self.t.translation * len(sk.ssig) * 0.8))
        return [int(x) for x in c[keep].tolist()]

    def assignment(self, doc_id: str) -> Assignment:
        seq = self.by_id[doc_id]
        story = self._story[seq]
        first = self.story_first[story]
        rel_code, flags, _ = self._code[seq].tolist()
        rel = "original" if first == seq else _RELATIONS[rel_code]
        if rel == "original" and first != seq:  # the founder, when an earlier-published member joined later
            f_rel, _, f_matched = self._code[first].tolist()
            rel = _INVERSE.get(_RELATIONS[f_rel], "copy") if f_matched == seq else "copy"
        return Assignment(doc_id, story, self.event_of(story), rel, self.ids[first], list(self._flagsets[flags]))

    def assignments(self) -> Iterable[Assignment]:
        for doc_id in self.ids:
            yield self.assignment(doc_id)

    # -- persistence ----------------------------------------------------------------------------------------
    def save(self, conn: sqlite3.Connection) -> None:
        """Append the members added since the last save, and the story and event state (one transaction)."""
        ensure_tables(conn)
        with conn:
            self.write(conn)

    def write(self, conn: sqlite3.Connection) -> None:
        """:meth:`save` inside the caller's transaction (the store's corpus stage writes more in the same one)."""
        rows = []
        for m in self.members[self.saved:]:
            rows.append((m.id, m.seq, m.sketch.to_bytes(), m.sketch.n_shingles, m.sketch.n_salient,
                         m.sketch.exact, m.sketch.n_chars, m.meta.date, m.meta.script, m.meta.source, m.story,
                         m.relation, m.matched, ",".join(m.flags), m.byline))
        conn.executemany(f"INSERT OR REPLACE INTO story_members ({MEMBER_COLUMNS}) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        conn.execute("DELETE FROM story_state")
        conn.executemany("INSERT INTO story_state VALUES ('first', ?, ?)",
                         [(s, str(v)) for s, v in self.story_first.items()])
        conn.executemany("INSERT INTO story_state VALUES ('event', ?, ?)", list(self.story_event.items()))
        conn.executemany("INSERT INTO story_state VALUES ('parent', ?, ?)", list(self.event_parent.items()))
        conn.executemany("INSERT INTO story_state VALUES ('eseq', ?, ?)",
                         [(e, str(v)) for e, v in self._eseq.items()])
        self.saved = len(self.ids)

    def story_rows(self, stories: Iterable[str]) -> list[tuple[str, str, str, str | None, int]]:
        """``(story, event, first_source, first_published, n_documents)`` of each story."""
        out = []
        for s in stories:
            first = self.story_first[s]
            out.append((s, self.event_of(s), self.ids[first], self._date[first], self.story_n[s]))
        return out

    @classmethod
    def load(cls, conn: sqlite3.Connection, thresholds: Thresholds = DEFAULT) -> StoryIndex:
        ensure_tables(conn)
        idx = cls(thresholds)
        for (doc_id, seq, blob, n_sh, n_sal, exact, n_chars, day, script, source, story, rel, matched,
             flags, named) in conn.execute(f"SELECT {MEMBER_COLUMNS} FROM story_members ORDER BY seq"):
            sk = Sketch.from_bytes(blob, n_sh, n_sal, exact, n_chars)
            got = idx._append(doc_id, sk, Meta(day, script, source), story, rel,
                              idx.by_id[matched] if matched is not None else -1,
                              [f for f in flags.split(",") if f], named)
            assert got == seq, "story_members: seqs must be 0, 1, 2, ... in order"
            idx.buckets.add(cls.keys(sk), seq)
            idx.story_n[story] = idx.story_n.get(story, 0) + 1
        for kind, key, value in conn.execute("SELECT kind, key, value FROM story_state"):
            if kind == "first":
                idx.story_first[key] = int(value)
            elif kind == "event":
                idx.story_event[key] = value
            elif kind == "parent":
                idx.event_parent[key] = value
            elif kind == "eseq":
                idx._eseq[key] = int(value)
        for story in idx.story_event:
            root = idx.event_of(story)
            if root != idx.story_event[story]:
                idx.event_stories.setdefault(root, [idx._founded(root)]).append(story)
        idx.saved = len(idx.ids)
        idx.dirty = set()
        return idx


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
)


def ensure_tables(conn: sqlite3.Connection) -> None:
    for sql in STATE_TABLES:
        conn.execute(sql)
    if "byline" not in {r[1] for r in conn.execute("PRAGMA table_info(story_members)")}:
        conn.execute("ALTER TABLE story_members ADD COLUMN byline TEXT")  # a state file of session 4
