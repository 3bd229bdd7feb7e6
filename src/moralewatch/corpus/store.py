"""The corpus stage in a store (issue 16): ``analyze`` groups the documents it stored into stories and events and
records, for every quote and indicator, the claim it makes and the story that carries it (migration 8's tables).

Incremental: the story index is loaded from the store (``story_members``, ``story_state``), only the documents not
yet grouped are added, in the store's order (rowid), and nothing already grouped moves, so a store filled by one run
or by many holds the same stories. The claims of the documents stored or re-analysed by the run are written again;
those of documents no longer stored are dropped.

:func:`regroup_store` (``moralewatch regroup``, session 13) groups every stored document again with the stage as it
is now (after its relation or thresholds changed), in one transaction, and says what changed.

Readers: :func:`independent` (the counts of one claim), :func:`copies` (a story, its members and their
differences to the first source).
"""

from __future__ import annotations

import difflib
import hashlib
import sqlite3
from collections.abc import Sequence
from typing import Any

from .counts import claim_key, outlet_sides, publishing_side
from .index import BATCH, StoryIndex
from .relate import DEFAULT, Thresholds


def claim_hash(kind: str, label: str, text: str | None) -> str:
    return hashlib.blake2b(claim_key(kind, label, text or "").encode("utf-8"), digest_size=10).hexdigest()


def group_store(conn: sqlite3.Connection, run_id: int | None = None, *, purge: bool = False) -> dict[str, int]:
    """Group the store's documents not yet in a story, and write the claims of those and of the documents of run
    ``run_id`` (stored or re-analysed by it), in one transaction. ``purge``: also drop the claims of documents no
    longer stored (after a re-analysis that changed a text). Returns ``{"grouped", "claims", "stories"}``."""
    idx = StoryIndex.load(conn)  # read as needed: a store's index is never loaded whole
    idx.track_dirty = True
    n_stories = 0
    try:  # BEGIN inside the try: a Ctrl-C right after it must still roll the transaction back
        conn.execute("BEGIN IMMEDIATE")  # the grouping writes as it goes: all of it or nothing
        new = conn.execute(
            "SELECT d.id FROM documents d LEFT JOIN story_members m ON m.id = d.id WHERE m.id IS NULL "
            "ORDER BY d.rowid").fetchall()
        for i in range(0, len(new), BATCH):  # a batch at a time (StoryIndex.add_many), texts read a batch at once
            idx.add_many(_texts(conn, [doc_id for (doc_id,) in new[i:i + BATCH]]))
            if len(idx.dirty) >= DIRTY_MAX:  # their rows now (rewritten if they change again): memory stays bounded
                n_stories += _write_stories(conn, idx)
        ids = [r[0] for r in new]
        if run_id is not None:
            ids += [r[0] for r in conn.execute("SELECT id FROM documents WHERE run_id=? ORDER BY rowid", (run_id,))]
        ids = list(dict.fromkeys(ids))
        idx.write(conn)
        n_stories += _write_stories(conn, idx)
        n_claims = write_claims(conn, idx, ids)
        if purge:
            conn.execute("DELETE FROM claim_sources WHERE document_id NOT IN (SELECT id FROM documents)")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return {"grouped": len(new), "claims": n_claims, "stories": n_stories}


DIRTY_MAX = 1 << 14

#: the grouping's tables in a store (migration 8): emptied and written again by :func:`regroup_store`
GROUPING_TABLES = ("story_members", "story_buckets", "story_state", "stories", "claim_sources")


