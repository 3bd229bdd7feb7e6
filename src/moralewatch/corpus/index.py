"""The story index (issue 16): documents join stories and events one at a time, never reclustering.

Each document is sketched once (:func:`moralewatch.corpus.features.sketch`); its signatures are cut into LSH bands
and every band value is a bucket key. A new document's candidates are the earlier documents sharing a bucket
(each bucket keeps at most ``BUCKET_CAP`` members, the earliest: template texts cannot make the work quadratic);
each candidate's relation is decided by :func:`moralewatch.corpus.relate.relation`. The document joins the story
of its best same-story candidate (or founds one) and links its story's event to the events of its ``same_event``
candidates (union-find; the older event's id wins). Ids are stable strings derived from the founding document's
id, so the same documents in the same order give the same grouping in one run or in many (the state is saved and
loaded, :meth:`StoryIndex.save` / :meth:`StoryIndex.load`).

What is kept per document is fixed in size: 96 signature words, a few counts, its story, event and relation (about
0.5 kB with the bucket entries, measured in BENCHMARKS.md); the texts are never kept.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from .features import NUM_PERM, NUM_SALIENT_PERM, Sketch, sketch
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


class StoryIndex:
    def __init__(self, thresholds: Thresholds = DEFAULT) -> None:
        self.t = thresholds
        self.members: list[Member] = []
        self.by_id: dict[str, int] = {}
        self.buckets: dict[int, int | list[int]] = {}   # a bucket of one member holds its seq, else a list
        self.story_first: dict[str, int] = {}     # story -> seq of its earliest-published member
        self.story_event: dict[str, str] = {}
        self.event_parent: dict[str, str] = {}
        self._eseq: dict[str, int] = {}           # event -> seq of the document that founded it
        self.story_n: dict[str, int] = {}         # story -> its members
        self.event_stories: dict[str, list[str]] = {}   # root event -> its stories
        self.dirty: set[str] = set()              # stories whose row (event, first source, size) changed since save
        self.saved = 0                            # members[:saved] are in the state file
        self._sig = np.zeros((0, NUM_PERM), dtype=np.uint32)          # row seq: the member's signatures
        self._ssig = np.zeros((0, NUM_SALIENT_PERM), dtype=np.uint32)
        self._script = np.zeros(0, dtype=bool)                         # Cyrillic text

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
            moved = self.event_stories.pop(new, [])
            self.event_stories.setdefault(old, []).extend(moved)
            self.dirty.update(moved)

    def _root(self, e: str) -> str:
        while self.event_parent.get(e, e) != e:
            e = self.event_parent[e]
        return e

    # -- adding ---------------------------------------------------------------------------------------------
    def add(self, doc_id: str, text: str, title: str | None = None, published: str | None = None,
            source: str | None = None, author: str | None = None) -> Member:
        if doc_id in self.by_id:
            return self.members[self.by_id[doc_id]]
        sk = sketch(text, title)
        meta = Meta(date=published[:10] if published else None, script=script_of(text), source=source)
        seq = len(self.members)
        cands: set[int] = set()
        keys = self.keys(sk)
        for k in keys:
            b = self.buckets.get(k)
            if b is None:
                continue
            if isinstance(b, int):
                cands.add(b)
            else:
                cands.update(b)
        best: tuple[int, float, int] | None = None     # (relation rank, -score, seq): the smallest wins
        best_seq = -1
        events: list[int] = []
        for c in self._plausible(sk, meta.script, cands):
            m = self.members[c]
            rel, score = relation(sk, meta, m.sketch, m.meta, self.t)
            if rel in SAME_STORY:
                rank = (RELATION_ORDER.index(rel), -score, c)
                if best is None or rank < best:
                    best, best_seq = rank, c
            elif rel == "same_event":
                events.append(c)
        flags = text_flags(text, title, author)
        named = byline(text) or author or None
        if best is not None:
            matched = self.members[best_seq]
            rel = RELATION_ORDER[best[0]]
            story = matched.story
            other_source = matched.meta.source != source
            if rel == "rewrite" and "machine_garbled" in flags and "spun_copy" not in flags and other_source:
                flags = sorted([*flags, "spun_copy"])
            if "byline_mismatch" not in flags and byline(text) and (
                    "spun_copy" in flags or other_source and names_disagree(byline(text), matched.byline)):
                flags = sorted([*flags, "byline_mismatch"])  # a copy under another name than the original's
            member = Member(doc_id, seq, sk, meta, story, rel, matched.id, flags, named)
            first = self.members[self.story_first[story]]
            if meta.date and (first.meta.date is None or meta.date < first.meta.date):
                self.story_first[story] = seq
        else:
            story = _sid("s-", doc_id)
            member = Member(doc_id, seq, sk, meta, story, "original", None, flags, named)
            self.story_first[story] = seq
            self.story_event[story] = _sid("e-", doc_id)
            self._eseq[self.story_event[story]] = seq
            self.event_stories[self.story_event[story]] = [story]
        self.story_n[story] = self.story_n.get(story, 0) + 1
        self.dirty.add(story)
        self._grow(sk, meta.script)
        self.members.append(member)
        self.by_id[doc_id] = seq
        for c in events:
            other = self.members[c].story
            if other != story:
                self._union(self.story_event[story], self.story_event[other])
        self._bucket(keys, seq)
        return member

    def _bucket(self, keys: list[int], seq: int) -> None:
        for k in keys:
            b = self.buckets.get(k)
            if b is None:
                self.buckets[k] = seq
            elif isinstance(b, int):
                self.buckets[k] = [b, seq]
            elif len(b) < BUCKET_CAP:
                b.append(seq)

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

    def _grow(self, sk: Sketch, script: str) -> None:
        n = len(self.members)
        if n >= len(self._sig):
            cap = max(1024, 2 * len(self._sig))
            self._sig = np.resize(self._sig, (cap, self._sig.shape[1]))
            self._ssig = np.resize(self._ssig, (cap, self._ssig.shape[1]))
            self._script = np.resize(self._script, cap)
        self._sig[n] = sk.sig
        self._ssig[n] = sk.ssig
        self._script[n] = script == "cyrillic"

    def assignment(self, doc_id: str) -> Assignment:
        m = self.members[self.by_id[doc_id]]
        first = self.members[self.story_first[m.story]]
        rel = "original" if first.id == m.id else m.relation
        if rel == "original" and first.id != m.id:  # the founder, when an earlier-published member joined later
            rel = _INVERSE.get(first.relation, "copy") if first.matched == m.id else "copy"
        return Assignment(m.id, m.story, self.event_of(m.story), rel, first.id, m.flags)


    def assignments(self) -> Iterable[Assignment]:
        for m in self.members:
            yield self.assignment(m.id)

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
        self.saved = len(self.members)

    def story_rows(self, stories: Iterable[str]) -> list[tuple[str, str, str, str | None, int]]:
        """``(story, event, first_source, first_published, n_documents)`` of each story."""
        out = []
        for s in stories:
            first = self.members[self.story_first[s]]
            out.append((s, self.event_of(s), first.id, first.meta.date, self.story_n[s]))
        return out

    @classmethod
    def load(cls, conn: sqlite3.Connection, thresholds: Thresholds = DEFAULT) -> StoryIndex:
        ensure_tables(conn)
        idx = cls(thresholds)
        for (doc_id, seq, blob, n_sh, n_sal, exact, n_chars, day, script, source, story, rel, matched,
             flags, named) in conn.execute(f"SELECT {MEMBER_COLUMNS} FROM story_members ORDER BY seq"):
            sk = Sketch.from_bytes(blob, n_sh, n_sal, exact, n_chars)
            m = Member(doc_id, seq, sk, Meta(day, script, source), story, rel, matched,
                       [f for f in flags.split(",") if f], named)
            idx._grow(sk, script)
            idx.members.append(m)
            idx.by_id[doc_id] = seq
            idx._bucket(cls.keys(sk), seq)
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
            idx.event_stories.setdefault(idx.event_of(story), []).append(story)
        idx.saved = len(idx.members)
        return idx


MEMBER_COLUMNS = ("id, seq, sketch, n_shingles, n_salient, exact, n_chars, published, script, source, story, "
                  "relation, matched, flags, byline")

#: the tables of the story state (a --state file of `moralewatch stories`; in a store, migration 6 makes them)
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