def regroup(path: str, thresholds: Thresholds = DEFAULT, *, dry_run: bool = False) -> dict[str, int]:
    """``moralewatch regroup STORE``: check that ``path`` is a store this version can write (coded errors: E201 no
    file, E202 not a store, E216 a store of a newer version, E207 another run writing to it), bring an older store's
    schema up to date, hold the store's run lock (no analyze meanwhile) and :func:`regroup_store` it (``dry_run``:
report what would change, write nothing)."""
    import os

    from .. import __version__
    from ..display import shown
    from ..errors import MoraleWatchError
    from ..store import Store, connect, store_error
    from ..store.migrations import MIGRATIONS

    if os.path.isdir(path):
        raise MoraleWatchError("E202", f"{shown(path)} is a folder, not a MoraleWatch database",
                               "pass the database file (moralewatch regroup PATH.db)")
    try:
        conn = connect(path, readonly=True)
        try:
            has = conn.execute("SELECT 1 FROM sqlite_master WHERE name='schema_migrations'").fetchone()
            newest = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] if has else None
        finally:
            conn.close()
    except sqlite3.Error as e:
        raise store_error(e, path) from None
    if newest is None:
        raise MoraleWatchError("E202", f"{shown(path)} is not a MoraleWatch database (it has no schema_migrations)",
                               "pass the path of a store made by moralewatch analyze")
    known = max(v for v, _name, _f in MIGRATIONS)
    if newest > known:
        raise MoraleWatchError("E216", f"{shown(path)} was made by a newer MoraleWatch (schema version {newest}; "
                                       f"this is {__version__}, schema version {known})",
                               "regroup it with the MoraleWatch that made it (or a newer one): upgrade with "
                               "`make install`")
    store = Store(path)  # an older store's schema is brought up to date (its own transactions)
    try:
        store._lock()  # the run lock of analyze: a run writing meanwhile is refused (E207), and no run starts
        try:
            return regroup_store(store.conn, thresholds, dry_run=dry_run)
        except sqlite3.Error as e:
            raise store_error(e, path) from None
    finally:
        store.close()


def _partition(conn: sqlite3.Connection) -> tuple[dict[str, str], dict[str, str], dict[str, int]]:
    """The store's grouping as it stands: document -> story, story -> event, claim -> independent stories."""
    stories = dict(conn.execute("SELECT id, story FROM story_members"))
    events = dict(conn.execute("SELECT id, event FROM stories"))
    counts = dict(conn.execute("SELECT claim, count(DISTINCT story) FROM claim_sources GROUP BY claim"))
    return stories, events, counts


def _changes(before: dict[str, str], after: dict[str, str]) -> tuple[int, int, int]:
    """Between two partitions of documents (document -> group): the groups of ``after`` that join documents of two
    or more groups of ``before`` (merged), the groups of ``before`` whose documents went to two or more groups
    (split), and the documents whose group-mates changed (moved; a document new to the grouping counts)."""
    def groups(p: dict[str, str]) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        for doc, g in p.items():
            out.setdefault(g, set()).add(doc)
        return {g: frozenset(m) for g, m in out.items()}

    gb, ga = groups(before), groups(after)
    merged = sum(1 for m in ga.values() if len({before[d] for d in m if d in before}) > 1)
    split = sum(1 for m in gb.values() if len({after[d] for d in m if d in after}) > 1)
    moved = sum(1 for d, g in after.items() if d not in before or gb[before[d]] != ga[g])
    return merged, split, moved


def regroup_store(conn: sqlite3.Connection, thresholds: Thresholds = DEFAULT, *, dry_run: bool = False
                  ) -> dict[str, int]:
    """Group every stored document again with the stage as it is now (``thresholds``: the relation's), replacing
    the store's stories, events and independent-source counts, in one transaction: an interruption (a crash, a
    kill, a full disk) leaves the old grouping whole. Documents are taken in the store's order (rowid), as
    :func:`group_store` takes them, so the result is the grouping a new store analysed today would hold.

    Returns what changed: ``documents``, ``stories_before`` / ``stories_after``, ``events_before`` /
    ``events_after``, ``stories_merged`` (new stories joining documents of two or more old ones), ``stories_split``
    (old stories whose documents went apart), ``documents_moved`` (documents whose story-mates changed, new ones
    included), ``events_merged`` / ``events_split`` (the same for events, over documents), ``claims`` (claim rows
    written), ``counts_changed`` (claims whose number of independent stories changed), ``counts_up`` /
    ``counts_down``. ``dry_run``: the same work and report, rolled back instead of committed."""
    try:  # BEGIN inside the try: a Ctrl-C right after it must still roll the transaction back
        conn.execute("BEGIN IMMEDIATE")
        old_story, old_event, old_counts = _partition(conn)
        for table in GROUPING_TABLES:
            conn.execute(f"DELETE FROM {table}")
        idx = StoryIndex.load(conn, thresholds)  # empty now: a fresh index in the store's tables
        idx.track_dirty = True
        ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY rowid")]
        for i in range(0, len(ids), BATCH):
            idx.add_many(_texts(conn, ids[i:i + BATCH]))
            if len(idx.dirty) >= DIRTY_MAX:
                _write_stories(conn, idx)
        idx.write(conn)
        _write_stories(conn, idx)
        n_claims = write_claims(conn, idx, ids)
        new_story, new_event, new_counts = _partition(conn)
        conn.execute("ROLLBACK" if dry_run else "COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    merged, split, moved = _changes(old_story, new_story)
    ev_before = {d: old_event.get(s, s) for d, s in old_story.items()}
    ev_after = {d: new_event.get(s, s) for d, s in new_story.items()}
    ev_merged, ev_split, _ = _changes(ev_before, ev_after)
    changed = [new_counts.get(c, 0) - old_counts.get(c, 0) for c in set(old_counts) | set(new_counts)]
    return {"documents": len(ids), "stories_before": len(set(old_story.values())),
            "stories_after": len(set(new_story.values())), "events_before": len(set(ev_before.values())),
            "events_after": len(set(ev_after.values())), "stories_merged": merged, "stories_split": split,
            "documents_moved": moved, "events_merged": ev_merged, "events_split": ev_split, "claims": n_claims,
            "counts_changed": sum(1 for x in changed if x), "counts_up": sum(1 for x in changed if x > 0),
            "counts_down": sum(1 for x in changed if x < 0)}


def _texts(conn: sqlite3.Connection, ids: list[str]) -> list[tuple[str, str, str | None, str | None, str | None,
                                                                     str | None]]:
    """The items :meth:`StoryIndex.add_many` takes of the stored documents ``ids``, in their order (one query)."""
    got = {r[0]: r for r in conn.execute(
        "SELECT id, text, title, published, outlet, source, author FROM documents WHERE id IN "
        f"({','.join('?' * len(ids))})", ids)}
    return [(i, text or "", title, published, outlet or source, author)
            for i, text, title, published, outlet, source, author in map(got.__getitem__, ids)]


def _write_stories(conn: sqlite3.Connection, idx: StoryIndex) -> int:
    """Write the rows of the stories changed since the last call (inside the caller's transaction)."""
    n = len(idx.dirty)
    conn.executemany("INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?)", idx.story_rows(sorted(idx.dirty)))
    idx.dirty.clear()
    return n


def write_claims(conn: sqlite3.Connection, idx: StoryIndex, ids: Sequence[str]) -> int:
    """The claim rows of the documents ``ids`` (their old rows replaced), inside the caller's transaction."""
    sides = outlet_sides()
    n = 0
    for i in range(0, len(ids), 500):
        chunk = [d for d in ids[i:i + 500] if d in idx.by_id]
        if not chunk:
            continue
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM claim_sources WHERE document_id IN ({marks})", chunk)
        pub = {d: publishing_side(o, s, sides) for d, o, s in
               conn.execute(f"SELECT id, outlet, source FROM documents WHERE id IN ({marks})", chunk)}
        rows = []
        for d, j, label, text, side in conn.execute(
                f"SELECT document_id, idx, indicator, text, claimant_side FROM indicators WHERE document_id IN "
                f"({marks})", chunk):
            rows.append(("indicator", d, j, claim_hash("indicator", label or "", text), idx.assignment(d).story,
                         side or "unknown", pub.get(d, "unknown")))
        for d, j, text, side in conn.execute(
                f"SELECT document_id, idx, text, side FROM quotes WHERE document_id IN ({marks})", chunk):
            rows.append(("quote", d, j, claim_hash("quote", "quote", text), idx.assignment(d).story,
                         side or "unknown", pub.get(d, "unknown")))
        conn.executemany("INSERT OR REPLACE INTO claim_sources VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        n += len(rows)
    return n


def has_stories(conn: sqlite3.Connection) -> bool:
    """The store has migration 8's tables (a store opened read-only before any analyze of this version may not)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name='claim_sources'").fetchone() is not None


def independent(conn: sqlite3.Connection, kind: str, document_id: str, idx: int) -> dict[str, Any] | None:
    """How many independent stories carry the claim of one quote or indicator: ``{"documents", "stories",
    "by_claimant_side", "by_publishing_side", "story"}`` (sides -> stories), or None when it is not grouped yet."""
    if not has_stories(conn):
        return None
    row = conn.execute("SELECT claim, story FROM claim_sources WHERE kind=? AND document_id=? AND idx=?",
                       (kind, document_id, idx)).fetchone()
    if row is None:
        return None
    claim = row[0]
    docs, stories = conn.execute("SELECT count(DISTINCT document_id), count(DISTINCT story) FROM claim_sources "
                                 "WHERE claim=?", (claim,)).fetchone()

    def split(col: str) -> dict[str, int]:
        return {k or "unknown": n for k, n in conn.execute(
            f"SELECT {col}, count(DISTINCT story) FROM claim_sources WHERE claim=? GROUP BY 1 ORDER BY 1", (claim,))}

    return {"documents": docs, "stories": stories, "by_claimant_side": split("claimant_side"),
            "by_publishing_side": split("publishing_side"), "story": row[1]}


def story_of(conn: sqlite3.Connection, document_id: str) -> str | None:
    if not has_stories(conn):
        return None
    row = conn.execute("SELECT story FROM story_members WHERE id=?", (document_id,)).fetchone()
    return str(row[0]) if row else None


def story_summary(conn: sqlite3.Connection, document_id: str) -> dict[str, Any] | None:
    """A document's story in brief: ``{"story", "event", "relation", "first_source", "documents", "flags"}``."""
    if not has_stories(conn):
        return None
    row = conn.execute("SELECT m.story, m.relation, m.flags, s.event, s.first_source, s.n_documents FROM story_members "
                       "m JOIN stories s ON s.id = m.story WHERE m.id=?", (document_id,)).fetchone()
    if row is None:
        return None
    first = row[4] == document_id
    return {"story": row[0], "event": row[3], "first_source": row[4], "documents": row[5],
            "relation": "original" if first else "copy" if row[1] == "original" else row[1],
            "flags": [f for f in (row[2] or "").split(",") if f]}


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def differences(first: str, other: str, limit: int = 6) -> dict[str, Any]:
    """What a member changes from the first source's text: paragraphs added and removed (at most ``limit`` of each,
    cut to 300 characters), and how much of the text is the same (difflib ratio of the paragraphs)."""
    a, b = _paragraphs(first), _paragraphs(other)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    added: list[str] = []
    removed: list[str] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op in ("delete", "replace"):
            removed += a[i1:i2]
        if op in ("insert", "replace"):
            added += b[j1:j2]
    return {"same_paragraphs": sum(blk.size for blk in sm.get_matching_blocks()), "paragraphs": len(b),
            "added": [p[:300] for p in added[:limit]], "removed": [p[:300] for p in removed[:limit]],
            "n_added": len(added), "n_removed": len(removed)}


def copies(conn: sqlite3.Connection, story: str, limit: int = 200) -> dict[str, Any] | None:
    """A story: its event, first source, and members (earliest first) with their relation, flags, source and
    differences to the first source's text. None when there is no such story."""
    if not has_stories(conn):
        return None
    row = conn.execute("SELECT id, event, first_source, first_published, n_documents FROM stories WHERE id=?",
                       (story,)).fetchone()
    if row is None:
        return None
    first_text = conn.execute("SELECT text FROM documents WHERE id=?", (row[2],)).fetchone()
    members = []
    for doc_id, relation, matched, flags, byline, title, outlet, url, published, text in conn.execute(
            "SELECT m.id, m.relation, m.matched, m.flags, m.byline, d.title, coalesce(d.outlet, d.source), d.url, "
            "d.published, d.text FROM story_members m LEFT JOIN documents d ON d.id = m.id WHERE m.story=? "
            "ORDER BY coalesce(d.published, m.published, '9999'), m.seq LIMIT ?", (story, limit)):
        first = doc_id == row[2]
        members.append({
            "document_id": doc_id, "title": title, "outlet": outlet, "url": url, "published": published,
            "relation": "original" if first else "copy" if relation == "original" else relation, "matched": matched, "first_source": first,
            "flags": [f for f in (flags or "").split(",") if f], "byline": byline, "stored": text is not None,
            "differences": None if first or text is None or first_text is None else differences(first_text[0], text)})
    events = [r[0] for r in conn.execute("SELECT id FROM stories WHERE event=? AND id != ? ORDER BY first_published "
                                         "LIMIT 50", (row[1], story))]
    return {"story": row[0], "event": row[1], "first_source": row[2], "first_published": row[3],
            "documents": row[4], "members": members, "same_event_stories": events}
